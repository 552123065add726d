import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { requireAdmin } from "~/shopify/admin.server";
import { orderSyncState } from "~/orders/sync-state.server";

// GET: one order's sync state (the Shopify order page's block calls this, with CORS).
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop, cors } = await requireAdmin(request);
  const orderId = (params.orderId ?? "").replace(/^gid:\/\/shopify\/Order\//, "");
  if (!/^\d+$/.test(orderId)) return cors(Response.json({ error: "Not an order id" }, { status: 400 }));
  const state = await orderSyncState(db(), shop.domain, orderId);
  if (!state) return cors(Response.json({ error: `Order ${orderId} has not reached the connector yet`, state: "unknown" }, { status: 404 }));
  return cors(Response.json(state));
};

// OPTIONS (the extension's preflight) is answered by the library inside requireAdmin.
export const action = async ({ request }: LoaderFunctionArgs) => {
  const { cors } = await requireAdmin(request);
  return cors(new Response(null, { status: 405, headers: { Allow: "GET" } }));
};
