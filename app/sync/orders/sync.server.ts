/**
 * The order job: bring NetSuite to the newest known state of one Shopify order. It reads the
 * newest stored delivery (so a stale, duplicated or replayed job is harmless), maps it with the
 * shop's mappings (pure, see map.ts), and writes the customer and the Sales Order by external id.
 * A cancellation closes the order's lines while nothing is fulfilled; once the warehouse has
 * any Item Fulfilment (the order's status moved past Pending Fulfillment) changes are not
 * applied: an exception goes to customer service instead.
 */
import type { Db } from "~/db.server";
import type { JobContext } from "~/jobs/port";
import { PermanentJobError } from "~/jobs/port";
import type { Logger } from "~/log.server";
import { newestDelivery } from "~/intake/deliveries.server";
import { LEDGER_EVENT, recordEvent, recordSynced } from "~/ledger/ledger.server";
import { markOrder, noteOrderReceived, ORDER_STATE } from "~/orders/summary.server";
import { NetSuiteError } from "~/netsuite/errors";
import { netsuiteFor, NotConnectedError } from "~/netsuite/for-shop.server";
import { formatMinor } from "~/money";
import { needsTransactions, OrderReadError, storedOrder, withTransactions } from "./source.server";
import { loadOrderMappings } from "./mappings.server";
import { customersByEmail, matchEmail, rememberCustomer } from "./customer-match.server";
import { externalIds, mapOrder, type OrderProblem } from "./map";

/** A permanent failure with structured facts for the inbox (read by the dead-job recorder). */
export class SyncProblemError extends PermanentJobError {
  constructor(
    message: string,
    code: string,
    readonly detail: Record<string, unknown>,
  ) {
    super(message, code);
  }
}

const OPEN_STATUSES = new Set(["A", "B"]);

function problemError(problems: OrderProblem[]): SyncProblemError {
  const skus = [...new Set(problems.filter((p) => p.sku).map((p) => p.sku!))];
  const code = skus.length ? "unmapped_sku" : problems.some((p) => p.causeCode === "unmapped_location") ? "unmapped_location" : problems[0]!.causeCode === "missing_sku" ? "missing_sku" : "mapping_missing";
  return new SyncProblemError(problems.map((p) => p.message).join(" "), code, { skus, problems: problems.map((p) => p.message) });
}

function netsuiteProblem(e: NetSuiteError): Error {
  if (e.retryable) return e; // the engine retries with backoff; exhausted, it becomes an exception
  if (e.kind === "auth" || e.kind === "config") return new SyncProblemError(e.message, "netsuite_auth", { code: e.code });
  return new SyncProblemError(e.message, "netsuite_data", { code: e.code, path: e.path });
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
  const read = storedOrder(newest.topic, newest.payload);
  const shopTotal = read.ok ? read.order.totals.total.shop : null;
  await noteOrderReceived(db, shop, orderId, {
    updatedAt: newest.objectUpdatedAt,
    ...(read.ok ? { name: read.order.name, totalAmount: formatMinor(shopTotal!.minor, shopTotal!.currency), currency: shopTotal!.currency } : {}),
  });
  const synced = await db.syncRecord.findFirst({ where: { shopDomain: shop, objectType: "order", objectId: orderId, netsuiteType: "salesOrder" } });
  if (synced?.syncedUpdatedAt && newest.objectUpdatedAt && synced.syncedUpdatedAt >= newest.objectUpdatedAt) {
    await recordEvent(db, ref, LEDGER_EVENT.skippedStale, { deliveryId: newest.id, updatedAt: newest.objectUpdatedAt.toISOString() });
    const summary = await db.orderSummary.findUnique({ where: { shopDomain_orderId: { shopDomain: shop, orderId } } });
    // NetSuite already holds this state: the order is synced (or cancelled), whatever the summary says.
    if (summary?.state === ORDER_STATE.waiting) {
      const done = read.ok && read.order.cancelledAt ? ORDER_STATE.cancelled : ORDER_STATE.synced;
      await markOrder(db, shop, orderId, done, { salesOrderId: synced.internalId, syncedUpdatedAt: synced.syncedUpdatedAt });
    }
    return;
  }
  if (!read.ok) throw new SyncProblemError(`The stored order cannot be read: ${read.issues.slice(0, 3).join("; ")}`, "malformed_webhook", {});
  let order = read.order;
  await recordEvent(db, ref, LEDGER_EVENT.attempted, { deliveryId: newest.id, source: newest.topic, updatedAt: newest.objectUpdatedAt?.toISOString() ?? null, attempt: job.attempt });

  let ns;
  try {
    ns = await netsuiteFor(db, shop, { objectType: "order", objectId: orderId, jobId: job.id });
  } catch (e) {
    if (e instanceof NotConnectedError) throw new SyncProblemError(e.message, "netsuite_auth", {});
    throw e;
  }

  try {
    // The lock: once the warehouse has started, NetSuite's order is not changed from here.
    let current: { id: string; status?: { id?: string }; item?: { items?: { line?: number }[] } } | null = null;
    if (synced) current = await ns.get("salesOrder", synced.internalId, { expandSubResources: true });
    const status = current?.status?.id ?? "B";
    const cancelled = newest.topic === "orders/cancelled" || Boolean(order.cancelledAt);

    if (cancelled) {
      if (!current) {
        await markOrder(db, shop, orderId, ORDER_STATE.cancelled, { syncedUpdatedAt: newest.objectUpdatedAt });
        await recordEvent(db, ref, LEDGER_EVENT.written, { note: "cancelled in Shopify before it reached NetSuite: nothing to write" });
        return;
      }
      if (status === "H") {
        await markOrder(db, shop, orderId, ORDER_STATE.cancelled, { syncedUpdatedAt: newest.objectUpdatedAt });
        return;
      }
      if (!OPEN_STATUSES.has(status)) throw new SyncProblemError(`Order ${order.name} was cancelled in Shopify after the warehouse started on Sales Order ${synced!.internalId} (status ${status}): it was not closed in NetSuite. Stop the shipment or handle the return by hand.`, "order_locked", { salesOrderId: synced!.internalId, status });
      await ns.update("salesOrder", synced!.internalId, { item: { items: (current.item?.items ?? []).map((l) => ({ line: l.line, isClosed: true })) } });
      await db.$transaction(async (tx) => {
        await recordSynced(tx, ref, { netsuiteType: "salesOrder", internalId: synced!.internalId, externalId: synced!.externalId, syncedUpdatedAt: newest.objectUpdatedAt });
        await markOrder(tx, shop, orderId, ORDER_STATE.cancelled, { syncedUpdatedAt: newest.objectUpdatedAt });
        await recordEvent(tx, ref, LEDGER_EVENT.written, { salesOrder: synced!.internalId, action: "closed every line (cancelled in Shopify)" });
      });
      log.info("sales order closed", { orderId, salesOrderId: synced!.internalId });
      return;
    }
    if (current && !OPEN_STATUSES.has(status)) {
      throw new SyncProblemError(`Order ${order.name} changed in Shopify after the warehouse started on Sales Order ${synced!.internalId} (status ${status}): the change was not applied in NetSuite.`, "order_locked", { salesOrderId: synced!.internalId, status });
    }

    let mappings = await loadOrderMappings(db, shop, order);
    // Email is the fallback match for buyers NetSuite already has as customers.
    const email = matchEmail(order, mappings.customers.guestPolicy);
    const ourCustomerId = order.customer ? externalIds.customer(shop, order.customer.id) : email ? externalIds.guest(shop, email) : null;
    const byEmail = await customersByEmail(db, ns, shop, email, ourCustomerId);
    if (byEmail.size) mappings = { ...mappings, customers: { ...mappings.customers, byEmail } };
    // Order webhooks carry no transactions: a gift card payment needs them read from Shopify.
    if (needsTransactions(order)) {
      try {
        order = await withTransactions(order, shop);
      } catch (e) {
        if (e instanceof OrderReadError && !e.retryable) throw new SyncProblemError(e.message, "payment_details_missing", {});
        throw e;
      }
    }
    const result = mapOrder(order, mappings, { shop, now: new Date() });
    if (!result.ok) throw problemError(result.problems);
    let customerId: string | undefined;
    let salesOrderId = "";
    let salesOrderExternalId = "";
    for (const r of result.plan) {
      const id = await ns.upsert(r.recordType, r.externalId, r.body, { replace: r.replace });
      if (r.recordType === "salesOrder") {
        // Recorded below, with the order's state, in one transaction.
        salesOrderId = id;
        salesOrderExternalId = r.externalId;
        continue;
      }
      if (r.recordType === "customer") {
        customerId = id;
        if (email) await rememberCustomer(db, shop, email, { internalId: id, externalId: r.externalId });
      }
      await recordSynced(db, ref, { netsuiteType: r.recordType, internalId: id, externalId: r.externalId, syncedUpdatedAt: null });
    }
    // The Sales Order's record (what the stale check reads) and the order's state commit together:
    // a process killed between them would otherwise leave an order synced in NetSuite and
    // "waiting" here forever, since its re-run finds NetSuite already current.
    await db.$transaction(async (tx) => {
      await recordSynced(tx, ref, { netsuiteType: "salesOrder", internalId: salesOrderId, externalId: salesOrderExternalId, syncedUpdatedAt: newest.objectUpdatedAt });
      await markOrder(tx, shop, orderId, ORDER_STATE.synced, { salesOrderId, customerId, syncedUpdatedAt: newest.objectUpdatedAt });
      await recordEvent(tx, ref, LEDGER_EVENT.written, { salesOrder: salesOrderId, externalId: externalIds.order(shop, orderId), ...(customerId ? { customer: customerId } : {}), total: `${result.total.amount} ${result.total.currency}` });
    });
    log.info("order synced", { orderId, salesOrderId });
  } catch (e) {
    if (e instanceof NetSuiteError) {
      await recordEvent(db, ref, LEDGER_EVENT.failed, { message: e.message, code: e.code, path: e.path, retryable: e.retryable });
      throw netsuiteProblem(e);
    }
    throw e;
  }
}
