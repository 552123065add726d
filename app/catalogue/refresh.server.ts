/**
 * A full refresh of the shop's variant catalogue from the Admin API: on install, and on demand
 * from the SKU mapping screen. Pages every variant (oldest id first), upserts them a page at a
 * time, writes its progress as it goes (the screen shows "n variants read"), and at the end
 * marks variants Shopify no longer has as deleted. The webhooks keep it fresh in between.
 */
import type { Db } from "~/db.server";
import type { JobContext, JobEngine } from "~/jobs/port";
import { PermanentJobError, PRIORITY } from "~/jobs/port";
import type { Logger } from "~/log.server";
import { JOB_KIND } from "~/intake/topics";
import { AdminReadError, pageVariants, type AdminVariant, type GraphqlAdmin } from "~/shopify/admin-read";
import { NoShopAccessError, offlineAdmin } from "~/shopify/offline-admin.server";
import { markUnseenDeleted, upsertVariants } from "./catalogue.server";
import { adoptShopTimeZone } from "~/shops/shop-profile.server";

export const CATALOGUE_RUN = "catalogue.refresh";

export interface CatalogueRun {
  startedAt: string;
  finishedAt: string | null;
  /** Variants read from Shopify so far. */
  read: number;
  /** Variants marked deleted (no longer in Shopify) at the end. */
  deleted: number;
  error?: string;
}

async function save(db: Db, shop: string, run: CatalogueRun): Promise<void> {
  const value = JSON.stringify(run);
  await db.syncCursor.upsert({ where: { shopDomain_name: { shopDomain: shop, name: CATALOGUE_RUN } }, create: { shopDomain: shop, name: CATALOGUE_RUN, value }, update: { value } });
}

export async function lastCatalogueRun(db: Db, shop: string): Promise<CatalogueRun | null> {
  const c = await db.syncCursor.findUnique({ where: { shopDomain_name: { shopDomain: shop, name: CATALOGUE_RUN } } });
  return c ? (JSON.parse(c.value) as CatalogueRun) : null;
}

export function requestCatalogueRefresh(engine: JobEngine, shop: string, trigger: string): Promise<string> {
  return engine.enqueue({ kind: JOB_KIND.catalogueRefresh, key: `catalogue:${shop}`, priority: PRIORITY.maintenance, data: { shop, trigger } });
}

const toInput = (v: AdminVariant) => ({ variantId: v.variantId, productId: v.productId, sku: v.sku, title: v.title, productTitle: v.productTitle, inventoryItemId: v.inventoryItemId, giftCard: v.giftCard });

export async function refreshCatalogue(db: Db, shop: string, admin: GraphqlAdmin, log: Logger, opts: { pageSize?: number } = {}): Promise<CatalogueRun> {
  const started = new Date();
  const run: CatalogueRun = { startedAt: started.toISOString(), finishedAt: null, read: 0, deleted: 0 };
  await save(db, shop, run);
  let batch: AdminVariant[] = [];
  const flush = async () => {
    await upsertVariants(db, shop, batch.map(toInput));
    run.read += batch.length;
    batch = [];
    await save(db, shop, run);
  };
  for await (const v of pageVariants(admin, { pageSize: opts.pageSize ?? 250, log })) {
    batch.push(v);
    if (batch.length >= 250) await flush();
  }
  await flush();
  run.deleted = await markUnseenDeleted(db, shop, started);
  run.finishedAt = new Date().toISOString();
  await save(db, shop, run);
  log.info("catalogue refreshed", { shop, read: run.read, deleted: run.deleted });
  return run;
}

export async function catalogueRefreshJob(job: JobContext, { db, log }: { db: Db; log: Logger }): Promise<void> {
  const shop = String(job.data.shop);
  let admin: GraphqlAdmin;
  try {
    admin = await offlineAdmin(shop);
  } catch (e) {
    if (e instanceof NoShopAccessError) throw new PermanentJobError(e.message, "shopify_read");
    throw e;
  }
  // At install the shop's time zone comes too (Sales Orders are dated in it). Not worth failing
  // the catalogue for: the merchant sees and sets it in Settings either way.
  if (job.data.trigger === "install") {
    await adoptShopTimeZone(db, shop, admin, log).catch((e) => log.warn("the shop's time zone could not be read: Settings keeps UTC until it is set there", { shop, error: e instanceof Error ? e.message : String(e) }));
  }
  try {
    await refreshCatalogue(db, shop, admin, log, { pageSize: Number(process.env.CATALOGUE_PAGE_SIZE ?? "") || undefined });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const last = await lastCatalogueRun(db, shop);
    await save(db, shop, { ...(last ?? { startedAt: new Date().toISOString(), read: 0, deleted: 0 }), finishedAt: new Date().toISOString(), error: message });
    if (e instanceof AdminReadError && !e.retryable) throw new PermanentJobError(message, "shopify_read");
    throw e; // retried with backoff; the next run starts over (upserts are idempotent)
  }
}
