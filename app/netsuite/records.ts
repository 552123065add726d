/**
 * NetSuite's record bodies as the connector writes them (REST record API, JSON).
 * Kept apart from the product's own models, prefixed `NS_`, as NetSuite names them.
 *
 * Glossary:
 * - Sales Order (`salesOrder`): the order in NetSuite. Created approved (`orderStatus: "B"`,
 *   Pending Fulfillment). Its `item` sublist holds the lines.
 * - Item Fulfilment (`itemFulfillment`): the warehouse picking, packing and shipping a Sales
 *   Order's lines (`shipStatus` A Picked, B Packed, C Shipped). Any fulfilment locks the order.
 * - Credit Memo (`creditMemo`): a refund, applied against the original order.
 * - Customer Deposit (`customerDeposit`): money received against a Sales Order before billing;
 *   the connector records gift card redemptions this way (payment method gift card).
 * - Kit item: NetSuite's bundle; its members are the component items.
 * - External id (`externalId`): our idempotency key on every record (`shopify:<shop>:<type>:<id>`);
 *   writes are `PUT /record/v1/{type}/eid:{externalId}` upserts.
 *
 * Wire format: amounts travel as JSON numbers because NetSuite's REST API wants numbers, but
 * they are produced from integer minor units only at serialisation (see app/money) and the
 * simulator parses them back into minor units before any arithmetic. Never compute on them.
 *
 * How NetSuite (and the simulator) compute a Sales Order's totals from this body:
 * - an inventory/kit/non-inventory/other-charge line: `amount` when sent, else
 *   `quantity × rate` rounded half-up to the currency's minor unit;
 * - a discount line (`item` is a discount item): `amount` (negative) when sent, else `rate`;
 * - line tax: `tax1Amt` when sent (Shopify is the tax truth: the connector always sends it),
 *   else amount × the tax code's rate;
 * - `subtotal` = Σ item-line amounts; `discountTotal` = Σ discount-line amounts (≤ 0);
 *   `taxTotal` = Σ line `tax1Amt` + `shippingTax1Amt`; `total` = subtotal + discountTotal +
 *   taxTotal + `shippingCost`.
 */

/**
 * A reference to another record: by NetSuite internal id, or by external id (NetSuite resolves
 * `{ "externalId": "…" }` in reference fields), which lets a Sales Order name a customer that the
 * same plan upserts just before it, with no id round trip. Exactly one of the two is sent.
 */
export interface NS_Ref {
  id?: string;
  externalId?: string;
  refName?: string;
}

export interface NS_Address {
  addressee?: string;
  attention?: string;
  addr1?: string;
  addr2?: string;
  city?: string;
  state?: string;
  zip?: string;
  /** ISO 3166-1 alpha-2, e.g. "US". */
  country?: string;
  addrPhone?: string;
}

export interface NS_Customer {
  externalId: string;
  isPerson: boolean;
  firstName?: string;
  lastName?: string;
  companyName?: string;
  email?: string;
  phone?: string;
  subsidiary: NS_Ref;
  currency?: NS_Ref;
  /** Shopify customer id, for people searching NetSuite. */
  custentity_shopify_customer_id?: string;
}

export interface NS_SalesOrderLine {
  item: NS_Ref;
  quantity?: number;
  rate?: number;
  amount?: number;
  description?: string;
  taxCode?: NS_Ref;
  tax1Amt?: number;
  location?: NS_Ref;
  /** Shopify line item id (or `discount:<n>` for a discount line): matches lines on edits. */
  custcol_shopify_line_id?: string;
  /** Native bundle: the Shopify line item group the component came from. */
  custcol_shopify_bundle?: string;
}

export interface NS_SalesOrder {
  externalId: string;
  entity: NS_Ref;
  subsidiary: NS_Ref;
  currency: NS_Ref;
  location?: NS_Ref;
  /** "B" Pending Fulfillment: created approved. */
  orderStatus: "A" | "B";
  /** yyyy-mm-dd */
  tranDate: string;
  /** Shopify's order name, e.g. "#1001". */
  otherRefNum: string;
  memo?: string;
  terms?: NS_Ref;
  billingAddress?: NS_Address;
  shippingAddress?: NS_Address;
  shipMethod?: NS_Ref;
  shippingCost?: number;
  shippingTaxCode?: NS_Ref;
  shippingTax1Amt?: number;
  item: { items: NS_SalesOrderLine[] };
  custbody_shopify_order_id?: string;
}

export interface NS_CustomerDeposit {
  externalId: string;
  customer: NS_Ref;
  salesOrder: NS_Ref;
  currency: NS_Ref;
  subsidiary?: NS_Ref;
  payment: number;
  paymentMethod?: NS_Ref;
  memo?: string;
  tranDate: string;
}

/** The record types the connector touches (REST record API path segment). */
export const NS_RECORD_TYPES = [
  "customer",
  "salesOrder",
  "creditMemo",
  "cashSale",
  "invoice",
  "customerDeposit",
  "journalEntry",
  "itemFulfillment",
  "inventoryAdjustment",
  "returnAuthorization",
  "inventoryItem",
  "kitItem",
  "nonInventorySaleItem",
  "otherChargeSaleItem",
  "discountItem",
  "location",
  "subsidiary",
  "account",
  "currency",
  "salesTaxItem",
  "shipItem",
] as const;
export type NS_RecordType = (typeof NS_RECORD_TYPES)[number];
