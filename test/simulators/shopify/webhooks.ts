/**
 * Shopify's webhooks, built from the simulator's in-memory orders (so a webhook and the GraphQL
 * API describe the same order) and delivered like Shopify delivers them: signed, retried on
 * non-2xx, at least once, in any order.
 */
import crypto from "node:crypto";
import type { SimCustomer, SimEdit, SimEvent, SimOrder, SimRefund, SimShop } from "./model";
import { complianceJson, orderEditJson, orderJson, refundWebhookJson, shopJson } from "./rest";

export { makeSessionToken, type SessionTokenInput } from "./jwt";

export const WEBHOOK_API_VERSION = "2026-10";

export type OrderTopic = "orders/create" | "orders/updated" | "orders/cancelled";
export type ComplianceTopic = "customers/data_request" | "customers/redact" | "shop/redact";

/** One event Shopify would send: the body is frozen as raw JSON when it happens. */
export type WebhookEvent = Omit<SimEvent, "seq">;

function event(shop: SimShop, topic: string, body: unknown, at: Date): WebhookEvent {
  return { eventId: crypto.randomUUID(), topic, shop: shop.domain, triggeredAt: at, body: JSON.stringify(body) };
}

export function orderWebhook(shop: SimShop, order: SimOrder, topic: OrderTopic, at: Date): WebhookEvent {
  return event(shop, topic, orderJson(shop, order), at);
}

/** `orders/edited` carries only the edit; `orders/updated` follows with the whole order. */
export function orderEditedWebhook(shop: SimShop, order: SimOrder, edit: SimEdit): WebhookEvent {
  return event(shop, "orders/edited", orderEditJson(order, edit), edit.committedAt);
}

export function refundWebhook(shop: SimShop, order: SimOrder, refund: SimRefund): WebhookEvent {
  return event(shop, "refunds/create", refundWebhookJson(order, refund), refund.createdAt);
}

export function appUninstalledWebhook(shop: SimShop, at: Date): WebhookEvent {
  return event(shop, "app/uninstalled", shopJson(shop, at), at);
}

export function complianceWebhook(shop: SimShop, topic: ComplianceTopic, customer: SimCustomer | null, at: Date): WebhookEvent {
  const requestId = Number(BigInt(`0x${crypto.randomBytes(4).toString("hex")}`));
  return event(shop, topic, complianceJson(shop, topic, customer, requestId), at);
}

export function signWebhook(body: string, secret: string): string {
  return crypto.createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

export interface DeliveryOptions {
  /** The app's base URL; topics are posted to `{appUrl}/webhooks/{topic}`. */
  appUrl: string;
  /** The app's client secret (signs the body). */
  secret: string;
  apiVersion?: string;
  /** Deliver each event this many times (same event id, new webhook id each). Default 1. */
  repeat?: number;
  /** Shuffle all deliveries (seeded, so a failing order can be replayed). */
  shuffle?: boolean;
  seed?: number;
  /** Tries per delivery, and the delay before the first retry (doubling after). */
  attempts?: number;
  retryDelayMs?: number;
  timeoutMs?: number;
  /** Deliveries in flight at once. Default 1. */
  concurrency?: number;
  path?: (topic: string) => string;
}

export interface DeliveryAttempt {
  webhookId: string;
  status: number | null;
  body: string;
  error?: string;
}

export interface Delivery {
  topic: string;
  shop: string;
  eventId: string;
  /** 1-based copy number when `repeat` > 1. */
  copy: number;
  attempts: DeliveryAttempt[];
  ok: boolean;
}

/** mulberry32: tiny and deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function attempt(e: WebhookEvent, o: DeliveryOptions): Promise<DeliveryAttempt> {
  const webhookId = crypto.randomUUID();
  const url = `${o.appUrl.replace(/\/$/, "")}${(o.path ?? ((t) => `/webhooks/${t}`))(e.topic)}`;
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Shopify-Topic": e.topic,
        "X-Shopify-Shop-Domain": e.shop,
        "X-Shopify-Hmac-Sha256": signWebhook(e.body, o.secret),
        "X-Shopify-Webhook-Id": webhookId,
        "X-Shopify-Event-Id": e.eventId,
        "X-Shopify-Triggered-At": e.triggeredAt.toISOString(),
        "X-Shopify-API-Version": o.apiVersion ?? WEBHOOK_API_VERSION,
      },
      body: e.body,
      signal: AbortSignal.timeout(o.timeoutMs ?? 5000),
    });
    return { webhookId, status: res.status, body: await res.text() };
  } catch (err) {
    return { webhookId, status: null, body: "", error: err instanceof Error ? err.message : String(err) };
  }
}

async function deliverOne(e: WebhookEvent, copy: number, o: DeliveryOptions): Promise<Delivery> {
  const tries = Math.max(1, o.attempts ?? 3);
  const attempts: DeliveryAttempt[] = [];
  for (let i = 0; i < tries; i++) {
    if (i > 0) await sleep((o.retryDelayMs ?? 50) * 2 ** (i - 1));
    const a = await attempt(e, o);
    attempts.push(a);
    if (a.status !== null && a.status >= 200 && a.status < 300) break;
  }
  const last = attempts[attempts.length - 1];
  const ok = last !== undefined && last.status !== null && last.status >= 200 && last.status < 300;
  return { topic: e.topic, shop: e.shop, eventId: e.eventId, copy, attempts, ok };
}

/** Delivers events (repeated and shuffled as configured); resolves with every delivery's answers. */
export async function deliverWebhooks(events: WebhookEvent[], o: DeliveryOptions): Promise<Delivery[]> {
  const queue = events.flatMap((e) => Array.from({ length: Math.max(1, o.repeat ?? 1) }, (_, i) => ({ e, copy: i + 1 })));
  if (o.shuffle) {
    const rand = rng(o.seed ?? 1);
    for (let i = queue.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [queue[i], queue[j]] = [queue[j] as (typeof queue)[number], queue[i] as (typeof queue)[number]];
    }
  }
  const results: Delivery[] = new Array<Delivery>(queue.length);
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const i = next++;
      const q = queue[i];
      if (q) results[i] = await deliverOne(q.e, q.copy, o);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.concurrency ?? 1) }, worker));
  return results;
}
