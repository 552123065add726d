/**
 * Which handler runs each job kind. Every handler is wrapped so that a job whose key is held by
 * an open exception is parked instead of run (see app/exceptions).
 */
import type { Db } from "~/db.server";
import type { JobContext, JobEngine, JobHandler } from "~/jobs/port";
import { PermanentJobError } from "~/jobs/port";
import type { Logger } from "~/log.server";
import { parkIfBlocked } from "~/exceptions/exceptions.server";
import { JOB_KIND } from "~/intake/topics";
import { deliveryById } from "~/intake/deliveries.server";
import { redactCustomer, redactShop } from "~/compliance/redact.server";
import { syncOrderJob } from "~/sync/orders/sync.server";
import { LEDGER_EVENT, recordEvent } from "~/ledger/ledger.server";
import { syncCatalogueProduct } from "~/catalogue/product-job.server";
import { sweepJob } from "~/sync/sweep/index.server";
import { catalogueRefreshJob } from "~/catalogue/refresh.server";

export type KindHandler = (job: JobContext, deps: { db: Db; log: Logger; engine: JobEngine }) => Promise<void>;

const str = (v: unknown): string | null => (typeof v === "string" ? v : typeof v === "number" ? String(v) : null);

async function compliancePayload(db: Db, job: JobContext) {
  const shop = str(job.data.shop)!;
  const delivery = await deliveryById(db, shop, str(job.data.deliveryId) ?? "");
  if (!delivery) throw new PermanentJobError(`Delivery ${String(job.data.deliveryId)} not found`);
  return { shop, payload: JSON.parse(delivery.payload) as Record<string, unknown> };
}

export const HANDLERS: Record<string, KindHandler> = {
  [JOB_KIND.orderSync]: (job, deps) => syncOrderJob(job, deps),
  // Until the refunds flow lands, a refund is kept (its delivery and a timeline entry) and does
  // not hold back the order's later changes, as an exception on the order's key would.
  [JOB_KIND.refundSync]: async (job, { db, log }) => {
    const ref = { shop: String(job.data.shop), objectType: "order", objectId: String(job.data.objectId) };
    await recordEvent(db, ref, LEDGER_EVENT.notWritten, { refundId: job.data.refundId ?? null, reason: "Credit Memos come with the refunds flow; the refund is stored and will be written then" });
    log.info("refund stored, not yet written to NetSuite", { refundId: job.data.refundId });
  },
  // Retrying a rejected delivery cannot make its body readable: say what will.
  [JOB_KIND.webhookRejected]: async () => {
    throw new PermanentJobError("This webhook's body could not be read, so it cannot be replayed. The reconciliation sweep reads the order from Shopify again; mark this exception resolved once the order shows as synced.", "malformed_webhook");
  },
  [JOB_KIND.customerRedact]: async (job, { db, log }) => {
    const { shop, payload } = await compliancePayload(db, job);
    const customer = (payload.customer ?? {}) as { id?: unknown; email?: unknown };
    const orders = Array.isArray(payload.orders_to_redact) ? payload.orders_to_redact.map(String) : [];
    const n = await redactCustomer(db, shop, { customerId: customer.id !== undefined ? String(customer.id) : null, email: typeof customer.email === "string" ? customer.email : null, orderIds: orders });
    log.info("customer data redacted", { shop, deliveries: n });
  },
  [JOB_KIND.shopRedact]: async (job, { db, log }) => {
    const shop = str(job.data.shop)!;
    await redactShop(db, shop);
    log.info("shop data redacted", { shop });
  },
  [JOB_KIND.catalogueProduct]: (job, deps) => syncCatalogueProduct(job, deps),
  [JOB_KIND.catalogueRefresh]: (job, deps) => catalogueRefreshJob(job, deps),
  [JOB_KIND.ordersSweep]: async (job, deps) => {
    await sweepJob(job, deps);
  },
  [JOB_KIND.dataRequest]: async (job, { log }) => {
    // The app holds no customer data beyond Shopify's own webhook bodies: nothing to send back
    // beyond what the merchant already has in Shopify. Recorded for the audit trail.
    log.info("customer data request received", { shop: str(job.data.shop) });
  },
};

/** A handler run behind the parking check, with a logger that names the job. */
export function guarded(handler: KindHandler, deps: { db: () => Db; log: Logger; engine: JobEngine }): JobHandler {
  return async (job) => {
    const db = deps.db();
    if (await parkIfBlocked(db, job)) return;
    await handler(job, { db, engine: deps.engine, log: deps.log.child({ jobId: job.id, kind: job.kind, key: job.key, shop: str(job.data.shop) }) });
  };
}

/** Registers every kind on the engine. */
export async function registerHandlers(engine: JobEngine, deps: { db: () => Db; log: Logger }, concurrency: Partial<Record<string, number>> = {}) {
  for (const [kind, handler] of Object.entries(HANDLERS)) {
    await engine.work(kind, guarded(handler, { ...deps, engine }), { concurrency: concurrency[kind] ?? (kind === JOB_KIND.orderSync ? 4 : 1) });
  }
}
