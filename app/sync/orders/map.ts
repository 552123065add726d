/**
 * Shopify order (the webhook body) + the shop's mappings → the NetSuite requests that bring
 * NetSuite to it: the customer upsert (unless the order goes to a mapped or shared customer),
 * then the Sales Order upsert. Pure: no I/O, so the preview and the job call the same code.
 *
 * Amounts are Shopify's, never recomputed, in the currency the storefront mapping names
 * (presentment by default). Lines carry quantity × price with Shopify's tax amount; each
 * discount allocation becomes a discount line (tax-exclusive shops) or is netted into the line
 * (tax-inclusive shops, where Shopify's prices include tax), so NetSuite's computed total equals
 * Shopify's current_total_price to the cent with no balancing line.
 */
import crypto from "node:crypto";
import { formatMinor, sum, toMinor, toWire } from "~/money";
import type { NS_Address, NS_Customer, NS_SalesOrder, NS_SalesOrderLine } from "~/netsuite/records";
import type { OrderWebhookBody } from "~/shopify/payloads/order";
import type { ShopSettings } from "~/mappings/settings.server";

export interface SkuTarget {
  netsuiteItemId: string;
  itemKind: string;
}

export interface OrderMappings {
  settings: ShopSettings;
  skus: Map<string, SkuTarget>;
  /** Shopify location id → NetSuite location id. */
  locations: Map<string, string>;
  /** Lower-cased email → an existing NetSuite customer id (looked up before mapping). */
  customersByEmail?: Map<string, string>;
}

export interface NetSuiteRequest {
  method: "PUT";
  path: string;
  /** The record type and external id the request writes. */
  recordType: "customer" | "salesOrder";
  externalId: string;
  replace?: string[];
  body: NS_Customer | NS_SalesOrder;
}

export interface OrderProblem {
  causeCode: "unmapped_sku" | "missing_sku" | "unmapped_location" | "mapping_missing";
  message: string;
  sku?: string;
}

export type MapResult = { ok: true; requests: NetSuiteRequest[]; customerExternalId: string | null; salesOrderExternalId: string; totals: { shopify: string; currency: string } } | { ok: false; problems: OrderProblem[] };

/** External ids name the shop and the record type; they cannot change once records exist. */
export const externalIds = {
  order: (shop: string, orderId: string) => `shopify:${shop}:order:${orderId}`,
  customer: (shop: string, customerId: string) => `shopify:${shop}:customer:${customerId}`,
  guest: (shop: string, email: string) => `shopify:${shop}:guest:${crypto.createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 16)}`,
};

const recordPath = (type: string, externalId: string) => `/services/rest/record/v1/${type}/eid:${encodeURIComponent(externalId)}`;

type Bag = { shop_money: { amount: string; currency_code: string }; presentment_money: { amount: string; currency_code: string } };

function nsAddress(a: OrderWebhookBody["shipping_address"]): NS_Address | undefined {
  if (!a) return undefined;
  const name = a.name ?? [a.first_name, a.last_name].filter(Boolean).join(" ");
  return {
    addressee: (a.company ?? name) || undefined,
    attention: a.company ? name || undefined : undefined,
    addr1: a.address1 ?? undefined,
    addr2: a.address2 ?? undefined,
    city: a.city ?? undefined,
    state: a.province_code ?? undefined,
    zip: a.zip ?? undefined,
    country: a.country_code ?? undefined,
    addrPhone: a.phone ?? undefined,
  };
}

export function mapOrder(order: OrderWebhookBody, m: OrderMappings, ctx: { shop: string }): MapResult {
  const s = m.settings;
  const side = s.storefront.currencySource === "shop" ? "shop_money" : "presentment_money";
  const currency = side === "shop_money" ? order.currency : (order.presentment_currency ?? order.currency);
  const amt = (bag: Bag) => toMinor(bag[side].amount, currency);
  const problems: OrderProblem[] = [];

  const currencyId = s.storefront.currencies[currency];
  if (!currencyId) problems.push({ causeCode: "mapping_missing", message: `No NetSuite currency is mapped for ${currency} (Settings › Currencies).` });
  if (!s.storefront.subsidiaryId) problems.push({ causeCode: "mapping_missing", message: "No NetSuite subsidiary is set for this store (Settings › Subsidiary id)." });

  const lines: NS_SalesOrderLine[] = [];
  const inclusive = order.taxes_included;
  for (const li of order.line_items) {
    const qty = li.current_quantity ?? li.quantity;
    if (qty <= 0) continue;
    const sku = li.sku?.trim();
    const label = `${li.title}${li.variant_title ? ` (${li.variant_title})` : ""}`;
    if (!sku) {
      problems.push({ causeCode: "missing_sku", message: `The line "${label}" has no SKU, so it cannot be matched to a NetSuite item.` });
      continue;
    }
    const target = m.skus.get(sku);
    if (!target) {
      problems.push({ causeCode: "unmapped_sku", sku, message: `SKU ${sku} (${label}) has no NetSuite item.` });
      continue;
    }
    const unit = amt(li.price_set);
    const tax = sum(li.tax_lines.map((t) => amt(t.price_set)));
    const discount = sum(li.discount_allocations.map((d) => amt(d.amount_set)));
    const gross = unit * BigInt(qty);
    const line: NS_SalesOrderLine = { item: { id: target.netsuiteItemId }, quantity: qty, custcol_shopify_line_id: li.id, tax1Amt: toWire(tax, currency) };
    if (li.sales_line_item_group_id) line.custcol_shopify_bundle = li.sales_line_item_group_id;
    if (inclusive) {
      // Prices include tax: the line carries its net amount (after its discounts), tax apart.
      line.amount = toWire(gross - discount - tax, currency);
      line.rate = toWire(unit, currency);
    } else {
      line.rate = toWire(unit, currency);
      line.amount = toWire(gross, currency);
    }
    lines.push(line);
    if (!inclusive && discount > 0n) {
      if (!s.items.discountItemId) problems.push({ causeCode: "mapping_missing", message: "The order has discounts and no NetSuite discount item is set (Settings › Discount item id)." });
      else lines.push({ item: { id: s.items.discountItemId }, amount: toWire(-discount, currency), custcol_shopify_line_id: `discount:${li.id}` });
    }
  }

  const shipping = order.shipping_lines.filter((l) => !l.is_removed);
  const shippingTax = sum(shipping.flatMap((l) => l.tax_lines.map((t) => amt(t.price_set))));
  const shippingPrice = sum(shipping.map((l) => amt(l.discounted_price_set)));
  const shippingCost = inclusive ? shippingPrice - shippingTax : shippingPrice;

  let location: string | undefined;
  if (order.location_id) {
    location = m.locations.get(order.location_id);
    if (!location && !s.storefront.defaultLocationId) problems.push({ causeCode: "unmapped_location", message: `Shopify location ${order.location_id} has no NetSuite location (Location mapping).` });
  }
  location ??= s.storefront.defaultLocationId;

  // Who the order belongs to in NetSuite.
  const requests: NetSuiteRequest[] = [];
  let entity: { id?: string; externalId?: string };
  let customerExternalId: string | null = null;
  const email = (order.customer?.email ?? order.email ?? "").trim().toLowerCase();
  const companyCustomer = order.company ? s.customers.companies[order.company.id] : undefined;
  if (order.company && !companyCustomer) problems.push({ causeCode: "mapping_missing", message: `B2B company ${order.company.id} has no NetSuite customer (Settings › B2B companies).` });
  if (companyCustomer) entity = { id: companyCustomer };
  else if (!order.customer && s.customers.guestPolicy === "shared" && s.customers.sharedGuestCustomerId) entity = { id: s.customers.sharedGuestCustomerId };
  else if (!order.customer?.id && email && m.customersByEmail?.get(email)) entity = { id: m.customersByEmail.get(email)! };
  else {
    customerExternalId = order.customer?.id ? externalIds.customer(ctx.shop, order.customer.id) : email ? externalIds.guest(ctx.shop, email) : externalIds.guest(ctx.shop, `order-${order.id}`);
    entity = { externalId: customerExternalId };
    const billing = order.billing_address;
    const customer: NS_Customer = {
      externalId: customerExternalId,
      isPerson: true,
      firstName: order.customer?.first_name ?? billing?.first_name ?? undefined,
      lastName: order.customer?.last_name ?? billing?.last_name ?? (email || `Guest ${order.name}`),
      email: email || undefined,
      phone: order.customer?.phone ?? undefined,
      subsidiary: { id: s.storefront.subsidiaryId ?? "" },
      ...(currencyId ? { currency: { id: currencyId } } : {}),
      ...(order.customer?.id ? { custentity_shopify_customer_id: order.customer.id } : {}),
    };
    requests.push({ method: "PUT", path: recordPath("customer", customerExternalId), recordType: "customer", externalId: customerExternalId, body: customer });
  }

  if (lines.length === 0 && problems.length === 0) problems.push({ causeCode: "mapping_missing", message: "The order has no line to write (every line was removed)." });
  if (problems.length) return { ok: false, problems };

  const soExternalId = externalIds.order(ctx.shop, order.id);
  const so: NS_SalesOrder = {
    externalId: soExternalId,
    entity,
    subsidiary: { id: s.storefront.subsidiaryId! },
    currency: { id: currencyId! },
    ...(location ? { location: { id: location } } : {}),
    orderStatus: "B",
    tranDate: order.created_at.slice(0, 10),
    otherRefNum: order.name,
    memo: `Shopify order ${order.name}`,
    billingAddress: nsAddress(order.billing_address),
    shippingAddress: nsAddress(order.shipping_address),
    ...(shipping.length ? { shippingCost: toWire(shippingCost, currency), shippingTax1Amt: toWire(shippingTax, currency), ...(s.items.shippingItemId ? { shipMethod: { id: s.items.shippingItemId } } : {}) } : {}),
    item: { items: lines },
    custbody_shopify_order_id: order.id,
  };
  requests.push({ method: "PUT", path: `${recordPath("salesOrder", soExternalId)}?replace=item`, recordType: "salesOrder", externalId: soExternalId, replace: ["item"], body: so });
  return { ok: true, requests, customerExternalId, salesOrderExternalId: soExternalId, totals: { shopify: formatMinor(amt(order.current_total_price_set), currency), currency } };
}
