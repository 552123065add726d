/**
 * The order webhook body (REST shape, API 2026-10): the fields the orders flow relies on are
 * checked; Shopify's other fields pass through untouched.
 */
import { z } from "zod";

const id = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);
const amount = z.union([z.string(), z.number()]).transform(String);
const moneyBag = z.looseObject({ amount, currency_code: z.string() });
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
  quantity: z.number().int(),
  current_quantity: z.number().int().optional(),
  price_set: moneySet,
  gift_card: z.boolean().default(false),
  tax_lines: z.array(taxLine).default([]),
  discount_allocations: z.array(z.looseObject({ amount_set: moneySet, discount_application_index: z.number().int().optional() })).default([]),
  sales_line_item_group_id: id.nullish(),
});

export const orderWebhookBody = z.looseObject({
  id,
  name: z.string(),
  email: z.string().nullish(),
  currency: z.string().length(3),
  presentment_currency: z.string().length(3).optional(),
  taxes_included: z.boolean().default(false),
  created_at: z.string(),
  updated_at: z.string(),
  cancelled_at: z.string().nullish(),
  location_id: id.nullish(),
  current_total_price_set: moneySet,
  line_items: z.array(orderLineItem),
  shipping_lines: z
    .array(z.looseObject({ title: z.string().default("Shipping"), discounted_price_set: moneySet, tax_lines: z.array(taxLine).default([]), is_removed: z.boolean().optional() }))
    .default([]),
  customer: z.looseObject({ id, email: z.string().nullish(), first_name: z.string().nullish(), last_name: z.string().nullish(), phone: z.string().nullish() }).nullish(),
  company: z.looseObject({ id, location_id: id.nullish() }).nullish(),
  billing_address: address,
  shipping_address: address,
});
export type OrderWebhookBody = z.output<typeof orderWebhookBody>;
