/** Everything CX needs about one order: its summary, timeline, NetSuite records, exceptions. */
import type { Db } from "~/db.server";
import { syncedRecords, timeline } from "~/ledger/ledger.server";

export async function orderDetail(db: Db, shop: string, orderId: string) {
  const summary = await db.orderSummary.findUnique({ where: { shopDomain_orderId: { shopDomain: shop, orderId } } });
  if (!summary) return null;
  const ref = { shop, objectType: "order", objectId: orderId };
  const [events, records, exceptions, deliveries, calls] = await Promise.all([
    timeline(db, ref, 500),
    syncedRecords(db, ref),
    db.syncException.findMany({ where: { shopDomain: shop, objectType: "order", objectId: orderId }, orderBy: { firstSeenAt: "desc" }, take: 50 }),
    db.webhookDelivery.findMany({ where: { shopDomain: shop, objectType: "order", objectId: orderId }, orderBy: { receivedAt: "asc" }, select: { id: true, topic: true, receivedAt: true, objectUpdatedAt: true, status: true }, take: 200 }),
    db.netSuiteCall.findMany({ where: { shopDomain: shop, objectType: "order", objectId: orderId }, orderBy: { at: "asc" }, select: { id: true, method: true, path: true, status: true, durationMs: true, errorCode: true, at: true }, take: 200 }),
  ]);
  return { summary, events, records, exceptions, deliveries, calls };
}
