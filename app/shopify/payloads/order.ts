/**
 * The order webhook body (REST shape, API 2026-10: orders/create, orders/updated, …) and its
 * conversion to the one `ShopifyOrder` model. The fields the orders flow relies on are checked;
 * Shopify's other fields pass through untouched, so a field Shopify adds never rejects an order.
 */
import { z } from "zod";
import { parseMoney, type Money } from "~/money";
import { utcInstant, type DiscountKind, type MoneyPair, type ShopifyAddress, type ShopifyOrder, type ShopifyTaxLine, type ShopifyTransaction } from "./model";

const id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String);
const decimal = z.union([z.string().trim().regex(/^-?\d+(\.\d+)?$/, "a decimal amount"), z.number()]).transform(String);
const moneyBag = z.looseObject({ amount: decimal, currency_code: z.string().regex(/^[A-Z]{3}$/) });
export const moneySet = z.looseObject({ shop_money: moneyBag, presentment_money: moneyBag });
const taxLine = z.looseObject({ title: z.string().default(""), rate: z.union([z.number(), z.string()]).transform(String).default("0"), price_set: moneySet });
const address = z
  .looseObject({
    first_name: z.string().nullish(),
    last_name: z.string().nullish(),
    name: z.string().nullish(),
    company: z.string().nullish(),
    address1: z.string().nullish(),
    address2: z.string().nullish(),
    city: z.string().nullish(),
    province_code: z.string().nullish(),
    zip: z.string().nullish(),
    country_code: z.string().nullish(),
    phone: z.string().nullish(),
  })
  .nullish();

export const orderLineItem = z.looseObject({
  id,
  sku: z.string().nullish(),
  title: z.string().default(""),
  variant_title: z.string().nullish(),
  variant_id: id.nullish(),
  product_id: id.nullish(),
  quantity: z.number().int().nonnegative(),
  current_quantity: z.number().int().nonnegative().optional(),
  price_set: moneySet,
  total_discount_set: moneySet.optional(),
  gift_card: z.boolean().default(false),
  tax_lines: z.array(taxLine).default([]),
  discount_allocations: z.array(z.looseObject({ amount_set: moneySet, discount_application_index: z.number().int().nonnegative().nullish() })).default([]),
  sales_line_item_group_id: id.nullish(),
});

/** Not part of Shopify's order webhooks: accepted when a caller attaches the order's transactions. */
const transaction = z.looseObject({
  id,
  kind: z.string(),
  status: z.string(),
  gateway: z.string().default(""),
  amount: decimal,
  currency: z.string().regex(/^[A-Z]{3}$/),
  amount_set: moneySet.optional(),
  processed_at: z.string().nullish(),
});

export const orderWebhookBody = z.looseObject({
  id,
  admin_graphql_api_id: z.string().optional(),
  name: z.string(),
  email: z.string().nullish(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  presentment_currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  taxes_included: z.boolean().default(false),
  created_at: z.string(),
  updated_at: z.string(),
  cancelled_at: z.string().nullish(),
  financial_status: z.string().nullish(),
  location_id: id.nullish(),
  current_total_price_set: moneySet,
  current_subtotal_price_set: moneySet.optional(),
  current_total_tax_set: moneySet.optional(),
  current_total_discounts_set: moneySet.optional(),
  total_shipping_price_set: moneySet.optional(),
  line_items: z.array(orderLineItem),
  line_item_groups: z.array(z.looseObject({ id, title: z.string().default(""), quantity: z.number().int().nonnegative(), variant_sku: z.string().nullish() })).default([]),
  shipping_lines: z
    .array(z.looseObject({ id: id.nullish(), title: z.string().default("Shipping"), code: z.string().nullish(), discounted_price_set: moneySet, tax_lines: z.array(taxLine).default([]), is_removed: z.boolean().optional() }))
    .default([]),
  discount_applications: z.array(z.looseObject({ type: z.string(), code: z.string().nullish(), title: z.string().nullish(), description: z.string().nullish() })).default([]),
  discount_codes: z.array(z.looseObject({ code: z.string() })).default([]),
  customer: z.looseObject({ id, email: z.string().nullish(), first_name: z.string().nullish(), last_name: z.string().nullish(), phone: z.string().nullish() }).nullish(),
  company: z.looseObject({ id, location_id: id.nullish() }).nullish(),
  payment_terms: z.looseObject({ payment_terms_name: z.string(), due_in_days: z.number().int().nullish() }).nullish(),
  billing_address: address,
  shipping_address: address,
  payment_gateway_names: z.array(z.string()).default([]),
  transactions: z.array(transaction).optional(),
});
export type OrderWebhookBody = z.output<typeof orderWebhookBody>;
type Bag = z.output<typeof moneySet>;

export const pairFromBag = (b: Bag): MoneyPair => ({
  shop: parseMoney(b.shop_money.amount, b.shop_money.currency_code),
  presentment: parseMoney(b.presentment_money.amount, b.presentment_money.currency_code),
});

const taxFromRest = (t: z.output<typeof taxLine>): ShopifyTaxLine => ({ title: t.title, rate: t.rate, amount: pairFromBag(t.price_set) });

function addressFromRest(a: z.output<typeof address>): ShopifyAddress | null {
  if (!a) return null;
  return {
    firstName: a.first_name ?? null,
    lastName: a.last_name ?? null,
    name: a.name ?? null,
    company: a.company ?? null,
    address1: a.address1 ?? null,
    address2: a.address2 ?? null,
    city: a.city ?? null,
    provinceCode: a.province_code ?? null,
    zip: a.zip ?? null,
    countryCode: a.country_code ?? null,
    phone: a.phone ?? null,
  };
}

const DISCOUNT_KINDS: Record<string, DiscountKind> = { discount_code: "code", automatic: "automatic", manual: "manual", script: "script" };

/** A transaction amount in one currency, placed on the side(s) of the order it belongs to. */
function oneSide(m: Money, presentment: string, shop: string): ShopifyTransaction["amount"] {
  return { ...(m.currency === presentment ? { presentment: m } : {}), ...(m.currency === shop ? { shop: m } : {}) };
}

/** The webhook body as the one order model. */
export function orderFromWebhook(b: OrderWebhookBody): ShopifyOrder {
  const presentment = b.presentment_currency ?? b.currency;
  return {
    id: b.id,
    name: b.name,
    email: b.email ?? null,
    createdAt: utcInstant(b.created_at),
    updatedAt: utcInstant(b.updated_at),
    cancelledAt: b.cancelled_at ? utcInstant(b.cancelled_at) : null,
    shopCurrency: b.currency,
    presentmentCurrency: presentment,
    taxesIncluded: b.taxes_included,
    totals: {
      total: pairFromBag(b.current_total_price_set),
      subtotal: b.current_subtotal_price_set ? pairFromBag(b.current_subtotal_price_set) : null,
      tax: b.current_total_tax_set ? pairFromBag(b.current_total_tax_set) : null,
      discounts: b.current_total_discounts_set ? pairFromBag(b.current_total_discounts_set) : null,
    },
    lines: b.line_items.map((l) => ({
      id: l.id,
      title: l.title,
      variantTitle: l.variant_title ?? null,
      sku: l.sku?.trim() || null,
      variantId: l.variant_id ?? null,
      productId: l.product_id ?? null,
      quantity: l.current_quantity ?? l.quantity,
      originalQuantity: l.quantity,
      unitPrice: pairFromBag(l.price_set),
      giftCard: l.gift_card,
      taxLines: l.tax_lines.map(taxFromRest),
      discountAllocations: l.discount_allocations.map((d) => ({ applicationIndex: d.discount_application_index ?? null, amount: pairFromBag(d.amount_set) })),
      groupId: l.sales_line_item_group_id ?? null,
    })),
    lineGroups: b.line_item_groups.map((g) => ({ id: g.id, title: g.title, quantity: g.quantity, variantSku: g.variant_sku ?? null })),
    shippingLines: b.shipping_lines.map((s) => ({ id: s.id ?? null, title: s.title, code: s.code ?? null, price: pairFromBag(s.discounted_price_set), taxLines: s.tax_lines.map(taxFromRest), removed: s.is_removed ?? false })),
    discountApplications: b.discount_applications.map((d, index) => ({ index, kind: DISCOUNT_KINDS[d.type] ?? "manual", label: (d.type === "discount_code" ? d.code : (d.title ?? d.description)) ?? d.type })),
    customer: b.customer ? { id: b.customer.id, email: b.customer.email ?? null, firstName: b.customer.first_name ?? null, lastName: b.customer.last_name ?? null, phone: b.customer.phone ?? null } : null,
    company: b.company ? { id: b.company.id, locationId: b.company.location_id ?? null } : null,
    paymentTerms: b.payment_terms ? { name: b.payment_terms.payment_terms_name, dueInDays: b.payment_terms.due_in_days ?? null } : null,
    billingAddress: addressFromRest(b.billing_address),
    shippingAddress: addressFromRest(b.shipping_address),
    locationId: b.location_id ?? null,
    paymentGateways: b.payment_gateway_names,
    transactions:
      b.transactions?.map((t) => ({
        id: t.id,
        kind: t.kind.toLowerCase(),
        status: t.status.toLowerCase(),
        gateway: t.gateway,
        amount: t.amount_set ? pairFromBag(t.amount_set) : oneSide(parseMoney(t.amount, t.currency), presentment, b.currency),
        processedAt: t.processed_at ? utcInstant(t.processed_at) : null,
      })) ?? null,
  };
}

/** Reads a webhook body (parsed JSON) into the model, or says which fields are wrong. */
export function parseOrderWebhook(json: unknown): { ok: true; order: ShopifyOrder } | { ok: false; issues: string[] } {
  const r = orderWebhookBody.safeParse(json);
  if (!r.success) return { ok: false, issues: r.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`) };
  try {
    return { ok: true, order: orderFromWebhook(r.data) };
  } catch (e) {
    // An amount with more decimals than its currency has, or a timestamp that is not one.
    return { ok: false, issues: [e instanceof Error ? e.message : String(e)] };
  }
}
