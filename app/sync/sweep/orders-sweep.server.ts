/**
 * The reconciliation sweep: a missed webhook costs minutes, not an order. It pages the orders
 * Shopify changed since the last watermark (light: id, name, updatedAt) and, for each whose
 * state the app has neither stored nor synced, reads the whole order from the Admin API, stores
 * it (as a delivery from the sweep) and enqueues the order job, which brings NetSuite to it like
 * any webhook would. Orders the app already holds cost one row in a page, nothing more.
 *
 * The watermark is taken when the run starts and saved only when it ends, minus an overlap, so
 * an order changed during the run (or a clock skew) is seen again next time, never skipped. The
 * first run starts at the install: orders from before it are not the connector's to write.
 */
import type { Db } from "~/db.server";
import type { JobEngine } from "~/jobs/port";
import { PRIORITY } from "~/jobs/port";
import type { Logger } from "~/log.server";
import { LEDGER_EVENT, recordEvent } from "~/ledger/ledger.server";
import { noteOrderReceived } from "~/orders/summary.server";
import { orderKey, JOB_KIND } from "~/intake/topics";
import { pageOrders, readAdminOrder, type GraphqlAdmin } from "~/shopify/admin-read";
import { SWEEP_TOPIC } from "~/sync/orders/source.server";

export const SWEEP_CURSOR = "orders.sweep";
/** Where the last run's outcome is kept (JSON), for the dashboard. */
export const SWEEP_LAST_RUN = "orders.sweep.last";
/** How far back each run looks past the last watermark. */
export const SWEEP_OVERLAP_MS = 5 * 60_000;
/** A shop with no install time on record looks back this far on its first run. */
export const SWEEP_FIRST_LOOKBACK_MS = 3 * 24 * 3600_000;

export interface SweepRun {
  startedAt: string;
  finishedAt: string;
  since: string;
  /** Orders Shopify listed as changed since `since`. */
  seen: number;
  /** Orders stored and enqueued: their newest state had not reached the app. */
  enqueued: string[];
  /** Why the run stopped early (Shopify unreachable or throttling); the next run starts from the same watermark. */
  error?: string;
}

export interface SweepDeps {
  db: Db;
  engine: JobEngine;
  log: Logger;
}

async function startingPoint(db: Db, shop: string, now: Date): Promise<Date> {
  const c = await db.syncCursor.findUnique({ where: { shopDomain_name: { shopDomain: shop, name: SWEEP_CURSOR } } });
  if (c) return new Date(c.value);
  const s = await db.shop.findUnique({ where: { domain: shop }, select: { installedAt: true } });
  return s?.installedAt ?? new Date(now.getTime() - SWEEP_FIRST_LOOKBACK_MS);
}

/** Whether the app already holds (stored or synced) this state of the order, or a newer one. */
async function known(db: Db, shop: string, orderId: string, updatedAt: Date): Promise<boolean> {
  const summary = await db.orderSummary.findUnique({ where: { shopDomain_orderId: { shopDomain: shop, orderId } }, select: { syncedUpdatedAt: true } });
  if (summary?.syncedUpdatedAt && summary.syncedUpdatedAt >= updatedAt) return true;
  const stored = await db.webhookDelivery.count({
    where: { shopDomain: shop, objectType: "order", objectId: orderId, status: "accepted", objectUpdatedAt: { gte: updatedAt } },
  });
  return stored > 0;
}

export async function sweepOrders(deps: SweepDeps, shop: string, admin: GraphqlAdmin, opts: { pageSize?: number; now?: () => Date } = {}): Promise<SweepRun> {
  const { db, log } = deps;
  const now = opts.now ?? (() => new Date());
  const startedAt = now();
  const since = new Date((await startingPoint(db, shop, startedAt)).getTime() - SWEEP_OVERLAP_MS);
  let seen = 0;
  const enqueued: string[] = [];
  for await (const ref of pageOrders(admin, { updatedSince: since, pageSize: opts.pageSize ?? 100, log })) {
    seen++;
    if (await known(db, shop, ref.id, ref.updatedAt)) continue;
    const body = await readAdminOrder(admin, ref.id, { log });
    if (!body) continue; // deleted between the page and the read
    const updatedAt = typeof body.updatedAt === "string" ? new Date(body.updatedAt) : ref.updatedAt;
    if (await known(db, shop, ref.id, updatedAt)) continue;
    try {
      await storeAndEnqueue(deps, shop, { id: ref.id, name: ref.name, updatedAt, body }, startedAt);
    } catch (error) {
      // Another run (or the webhook) stored this very state a moment ago: it is on its way.
      if ((error as { code?: string }).code === "P2002") continue;
      throw error;
    }
    enqueued.push(ref.id);
  }
  const run: SweepRun = { startedAt: startedAt.toISOString(), finishedAt: now().toISOString(), since: since.toISOString(), seen, enqueued };
  await db.$transaction([
    db.syncCursor.upsert({
      where: { shopDomain_name: { shopDomain: shop, name: SWEEP_CURSOR } },
      create: { shopDomain: shop, name: SWEEP_CURSOR, value: run.startedAt },
      update: { value: run.startedAt },
    }),
    db.syncCursor.upsert({
      where: { shopDomain_name: { shopDomain: shop, name: SWEEP_LAST_RUN } },
      create: { shopDomain: shop, name: SWEEP_LAST_RUN, value: JSON.stringify(run) },
      update: { value: JSON.stringify(run) },
    }),
  ]);
  log.info("order sweep done", { shop, seen, enqueued: enqueued.length, since: run.since });
  return run;
}

/** Records a run that could not finish: the watermark stays, so the next run covers the gap. */
export async function recordSweepFailure(db: Db, shop: string, startedAt: Date, error: string): Promise<SweepRun> {
  const run: SweepRun = { startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), since: "", seen: 0, enqueued: [], error };
  await db.syncCursor.upsert({
    where: { shopDomain_name: { shopDomain: shop, name: SWEEP_LAST_RUN } },
    create: { shopDomain: shop, name: SWEEP_LAST_RUN, value: JSON.stringify(run) },
    update: { value: JSON.stringify(run) },
  });
  return run;
}

/** The last run's outcome, or null before the first. */
export async function lastSweep(db: Db, shop: string): Promise<SweepRun | null> {
  const c = await db.syncCursor.findUnique({ where: { shopDomain_name: { shopDomain: shop, name: SWEEP_LAST_RUN } } });
  return c ? (JSON.parse(c.value) as SweepRun) : null;
}

async function storeAndEnqueue({ db, engine }: SweepDeps, shop: string, o: { id: string; name: string; updatedAt: Date; body: unknown }, startedAt: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    const d = await tx.webhookDelivery.create({
      data: {
        shopDomain: shop,
        topic: SWEEP_TOPIC,
        // One stored state per order and updatedAt, whichever run finds it first.
        dedupeKey: `sweep:${o.id}:${o.updatedAt.toISOString()}`,
        webhookId: `sweep:${startedAt.toISOString()}`,
        payload: JSON.stringify(o.body),
        objectType: "order",
        objectId: o.id,
        objectUpdatedAt: o.updatedAt,
      },
    });
    await noteOrderReceived(tx, shop, o.id, { name: o.name, updatedAt: o.updatedAt });
    const ref = { shop, objectType: "order", objectId: o.id };
    await recordEvent(tx, ref, LEDGER_EVENT.received, { topic: SWEEP_TOPIC, deliveryId: d.id, updatedAt: o.updatedAt.toISOString(), note: "found by the reconciliation sweep: its webhook never reached the app" });
    const inNetSuite = (await tx.syncRecord.count({ where: { shopDomain: shop, objectType: "order", objectId: o.id, netsuiteType: "salesOrder" } })) > 0;
    const priority = inNetSuite ? PRIORITY.orderChange : PRIORITY.orderNew;
    const jobId = await engine.enqueue({ kind: JOB_KIND.orderSync, key: orderKey(shop, o.id), priority, data: { shop, objectType: "order", objectId: o.id, deliveryId: d.id } }, tx);
    await recordEvent(tx, ref, LEDGER_EVENT.queued, { kind: JOB_KIND.orderSync, jobId, priority });
  });
}
