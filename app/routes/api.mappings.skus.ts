import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { db } from "~/db.server";
import { jobEngine } from "~/queue.server";
import { requireAdmin } from "~/shopify/admin.server";
import { jsonError, methodNotAllowed, readJson, readQuery } from "~/http/json.server";
import { deleteSkuMapping, listSkus, saveSkuMapping, skuCounts, skuMappingInput } from "~/mappings/skus.server";
import { releaseFixedExceptions } from "~/mappings/reactions.server";

const listQuery = z.object({
  search: z.string().trim().max(100).optional(),
  filter: z.enum(["all", "unmapped", "mapped"]).default("all"),
  after: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(250).default(50),
});

// GET: the catalogue's SKUs with their mappings and counts.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const q = readQuery(request, listQuery);
  const [page, counts] = await Promise.all([listSkus(db(), shop.domain, q), skuCounts(db(), shop.domain)]);
  return Response.json({ ...page, counts });
};

// PUT: map a SKU (orders waiting for it are released). DELETE ?sku=…: unmap it.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await requireAdmin(request);
  if (request.method === "PUT" || request.method === "POST") {
    const input = await readJson(request, skuMappingInput);
    const mapping = await saveSkuMapping(db(), shop.domain, input, actor);
    const released = await releaseFixedExceptions(db(), await jobEngine(), shop.domain, actor);
    return Response.json({ mapping, releasedExceptions: released });
  }
  if (request.method === "DELETE") {
    const { sku } = readQuery(request, z.object({ sku: z.string().min(1) }));
    const removed = await deleteSkuMapping(db(), shop.domain, sku);
    return removed ? new Response(null, { status: 204 }) : jsonError(404, `SKU ${sku} is not mapped`);
  }
  return methodNotAllowed(["GET", "PUT", "DELETE"]);
};
