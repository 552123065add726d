/**
 * A shop's settings and non-list mappings as one validated document: storefront → subsidiary,
 * currencies and price level; tax codes; the NetSuite items that carry shipping, discounts and
 * gift cards; customer policy; bundle policy; the fulfilment lock; stock; journal accounts.
 * Stored as JSON in ShopSettings with a version that increases on every change.
 */
import { z } from "zod";
import type { Db } from "~/db.server";
import { assertCron } from "~/jobs/cron";

const nsId = z.string().trim().regex(/^\d+$/, "a NetSuite internal id (digits)");
const optionalId = nsId.optional();
/** A 5-field cron expression (UTC), as the job engines read it. */
const cron = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine((c) => {
      try {
        assertCron(c);
        return true;
      } catch {
        return false;
      }
    }, "a 5-field cron expression in UTC, e.g. */10 * * * *");

export const shopSettingsSchema = z.object({
  storefront: z
    .object({
      subsidiaryId: optionalId,
      /** ISO currency code → NetSuite currency internal id. */
      currencies: z.record(z.string().regex(/^[A-Z]{3}$/, "an ISO currency code"), nsId).default({}),
      /** Which Shopify amounts the Sales Order carries: the buyer's (presentment) or the shop's. */
      currencySource: z.enum(["presentment", "shop"]).default("presentment"),
      priceLevelId: optionalId,
      /** Used when an order names no location or an unmapped one is allowed to fall back. */
      defaultLocationId: optionalId,
      /** The shop's IANA time zone: a Sales Order's date is the order's local date there. */
      timeZone: z
        .string()
        .trim()
        .default("UTC")
        .refine((tz) => {
          try {
            new Intl.DateTimeFormat("en-CA", { timeZone: tz });
            return true;
          } catch {
            return false;
          }
        }, "an IANA time zone such as America/New_York"),
    })
    .default({ currencies: {}, currencySource: "presentment", timeZone: "UTC" }),
  tax: z
    .object({
      /** Matched in order: a Shopify tax line by title and/or rate → a NetSuite tax code. */
      codes: z.array(z.object({ title: z.string().trim().min(1).optional(), rate: z.string().regex(/^\d+(\.\d+)?$/).optional(), taxCodeId: nsId })).default([]),
      defaultTaxCodeId: optionalId,
      /** The code for untaxed lines. */
      exemptTaxCodeId: optionalId,
    })
    .default({ codes: [] }),
  items: z
    .object({
      shippingItemId: optionalId,
      discountItemId: optionalId,
      giftCardItemId: optionalId,
      giftCardPaymentMethodId: optionalId,
    })
    .default({}),
  customers: z
    .object({
      guestPolicy: z.enum(["per-email", "shared"]).default("per-email"),
      sharedGuestCustomerId: optionalId,
      /** Shopify company id → NetSuite customer internal id (B2B). */
      companies: z.record(z.string().regex(/^\d+$/), nsId).default({}),
    })
    .default({ guestPolicy: "per-email", companies: {} })
    .refine((c) => c.guestPolicy !== "shared" || Boolean(c.sharedGuestCustomerId), { message: "A shared guest customer needs its NetSuite customer id", path: ["sharedGuestCustomerId"] }),
  /** Shopify payment terms name ("Net 30") → NetSuite terms internal id (B2B orders). */
  paymentTerms: z.record(z.string().trim().min(1), nsId).default({}),
  bundles: z.object({ policy: z.enum(["kit", "components"]).default("kit") }).default({ policy: "kit" }),
  fulfilment: z
    .object({
      /** A NetSuite body field that marks "released to the warehouse", if the merchant uses one. */
      lockField: z.string().regex(/^custbody[a-z0-9_]*$/, "a custom body field id (custbody…)").optional(),
    })
    .default({}),
  inventory: z
    .object({
      safetyBuffer: z.number().int().min(0).max(100000).default(0),
      /** 5-field cron, UTC. */
      schedule: cron("*/15 * * * *"),
      divergenceAlertUnits: z.number().int().min(0).default(10),
    })
    .default({ safetyBuffer: 0, schedule: "*/15 * * * *", divergenceAlertUnits: 10 }),
  journal: z
    .object({
      bankAccountId: optionalId,
      clearingAccountId: optionalId,
      feesAccountId: optionalId,
      refundsAccountId: optionalId,
      adjustmentsAccountId: optionalId,
      reservesAccountId: optionalId,
      giftCardLiabilityAccountId: optionalId,
    })
    .default({}),
  /** The reconciliation sweep (orders whose webhooks never arrived). */
  sweep: z.object({ schedule: cron("*/10 * * * *") }).default({ schedule: "*/10 * * * *" }),
});
export type ShopSettings = z.output<typeof shopSettingsSchema>;

export const DEFAULT_SETTINGS: ShopSettings = shopSettingsSchema.parse({});

export async function loadSettings(db: Db, shop: string): Promise<{ settings: ShopSettings; version: number }> {
  const row = await db.shopSettings.findUnique({ where: { shopDomain: shop } });
  if (!row) return { settings: DEFAULT_SETTINGS, version: 0 };
  // A stored document that no longer parses (a field removed in an upgrade) falls back field by
  // field to defaults rather than stopping every sync.
  const parsed = shopSettingsSchema.safeParse(JSON.parse(row.data));
  return { settings: parsed.success ? parsed.data : DEFAULT_SETTINGS, version: row.version };
}

export class SettingsConflictError extends Error {
  override name = "SettingsConflictError";
}

/**
 * Saves the whole document. With `expectedVersion`, refuses when someone saved in between
 * (the screen then reloads instead of overwriting a colleague's change).
 */
export async function saveSettings(db: Db, shop: string, input: unknown, by: string, expectedVersion?: number): Promise<{ settings: ShopSettings; version: number }> {
  const settings = shopSettingsSchema.parse(input);
  const data = JSON.stringify(settings);
  const current = await db.shopSettings.findUnique({ where: { shopDomain: shop } });
  if (expectedVersion !== undefined && (current?.version ?? 0) !== expectedVersion) {
    throw new SettingsConflictError("Someone else changed the settings since you opened them: reload to see their change.");
  }
  if (!current) {
    const row = await db.shopSettings.create({ data: { shopDomain: shop, data, version: 1, updatedBy: by } });
    return { settings, version: row.version };
  }
  const moved = await db.shopSettings.updateMany({ where: { shopDomain: shop, version: current.version }, data: { data, version: current.version + 1, updatedBy: by } });
  if (moved.count !== 1) throw new SettingsConflictError("Someone else changed the settings at the same moment: reload to see their change.");
  return { settings, version: current.version + 1 };
}
