/**
 * What a merchant would set up before the first order, done for the demo: settings and SKU
 * mappings that match the bundled NetSuite simulator's seed (the poster is left unmapped on
 * purpose, to show the exception inbox). Idempotent.
 */
import { db } from "~/db.server";
import { DEMO_DEFAULTS } from "~/config/demo-defaults";
import { loadSettings, saveSettings } from "~/mappings/settings.server";
import { saveSkuMapping } from "~/mappings/skus.server";
import { upsertVariants } from "~/catalogue/catalogue.server";
import { allSampleVariants } from "../test/simulators/catalog";
import { demoSeed, SEED } from "../test/simulators/netsuite/seed";

export async function seedDemoMappings(): Promise<{ mapped: number }> {
  const shop = DEMO_DEFAULTS.shop;
  const { version } = await loadSettings(db(), shop);
  if (version === 0) {
    await saveSettings(db(), shop, {
      storefront: { subsidiaryId: SEED.subsidiaries.us, currencies: { ...SEED.currencies }, defaultLocationId: SEED.locations.main },
      tax: { defaultTaxCodeId: SEED.taxCodes.nvState, exemptTaxCodeId: SEED.taxCodes.exempt },
    items: { shippingItemId: SEED.items.shipping, discountItemId: SEED.items.discount, giftCardItemId: SEED.items.giftCardLiability, giftCardPaymentMethodId: SEED.paymentMethods.giftCard },
    }, "demo set-up");
  }
  // The demo shop's catalogue, as products webhooks would have filled it.
  await upsertVariants(
    db(),
    shop,
    allSampleVariants().map((v, i) => ({ variantId: String(44_100_000_000_001 + i), productId: String(8_100_000_000_001 + i), sku: v.sku, title: v.title, productTitle: v.product.title, inventoryItemId: null, giftCard: v.product.giftCard === true })),
  );
  const { itemIdBySku } = demoSeed();
  // Gift cards sold are a liability, not revenue: their SKUs map to the liability item.
  for (const sku of ["GIFTCARD-25", "GIFTCARD-50"]) itemIdBySku.set(sku, SEED.items.giftCardLiability);
  let mapped = 0;
  for (const [sku, netsuiteItemId] of itemIdBySku) {
    const existing = await db().skuMapping.findUnique({ where: { shopDomain_sku: { shopDomain: shop, sku } } });
    if (existing) continue;
    await saveSkuMapping(db(), shop, { sku, netsuiteItemId, itemKind: sku.startsWith("BUNDLE") ? "kit" : sku.startsWith("GIFTCARD") ? "giftCard" : "inventory", itemName: sku, kitMembers: sku.startsWith("BUNDLE") ? [{ itemId: "1000", quantity: 1 }] : undefined }, "demo set-up", "auto");
    mapped++;
  }
  return { mapped };
}
