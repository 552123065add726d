/**
 * The order as the job maps it: the newest stored state (a webhook body, or the Admin GraphQL
 * order the reconciliation sweep stored), read into the one order model. An order paid with a
 * gift card needs its payment transactions, which order webhooks do not carry: they are read
 * from the Admin API before mapping.
 */
import { AdminReadError, readAdminOrder, type GraphqlAdmin } from "~/shopify/admin-read";
import type { ShopifyOrder } from "~/shopify/payloads/model";
import { parseAdminOrder } from "~/shopify/payloads/order-graphql";
import { parseOrderWebhook } from "~/shopify/payloads/order";
import { NoShopAccessError, offlineAdmin } from "~/shopify/offline-admin.server";

/** The topic under which the sweep stores an order read from the Admin API. */
export const SWEEP_TOPIC = "sweep/order";

export function storedOrder(topic: string, payload: string): { ok: true; order: ShopifyOrder } | { ok: false; issues: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return { ok: false, issues: ["the stored body is not JSON"] };
  }
  return topic === SWEEP_TOPIC ? parseAdminOrder(json) : parseOrderWebhook(json);
}

export class OrderReadError extends Error {
  override name = "OrderReadError";
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Whether the mapping will need transactions the order does not have. */
export const needsTransactions = (o: ShopifyOrder) => o.transactions === null && o.paymentGateways.includes("gift_card");

/** The order with its transactions read from Shopify. */
export async function withTransactions(order: ShopifyOrder, shop: string, admin?: GraphqlAdmin): Promise<ShopifyOrder> {
  let raw: Record<string, unknown> | null;
  try {
    raw = await readAdminOrder(admin ?? (await offlineAdmin(shop)), order.id, { maxThrottleWaits: 5 });
  } catch (e) {
    if (e instanceof NoShopAccessError) throw new OrderReadError(e.message, false, { cause: e });
    if (e instanceof AdminReadError) throw new OrderReadError(`Reading order ${order.name}'s payments from Shopify failed: ${e.message}`, e.retryable, { cause: e });
    throw e;
  }
  if (!raw) throw new OrderReadError(`Shopify no longer has order ${order.name}: its payments cannot be read.`, false);
  const parsed = parseAdminOrder(raw);
  if (!parsed.ok) throw new OrderReadError(`Order ${order.name} as read from Shopify could not be understood: ${parsed.issues.slice(0, 3).join("; ")}`, false);
  return { ...order, transactions: parsed.order.transactions ?? [] };
}
