/**
 * The sample catalogue both simulators share, so that the demo shop's Shopify SKUs and the
 * demo NetSuite account's item names line up (and a few deliberately do not: unmapped SKUs
 * are one of the failure stories the product must show).
 * Prices are decimal strings in the shop currency (USD), never floats.
 */
export interface CatalogVariant {
  sku: string;
  title: string;
  price: string;
  /** grams, for shipping */
  weight: number;
}

export interface CatalogProduct {
  handle: string;
  title: string;
  productType: string;
  variants: CatalogVariant[];
  /** Gift card products are liabilities, not revenue. */
  giftCard?: boolean;
  /** A bundle sold as one SKU whose components NetSuite holds as a kit item. */
  bundle?: { components: { sku: string; quantity: number }[] };
}

const sizes = ["S", "M", "L", "XL"] as const;
const colours = [
  ["BLK", "Black"],
  ["WHT", "White"],
  ["NVY", "Navy"],
] as const;

function apparel(code: string, title: string, price: string, type: string, weight: number): CatalogProduct {
  return {
    handle: title.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
    title,
    productType: type,
    variants: colours.flatMap(([c, cName]) =>
      sizes.map((s) => ({ sku: `${code}-${c}-${s}`, title: `${cName} / ${s}`, price, weight })),
    ),
  };
}

export const sampleCatalog: CatalogProduct[] = [
  apparel("TSHIRT", "Organic Cotton T-Shirt", "28.00", "Apparel", 180),
  apparel("HOODIE", "Heavyweight Hoodie", "74.00", "Apparel", 650),
  apparel("CREW", "Merino Crew Sweater", "119.00", "Apparel", 420),
  {
    handle: "canvas-tote",
    title: "Canvas Tote",
    productType: "Accessories",
    variants: [{ sku: "TOTE-NAT", title: "Natural", price: "24.00", weight: 300 }],
  },
  {
    handle: "wool-beanie",
    title: "Wool Beanie",
    productType: "Accessories",
    variants: [
      { sku: "BEANIE-GRY", title: "Grey", price: "32.00", weight: 90 },
      { sku: "BEANIE-OLV", title: "Olive", price: "32.00", weight: 90 },
    ],
  },
  {
    handle: "ceramic-mug",
    title: "Ceramic Mug",
    productType: "Home",
    variants: [{ sku: "MUG-12OZ", title: "12 oz", price: "18.50", weight: 400 }],
  },
  {
    handle: "starter-bundle",
    title: "Starter Bundle (T-Shirt + Tote + Mug)",
    productType: "Bundles",
    variants: [{ sku: "BUNDLE-STARTER", title: "Default Title", price: "60.00", weight: 880 }],
    bundle: {
      components: [
        { sku: "TSHIRT-BLK-M", quantity: 1 },
        { sku: "TOTE-NAT", quantity: 1 },
        { sku: "MUG-12OZ", quantity: 1 },
      ],
    },
  },
  {
    handle: "gift-card",
    title: "Gift Card",
    productType: "Gift Cards",
    giftCard: true,
    variants: [
      { sku: "GIFTCARD-25", title: "$25", price: "25.00", weight: 0 },
      { sku: "GIFTCARD-50", title: "$50", price: "50.00", weight: 0 },
    ],
  },
  {
    // Sold in Shopify, never set up in NetSuite: the demo's "unmapped SKU" story.
    handle: "limited-poster",
    title: "Limited Edition Poster",
    productType: "Home",
    variants: [{ sku: "POSTER-LTD-01", title: "Default Title", price: "45.00", weight: 200 }],
  },
];

/** SKUs that exist in the sample Shopify shop but have no NetSuite item on purpose. */
export const unmappedSampleSkus = ["POSTER-LTD-01"];

export const sampleLocations = [
  { key: "main", name: "Main Warehouse", city: "Reno", country: "US" },
  { key: "east", name: "East Coast DC", city: "Newark", country: "US" },
  { key: "store", name: "Brooklyn Store", city: "Brooklyn", country: "US" },
] as const;

export function allSampleVariants(): (CatalogVariant & { product: CatalogProduct })[] {
  return sampleCatalog.flatMap((p) => p.variants.map((v) => ({ ...v, product: p })));
}
