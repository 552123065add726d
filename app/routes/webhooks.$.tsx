import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { db } from "~/db.server";
import { jobEngine } from "~/queue.server";
import { logger } from "~/log.server";
import { receiveWebhook } from "~/intake/receive.server";

// Every topic's webhook (/webhooks/orders/create, /webhooks/shop/redact, …): verify, store, answer.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { response } = await receiveWebhook(request, {
    db: db(),
    engine: await jobEngine(),
    authenticate: async (r) => {
      const ctx = await authenticate.webhook(r);
      return { shop: ctx.shop, topic: ctx.topic, webhookId: ctx.webhookId, eventId: "eventId" in ctx ? ctx.eventId : undefined, triggeredAt: ctx.triggeredAt, apiVersion: ctx.apiVersion, payload: ctx.payload };
    },
    log: logger.child({ route: "webhooks" }),
  });
  return response;
};

export const loader = () => new Response("Method not allowed", { status: 405 });
