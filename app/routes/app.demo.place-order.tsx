import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { env } from "~/config/env.server";
import { requireAdmin } from "~/shopify/admin.server";
import { placeDemoOrder } from "~/demo/place-order.server";

// Demo only: "Shopify" places an order and sends its webhook to this app.
export const action = async ({ request }: ActionFunctionArgs) => {
  const config = env();
  if (!config.demo) throw new Response("Not found", { status: 404 });
  const { shop } = await requireAdmin(request);
  const form = await request.formData();
  const kind = form.get("kind") === "unmapped" ? "unmapped" : "normal";
  const placed = await placeDemoOrder(new URL(request.url).origin, shop.domain, config.apiSecret, kind);
  return json({ ok: placed.status === 200, orderId: String(placed.id), name: placed.name });
};

export const loader = () => new Response("Not found", { status: 404 });
