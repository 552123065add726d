/**
 * One order's sync state as customer service needs it at a glance (the order page block in the
 * Shopify admin reads it): where it is, the Sales Order, what is wrong and who fixes it.
 */
import type { Db } from "~/db.server";
import { causeOf } from "~/exceptions/causes";

const LABEL: Record<string, string> = { synced: "In NetSuite", waiting: "On its way to NetSuite", parked: "Waiting behind an exception", exception: "Needs attention", cancelled: "Cancelled" };

export async function orderSyncState(db: Db, shop: string, orderId: string) {
  const summary = await db.orderSummary.findUnique({ where: { shopDomain_orderId: { shopDomain: shop, orderId } } });
  if (!summary) return null;
  const open = await db.syncException.findMany({ where: { shopDomain: shop, objectType: "order", objectId: orderId, status: "open" }, orderBy: { firstSeenAt: "asc" }, take: 10 });
  return {
    orderId,
    name: summary.name,
    state: summary.state,
    label: LABEL[summary.state] ?? summary.state,
    salesOrderId: summary.salesOrderId,
    syncedAt: summary.syncedAt?.toISOString() ?? null,
    shopifyUpdatedAt: summary.shopifyUpdatedAt?.toISOString() ?? null,
    exceptions: open.map((e) => ({ id: e.id, title: causeOf(e.causeCode).title, owner: e.ownerRole, message: e.message, since: e.firstSeenAt.toISOString() })),
    appPath: `/app/orders/${orderId}`,
  };
}
