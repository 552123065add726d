/**
 * The shop's variant catalogue: what Shopify sells, by SKU, kept locally so the mapping screens
 * can count and list unmapped SKUs with a query instead of Admin API calls. Filled by paging the
 * Admin API (a full refresh) and kept fresh by products/create|update|delete webhooks.
 */
import { z } from "zod";
import type { Db } from "~/db.server";

export interface CatalogueVariantInput {
  variantId: string;
  productId: string;
  sku: string | null;
  title: string;
  productTitle: string;
  inventoryItemId: string | null;
  giftCard: boolean;
}

const id = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);

/** The part of a products/* webhook body the catalogue reads. */
export const productWebhookBody = z.looseObject({
  id,
  title: z.string().default(""),
  variants: z
    .array(
      z.looseObject({
        id,
        sku: z.string().nullish(),
        title: z.string().default(""),
        inventory_item_id: id.nullish(),
      }),
    )
    .default([]),
  gift_card: z.boolean().optional(),
  product_type: z.string().nullish(),
});
export type ProductWebhookBody = z.output<typeof productWebhookBody>;

const cleanSku = (sku: string | null | undefined) => (sku && sku.trim() !== "" ? sku.trim() : null);

export function variantsFromProductWebhook(p: ProductWebhookBody): CatalogueVariantInput[] {
  const giftCard = p.gift_card === true || /gift card/i.test(p.product_type ?? "");
  return p.variants.map((v) => ({
    variantId: v.id,
    productId: p.id,
    sku: cleanSku(v.sku),
    title: v.title,
    productTitle: p.title,
    inventoryItemId: v.inventory_item_id ?? null,
    giftCard,
  }));
}

export async function upsertVariants(db: Db, shop: string, variants: CatalogueVariantInput[]): Promise<number> {
  const skus = [...new Set(variants.map((v) => cleanSku(v.sku)).filter((s): s is string => s !== null))];
  const mappedSkus = new Set<string>();
  for (let i = 0; i < skus.length; i += 500) {
    const rows = await db.skuMapping.findMany({ where: { shopDomain: shop, sku: { in: skus.slice(i, i + 500) } }, select: { sku: true } });
    for (const r of rows) mappedSkus.add(r.sku);
  }
  for (const v of variants) {
    const sku = cleanSku(v.sku);
    const data = { productId: v.productId, sku, title: v.title, productTitle: v.productTitle, inventoryItemId: v.inventoryItemId, giftCard: v.giftCard, mapped: sku !== null && mappedSkus.has(sku), deletedAt: null };
    await db.catalogVariant.upsert({
      where: { shopDomain_variantId: { shopDomain: shop, variantId: v.variantId } },
      create: { shopDomain: shop, variantId: v.variantId, ...data },
      update: data,
    });
  }
  return variants.length;
}

/** products/update: the product's variants now; any variant no longer listed was deleted. */
export async function replaceProductVariants(db: Db, shop: string, productId: string, variants: CatalogueVariantInput[]): Promise<void> {
  await upsertVariants(db, shop, variants);
  await db.catalogVariant.updateMany({
    where: { shopDomain: shop, productId, variantId: { notIn: variants.map((v) => v.variantId) }, deletedAt: null },
    data: { deletedAt: new Date() },
  });
}

export async function markProductDeleted(db: Db, shop: string, productId: string): Promise<void> {
  await db.catalogVariant.updateMany({ where: { shopDomain: shop, productId, deletedAt: null }, data: { deletedAt: new Date() } });
}

/** After a full refresh (started at `since`), variants not seen since are gone from Shopify. */
export async function markUnseenDeleted(db: Db, shop: string, since: Date): Promise<number> {
  const r = await db.catalogVariant.updateMany({ where: { shopDomain: shop, deletedAt: null, updatedAt: { lt: since } }, data: { deletedAt: new Date() } });
  return r.count;
}
