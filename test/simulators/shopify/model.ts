/**
 * The simulator's in-memory Shopify.
 *
 * Glossary:
 * - shop: one store (`demo-connector.myshopify.com`), with its own catalogue, orders, tokens
 *   and GraphQL cost bucket.
 * - variant / inventory item: a sellable SKU and the stock record behind it (one per variant).
 * - line item group: a native bundle; the order carries the bundle's component lines, each
 *   pointing at the group.
 * - current_*: the order after edits and refunds; the plain totals are the order as placed.
 * - event: one webhook Shopify would send (topic + body frozen when it happened); a delivery
 *   is one attempt to post it, and retries keep the event id.
 */
import type { Cents, Rate } from "./money";

export interface SimAddress {
  first_name: string;
  last_name: string;
  company: string | null;
  address1: string;
  address2: string | null;
  city: string;
  province: string;
  province_code: string;
  zip: string;
  country: string;
  country_code: string;
  phone: string | null;
}

export interface SimProduct {
  id: number;
  handle: string;
  title: string;
  productType: string;
  giftCard: boolean;
  variantIds: number[];
  bundle: { sku: string; quantity: number }[] | null;
}

export interface SimVariant {
  id: number;
  productId: number;
  inventoryItemId: number;
  sku: string;
  title: string;
  price: Cents;
  grams: number;
  updatedAt: Date;
}

export interface SimLocation {
  id: number;
  key: string;
  name: string;
  city: string;
  countryCode: string;
}

export interface SimCustomer {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  address: SimAddress;
  createdAt: Date;
}

export interface SimLine {
  id: number;
  variantId: number | null;
  productId: number | null;
  sku: string;
  productTitle: string;
  variantTitle: string;
  /** Quantity when the line was added (order placed or edit committed). */
  quantity: number;
  /** After edits' removals and refunds. */
  currentQuantity: number;
  unitPrice: Cents;
  /** Discount allocated to the first `discountQuantity` units (those placed with it). */
  discount: Cents;
  discountQuantity: number;
  /** Null for untaxed lines (gift cards). */
  taxRate: Rate | null;
  giftCard: boolean;
  grams: number;
  groupId: number | null;
  addedByEdit: boolean;
}

export interface SimLineGroup {
  id: number;
  title: string;
  quantity: number;
  productId: number;
  variantId: number;
  variantSku: string;
}

export interface SimShippingLine {
  id: number;
  title: string;
  code: string;
  price: Cents;
  taxRate: Rate | null;
  refunded: Cents;
}

export interface SimDiscount {
  code: string;
  type: "percentage" | "fixed_amount";
  /** "10.0" (percent) or "5.00" (money), as Shopify prints `value`. */
  value: string;
  amount: Cents;
}

export type RestockType = "no_restock" | "cancel" | "return" | "legacy_restock";

export interface SimRefundLine {
  id: number;
  lineItemId: number;
  quantity: number;
  restockType: RestockType;
  locationId: number | null;
  subtotal: Cents;
  tax: Cents;
}

export interface SimRefund {
  id: number;
  createdAt: Date;
  note: string | null;
  lines: SimRefundLine[];
  shipping: { amount: Cents; tax: Cents; shippingLineId: number | null };
  transactionId: number;
  total: Cents;
}

export interface SimEdit {
  id: number;
  createdAt: Date;
  committedAt: Date;
  additions: { id: number; delta: number }[];
  removals: { id: number; delta: number }[];
}

export interface Totals {
  lineItems: Cents;
  discounts: Cents;
  subtotal: Cents;
  shipping: Cents;
  tax: Cents;
  total: Cents;
}

export interface SimOrder {
  id: number;
  number: number;
  name: string;
  email: string | null;
  customerId: number | null;
  createdAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
  cancelReason: string | null;
  currency: string;
  lines: SimLine[];
  groups: SimLineGroup[];
  shippingLines: SimShippingLine[];
  discount: SimDiscount | null;
  /** Applied to lines added by later edits too. */
  taxRate: Rate | null;
  taxTitle: string;
  billingAddress: SimAddress | null;
  shippingAddress: SimAddress | null;
  sourceName: string;
  note: string | null;
  original: Totals;
  paid: Cents;
  saleTransactionId: number;
  refunds: SimRefund[];
  edits: SimEdit[];
}

export interface SimEvent {
  seq: number;
  eventId: string;
  topic: string;
  shop: string;
  triggeredAt: Date;
  /** The raw JSON body, frozen when the event happened. */
  body: string;
}

export interface SimShop {
  id: number;
  domain: string;
  name: string;
  email: string;
  currency: string;
  tokens: Map<string, { scope: string; online: boolean }>;
  products: SimProduct[];
  variants: SimVariant[];
  variantsById: Map<number, SimVariant>;
  variantsBySku: Map<string, SimVariant>;
  productsById: Map<number, SimProduct>;
  locations: SimLocation[];
  /** inventory item id → location id → available */
  inventory: Map<number, Map<number, number>>;
  customers: SimCustomer[];
  orders: Map<number, SimOrder>;
  nextOrderNumber: number;
  nextId: Map<string, number>;
  events: SimEvent[];
  bucket: { available: number; atMs: number };
}
