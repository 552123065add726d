import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { env } from "~/config/env.server";
import { requireAdmin } from "~/shopify/admin.server";
import { placeDemoOrder } from "~/demo/place-order.server";
import { DemoSimulatorError } from "~/demo/errors";
import { logger } from "~/log.server";

// Demo only: a shopper places an order, and Shopify (the bundled simulator) sends its webhook here.
export const action = async ({ request }: ActionFunctionArgs) => {
  const config = env();
  if (!config.demo) throw new Response("Not found", { status: 404 });
  const { shop } = await requireAdmin(request);
  const form = await request.formData();
  const kind = form.get("kind") === "unmapped" ? "unmapped" : "normal";
  try {
    const placed = await placeDemoOrder({ appOrigin: new URL(request.url).origin, shop: shop.domain, secret: config.apiSecret, kind, simulatorUrl: config.shopifySimulatorUrl });
    return json({ ok: placed.status === 200, orderId: placed.orderId, name: placed.name, error: placed.status === 200 ? null : `the webhook was answered ${placed.status ?? "with no answer"}` });
  } catch (error) {
    if (!(error instanceof DemoSimulatorError)) throw error;
    logger.warn("demo order not placed", { shop: shop.domain, error });
    return json({ ok: false, orderId: null, name: null, error: error.message });
  }
};

export const loader = () => new Response("Not found", { status: 404 });
