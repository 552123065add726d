/**
 * One Shopify order, as the orders flow reads it, whichever source it came from: the order
 * webhook (REST shape) or the Admin GraphQL `Order` (the reconciliation sweep's source). Both
 * converters produce this, so the mapping cannot tell them apart.
 *
 * Glossary:
 * - shop money / presentment money: Shopify reports every amount twice, in the shop's currency
 *   and in the currency the buyer paid in. `MoneyPair` keeps both; the mapping picks one side.
 * - current quantity / current totals: the state after order edits and removals (`current_*`).
 * - discount application: one discount on the order (a code, an automatic discount, a manual
 *   one); its allocations say how much of it each line carries.
 * - line item group: a native bundle; its components arrive as ordinary lines naming the group.
 *
 * Ids are Shopify's numeric (legacy) ids as decimal strings; times are ISO instants in UTC.
 */
import type { Money } from "~/money";

export interface MoneyPair {
  shop: Money;
  presentment: Money;
}

export interface ShopifyTaxLine {
  title: string;
  /** Shopify's rate as a decimal fraction, e.g. "0.2" for 20 %. */
  rate: string;
  amount: MoneyPair;
}

export interface ShopifyDiscountAllocation {
  /** Index into `ShopifyOrder.discountApplications`. */
  applicationIndex: number | null;
  amount: MoneyPair;
}

export interface ShopifyLine {
  id: string;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  variantId: string | null;
  productId: string | null;
  /** The current quantity (after edits and removals). */
  quantity: number;
  originalQuantity: number;
  /** The unit price before discounts (tax included when the shop's prices include tax). */
  unitPrice: MoneyPair;
  giftCard: boolean;
  taxLines: ShopifyTaxLine[];
  discountAllocations: ShopifyDiscountAllocation[];
  /** The native bundle (line item group) this line is a component of. */
  groupId: string | null;
}

export interface ShopifyLineGroup {
  id: string;
  title: string;
  quantity: number;
  variantSku: string | null;
}

export interface ShopifyShippingLine {
  id: string | null;
  title: string;
  code: string | null;
  /** After shipping discounts. */
  price: MoneyPair;
  taxLines: ShopifyTaxLine[];
  removed: boolean;
}

export type DiscountKind = "code" | "automatic" | "manual" | "script";

export interface ShopifyDiscountApplication {
  index: number;
  kind: DiscountKind;
  /** The code for a discount code, the title for the others. */
  label: string;
}

export interface ShopifyTransaction {
  id: string;
  kind: string;
  status: string;
  gateway: string;
  /** In the currencies the source reports: the webhook's transactions give only one side. */
  amount: { presentment?: Money; shop?: Money };
  processedAt: string | null;
}

export interface ShopifyAddress {
  firstName: string | null;
  lastName: string | null;
  name: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  provinceCode: string | null;
  zip: string | null;
  countryCode: string | null;
  phone: string | null;
}

export interface ShopifyCustomer {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
}

export interface ShopifyOrder {
  id: string;
  name: string;
  email: string | null;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  shopCurrency: string;
  presentmentCurrency: string;
  taxesIncluded: boolean;
  /** Shopify's current totals; only the total is always reported by every source. */
  totals: { total: MoneyPair; subtotal: MoneyPair | null; tax: MoneyPair | null; discounts: MoneyPair | null };
  lines: ShopifyLine[];
  lineGroups: ShopifyLineGroup[];
  shippingLines: ShopifyShippingLine[];
  discountApplications: ShopifyDiscountApplication[];
  customer: ShopifyCustomer | null;
  /** B2B: the company (and its location) the order was placed for. */
  company: { id: string; locationId: string | null } | null;
  paymentTerms: { name: string; dueInDays: number | null } | null;
  billingAddress: ShopifyAddress | null;
  shippingAddress: ShopifyAddress | null;
  /** The Shopify location of a point-of-sale order. */
  locationId: string | null;
  paymentGateways: string[];
  /** Null when the source did not include them (order webhooks do not). */
  transactions: ShopifyTransaction[] | null;
}

/** "gid://shopify/Order/123" → "123"; a plain id stays as it is. */
export function legacyId(id: string | number): string {
  const s = String(id);
  const slash = s.lastIndexOf("/");
  return slash >= 0 ? s.slice(slash + 1).replace(/\?.*$/, "") : s;
}

/** An instant in any ISO offset, as the same instant in UTC ("…Z"): REST and GraphQL agree. */
export function utcInstant(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new RangeError(`Not a timestamp: ${iso}`);
  return new Date(t).toISOString();
}
