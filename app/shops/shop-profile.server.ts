/**
 * What the connector takes from the shop's own profile at install: its time zone, which sets the
 * day a Sales Order is dated (an order placed at 9 pm in New York is that day's sale, not the
 * next day's in UTC). Taken only while the setting is still the default (UTC), so a merchant's
 * own choice in Settings is never overwritten.
 */
import type { Db } from "~/db.server";
import type { Logger } from "~/log.server";
import { loadSettings, saveSettings, shopSettingsSchema } from "~/mappings/settings.server";
import { readShopProfile, type GraphqlAdmin } from "~/shopify/admin-read";

export async function adoptShopTimeZone(db: Db, shop: string, admin: GraphqlAdmin, log: Logger): Promise<string | null> {
  const profile = await readShopProfile(admin, { log });
  const { settings, version } = await loadSettings(db, shop);
  if (settings.storefront.timeZone !== "UTC" || profile.ianaTimezone === "UTC") return null;
  // The settings schema knows which zones this runtime can date orders in.
  const next = shopSettingsSchema.safeParse({ ...settings, storefront: { ...settings.storefront, timeZone: profile.ianaTimezone } });
  if (!next.success) {
    log.warn("the shop's time zone is not one this runtime knows: left as UTC", { shop, timeZone: profile.ianaTimezone });
    return null;
  }
  await saveSettings(db, shop, next.data, "install (the shop's time zone in Shopify)", version);
  log.info("shop time zone taken from Shopify", { shop, timeZone: profile.ianaTimezone });
  return profile.ianaTimezone;
}
