/**
 * Shopify's mandatory compliance topics. The app keeps customer data only inside stored webhook
 * bodies (and, once written, in NetSuite, which is the merchant's system of record and outside
 * these requests' scope): redaction rewrites those bodies without the personal fields, and
 * shop/redact erases everything the app holds for the shop.
 */
import type { Db } from "~/db.server";
import { recordRedacted } from "~/shops/shops.server";
import { EMAIL_MATCH } from "~/sync/orders/customer-match.server";
import { emailHash } from "~/sync/orders/external-ids";

const PERSONAL_KEYS = new Set([
  "customer",
  "email",
  "contact_email",
  "phone",
  "billing_address",
  "shipping_address",
  "note",
  "browser_ip",
  "client_details",
  "customer_locale",
  "first_name",
  "last_name",
  "name_on_card",
  "address1",
  "address2",
  "zip",
  "latitude",
  "longitude",
  // The same fields in Admin GraphQL orders (stored by the reconciliation sweep).
  "billingAddress",
  "shippingAddress",
  "firstName",
  "lastName",
  "purchasingEntity",
]);

/** A copy of a body with every personal field replaced by a marker. */
export function stripPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripPersonalData);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = PERSONAL_KEYS.has(k) ? (v === null ? null : "[redacted]") : stripPersonalData(v);
    return out;
  }
  return value;
}

function mentionsCustomer(payload: unknown, customerId: string | null, email: string | null): boolean {
  const p = payload as { customer?: { id?: unknown; email?: unknown }; email?: unknown } | null;
  if (!p || typeof p !== "object") return false;
  // Webhook bodies carry the numeric id, Admin GraphQL orders the global id (gid://shopify/Customer/…).
  if (customerId && p.customer?.id !== undefined && String(p.customer.id).replace(/^gid:\/\/shopify\/Customer\//, "") === customerId) return true;
  if (email && (p.email === email || p.customer?.email === email)) return true;
  return false;
}

/** customers/redact: strips the customer's data from every stored delivery about them. */
export async function redactCustomer(db: Db, shop: string, request: { customerId: string | null; email: string | null; orderIds: string[] }): Promise<number> {
  const orderIds = new Set(request.orderIds);
  let redacted = 0;
  let cursor: string | undefined;
  for (;;) {
    const batch = await db.webhookDelivery.findMany({
      where: { shopDomain: shop, status: { not: "redacted" }, OR: [{ topic: { startsWith: "orders/" } }, { topic: "sweep/order" }] },
      orderBy: { id: "asc" },
      take: 500,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: { id: true, payload: true, objectId: true },
    });
    if (batch.length === 0) break;
    for (const d of batch) {
      let payload: unknown;
      try {
        payload = JSON.parse(d.payload);
      } catch {
        continue;
      }
      if ((d.objectId && orderIds.has(d.objectId)) || mentionsCustomer(payload, request.customerId, request.email)) {
        await db.webhookDelivery.update({ where: { id: d.id }, data: { payload: JSON.stringify(stripPersonalData(payload)) } });
        if (d.objectId) orderIds.add(d.objectId);
        redacted++;
      }
    }
    cursor = batch[batch.length - 1]!.id;
  }
  // The remembered email match (keyed by the email's hash) goes too.
  if (request.email) await db.syncRecord.deleteMany({ where: { shopDomain: shop, objectType: EMAIL_MATCH, objectId: emailHash(request.email) } });
  // The NetSuite call log keeps request and response bodies (customer and address fields among
  // them) for the orders it was written for: drop those bodies, keep the facts of each call.
  if (orderIds.size > 0) {
    await db.netSuiteCall.updateMany({
      where: { shopDomain: shop, objectType: "order", objectId: { in: [...orderIds] } },
      data: { requestBody: null, responseBody: null },
    });
  }
  return redacted;
}

/** shop/redact: erases the shop's stored bodies, timelines and sessions; marks the shop redacted. */
export async function redactShop(db: Db, shop: string): Promise<void> {
  await db.$transaction([
    db.webhookDelivery.updateMany({ where: { shopDomain: shop }, data: { payload: "{}", status: "redacted" } }),
    db.ledgerEvent.updateMany({ where: { shopDomain: shop }, data: { detail: null } }),
    db.netSuiteCall.updateMany({ where: { shopDomain: shop }, data: { requestBody: null, responseBody: null } }),
    db.session.deleteMany({ where: { shop } }),
  ]);
  await recordRedacted(db, shop).catch(() => null);
}
