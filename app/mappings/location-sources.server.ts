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

export interface NetSuiteChoices {
  locations: { id: string; name: string }[];
  /** Empty where the account has no subsidiaries (not OneWorld) or the role cannot read them. */
  subsidiaries: { id: string; name: string; currency: string | null }[];
  /** NetSuite's currencies; `symbol` is the ISO code. */
  currencies: { id: string; symbol: string; name: string }[];
}

export interface LocationSources {
  shopify: { locations: AdminLocation[] } | { error: string };
  netsuite: NetSuiteChoices | { error: string };
}

const idField = z.union([z.string(), z.number()]).transform(String);
const nsRow = z.looseObject({ id: idField, name: z.string() });
const subsidiaryRow = z.looseObject({ id: idField, name: z.string(), currency: idField.nullish() });
const currencyRow = z.looseObject({ id: idField, symbol: z.string(), name: z.string() });
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
  const netsuite = (async (): Promise<NetSuiteChoices> => {
    const ns = await netsuiteFor(db, shop);
    const locations = await ns.suiteqlAll(`SELECT id, name FROM location WHERE isinactive = 'F' ORDER BY name`, nsRow);
    // Subsidiaries exist only in OneWorld accounts: without them the page asks for an id.
    const subsidiaries = await ns.suiteqlAll(`SELECT id, name, currency FROM subsidiary WHERE isinactive = 'F' ORDER BY name`, subsidiaryRow).catch(() => []);
    const currencies = await ns.suiteqlAll(`SELECT id, symbol, name FROM currency WHERE isinactive = 'F' ORDER BY symbol`, currencyRow).catch(() => []);
    return { locations, subsidiaries: subsidiaries.map((r) => ({ id: r.id, name: r.name, currency: r.currency ?? null })), currencies: currencies.map((r) => ({ id: r.id, symbol: r.symbol, name: r.name })) };
  })();
  const [s, n] = await Promise.allSettled([withTimeout(shopify, 10_000, "Shopify"), withTimeout(netsuite, 15_000, "NetSuite")]);
  return {
    shopify: s.status === "fulfilled" ? { locations: s.value } : { error: `Shopify's locations could not be read: ${message(s.reason)}` },
    netsuite: n.status === "fulfilled" ? n.value : { error: `NetSuite's locations could not be read: ${message(n.reason)}` },
  };
}
