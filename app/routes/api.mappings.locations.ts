import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { db } from "~/db.server";
import { jobEngine } from "~/queue.server";
import { requireAdmin } from "~/shopify/admin.server";
import { jsonError, methodNotAllowed, readJson, readQuery } from "~/http/json.server";
import { allLocationMappings, deleteLocationMapping, locationMappingInput, saveLocationMapping } from "~/mappings/locations.server";
import { releaseFixedExceptions } from "~/mappings/reactions.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return Response.json({ mappings: await allLocationMappings(db(), shop.domain) });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await requireAdmin(request);
  if (request.method === "PUT" || request.method === "POST") {
    const input = await readJson(request, locationMappingInput);
    const mapping = await saveLocationMapping(db(), shop.domain, input, actor);
    const released = await releaseFixedExceptions(db(), await jobEngine(), shop.domain, actor);
    return Response.json({ mapping, releasedExceptions: released });
  }
  if (request.method === "DELETE") {
    const { shopifyLocationId } = readQuery(request, z.object({ shopifyLocationId: z.string().min(1) }));
    const removed = await deleteLocationMapping(db(), shop.domain, shopifyLocationId);
    return removed ? new Response(null, { status: 204 }) : jsonError(404, `Location ${shopifyLocationId} is not mapped`);
  }
  return methodNotAllowed(["GET", "PUT", "DELETE"]);
};
