/**
 * REST-shaped JSON, as Shopify's webhooks carry it, built from the same in-memory order the
 * GraphQL API serves (same ids, amounts, SKUs and timestamps).
 */
import { fromCents, sum, type Cents } from "./money";
import type { SimAddress, SimCustomer, SimEdit, SimLine, SimOrder, SimRefund, SimShop } from "./model";
import { currentTotals, financialStatus, lineAmounts, orderTotals, shippingTax } from "./totals";

/** The demo shop keeps Eastern time: REST timestamps carry its offset, GraphQL's are UTC. */
export const SHOP_UTC_OFFSET_MINUTES = -240;

export function restTime(d: Date): string {
  const local = new Date(d.getTime() + SHOP_UTC_OFFSET_MINUTES * 60_000);
  const off = Math.abs(SHOP_UTC_OFFSET_MINUTES);
  const sign = SHOP_UTC_OFFSET_MINUTES < 0 ? "-" : "+";
  const hh = String(Math.floor(off / 60)).padStart(2, "0");
  const mm = String(off % 60).padStart(2, "0");
  return `${local.toISOString().slice(0, 19)}${sign}${hh}:${mm}`;
}

export function gid(type: string, id: number): string {
  return `gid://shopify/${type}/${id}`;
}

export function moneySet(c: Cents, currency: string) {
  const amount = fromCents(c);
  return {
    shop_money: { amount, currency_code: currency },
    presentment_money: { amount, currency_code: currency },
  };
}

function address(a: SimAddress | null) {
  if (!a) return null;
  return { ...a, name: `${a.first_name} ${a.last_name}`, latitude: null, longitude: null };
}

function customerJson(c: SimCustomer, currency: string) {
  return {
    id: c.id,
    email: c.email,
    created_at: restTime(c.createdAt),
    updated_at: restTime(c.createdAt),
    first_name: c.firstName,
    last_name: c.lastName,
    state: "enabled",
    note: null,
    verified_email: true,
    multipass_identifier: null,
    tax_exempt: false,
    phone: c.phone,
    currency,
    tax_exemptions: [],
    admin_graphql_api_id: gid("Customer", c.id),
    default_address: { id: c.id + 1, customer_id: c.id, ...address(c.address), default: true },
  };
}

function taxLine(title: string, rate: string, c: Cents, currency: string) {
  return { title, rate: Number(rate), price: fromCents(c), price_set: moneySet(c, currency), channel_liable: false };
}

function lineJson(o: SimOrder, l: SimLine) {
  const placed = lineAmounts(l, l.discountQuantity);
  const tax = lineAmounts(l, l.quantity).tax;
  return {
    id: l.id,
    admin_graphql_api_id: gid("LineItem", l.id),
    attributed_staffs: [],
    current_quantity: l.currentQuantity,
    fulfillable_quantity: l.currentQuantity,
    fulfillment_service: "manual",
    fulfillment_status: null,
    gift_card: l.giftCard,
    grams: l.grams,
    name: l.variantTitle === "Default Title" ? l.productTitle : `${l.productTitle} - ${l.variantTitle}`,
    price: fromCents(l.unitPrice),
    price_set: moneySet(l.unitPrice, o.currency),
    product_exists: true,
    product_id: l.productId,
    properties: [],
    quantity: l.quantity,
    requires_shipping: !l.giftCard,
    sku: l.sku,
    taxable: l.taxRate !== null,
    title: l.productTitle,
    total_discount: fromCents(placed.discount),
    total_discount_set: moneySet(placed.discount, o.currency),
    variant_id: l.variantId,
    variant_inventory_management: "shopify",
    variant_title: l.variantTitle,
    vendor: "Demo Outfitters",
    tax_lines: l.taxRate && tax > 0n ? [taxLine(o.taxTitle, l.taxRate.text, tax, o.currency)] : [],
    duties: [],
    discount_allocations:
      placed.discount > 0n
        ? [{ amount: fromCents(placed.discount), amount_set: moneySet(placed.discount, o.currency), discount_application_index: 0 }]
        : [],
    sales_line_item_group_id: l.groupId,
  };
}

function refundJson(o: SimOrder, r: SimRefund) {
  const cur = o.currency;
  return {
    id: r.id,
    admin_graphql_api_id: gid("Refund", r.id),
    created_at: restTime(r.createdAt),
    note: r.note,
    order_id: o.id,
    processed_at: restTime(r.createdAt),
    restock: r.lines.some((l) => l.restockType !== "no_restock"),
    total_duties_set: moneySet(0n, cur),
    user_id: null,
    // Since 2024-10 refunded shipping is not described here: read it through GraphQL.
    order_adjustments: [],
    transactions: [
      {
        id: r.transactionId,
        admin_graphql_api_id: gid("OrderTransaction", r.transactionId),
        amount: fromCents(r.total),
        authorization: null,
        created_at: restTime(r.createdAt),
        currency: cur,
        gateway: "shopify_payments",
        kind: "refund",
        order_id: o.id,
        parent_id: o.saleTransactionId,
        processed_at: restTime(r.createdAt),
        status: "success",
        test: false,
      },
    ],
    refund_line_items: r.lines.map((rl) => {
      const line = o.lines.find((l) => l.id === rl.lineItemId);
      return {
        id: rl.id,
        line_item_id: rl.lineItemId,
        location_id: rl.locationId,
        quantity: rl.quantity,
        restock_type: rl.restockType,
        // Shopify sends these two as JSON numbers; the *_set bags carry the exact strings.
        subtotal: Number(fromCents(rl.subtotal)),
        subtotal_set: moneySet(rl.subtotal, cur),
        total_tax: Number(fromCents(rl.tax)),
        total_tax_set: moneySet(rl.tax, cur),
        line_item: line ? lineJson(o, line) : null,
      };
    }),
    duties: [],
    return: null,
  };
}

export function orderJson(shop: SimShop, o: SimOrder) {
  const cur = o.currency;
  const now = currentTotals(o);
  const orig = orderTotals(o);
  const customer = o.customerId === null ? undefined : shop.customers.find((c) => c.id === o.customerId);
  const refunded = sum(o.refunds.map((r) => r.total));
  const money = (key: string, c: Cents) => ({ [key]: fromCents(c), [`${key}_set`]: moneySet(c, cur) });
  return {
    id: o.id,
    admin_graphql_api_id: gid("Order", o.id),
    app_id: 580111,
    browser_ip: null,
    buyer_accepts_marketing: false,
    cancel_reason: o.cancelReason,
    cancelled_at: o.cancelledAt ? restTime(o.cancelledAt) : null,
    closed_at: null,
    confirmation_number: `SIM${o.number}`,
    confirmed: true,
    contact_email: o.email,
    created_at: restTime(o.createdAt),
    currency: cur,
    ...money("current_subtotal_price", now.subtotal),
    ...money("current_total_discounts", now.discounts),
    ...money("current_total_price", now.total),
    ...money("current_total_tax", now.tax),
    current_shipping_price_set: moneySet(now.shipping, cur),
    customer_locale: "en",
    discount_codes: o.discount
      ? [{ code: o.discount.code, amount: fromCents(o.discount.amount), type: o.discount.type }]
      : [],
    email: o.email,
    estimated_taxes: false,
    financial_status: financialStatus(o),
    fulfillment_status: null,
    landing_site: null,
    location_id: null,
    name: o.name,
    note: o.note,
    note_attributes: [],
    number: o.number - 1000,
    order_number: o.number,
    payment_gateway_names: ["shopify_payments"],
    phone: null,
    po_number: null,
    presentment_currency: cur,
    processed_at: restTime(o.createdAt),
    reference: null,
    source_name: o.sourceName,
    ...money("subtotal_price", orig.subtotal),
    tags: "",
    tax_exempt: false,
    tax_lines:
      o.taxRate && orig.tax > 0n ? [taxLine(o.taxTitle, o.taxRate.text, orig.tax, cur)] : [],
    taxes_included: false,
    test: false,
    token: `sim${o.id.toString(16)}`,
    ...money("total_discounts", orig.discounts),
    ...money("total_line_items_price", orig.lineItems),
    total_outstanding: fromCents(now.total > o.paid - refunded ? now.total - (o.paid - refunded) : 0n),
    ...money("total_price", orig.total),
    total_shipping_price_set: moneySet(orig.shipping, cur),
    ...money("total_tax", orig.tax),
    total_tip_received: "0.00",
    total_weight: sum(o.lines.map((l) => BigInt(l.grams * l.currentQuantity))).toString(),
    updated_at: restTime(o.updatedAt),
    user_id: null,
    billing_address: address(o.billingAddress),
    customer: customer ? customerJson(customer, cur) : null,
    discount_applications: o.discount
      ? [
          {
            target_type: "line_item",
            type: "discount_code",
            value: o.discount.value,
            value_type: o.discount.type,
            allocation_method: "across",
            target_selection: "all",
            code: o.discount.code,
          },
        ]
      : [],
    fulfillments: [],
    line_items: o.lines.map((l) => lineJson(o, l)),
    line_item_groups: o.groups.map((g) => ({
      id: g.id,
      quantity: g.quantity,
      title: g.title,
      product_id: g.productId,
      variant_id: g.variantId,
      variant_sku: g.variantSku,
      properties: [],
    })),
    payment_terms: null,
    refunds: o.refunds.map((r) => refundJson(o, r)),
    shipping_address: address(o.shippingAddress),
    shipping_lines: o.shippingLines.map((s) => {
      const tax = shippingTax(s, s.price);
      return {
        id: s.id,
        carrier_identifier: null,
        code: s.code,
        discounted_price: fromCents(s.price),
        discounted_price_set: moneySet(s.price, cur),
        is_removed: false,
        phone: null,
        price: fromCents(s.price),
        price_set: moneySet(s.price, cur),
        requested_fulfillment_service_id: null,
        source: "shopify",
        title: s.title,
        tax_lines: s.taxRate && tax > 0n ? [taxLine(o.taxTitle, s.taxRate.text, tax, cur)] : [],
        discount_allocations: [],
      };
    }),
  };
}

export function orderEditJson(o: SimOrder, e: SimEdit) {
  return {
    order_edit: {
      id: e.id,
      app_id: null,
      created_at: restTime(e.createdAt),
      committed_at: restTime(e.committedAt),
      notify_customer: false,
      order_id: o.id,
      staff_note: "",
      user_id: null,
      line_items: { additions: e.additions, removals: e.removals },
      discounts: { line_item: { additions: [], removals: [] } },
      shipping_lines: { additions: [], removals: [] },
    },
  };
}

export function refundWebhookJson(o: SimOrder, r: SimRefund) {
  return refundJson(o, r);
}

export function shopJson(shop: SimShop, now: Date) {
  const primary = shop.locations[0];
  return {
    id: shop.id,
    name: shop.name,
    email: shop.email,
    domain: shop.domain,
    myshopify_domain: shop.domain,
    province: "Nevada",
    country: "US",
    country_code: "US",
    country_name: "United States",
    address1: "1 Demo Way",
    city: "Reno",
    zip: "89501",
    created_at: restTime(now),
    updated_at: restTime(now),
    currency: shop.currency,
    customer_email: shop.email,
    iana_timezone: "America/New_York",
    timezone: "(GMT-05:00) Eastern Time (US & Canada)",
    shop_owner: "Demo Owner",
    money_format: "${{amount}}",
    weight_unit: "kg",
    taxes_included: false,
    plan_name: "basic",
    plan_display_name: "Basic",
    primary_location_id: primary?.id ?? null,
    multi_location_enabled: true,
    enabled_presentment_currencies: [shop.currency],
  };
}

/** Compliance topics: only ids, the shop and (for customers) the customer's contact. */
export function complianceJson(
  shop: SimShop,
  topic: "customers/data_request" | "customers/redact" | "shop/redact",
  customer: SimCustomer | null,
  dataRequestId: number,
) {
  const base = { shop_id: shop.id, shop_domain: shop.domain };
  if (topic === "shop/redact") return base;
  const orders = [...shop.orders.values()].filter((o) => customer && o.customerId === customer.id).map((o) => o.id);
  const who = { id: customer?.id ?? null, email: customer?.email ?? null, phone: customer?.phone ?? null };
  return topic === "customers/redact"
    ? { ...base, customer: who, orders_to_redact: orders }
    : { ...base, orders_requested: orders, customer: who, data_request: { id: dataRequestId } };
}
