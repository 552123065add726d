import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { jobEngine } from "~/queue.server";
import { requireAdmin } from "~/shopify/admin.server";
import { methodNotAllowed } from "~/http/json.server";
import { lastSweep, requestSweep } from "~/sync/sweep/index.server";

// GET: the last reconciliation sweep's outcome (null before the first).
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return Response.json({ last: await lastSweep(db(), shop.domain) });
};

// POST: run the sweep now (it pages Shopify for orders whose webhooks never arrived).
export const action = async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const { shop, actor } = await requireAdmin(request);
  const jobId = await requestSweep(await jobEngine(), shop.domain, actor);
  return Response.json({ jobId }, { status: 202 });
};
