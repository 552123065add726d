/**
 * Builds a shop from the shared sample catalogue (test/simulators/catalog.ts), plus, with
 * `scale`, a deterministic block of generated variants for list screens and benchmarks.
 */
import crypto from "node:crypto";
import { sampleCatalog, sampleLocations, type CatalogProduct } from "../catalog";
import { toCents } from "./money";
import type { SimAddress, SimCustomer, SimProduct, SimShop } from "./model";

/** Id ranges shaped like Shopify's (large integers, all below 2^53). */
const ID_BASE: Record<string, number> = {
  shop: 60_100_000_000,
  product: 8_100_000_000_000,
  variant: 44_100_000_000_000,
  inventoryItem: 46_100_000_000_000,
  location: 71_100_000_000,
  customer: 7_200_000_000_000,
  order: 5_900_000_000_000,
  lineItem: 14_900_000_000_000,
  lineItemGroup: 690_000_000_000,
  shippingLine: 4_700_000_000_000,
  refund: 980_000_000_000,
  refundLine: 560_000_000_000,
  transaction: 7_000_000_000_000,
  orderEdit: 1_200_000_000_000,
};

export function nextId(shop: SimShop, kind: string): number {
  const n = (shop.nextId.get(kind) ?? 0) + 1;
  shop.nextId.set(kind, n);
  return (ID_BASE[kind] ?? 1_000_000_000) + n;
}

export function defaultAccessToken(domain: string): string {
  return `shpat_${crypto.createHash("sha256").update(`sim:${domain}`).digest("hex").slice(0, 32)}`;
}

export interface ShopSeed {
  domain: string;
  name?: string;
  accessToken?: string;
  scope?: string;
  /** Extra generated variants (e.g. 50_000) on top of the sample catalogue. */
  scale?: number;
  bucketCapacity: number;
  now: Date;
}

const people: [string, string, string, string, string, string][] = [
  ["Ada", "Lovelace", "12 Analytical Way", "Reno", "Nevada", "NV"],
  ["Grace", "Hopper", "77 Compiler Ct", "Arlington", "Virginia", "VA"],
  ["Alan", "Turing", "1 Bletchley Rd", "Austin", "Texas", "TX"],
  ["Katherine", "Johnson", "400 Orbit Ave", "Hampton", "Virginia", "VA"],
  ["Linus", "Pauling", "9 Helix St", "Portland", "Oregon", "OR"],
];

function address(first: string, last: string, street: string, city: string, province: string, code: string): SimAddress {
  return {
    first_name: first,
    last_name: last,
    company: null,
    address1: street,
    address2: null,
    city,
    province,
    province_code: code,
    zip: "89501",
    country: "United States",
    country_code: "US",
    phone: null,
  };
}

function addProduct(shop: SimShop, p: CatalogProduct, at: Date): void {
  const product: SimProduct = {
    id: nextId(shop, "product"),
    handle: p.handle,
    title: p.title,
    productType: p.productType,
    giftCard: p.giftCard === true,
    variantIds: [],
    bundle: p.bundle ? p.bundle.components.map((c) => ({ ...c })) : null,
  };
  for (const v of p.variants) {
    const variant = {
      id: nextId(shop, "variant"),
      productId: product.id,
      inventoryItemId: nextId(shop, "inventoryItem"),
      sku: v.sku,
      title: v.title,
      price: toCents(v.price),
      grams: v.weight,
      updatedAt: at,
    };
    product.variantIds.push(variant.id);
    shop.variants.push(variant);
    shop.variantsById.set(variant.id, variant);
    shop.variantsBySku.set(variant.sku, variant);
  }
  shop.products.push(product);
  shop.productsById.set(product.id, product);
}

/** Deterministic stock: the same SKU always starts with the same quantities. */
function stockFor(sku: string, locationIndex: number): number {
  const h = crypto.createHash("sha1").update(`${sku}#${locationIndex}`).digest();
  return locationIndex === 2 ? (h[0] ?? 0) % 12 : 20 + ((h[0] ?? 0) % 180);
}

export function createShop(seed: ShopSeed): SimShop {
  const shop: SimShop = {
    id: 0,
    domain: seed.domain,
    name: seed.name ?? "Demo Outfitters",
    email: `owner@${seed.domain}`,
    currency: "USD",
    tokens: new Map(),
    products: [],
    variants: [],
    variantsById: new Map(),
    variantsBySku: new Map(),
    productsById: new Map(),
    locations: [],
    inventory: new Map(),
    customers: [],
    orders: new Map(),
    nextOrderNumber: 1001,
    nextId: new Map(),
    events: [],
    bucket: { available: seed.bucketCapacity, atMs: seed.now.getTime() },
  };
  shop.id = nextId(shop, "shop");
  shop.tokens.set(seed.accessToken ?? defaultAccessToken(seed.domain), { scope: seed.scope ?? "", online: false });
  for (const l of sampleLocations) {
    shop.locations.push({ id: nextId(shop, "location"), key: l.key, name: l.name, city: l.city, countryCode: l.country });
  }
  for (const p of sampleCatalog) addProduct(shop, p, seed.now);
  const extra = seed.scale ?? 0;
  // Generated products carry 10 variants each, like a catalogue of sized goods.
  for (let p = 0; p * 10 < extra; p++) {
    const count = Math.min(10, extra - p * 10);
    const code = String(p + 1).padStart(5, "0");
    addProduct(
      shop,
      {
        handle: `generated-${code}`,
        title: `Generated Product ${code}`,
        productType: "Generated",
        variants: Array.from({ length: count }, (_, i) => ({
          sku: `GEN-${code}-${String(i + 1).padStart(2, "0")}`,
          title: `Option ${i + 1}`,
          price: `${10 + ((p * 7 + i * 3) % 90)}.${String((p + i) % 100).padStart(2, "0")}`,
          weight: 100,
        })),
      },
      seed.now,
    );
  }
  shop.locations.forEach((loc, li) => {
    for (const v of shop.variants) {
      const levels = shop.inventory.get(v.inventoryItemId) ?? new Map<number, number>();
      levels.set(loc.id, stockFor(v.sku, li));
      shop.inventory.set(v.inventoryItemId, levels);
    }
  });
  for (const [first, last, street, city, province, code] of people) {
    const customer: SimCustomer = {
      id: nextId(shop, "customer"),
      email: `${first.toLowerCase()}.${last.toLowerCase()}@example.com`,
      firstName: first,
      lastName: last,
      phone: null,
      address: address(first, last, street, city, province, code),
      createdAt: seed.now,
    };
    shop.customers.push(customer);
  }
  return shop;
}
