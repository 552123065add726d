/**
 * The shop's order mappings as one JSON file, in the format of the preview's `--mappings` file
 * (app/sync/orders/mappings.ts, documented in docs/mappings.md): export what is stored, import a
 * file (settings sections merged into the settings document, SKU and location mappings upserted,
 * known customers by email remembered). A file with any problem is refused whole, with each
 * problem's path; nothing is half-imported.
 */
import type { Db } from "~/db.server";
import type { JobEngine } from "~/jobs/port";
import { loadSettings, saveSettings, shopSettingsSchema } from "./settings.server";
import { allSkuMappings, saveSkuMapping, skuMappingInput } from "./skus.server";
import { allLocationMappings, saveLocationMapping } from "./locations.server";
import { releaseFixedExceptions } from "./reactions.server";
import { mappingsFile, orderMappingsFromSettings, toMappingsFile } from "~/sync/orders/mappings";
import { rememberCustomer } from "~/sync/orders/customer-match.server";

export async function exportMappings(db: Db, shop: string) {
  const [{ settings }, skus, locations] = await Promise.all([loadSettings(db, shop), allSkuMappings(db, shop), allLocationMappings(db, shop)]);
  // Customers matched by email are remembered by the email's hash only: they are not exported.
  return toMappingsFile(orderMappingsFromSettings(settings, { skus, locations }));
}

export interface ImportReport {
  ok: boolean;
  /** Each problem with its place in the file, e.g. "skus.MUG-12OZ.item: a NetSuite internal id (digits)". */
  issues: string[];
  skus: number;
  locations: number;
  customersByEmail: number;
  settingsVersion: number | null;
  releasedExceptions: string[];
}

const refused = (issues: string[]): ImportReport => ({ ok: false, issues, skus: 0, locations: 0, customersByEmail: 0, settingsVersion: null, releasedExceptions: [] });

export async function importMappings(db: Db, engine: JobEngine, shop: string, json: unknown, by: string): Promise<ImportReport> {
  const parsed = mappingsFile.safeParse(json);
  if (!parsed.success) return refused(parsed.error.issues.map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`));
  const f = parsed.data;
  const { settings: current } = await loadSettings(db, shop);
  const next = shopSettingsSchema.safeParse({
    ...current,
    storefront: { subsidiaryId: f.storefront.subsidiary, currencies: f.storefront.currencies, currencySource: f.storefront.currencySource, priceLevelId: f.storefront.priceLevel, defaultLocationId: f.storefront.defaultLocation, timeZone: f.storefront.timeZone },
    tax: { codes: f.tax.rules.map((r) => ({ title: r.title, rate: r.rate, taxCodeId: r.taxCode })), defaultTaxCodeId: f.tax.default, exemptTaxCodeId: f.tax.exempt },
    items: { shippingItemId: f.items.shipping, discountItemId: f.items.discount, giftCardItemId: f.items.giftCard, giftCardPaymentMethodId: f.payments.giftCard },
    customers: { guestPolicy: f.customers.guests, sharedGuestCustomerId: f.customers.sharedGuest, companies: f.customers.companies },
    bundles: { policy: f.bundles },
    paymentTerms: f.paymentTerms,
  });
  if (!next.success) return refused(next.error.issues.map((i) => `settings ${i.path.join(".")}: ${i.message}`));
  const skus = Object.entries(f.skus).map(([sku, s]) =>
    skuMappingInput.safeParse({ sku, netsuiteItemId: s.item, itemKind: s.kind, itemName: s.name, kitMembers: s.members?.map((m) => ({ itemId: m.item, quantity: m.quantity, ...(m.weight !== undefined ? { weight: m.weight } : {}) })) }),
  );
  const bad = skus.flatMap((r, i) => (r.success ? [] : r.error.issues.map((x) => `skus.${Object.keys(f.skus)[i]}: ${x.message}`)));
  if (bad.length) return refused(bad);

  const saved = await saveSettings(db, shop, next.data, by);
  for (const r of skus) if (r.success) await saveSkuMapping(db, shop, r.data, by, "import");
  for (const [shopifyLocationId, netsuiteLocationId] of Object.entries(f.locations)) await saveLocationMapping(db, shop, { shopifyLocationId, netsuiteLocationId }, by);
  for (const [email, internalId] of Object.entries(f.customers.byEmail)) await rememberCustomer(db, shop, email.trim().toLowerCase(), { internalId, externalId: "" });
  const releasedExceptions = await releaseFixedExceptions(db, engine, shop, by);
  return { ok: true, issues: [], skus: skus.length, locations: Object.keys(f.locations).length, customersByEmail: Object.keys(f.customers.byEmail).length, settingsVersion: saved.version, releasedExceptions };
}
