/** The kinds of NetSuite item a SKU can map to (shared by the server and the screens). */
export const ITEM_KINDS = ["inventory", "kit", "nonInventory", "otherCharge", "giftCard"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
