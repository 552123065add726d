/**
 * The control API under `/__sim/` (JSON): what a test or the demo does in place of a shopper or
 * merchant: place, edit, cancel and refund orders, raise app and compliance webhooks, move the
 * clock, drain the cost bucket, read stats, reset.
 */
import { z } from "zod";
import type { HttpAnswer } from "./graphql";
import type { SimEvent, SimOrder, SimRefund, SimShop } from "./model";
import { SimError } from "./orders";
import { orderJson } from "./rest";
import type { SimState } from "./state";
import { deliverWebhooks } from "./webhooks";

const decimal = z.string().regex(/^\d+(\.\d{1,2})?$/);
const rate = z.string().regex(/^\d+(\.\d+)?$/);
const lineRef = { lineItemId: z.number().int().optional(), sku: z.string().optional() };
const address = z
  .object({
    first_name: z.string(),
    last_name: z.string(),
    company: z.string().nullable(),
    address1: z.string(),
    address2: z.string().nullable(),
    city: z.string(),
    province: z.string(),
    province_code: z.string(),
    zip: z.string(),
    country: z.string(),
    country_code: z.string(),
    phone: z.string().nullable(),
  })
  .partial();

const orderSpec = z.object({
  customer: z.union([z.string(), z.number().int()]).optional(),
  email: z.string().optional(),
  lines: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive(), price: decimal.optional() })).min(1),
  discountCode: z
    .object({ code: z.string(), type: z.enum(["percentage", "fixed_amount"]), value: z.string().regex(/^\d+(\.\d+)?$/) })
    .optional(),
  shipping: z.object({ title: z.string(), code: z.string().optional(), price: decimal, taxable: z.boolean().optional() }).optional(),
  taxRate: rate.optional(),
  taxTitle: z.string().optional(),
  shippingAddress: address.optional(),
  sourceName: z.string().optional(),
  note: z.string().optional(),
});
const editSpec = z.object({
  add: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive(), price: decimal.optional() })).optional(),
  remove: z.array(z.object({ ...lineRef, quantity: z.number().int().positive().optional() })).optional(),
  setQuantity: z.array(z.object({ ...lineRef, quantity: z.number().int().min(0) })).optional(),
});
const restockType = z.enum(["no_restock", "cancel", "return", "legacy_restock"]);
const refundSpec = z.object({
  lines: z
    .array(z.object({ ...lineRef, quantity: z.number().int().positive(), restockType: restockType.optional(), locationId: z.number().int().optional() }))
    .optional(),
  shipping: z.object({ full: z.boolean().optional(), amount: decimal.optional() }).optional(),
  note: z.string().optional(),
});
const cancelSpec = z.object({
  reason: z.enum(["customer", "fraud", "inventory", "declined", "other"]).optional(),
  refund: z.boolean().optional(),
  restock: z.boolean().optional(),
});
const webhookConfig = z
  .object({
    appUrl: z.url(),
    secret: z.string().optional(),
    repeat: z.number().int().min(1).max(10).optional(),
    shuffle: z.boolean().optional(),
    seed: z.number().int().optional(),
    attempts: z.number().int().min(1).max(10).optional(),
    retryDelayMs: z.number().int().min(0).optional(),
  })
  .nullable();

const ok = (body: unknown, status = 200): HttpAnswer => ({ status, body });

function parseJson<T>(schema: z.ZodType<T>, raw: string): T {
  let json: unknown;
  try {
    json = raw.trim() === "" ? {} : JSON.parse(raw);
  } catch {
    throw new SimError("body is not JSON", 400);
  }
  const r = schema.safeParse(json);
  if (!r.success) throw new SimError(z.prettifyError(r.error), 400);
  return r.data;
}

const eventSummary = (e: SimEvent) => ({ seq: e.seq, eventId: e.eventId, topic: e.topic, triggeredAt: e.triggeredAt.toISOString() });

function shopSummary(shop: SimShop) {
  return {
    id: shop.id,
    domain: shop.domain,
    name: shop.name,
    accessTokens: [...shop.tokens.keys()],
    variants: shop.variants.length,
    orders: shop.orders.size,
    locations: shop.locations.map((l) => ({ id: l.id, gid: `gid://shopify/Location/${l.id}`, key: l.key, name: l.name })),
    customers: shop.customers.map((c) => ({ id: c.id, email: c.email, name: `${c.firstName} ${c.lastName}` })),
    bucket: { available: Math.floor(shop.bucket.available) },
  };
}

/** Routes a `/__sim/...` request; `parts` is the path after `/__sim/`, split on `/`. */
export async function handleControl(state: SimState, method: string, parts: string[], raw: string, search: URLSearchParams): Promise<HttpAnswer> {
  const [head, domain, sub, id, action] = parts;
  if (head === "health") return ok({ ok: true });
  if (head === "stats" && method === "GET") return ok(state.stats);
  if (head === "reset" && method === "POST") {
    state.reset();
    return ok({ ok: true });
  }
  if (head === "clock") {
    if (method === "POST") {
      const b = parseJson(z.object({ advanceSeconds: z.number().optional(), set: z.string().optional() }), raw);
      if (b.set) state.clockOffsetMs += Date.parse(b.set) - state.nowMs();
      if (b.advanceSeconds) state.clockOffsetMs += b.advanceSeconds * 1000;
    }
    return ok({ now: new Date(state.nowMs()).toISOString() });
  }
  if (head === "webhooks" && method === "POST") {
    state.webhooks = parseJson(webhookConfig, raw);
    return ok({ webhooks: state.webhooks });
  }
  if (head === "deliveries" && method === "GET") {
    await state.settled();
    return ok(state.deliveries);
  }
  if (head !== "shops") throw new SimError(`no route /__sim/${parts.join("/")}`, 404);
  if (!domain) {
    if (method === "POST") {
      const b = parseJson(z.object({ domain: z.string(), name: z.string().optional(), accessToken: z.string().optional(), scale: z.number().int().min(0).max(200_000).optional() }), raw);
      return ok(shopSummary(state.addShop(b)), 201);
    }
    return ok([...state.shops.values()].map(shopSummary));
  }
  const shop = state.shop(domain);
  if (!sub) return ok(shopSummary(shop));
  if (sub === "bucket" && method === "POST") {
    const b = parseJson(z.object({ available: z.number().min(0) }), raw);
    shop.bucket = { available: Math.min(b.available, state.config.bucket.capacity), atMs: state.nowMs() };
    return ok(shopSummary(shop).bucket);
  }
  if (sub === "uninstall" && method === "POST") return ok({ events: state.uninstall(shop).events.map(eventSummary) });
  if (sub === "compliance" && method === "POST") {
    const b = parseJson(z.object({ topic: z.enum(["customers/data_request", "customers/redact", "shop/redact"]), customerId: z.number().int().optional() }), raw);
    return ok({ events: state.compliance(shop, b.topic, b.customerId ?? null).events.map(eventSummary) });
  }
  if (sub === "events") {
    const after = Number(search.get("after") ?? 0);
    const events = shop.events.filter((e) => e.seq > after);
    if (method === "POST" && id === "deliver") {
      const b = parseJson(webhookConfig.unwrap().partial(), raw);
      const appUrl = b.appUrl ?? state.webhooks?.appUrl;
      if (!appUrl) throw new SimError("no appUrl given or configured", 400);
      const deliveries = await deliverWebhooks(events, { ...state.webhooks, ...b, appUrl, secret: b.secret ?? state.webhooks?.secret ?? state.config.apiSecret });
      return ok(deliveries);
    }
    return ok(events.map((e) => ({ ...eventSummary(e), shop: e.shop, body: JSON.parse(e.body) as unknown })));
  }
  if (sub !== "orders") throw new SimError(`no route /__sim/${parts.join("/")}`, 404);
  if (!id) {
    if (method === "POST") {
      const r = state.createOrder(shop, parseJson(orderSpec, raw));
      return ok({ order: orderJson(shop, r.order), events: r.events.map(eventSummary) }, 201);
    }
    return ok([...shop.orders.values()].map((o) => orderJson(shop, o)));
  }
  const order = state.order(shop, Number(id));
  if (!action) return ok(orderJson(shop, order));
  if (method !== "POST") throw new SimError("use POST", 405);
  const result: { order: SimOrder; refund?: SimRefund | null; events: SimEvent[] } | null =
    action === "edit"
      ? state.editOrder(shop, order, parseJson(editSpec, raw))
      : action === "refund"
        ? state.refundOrder(shop, order, parseJson(refundSpec, raw))
        : action === "cancel"
          ? state.cancelOrder(shop, order, parseJson(cancelSpec, raw))
          : action === "address"
            ? state.changeAddress(shop, order, parseJson(address, raw))
            : null;
  if (!result) throw new SimError(`no order action ${action}`, 404);
  const refund = result.refund ? { refundId: result.refund.id } : {};
  return ok({ order: orderJson(shop, result.order), ...refund, events: result.events.map(eventSummary) });
}
