/** The mappings one order needs, read from the shop's mapping tables and settings document. */
import type { Db } from "~/db.server";
import { loadSettings } from "~/mappings/settings.server";
import { skuMappingsFor } from "~/mappings/skus.server";
import type { ShopifyOrder } from "~/shopify/payloads/model";
import { orderMappingsFromSettings, type OrderMappings } from "./mappings";

export async function loadOrderMappings(db: Db, shop: string, order: ShopifyOrder): Promise<OrderMappings> {
  const skus = [...order.lines.map((l) => l.sku), ...order.lineGroups.map((g) => g.variantSku)].map((s) => s?.trim()).filter((s): s is string => Boolean(s));
  const [{ settings }, skuRows, locations] = await Promise.all([
    loadSettings(db, shop),
    skuMappingsFor(db, shop, skus),
    db.locationMapping.findMany({ where: { shopDomain: shop }, select: { shopifyLocationId: true, netsuiteLocationId: true } }),
  ]);
  return orderMappingsFromSettings(settings, { skus: [...skuRows.values()], locations });
}
