/**
 * Every product variant of the shop, by id: the variant catalogue's full refresh (products
 * webhooks keep it current in between). The shape is the catalogue's input, plus price and
 * updatedAt.
 */
import { z } from "zod";
import { decimal, instant, legacyId } from "./ids";
import { pageConnection } from "./paging";
import type { GraphqlAdmin, ReadOptions } from "./reader";

export interface AdminVariant {
  /** Shopify's numeric ids as decimal strings. */
  variantId: string;
  productId: string;
  inventoryItemId: string | null;
  sku: string | null;
  title: string;
  productTitle: string;
  giftCard: boolean;
  /** In the shop's currency, as Shopify sent it. */
  price: string;
  updatedAt: Date;
}

export interface PageVariantsOptions extends ReadOptions {
  /** Variants per request (at most 250). Default 250. */
  pageSize?: number;
}

const QUERY = `query AdminReadVariants($first: Int!, $after: String) {
  page: productVariants(first: $first, after: $after, sortKey: ID) {
    nodes {
      legacyResourceId sku title price updatedAt
      product { legacyResourceId title isGiftCard }
      inventoryItem { legacyResourceId }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

const node = z
  .object({
    legacyResourceId: legacyId,
    sku: z.string().nullish(),
    title: z.string(),
    price: decimal,
    updatedAt: instant,
    product: z.object({ legacyResourceId: legacyId, title: z.string(), isGiftCard: z.boolean() }),
    inventoryItem: z.object({ legacyResourceId: legacyId }).nullish(),
  })
  .transform(
    (v): AdminVariant => ({
      variantId: v.legacyResourceId,
      productId: v.product.legacyResourceId,
      inventoryItemId: v.inventoryItem?.legacyResourceId ?? null,
      // Shopify sends "" for a variant without a SKU: the catalogue treats both as none.
      sku: v.sku?.trim() ? v.sku.trim() : null,
      title: v.title,
      productTitle: v.product.title,
      giftCard: v.product.isGiftCard,
      price: v.price,
      updatedAt: v.updatedAt,
    }),
  );

export function pageVariants(admin: GraphqlAdmin, opts: PageVariantsOptions = {}): AsyncGenerator<AdminVariant, void, undefined> {
  return pageConnection(admin, { what: "product variants", query: QUERY, node, pageSize: opts.pageSize ?? 250 }, opts);
}
