/**
 * Order summaries: one row per Shopify order, so the orders list (every order with its sync
 * state, searchable by name) is one indexed query however many events each order had.
 *
 * States: waiting (a newer Shopify state than NetSuite has), synced, exception (an open
 * exception holds it), parked (waiting behind an exception), cancelled (closed in NetSuite).
 */
import type { Db } from "~/db.server";
import { textContains } from "~/mappings/skus.server";

export const ORDER_STATE = Object.freeze({
  waiting: "waiting",
  synced: "synced",
  exception: "exception",
  parked: "parked",
  cancelled: "cancelled",
} as const);
export type OrderState = (typeof ORDER_STATE)[keyof typeof ORDER_STATE];

type DbOrTx = Pick<Db, "orderSummary">;

export interface ReceivedOrder {
  name?: string | null;
  updatedAt: Date | null;
  totalAmount?: string | null;
  currency?: string | null;
}

/** What the orders list shows before the order is synced: its name and total. */
export function orderFacts(payload: unknown): { name?: string; totalAmount?: string; currency?: string } {
  const p = (payload ?? {}) as { name?: unknown; current_total_price?: unknown; currency?: unknown };
  return {
    ...(typeof p.name === "string" ? { name: p.name } : {}),
    ...(typeof p.current_total_price === "string" ? { totalAmount: p.current_total_price } : {}),
    ...(typeof p.currency === "string" ? { currency: p.currency } : {}),
  };
}

/** A delivery about the order arrived: it is waiting unless NetSuite already has that state. */
export async function noteOrderReceived(db: DbOrTx, shop: string, orderId: string, r: ReceivedOrder): Promise<void> {
  const existing = await db.orderSummary.findUnique({ where: { shopDomain_orderId: { shopDomain: shop, orderId } } });
  const facts = {
    ...(r.name ? { name: r.name } : {}),
    ...(r.totalAmount ? { totalAmount: r.totalAmount } : {}),
    ...(r.currency ? { currency: r.currency } : {}),
  };
  if (!existing) {
    await db.orderSummary.create({ data: { shopDomain: shop, orderId, ...facts, shopifyUpdatedAt: r.updatedAt, state: ORDER_STATE.waiting } });
    return;
  }
  const newer = r.updatedAt !== null && (!existing.shopifyUpdatedAt || r.updatedAt > existing.shopifyUpdatedAt);
  const behind = newer && (!existing.syncedUpdatedAt || r.updatedAt! > existing.syncedUpdatedAt);
  const held = existing.state === ORDER_STATE.exception || existing.state === ORDER_STATE.parked;
  await db.orderSummary.update({
    where: { id: existing.id },
    data: {
      ...(newer ? { ...facts, shopifyUpdatedAt: r.updatedAt } : {}),
      ...(behind && !held ? { state: ORDER_STATE.waiting } : {}),
    },
  });
}

/** Intake's part: the row exists with what the first delivery said; the job keeps its state. */
export async function ensureOrderSummary(db: DbOrTx, shop: string, orderId: string, r: ReceivedOrder): Promise<void> {
  await db.orderSummary.upsert({
    where: { shopDomain_orderId: { shopDomain: shop, orderId } },
    create: { shopDomain: shop, orderId, name: r.name ?? null, totalAmount: r.totalAmount ?? null, currency: r.currency ?? null, shopifyUpdatedAt: r.updatedAt, state: ORDER_STATE.waiting },
    update: {},
  });
}

export async function markOrder(db: DbOrTx, shop: string, orderId: string, state: OrderState, extra: { salesOrderId?: string; customerId?: string; syncedUpdatedAt?: Date | null; lastError?: string | null } = {}): Promise<void> {
  const data = {
    state,
    ...(extra.salesOrderId ? { salesOrderId: extra.salesOrderId } : {}),
    ...(extra.customerId ? { customerId: extra.customerId } : {}),
    ...(extra.syncedUpdatedAt !== undefined ? { syncedUpdatedAt: extra.syncedUpdatedAt } : {}),
    ...(state === ORDER_STATE.synced || state === ORDER_STATE.cancelled ? { syncedAt: new Date(), lastError: null } : {}),
    ...(extra.lastError !== undefined ? { lastError: extra.lastError } : {}),
  };
  await db.orderSummary.upsert({
    where: { shopDomain_orderId: { shopDomain: shop, orderId } },
    create: { shopDomain: shop, orderId, ...data },
    update: data,
  });
}

export interface OrderListQuery {
  search?: string;
  state?: OrderState;
  after?: string;
  limit?: number;
}

export async function listOrders(db: Db, shop: string, q: OrderListQuery = {}) {
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
  const rows = await db.orderSummary.findMany({
    where: { shopDomain: shop, ...(q.state ? { state: q.state } : {}), ...(q.search ? { OR: [{ name: textContains(q.search) }, { orderId: q.search }] } : {}) },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(q.after ? { cursor: { id: q.after }, skip: 1 } : {}),
  });
  const page = rows.slice(0, limit);
  return { orders: page, next: rows.length > limit ? page[page.length - 1]!.id : null };
}

export async function orderCounts(db: Db, shop: string, since: Date) {
  const [byState, syncedSince] = await Promise.all([
    db.orderSummary.groupBy({ by: ["state"], where: { shopDomain: shop }, _count: { _all: true } }),
    db.orderSummary.count({ where: { shopDomain: shop, syncedAt: { gte: since } } }),
  ]);
  const counts: Record<string, number> = {};
  for (const g of byState) counts[g.state] = g._count._all;
  return { byState: counts, syncedSince };
}
