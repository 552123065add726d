/** The Query root for one shop: lookups by gid, and searchable, paged lists. */
import type { SimOrder, SimShop, SimVariant } from "./model";
import { matches, paginate, parseSearch, type FieldValue, type PageArgs } from "./paging";
import { gid } from "./rest";
import { financialStatus } from "./totals";
import { customerView, inventoryItemView, locationView, orderView, parseGid, variantView } from "./views";

type ListArgs = PageArgs & { query?: string | null; sortKey?: string | null };

function orderField(o: SimOrder, name: string | null): FieldValue {
  switch (name) {
    case "updated_at":
      return o.updatedAt;
    case "created_at":
    case "processed_at":
      return o.createdAt;
    case "name":
      return [o.name, o.name.replace(/^#/, "")];
    case "email":
      return o.email;
    case "id":
      return o.id;
    case "status":
      return o.cancelledAt ? "cancelled" : "open";
    case "financial_status":
      return financialStatus(o);
    case "sku":
      return o.lines.map((l) => l.sku);
    case "customer_id":
      return o.customerId;
    case null:
      return [o.name, o.email, ...o.lines.map((l) => l.sku)];
    default:
      return undefined;
  }
}

function orderSortValue(o: SimOrder, key: string | null | undefined): number {
  switch (key) {
    case "UPDATED_AT":
      return o.updatedAt.getTime();
    case "CREATED_AT":
    case "PROCESSED_AT":
      return o.createdAt.getTime();
    case "ORDER_NUMBER":
      return o.number;
    default:
      return o.id;
  }
}

function variantField(shop: SimShop, v: SimVariant, name: string | null): FieldValue {
  const title = shop.productsById.get(v.productId)?.title ?? "";
  switch (name) {
    case "sku":
      return v.sku;
    case "title":
      return v.title;
    case "product_title":
      return title;
    case "product_id":
      return v.productId;
    case "id":
      return v.id;
    case "updated_at":
      return v.updatedAt;
    case null:
      return [v.sku, v.title, title];
    default:
      return undefined;
  }
}

export function rootValue(shop: SimShop): Record<string, unknown> {
  return {
    shop: () => ({
      id: gid("Shop", shop.id),
      name: shop.name,
      email: shop.email,
      myshopifyDomain: shop.domain,
      currencyCode: shop.currency,
      ianaTimezone: "America/New_York",
      primaryDomain: { id: gid("Domain", shop.id), host: shop.domain, url: `https://${shop.domain}` },
      plan: { displayName: "Basic", partnerDevelopment: false, shopifyPlus: false },
    }),
    order: ({ id }: { id: string }) => {
      const o = shop.orders.get(parseGid(id, "Order"));
      return o ? orderView(shop, o) : null;
    },
    orders: (args: ListArgs) => {
      const terms = parseSearch(args.query);
      const list = [...shop.orders.values()].filter((o) => matches(terms, (f) => orderField(o, f)));
      return paginate(list, args, (o) => o.id, (o) => orderSortValue(o, args.sortKey), (o) => orderView(shop, o));
    },
    productVariant: ({ id }: { id: string }) => {
      const v = shop.variantsById.get(parseGid(id, "ProductVariant"));
      return v ? variantView(shop, v) : null;
    },
    productVariants: (args: ListArgs) => {
      const terms = parseSearch(args.query);
      const list = terms.length === 0 ? shop.variants : shop.variants.filter((v) => matches(terms, (f) => variantField(shop, v, f)));
      const key = (v: SimVariant): string | number => (args.sortKey === "SKU" ? v.sku : args.sortKey === "TITLE" ? v.title : v.id);
      return paginate(list, args, (v) => v.id, key, (v) => variantView(shop, v));
    },
    location: ({ id }: { id?: string | null }) => {
      const l = id ? shop.locations.find((x) => x.id === parseGid(id, "Location")) : shop.locations[0];
      return l ? locationView(l) : null;
    },
    locations: (args: ListArgs) => {
      const terms = parseSearch(args.query);
      const list = shop.locations.filter((l) => matches(terms, (f) => (f === "name" || f === null ? [l.name] : undefined)));
      const key = (l: (typeof list)[number]): string | number => (args.sortKey === "ID" ? l.id : l.name);
      return paginate(list, args, (l) => l.id, key, locationView);
    },
    inventoryItem: ({ id }: { id: string }) => {
      const itemId = parseGid(id, "InventoryItem");
      const v = shop.variants.find((x) => x.inventoryItemId === itemId);
      return v ? inventoryItemView(shop, v) : null;
    },
    customer: ({ id }: { id: string }) => customerView(shop, parseGid(id, "Customer")),
  };
}
