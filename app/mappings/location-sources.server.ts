/**
 * What the location mapping screen offers to pick from: the shop's Shopify locations (Admin
 * API) and NetSuite's active locations (SuiteQL). Each side is read on its own; one failing
 * (the app's access, NetSuite down) still shows the other, with the reason.
 */
import { z } from "zod";
import type { Db } from "~/db.server";
import { netsuiteFor } from "~/netsuite/for-shop.server";
import { pageLocations, type AdminLocation } from "~/shopify/admin-read";
import { offlineAdmin } from "~/shopify/offline-admin.server";

export interface LocationSources {
  shopify: { locations: AdminLocation[] } | { error: string };
  netsuite: { locations: { id: string; name: string }[] } | { error: string };
}

const nsRow = z.looseObject({ id: z.union([z.string(), z.number()]).transform(String), name: z.string() });
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms / 1000} s`)), ms)));
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function locationSources(db: Db, shop: string): Promise<LocationSources> {
  const shopify = (async () => {
    const admin = await offlineAdmin(shop);
    const out: AdminLocation[] = [];
    for await (const l of pageLocations(admin, { maxThrottleWaits: 2 })) if (out.push(l) >= 500) break;
    return out;
  })();
  const netsuite = (async () => (await netsuiteFor(db, shop)).suiteqlAll(`SELECT id, name FROM location WHERE isinactive = 'F' ORDER BY name`, nsRow))();
  const [s, n] = await Promise.allSettled([withTimeout(shopify, 10_000, "Shopify"), withTimeout(netsuite, 15_000, "NetSuite")]);
  return {
    shopify: s.status === "fulfilled" ? { locations: s.value } : { error: `Shopify's locations could not be read: ${message(s.reason)}` },
    netsuite: n.status === "fulfilled" ? { locations: n.value } : { error: `NetSuite's locations could not be read: ${message(n.reason)}` },
  };
}
