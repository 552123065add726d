/**
 * What the order mapping needs to know about a shop: which NetSuite record each Shopify thing
 * becomes. `OrderMappings` is the plain object `mapOrder` reads; `mappingsFile` is its JSON form,
 * the one format of the preview's `--mappings` file and of the mappings export/import, with keys
 * a merchant can read (documented in docs/mappings.md). NetSuite ids are internal ids.
 */
import { z } from "zod";
import { ITEM_KINDS, type ItemKind } from "~/mappings/item-kinds";
import type { ShopSettings } from "~/mappings/settings.server";

export interface KitMember {
  itemId: string;
  quantity: number;
  /** Share of the bundle's price this member carries per unit (default: 1 per unit). */
  weight?: number;
}

export interface SkuTarget {
  itemId: string;
  kind: ItemKind;
  /** A kit's members, as NetSuite's kit item lists them. */
  members?: KitMember[];
}

export interface TaxRule {
  /** Shopify's tax line title, compared without regard to case. */
  title?: string;
  /** Shopify's rate as a fraction ("0.2" for 20 %), compared as a number. */
  rate?: string;
  taxCodeId: string;
}

export type BundlePolicy = "kit" | "components";
export type GuestPolicy = "per-email" | "shared";

export interface OrderMappings {
  storefront: {
    subsidiaryId: string | null;
    /** ISO currency code → NetSuite currency id. */
    currencies: ReadonlyMap<string, string>;
    /** Which of Shopify's two amounts the Sales Order carries. */
    currencySource: "presentment" | "shop";
    priceLevelId: string | null;
    /** Orders that name no Shopify location (online orders) go here. */
    defaultLocationId: string | null;
    /** The shop's IANA time zone: the Sales Order's date is the order's local date there. */
    timeZone: string;
  };
  skus: ReadonlyMap<string, SkuTarget>;
  bundlePolicy: BundlePolicy;
  /** Shopify location id → NetSuite location id. */
  locations: ReadonlyMap<string, string>;
  tax: { rules: TaxRule[]; defaultTaxCodeId: string | null; exemptTaxCodeId: string | null };
  items: { shippingItemId: string | null; discountItemId: string | null; giftCardItemId: string | null };
  giftCardPaymentMethodId: string | null;
  customers: {
    guestPolicy: GuestPolicy;
    sharedGuestCustomerId: string | null;
    /** Shopify company id → NetSuite customer id (B2B). */
    companies: ReadonlyMap<string, string>;
    /** Lower-cased email → an existing NetSuite customer; filled by the sync from a lookup. */
    byEmail: ReadonlyMap<string, string>;
  };
  /** Shopify payment terms name ("Net 30") → NetSuite terms id. */
  paymentTerms: ReadonlyMap<string, string>;
}

const nsId = z.union([z.string().trim().regex(/^\d+$/, "a NetSuite internal id (digits)"), z.number().int().nonnegative()]).transform(String);
const shopifyId = z.string().regex(/^\d+$/, "a Shopify numeric id");
const validZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en-CA", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const member = z.strictObject({ item: nsId, quantity: z.number().int().positive(), weight: z.number().int().nonnegative().optional() });
const sku = z
  .strictObject({ item: nsId, kind: z.enum(ITEM_KINDS).default("inventory"), name: z.string().optional(), members: z.array(member).min(1).optional() })
  .refine((s) => s.kind !== "kit" || s.members !== undefined, { message: "a kit needs its members (the NetSuite kit's member items)", path: ["members"] });

export const mappingsFile = z.strictObject({
  storefront: z
    .strictObject({
      subsidiary: nsId.optional(),
      currencies: z.record(z.string().regex(/^[A-Z]{3}$/, "an ISO currency code"), nsId).default({}),
      currencySource: z.enum(["presentment", "shop"]).default("presentment"),
      priceLevel: nsId.optional(),
      defaultLocation: nsId.optional(),
      timeZone: z.string().refine(validZone, "an IANA time zone such as America/New_York").default("UTC"),
    })
    .prefault({}),
  skus: z.record(z.string().trim().min(1), sku).default({}),
  bundles: z.enum(["kit", "components"]).default("kit"),
  locations: z.record(shopifyId, nsId).default({}),
  tax: z
    .strictObject({
      rules: z
        .array(z.strictObject({ title: z.string().trim().min(1).optional(), rate: z.string().regex(/^\d+(\.\d+)?$/, "a fraction such as 0.2").optional(), taxCode: nsId }).refine((r) => r.title !== undefined || r.rate !== undefined, "a rule names a title, a rate or both"))
        .default([]),
      default: nsId.optional(),
      exempt: nsId.optional(),
    })
    .prefault({}),
  items: z.strictObject({ shipping: nsId.optional(), discount: nsId.optional(), giftCard: nsId.optional() }).prefault({}),
  payments: z.strictObject({ giftCard: nsId.optional() }).prefault({}),
  customers: z
    .strictObject({
      guests: z.enum(["per-email", "shared"]).default("per-email"),
      sharedGuest: nsId.optional(),
      companies: z.record(shopifyId, nsId).default({}),
      byEmail: z.record(z.string().trim().min(3), nsId).default({}),
    })
    .prefault({})
    .refine((c) => c.guests !== "shared" || c.sharedGuest !== undefined, { message: "the shared guest policy needs sharedGuest (a NetSuite customer id)", path: ["sharedGuest"] }),
  paymentTerms: z.record(z.string().trim().min(1), nsId).default({}),
});
export type MappingsFile = z.input<typeof mappingsFile>;

const map = <V>(r: Record<string, V>): Map<string, V> => new Map(Object.entries(r));

/** The JSON file form (already parsed JSON) → the mappings, or the problems with the file. */
export function parseMappings(json: unknown): { ok: true; mappings: OrderMappings } | { ok: false; issues: string[] } {
  const r = mappingsFile.safeParse(json);
  if (!r.success) return { ok: false, issues: r.error.issues.map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`) };
  const f = r.data;
  return {
    ok: true,
    mappings: {
      storefront: {
        subsidiaryId: f.storefront.subsidiary ?? null,
        currencies: map(f.storefront.currencies),
        currencySource: f.storefront.currencySource,
        priceLevelId: f.storefront.priceLevel ?? null,
        defaultLocationId: f.storefront.defaultLocation ?? null,
        timeZone: f.storefront.timeZone,
      },
      skus: new Map(Object.entries(f.skus).map(([k, s]) => [k, { itemId: s.item, kind: s.kind, ...(s.members ? { members: s.members.map((m) => ({ itemId: m.item, quantity: m.quantity, ...(m.weight !== undefined ? { weight: m.weight } : {}) })) } : {}) }])),
      bundlePolicy: f.bundles,
      locations: map(f.locations),
      tax: { rules: f.tax.rules.map((t) => ({ ...(t.title ? { title: t.title } : {}), ...(t.rate ? { rate: t.rate } : {}), taxCodeId: t.taxCode })), defaultTaxCodeId: f.tax.default ?? null, exemptTaxCodeId: f.tax.exempt ?? null },
      items: { shippingItemId: f.items.shipping ?? null, discountItemId: f.items.discount ?? null, giftCardItemId: f.items.giftCard ?? null },
      giftCardPaymentMethodId: f.payments.giftCard ?? null,
      customers: {
        guestPolicy: f.customers.guests,
        sharedGuestCustomerId: f.customers.sharedGuest ?? null,
        companies: map(f.customers.companies),
        byEmail: new Map(Object.entries(f.customers.byEmail).map(([e, id]) => [e.trim().toLowerCase(), id])),
      },
      paymentTerms: map(f.paymentTerms),
    },
  };
}

const opt = <T>(v: T | null): T | undefined => v ?? undefined;
const obj = <V>(m: ReadonlyMap<string, V>): Record<string, V> => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The mappings as their JSON file form (for the export), keys sorted so exports diff cleanly. */
export function toMappingsFile(m: OrderMappings): z.output<typeof mappingsFile> {
  return {
    storefront: { subsidiary: opt(m.storefront.subsidiaryId), currencies: obj(m.storefront.currencies), currencySource: m.storefront.currencySource, priceLevel: opt(m.storefront.priceLevelId), defaultLocation: opt(m.storefront.defaultLocationId), timeZone: m.storefront.timeZone },
    skus: obj(new Map([...m.skus].map(([k, s]) => [k, { item: s.itemId, kind: s.kind, ...(s.members ? { members: s.members.map((x) => ({ item: x.itemId, quantity: x.quantity, ...(x.weight !== undefined ? { weight: x.weight } : {}) })) } : {}) }]))),
    bundles: m.bundlePolicy,
    locations: obj(m.locations),
    tax: { rules: m.tax.rules.map((r) => ({ title: r.title, rate: r.rate, taxCode: r.taxCodeId })), default: opt(m.tax.defaultTaxCodeId), exempt: opt(m.tax.exemptTaxCodeId) },
    items: { shipping: opt(m.items.shippingItemId), discount: opt(m.items.discountItemId), giftCard: opt(m.items.giftCardItemId) },
    payments: { giftCard: opt(m.giftCardPaymentMethodId) },
    customers: { guests: m.customers.guestPolicy, sharedGuest: opt(m.customers.sharedGuestCustomerId), companies: obj(m.customers.companies), byEmail: obj(m.customers.byEmail) },
    paymentTerms: obj(m.paymentTerms),
  };
}

/**
 * The mappings from what the app stores (the settings document, SKU and location mapping rows)
 * plus what the sync looked up in NetSuite (customers by email), for the order job.
 */
export function orderMappingsFromSettings(
  s: ShopSettings,
  rows: { skus: Iterable<{ sku: string; netsuiteItemId: string; itemKind: ItemKind; kitMembers?: { itemId: string; quantity: number; weight?: number }[] | null }>; locations: Iterable<{ shopifyLocationId: string; netsuiteLocationId: string }>; customersByEmail?: ReadonlyMap<string, string> },
): OrderMappings {
  return {
    storefront: { subsidiaryId: s.storefront.subsidiaryId ?? null, currencies: map(s.storefront.currencies), currencySource: s.storefront.currencySource, priceLevelId: s.storefront.priceLevelId ?? null, defaultLocationId: s.storefront.defaultLocationId ?? null, timeZone: s.storefront.timeZone },
    skus: new Map([...rows.skus].map((r) => [r.sku, { itemId: r.netsuiteItemId, kind: r.itemKind, ...(r.kitMembers ? { members: r.kitMembers.map((k) => ({ itemId: k.itemId, quantity: k.quantity, ...(k.weight !== undefined ? { weight: k.weight } : {}) })) } : {}) }])),
    bundlePolicy: s.bundles.policy,
    locations: new Map([...rows.locations].map((l) => [l.shopifyLocationId, l.netsuiteLocationId])),
    tax: { rules: s.tax.codes.map((c) => ({ ...(c.title ? { title: c.title } : {}), ...(c.rate ? { rate: c.rate } : {}), taxCodeId: c.taxCodeId })), defaultTaxCodeId: s.tax.defaultTaxCodeId ?? null, exemptTaxCodeId: s.tax.exemptTaxCodeId ?? null },
    items: { shippingItemId: s.items.shippingItemId ?? null, discountItemId: s.items.discountItemId ?? null, giftCardItemId: s.items.giftCardItemId ?? null },
    giftCardPaymentMethodId: s.items.giftCardPaymentMethodId ?? null,
    customers: { guestPolicy: s.customers.guestPolicy, sharedGuestCustomerId: s.customers.sharedGuestCustomerId ?? null, companies: map(s.customers.companies), byEmail: rows.customersByEmail ?? new Map() },
    paymentTerms: map(s.paymentTerms),
  };
}
