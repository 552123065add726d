/**
 * The storefront's place in NetSuite, edited on the location page: the subsidiary its orders
 * belong to, the default location for online orders, the price level, and which NetSuite
 * currency each of its currencies is. Stored in the settings document (the same fields the
 * settings page and a mappings import write), saved only if nobody saved in between.
 */
import { z } from "zod";
import type { Db } from "~/db.server";
import { loadSettings, saveSettings, shopSettingsSchema, SettingsConflictError } from "./settings.server";
import { settingsToForm } from "~/settings/settings-form.server";

export interface StorefrontForm {
  subsidiaryId: string;
  defaultLocationId: string;
  priceLevelId: string;
  /** "USD=1" lines. */
  currencies: string;
  version: number;
}

export async function loadStorefront(db: Db, shop: string): Promise<StorefrontForm> {
  const { settings, version } = await loadSettings(db, shop);
  const s = settings.storefront;
  return {
    subsidiaryId: s.subsidiaryId ?? "",
    defaultLocationId: s.defaultLocationId ?? "",
    priceLevelId: s.priceLevelId ?? "",
    currencies: settingsToForm(settings).currencies,
    version,
  };
}

const form = z.object({
  subsidiaryId: z.string().trim().default(""),
  defaultLocationId: z.string().trim().default(""),
  priceLevelId: z.string().trim().default(""),
  currencies: z.string().default(""),
  version: z.coerce.number().int().min(0),
});

export type StorefrontSaveResult = { ok: true } | { ok: false; issues: string[]; conflict?: boolean };

const LABELS: Record<string, string> = { subsidiaryId: "Subsidiary", defaultLocationId: "Default location", priceLevelId: "Price level", currencies: "Currencies" };

export async function saveStorefront(db: Db, shop: string, input: Record<string, unknown>, by: string): Promise<StorefrontSaveResult> {
  const f = form.safeParse(input);
  if (!f.success) return { ok: false, issues: f.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) };
  const issues: string[] = [];
  const currencies: Record<string, string> = {};
  f.data.currencies
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .forEach((line, i) => {
      const m = /^([A-Za-z]{3})\s*=\s*(\S+)$/.exec(line);
      if (!m) issues.push(`Currencies, line ${i + 1}: "${line}" is not ISO=NetSuite currency id (e.g. USD=1)`);
      else currencies[m[1]!.toUpperCase()] = m[2]!;
    });
  if (issues.length) return { ok: false, issues };
  const { settings } = await loadSettings(db, shop);
  const opt = (v: string) => (v === "" ? undefined : v);
  const next = { ...settings, storefront: { ...settings.storefront, subsidiaryId: opt(f.data.subsidiaryId), defaultLocationId: opt(f.data.defaultLocationId), priceLevelId: opt(f.data.priceLevelId), currencies } };
  const checked = shopSettingsSchema.safeParse(next);
  if (!checked.success) return { ok: false, issues: checked.error.issues.map((i) => `${LABELS[String(i.path[1])] ?? i.path.join(".")}: ${i.message}`) };
  try {
    await saveSettings(db, shop, checked.data, by, f.data.version);
    return { ok: true };
  } catch (e) {
    if (e instanceof SettingsConflictError) return { ok: false, issues: [e.message], conflict: true };
    throw e;
  }
}
