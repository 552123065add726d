/**
 * The demo NetSuite account's data, with stable internal ids, built from the sample catalogue
 * both simulators share (so the demo shop's SKUs line up with item names, except the SKUs the
 * catalogue leaves unmapped on purpose).
 */
import { allSampleVariants, sampleCatalog, sampleLocations, unmappedSampleSkus } from "../catalog";

export type SimRecord = Record<string, unknown> & { id: string };

/** Ids tests and the demo mappings can name. */
export const SEED = Object.freeze({
  subsidiaries: { us: "1", canada: "2" },
  currencies: { USD: "1", GBP: "2", CAD: "3", EUR: "4" },
  locations: { main: "1", east: "2", store: "3" },
  items: { shipping: "900", discount: "901", giftCardLiability: "902", giftWrap: "903" },
  taxCodes: { exempt: "10", nvState: "11", vat20: "12", gst5: "13" },
  paymentMethods: { giftCard: "20", shopifyPayments: "21" },
  accounts: { bank: "100", clearing: "101", fees: "102", refunds: "103", giftCardLiability: "104", revenue: "105", adjustments: "106", reserves: "107" },
  /** First inventory item id; items follow the catalogue's order. */
  firstItemId: 1000,
  /** The seeded item's internal id for a catalogue SKU (undefined for the SKUs left unmapped). */
  itemId: (sku: string): string | undefined => seedItemIds().get(sku),
});

let cachedIds: Map<string, string> | undefined;
function seedItemIds(): Map<string, string> {
  return (cachedIds ??= demoSeed().itemIdBySku);
}

export interface SeedData {
  records: Record<string, SimRecord[]>;
  stock: { item: string; location: string; quantityAvailable: number; quantityOnHand: number }[];
}

const ACCOUNT_NAMES: Record<string, [string, string]> = {
  bank: ["Operating Bank Account", "Bank"],
  clearing: ["Shopify Payments Clearing", "OthCurrAsset"],
  fees: ["Payment Processing Fees", "Expense"],
  refunds: ["Sales Returns and Refunds", "Income"],
  giftCardLiability: ["Gift Card Liability", "OthCurrLiab"],
  revenue: ["Sales Revenue", "Income"],
  adjustments: ["Payout Adjustments", "Expense"],
  reserves: ["Shopify Payments Reserve", "OthCurrAsset"],
};

const ref = (id: string, refName?: string) => ({ id, ...(refName ? { refName } : {}) });

/** The demo seed; `itemIdBySku` lets tests name an item by its SKU. */
export function demoSeed(): SeedData & { itemIdBySku: Map<string, string> } {
  const itemIdBySku = new Map<string, string>();
  const inventoryItem: SimRecord[] = [];
  const kitItem: SimRecord[] = [];
  let next = SEED.firstItemId;
  for (const v of allSampleVariants()) {
    if (unmappedSampleSkus.includes(v.sku) || v.product.giftCard || v.product.bundle) continue;
    const id = String(next++);
    itemIdBySku.set(v.sku, id);
    inventoryItem.push({ id, itemId: v.sku, displayName: `${v.product.title} ${v.title}`, salesDescription: v.product.title, basePrice: Number(v.price), isInactive: false, itemType: "InvtPart" });
  }
  for (const p of sampleCatalog.filter((p) => p.bundle)) {
    for (const v of p.variants) {
      const id = String(next++);
      itemIdBySku.set(v.sku, id);
      kitItem.push({
        id,
        itemId: v.sku,
        displayName: p.title,
        basePrice: Number(v.price),
        isInactive: false,
        itemType: "Kit",
        member: { items: p.bundle!.components.map((c, i) => ({ line: i + 1, item: ref(itemIdBySku.get(c.sku) ?? "0", c.sku), quantity: c.quantity })) },
      });
    }
  }
  const records: Record<string, SimRecord[]> = {
    subsidiary: [
      { id: SEED.subsidiaries.us, name: "Demo Outfitters Inc.", currency: ref(SEED.currencies.USD, "USD"), country: "US" },
      { id: SEED.subsidiaries.canada, name: "Demo Outfitters Canada Ltd.", currency: ref(SEED.currencies.CAD, "CAD"), country: "CA" },
    ],
    currency: Object.entries(SEED.currencies).map(([symbol, id]) => ({ id, symbol, name: symbol, isBaseCurrency: symbol === "USD" })),
    location: sampleLocations.map((l) => ({ id: SEED.locations[l.key], name: l.name, subsidiary: ref(SEED.subsidiaries.us), isInactive: false })),
    inventoryItem,
    kitItem,
    shipItem: [{ id: SEED.items.shipping, itemId: "Shopify Shipping", displayName: "Shipping", itemType: "ShipItem" }],
    discountItem: [{ id: SEED.items.discount, itemId: "Shopify Discount", displayName: "Discount", rate: 0, itemType: "Discount" }],
    nonInventorySaleItem: [{ id: SEED.items.giftWrap, itemId: "GIFT-WRAP", displayName: "Gift wrapping", basePrice: 5, isInactive: false, itemType: "NonInvtPart" }],
    otherChargeSaleItem: [{ id: SEED.items.giftCardLiability, itemId: "GIFT CARD LIABILITY", displayName: "Gift card sold (deferred revenue)", itemType: "OthCharge", incomeAccount: ref(SEED.accounts.giftCardLiability) }],
    salesTaxItem: [
      { id: SEED.taxCodes.exempt, itemId: "EXEMPT", rate: "0" },
      { id: SEED.taxCodes.nvState, itemId: "NV State Tax", rate: "8.25" },
      { id: SEED.taxCodes.vat20, itemId: "VAT 20%", rate: "20" },
      { id: SEED.taxCodes.gst5, itemId: "GST 5%", rate: "5" },
    ],
    paymentMethod: [
      { id: SEED.paymentMethods.giftCard, name: "Gift Card" },
      { id: SEED.paymentMethods.shopifyPayments, name: "Shopify Payments" },
    ],
    account: Object.entries(SEED.accounts).map(([key, id]) => ({ id, acctNumber: String(1000 + Number(id)), acctName: ACCOUNT_NAMES[key]![0], acctType: ACCOUNT_NAMES[key]![1], isInactive: false })),
  };
  const stock = inventoryItem.flatMap((it, i) => Object.values(SEED.locations).map((loc, j) => ({ item: it.id, location: loc, quantityOnHand: 20 + ((i * 7 + j * 5) % 40), quantityAvailable: 15 + ((i * 7 + j * 5) % 40) })));
  return { records, stock, itemIdBySku };
}
