/** Signs and posts a webhook exactly as Shopify does (headers, base64 HMAC of the raw body). */
import crypto from "node:crypto";

export interface WebhookOptions {
  topic: string;
  shop: string;
  body: string;
  secret: string;
  eventId?: string;
  webhookId?: string;
  apiVersion?: string;
  /** Override the signature (to test a bad one). */
  hmac?: string;
}

export function signBody(body: string, secret: string): string {
  return crypto.createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

export async function postWebhook(appUrl: string, o: WebhookOptions): Promise<Response> {
  return fetch(`${appUrl}/webhooks/${o.topic}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": o.topic,
      "X-Shopify-Shop-Domain": o.shop,
      "X-Shopify-Hmac-Sha256": o.hmac ?? signBody(o.body, o.secret),
      "X-Shopify-Webhook-Id": o.webhookId ?? crypto.randomUUID(),
      "X-Shopify-Event-Id": o.eventId ?? crypto.randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
      "X-Shopify-API-Version": o.apiVersion ?? "2026-10",
    },
    body: o.body,
  });
}
