import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startShopifySimulator, type ShopifySimulator } from "../simulators/shopify/server";
import { deliverWebhooks, type WebhookEvent } from "../simulators/shopify/webhooks";
import { control } from "./helpers";

const SHOP = "demo-connector.myshopify.com";
const SECRET = "receiver-secret";

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  hmacValid: boolean;
}

let sim: ShopifySimulator;
let receiver: http.Server;
let appUrl = "";
let received: Received[] = [];
/** Answers for the next requests (then 200). */
let script: number[] = [];

beforeAll(async () => {
  sim = await startShopifySimulator({ apiSecret: SECRET });
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      // Verify as the app must: HMAC-SHA256 of the raw body, base64, constant-time compare.
      const want = crypto.createHmac("sha256", SECRET).update(body, "utf8").digest();
      const got = Buffer.from(String(req.headers["x-shopify-hmac-sha256"] ?? ""), "base64");
      const hmacValid = got.length === want.length && crypto.timingSafeEqual(got, want);
      received.push({ path: req.url ?? "", headers: req.headers, body, hmacValid });
      res.statusCode = script.shift() ?? 200;
      res.end(res.statusCode === 200 ? "ok" : "no");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
  appUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await sim.stop();
  receiver.closeAllConnections();
  await new Promise<void>((r) => receiver.close(() => r()));
});
beforeEach(() => {
  received = [];
  script = [];
});

async function placeOrders(n: number): Promise<WebhookEvent[]> {
  const events: WebhookEvent[] = [];
  for (let i = 0; i < n; i++) {
    await control(sim, `shops/${SHOP}/orders`, { customer: i % 3, lines: [{ sku: "MUG-12OZ", quantity: i + 1 }] });
  }
  const shop = sim.state.shop(SHOP);
  events.push(...shop.events.slice(-n));
  return events;
}

describe("webhook sender", () => {
  it("signs like Shopify and sends Shopify's headers to /webhooks/{topic}", async () => {
    const [event] = await placeOrders(1);
    if (!event) throw new Error("no event");
    const [delivery] = await deliverWebhooks([event], { appUrl, secret: SECRET });
    expect(delivery?.ok).toBe(true);
    expect(received).toHaveLength(1);
    const r = received[0];
    expect(r?.path).toBe("/webhooks/orders/create");
    expect(r?.hmacValid).toBe(true);
    expect(r?.body).toBe(event.body);
    expect(r?.headers).toMatchObject({
      "content-type": "application/json",
      "x-shopify-topic": "orders/create",
      "x-shopify-shop-domain": SHOP,
      "x-shopify-api-version": "2026-10",
      "x-shopify-event-id": event.eventId,
      "x-shopify-webhook-id": delivery?.attempts[0]?.webhookId,
    });
    expect(Date.parse(String(r?.headers["x-shopify-triggered-at"]))).toBe(event.triggeredAt.getTime());
  });

  it("retries a non-2xx answer with the same event id and a new webhook id", async () => {
    const [event] = await placeOrders(1);
    if (!event) throw new Error("no event");
    script = [500, 503];
    const [delivery] = await deliverWebhooks([event], { appUrl, secret: SECRET, attempts: 4, retryDelayMs: 5 });
    expect(delivery?.attempts.map((a) => a.status)).toEqual([500, 503, 200]);
    expect(delivery?.ok).toBe(true);
    expect(new Set(received.map((r) => r.headers["x-shopify-event-id"]))).toEqual(new Set([event.eventId]));
    expect(new Set(received.map((r) => r.headers["x-shopify-webhook-id"])).size).toBe(3);
  });

  it("gives up after the configured attempts and reports the failure", async () => {
    const [event] = await placeOrders(1);
    if (!event) throw new Error("no event");
    script = [500, 500, 500];
    const [delivery] = await deliverWebhooks([event], { appUrl, secret: SECRET, attempts: 3, retryDelayMs: 1 });
    expect(delivery?.ok).toBe(false);
    expect(delivery?.attempts).toHaveLength(3);
  });

  it("repeats each event N times with a stable event id, in a shuffled order", async () => {
    const events = await placeOrders(5);
    const deliveries = await deliverWebhooks(events, { appUrl, secret: SECRET, repeat: 3, shuffle: true, seed: 7 });
    expect(deliveries).toHaveLength(15);
    expect(deliveries.every((d) => d.ok)).toBe(true);
    expect(received.every((r) => r.hmacValid)).toBe(true);
    const perEvent = new Map<string, Received[]>();
    for (const r of received) {
      const id = String(r.headers["x-shopify-event-id"]);
      perEvent.set(id, [...(perEvent.get(id) ?? []), r]);
    }
    expect([...perEvent.keys()].sort()).toEqual(events.map((e) => e.eventId).sort());
    for (const [id, copies] of perEvent) {
      expect(copies).toHaveLength(3);
      const event = events.find((e) => e.eventId === id);
      expect(copies.every((c) => c.body === event?.body)).toBe(true);
    }
    expect(new Set(received.map((r) => r.headers["x-shopify-webhook-id"])).size).toBe(15);
    const arrival = received.map((r) => String(r.headers["x-shopify-event-id"]));
    const inOrder = events.flatMap((e) => [e.eventId, e.eventId, e.eventId]);
    expect(arrival).not.toEqual(inOrder);
  });

  it("delivers what the control API raises when the simulator is pointed at the app", async () => {
    await control(sim, "webhooks", { appUrl });
    try {
      await control(sim, `shops/${SHOP}/compliance`, { topic: "customers/redact", customerId: sim.state.shop(SHOP).customers[0]?.id });
      await control(sim, `shops/${SHOP}/compliance`, { topic: "shop/redact" });
      const deliveries = await control<{ topic: string; ok: boolean }[]>(sim, "deliveries");
      expect(deliveries.map((d) => [d.topic, d.ok])).toEqual([
        ["customers/redact", true],
        ["shop/redact", true],
      ]);
    } finally {
      await control(sim, "webhooks", null);
    }
    expect(received.map((r) => r.path)).toEqual(["/webhooks/customers/redact", "/webhooks/shop/redact"]);
    const redact = JSON.parse(received[0]?.body ?? "{}") as Record<string, unknown>;
    expect(redact).toMatchObject({ shop_domain: SHOP, customer: { email: "ada.lovelace@example.com" }, orders_to_redact: expect.any(Array) });
    expect((redact.orders_to_redact as unknown[]).length).toBeGreaterThan(0);
    expect(JSON.parse(received[1]?.body ?? "{}")).toEqual({ shop_id: sim.state.shop(SHOP).id, shop_domain: SHOP });
  });
});
