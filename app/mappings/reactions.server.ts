/**
 * A mapping fixed is an order released: open exceptions that were waiting only for mappings
 * (their detail names the SKUs or locations) are retried as soon as every one is mapped, with
 * no other action from the merchant.
 */
import { z } from "zod";
import type { Db } from "~/db.server";
import type { JobEngine } from "~/jobs/port";
import { EXCEPTION_STATUS } from "~/exceptions/states";
import { retryException } from "~/exceptions/exceptions.server";
import { skuMappingsFor } from "./skus.server";

/** Causes that a mapping change can fix, and what their detail names. */
export const MAPPING_CAUSES = ["unmapped_sku", "unmapped_location"] as const;

const waitingOn = z.object({ skus: z.array(z.string()).optional(), locations: z.array(z.string()).optional() });

export async function releaseFixedExceptions(db: Db, engine: JobEngine, shop: string, actor: string): Promise<string[]> {
  const open = await db.syncException.findMany({
    where: { shopDomain: shop, status: EXCEPTION_STATUS.open, causeCode: { in: [...MAPPING_CAUSES] } },
    orderBy: { firstSeenAt: "asc" },
  });
  const released: string[] = [];
  for (const ex of open) {
    const parsed = waitingOn.safeParse(ex.detail ? JSON.parse(ex.detail) : {});
    if (!parsed.success) continue;
    const skus = parsed.data.skus ?? [];
    const locations = parsed.data.locations ?? [];
    if (skus.length === 0 && locations.length === 0) continue;
    const mappedSkus = await skuMappingsFor(db, shop, skus);
    if (skus.some((s) => !mappedSkus.has(s))) continue;
    const mappedLocations = locations.length
      ? await db.locationMapping.count({ where: { shopDomain: shop, shopifyLocationId: { in: locations } } })
      : 0;
    if (mappedLocations < new Set(locations).size) continue;
    try {
      await retryException(db, engine, shop, ex.id, `${actor} (mapping fixed)`);
      released.push(ex.id);
    } catch {
      // Someone acted on it at the same moment: nothing left to release.
    }
  }
  return released;
}
