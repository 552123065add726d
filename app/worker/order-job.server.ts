/**
 * The order job: bring NetSuite to the newest known state of one Shopify order. Until the
 * orders flow lands it records the attempt against the newest stored state; a stale state (older
 * than what was last written) is skipped.
 */
import type { Db } from "~/db.server";
import type { JobContext } from "~/jobs/port";
import type { Logger } from "~/log.server";
import { newestDelivery } from "~/intake/deliveries.server";
import { LEDGER_EVENT, recordEvent } from "~/ledger/ledger.server";
import { noteOrderReceived, orderFacts } from "~/orders/summary.server";

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export async function syncOrderJob(job: JobContext, { db, log }: { db: Db; log: Logger }): Promise<void> {
  const shop = String(job.data.shop);
  const orderId = String(job.data.objectId);
  const ref = { shop, objectType: "order", objectId: orderId };
  const newest = await newestDelivery(db, shop, "order", orderId);
  if (!newest) {
    log.warn("order job without a stored order state", { orderId });
    return;
  }
  await noteOrderReceived(db, shop, orderId, { updatedAt: newest.objectUpdatedAt, ...orderFacts(safeJson(newest.payload)) });
  const record = await db.syncRecord.findFirst({ where: { shopDomain: shop, objectType: "order", objectId: orderId, netsuiteType: "salesOrder" } });
  if (record?.syncedUpdatedAt && newest.objectUpdatedAt && record.syncedUpdatedAt >= newest.objectUpdatedAt) {
    await recordEvent(db, ref, LEDGER_EVENT.skippedStale, { deliveryId: newest.id, updatedAt: newest.objectUpdatedAt.toISOString() });
    return;
  }
  await recordEvent(db, ref, LEDGER_EVENT.attempted, { deliveryId: newest.id, updatedAt: newest.objectUpdatedAt?.toISOString() ?? null, attempt: job.attempt });
}
