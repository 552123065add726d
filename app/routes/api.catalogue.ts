import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { jobEngine } from "~/queue.server";
import { requireAdmin } from "~/shopify/admin.server";
import { methodNotAllowed } from "~/http/json.server";
import { lastCatalogueRun, requestCatalogueRefresh } from "~/catalogue/refresh.server";
import { skuCounts } from "~/mappings/skus.server";

// GET: the last catalogue refresh (with its progress while it runs) and the catalogue's counts.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const [last, counts] = await Promise.all([lastCatalogueRun(db(), shop.domain), skuCounts(db(), shop.domain)]);
  return Response.json({ last, counts });
};

// POST: read every variant from Shopify again (new products, SKUs changed while webhooks were off).
export const action = async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const { shop, actor } = await requireAdmin(request);
  const jobId = await requestCatalogueRefresh(await jobEngine(), shop.domain, `on demand by ${actor}`);
  return Response.json({ jobId }, { status: 202 });
};
