/**
 * The reconciliation sweep's entry point: its job (one shop's run), its schedules (one per
 * installed shop, at the shop's `sweep.schedule` cron), and the on-demand trigger.
 */
import type { Db } from "~/db.server";
import type { JobContext, JobEngine } from "~/jobs/port";
import { PermanentJobError, PRIORITY } from "~/jobs/port";
import type { Logger } from "~/log.server";
import { JOB_KIND } from "~/intake/topics";
import { loadSettings } from "~/mappings/settings.server";
import { AdminReadError } from "~/shopify/admin-read";
import { NoShopAccessError, offlineAdmin } from "~/shopify/offline-admin.server";
import { recordSweepFailure, sweepOrders, type SweepRun } from "./orders-sweep.server";

export { lastSweep, sweepOrders, type SweepRun } from "./orders-sweep.server";

const scheduleName = (shop: string) => `orders-sweep/${shop}`;
const sweepSpec = (shop: string, trigger: string) => ({ kind: JOB_KIND.ordersSweep, key: `sweep:${shop}`, priority: PRIORITY.maintenance, data: { shop, trigger } });

/** Declares (or moves) the shop's sweep schedule. */
export async function scheduleSweep(engine: JobEngine, db: Db, shop: string): Promise<void> {
  const { settings } = await loadSettings(db, shop);
  await engine.schedule(scheduleName(shop), settings.sweep.schedule, sweepSpec(shop, "schedule"));
}

/** At start: every installed shop's schedule, as its settings say; removed shops' dropped. */
export async function scheduleSweeps(engine: JobEngine, db: Db, log: Logger, enabled = true): Promise<void> {
  const shops = await db.shop.findMany({ select: { domain: true, status: true } });
  for (const s of shops) {
    try {
      if (enabled && s.status === "installed") await scheduleSweep(engine, db, s.domain);
      else await engine.unschedule(scheduleName(s.domain));
    } catch (error) {
      log.warn("sweep schedule not declared", { shop: s.domain, error: String(error) });
    }
  }
}

/** Runs the sweep soon, outside its schedule ("Check Shopify now"). */
export async function requestSweep(engine: JobEngine, shop: string, by: string): Promise<string> {
  return engine.enqueue(sweepSpec(shop, `on demand by ${by}`));
}

export async function sweepJob(job: JobContext, { db, engine, log }: { db: Db; engine: JobEngine; log: Logger }): Promise<SweepRun | null> {
  const shop = String(job.data.shop);
  const row = await db.shop.findUnique({ where: { domain: shop }, select: { status: true } });
  if (row?.status !== "installed") {
    log.info("sweep skipped: the shop is not installed", { shop });
    return null;
  }
  let admin;
  try {
    admin = await offlineAdmin(shop);
  } catch (e) {
    if (e instanceof NoShopAccessError) throw new PermanentJobError(e.message, "shopify_read");
    throw e;
  }
  const pageSize = Number(process.env.SWEEP_PAGE_SIZE ?? "") || undefined;
  const startedAt = new Date();
  try {
    return await sweepOrders({ db, engine, log }, shop, admin, { pageSize });
  } catch (e) {
    // A refused token or query needs a person: an exception. Shopify down or throttling does
    // not: the run is recorded as failed and the next scheduled run covers the same window.
    if (e instanceof AdminReadError && !e.retryable) throw new PermanentJobError(e.message, "shopify_read");
    const message = e instanceof Error ? e.message : String(e);
    log.warn("order sweep did not finish; the next run covers the same window", { shop, error: message });
    return recordSweepFailure(db, shop, startedAt, message);
  }
}
