/**
 * A Shopify order + the shop's mappings → the NetSuite requests that bring NetSuite to it, in
 * order: the customer upsert (unless the order goes to a B2B, existing or shared customer), the
 * Sales Order upsert, then a Customer Deposit per gift card payment. Or every reason it cannot be.
 *
 * Pure: no I/O, no clock but `now`, no randomness; the order job, the preview CLI and the in-app
 * preview call this same function, and the same input always gives the same output.
 *
 * Amounts are Shopify's, in the currency the storefront mapping names (the presentment currency
 * by default), never converted or recomputed here. Before answering, the plan's Sales Order total
 * is computed as NetSuite computes it (app/netsuite/records.ts) and must equal Shopify's
 * `current_total_price` to the minor unit: otherwise nothing is written (amount_mismatch).
 */
import { formatMinor, MoneyError, sum, toWire } from "~/money";
import type { NS_CustomerDeposit, NS_Ref, NS_SalesOrder } from "~/netsuite/records";
import type { MoneyPair, ShopifyOrder } from "~/shopify/payloads/model";
import { externalIds, upsertPath } from "./external-ids";
import { mapLines, taxCodeFor, type MoneyView } from "./map-lines";
import { nsAddress, resolveParty, type CustomerBody } from "./map-parties";
import type { OrderMappings } from "./mappings";
import { problem, type OrderProblem } from "./problems";

export { externalIds } from "./external-ids";
export type { OrderMappings } from "./mappings";
export type { OrderProblem } from "./problems";

export type NetSuiteRecordBody = CustomerBody | NS_SalesOrder | NS_CustomerDeposit;

export interface NetSuiteRequest {
  method: "PUT";
  /** The exact REST path, as the NetSuite client sends it. */
  path: string;
  body: NetSuiteRecordBody;
  recordType: "customer" | "salesOrder" | "customerDeposit";
  externalId: string;
  /** Sublists replaced whole (the Sales Order's lines follow Shopify's on every update). */
  replace?: string[];
}

export interface OrderPlan {
  /** The requests, in the order they must be sent. */
  plan: NetSuiteRequest[];
  salesOrderExternalId: string;
  customerExternalId: string | null;
  /** Shopify's current total, which the Sales Order's NetSuite total equals. */
  total: { amount: string; currency: string };
}

export type MapResult = ({ ok: true } & OrderPlan) | { ok: false; problems: OrderProblem[] };

export interface MapContext {
  /** The shop's myshopify domain: part of every external id. */
  shop: string;
  /** Only for a gift card payment whose time Shopify did not report. */
  now: Date;
}

/** yyyy-mm-dd of an instant in a time zone (NetSuite dates carry no time). */
export function localDate(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(iso));
}

function moneyView(order: ShopifyOrder, m: OrderMappings): MoneyView {
  const side = m.storefront.currencySource === "shop" ? "shop" : "presentment";
  const currency = side === "shop" ? order.shopCurrency : order.presentmentCurrency;
  return {
    currency,
    amt: (p: MoneyPair) => {
      const x = p[side];
      if (x.currency !== currency) throw new MoneyError(`Shopify reported a ${side} amount in ${x.currency} on an order in ${currency}`);
      return x.minor;
    },
  };
}

export function mapOrder(order: ShopifyOrder, m: OrderMappings, ctx: MapContext): MapResult {
  try {
    return plan(order, m, ctx);
  } catch (e) {
    if (e instanceof MoneyError) return { ok: false, problems: [problem("amount_mismatch", `The order's amounts cannot be read: ${e.message}.`)] };
    throw e;
  }
}

function plan(order: ShopifyOrder, m: OrderMappings, ctx: MapContext): MapResult {
  const v = moneyView(order, m);
  const cur = v.currency;
  const problems: OrderProblem[] = [];

  const subsidiaryId = m.storefront.subsidiaryId;
  if (!subsidiaryId) problems.push(problem("mapping_missing", "No NetSuite subsidiary is set for this store (storefront.subsidiary).", { owner: "finance" }));
  const currencyId = m.storefront.currencies.get(cur) ?? null;
  if (!currencyId) problems.push(problem("unknown_currency", `The order is in ${cur} and no NetSuite currency is mapped for ${cur} (storefront.currencies).`));

  let location: NS_Ref | undefined;
  if (order.locationId) {
    const id = m.locations.get(order.locationId);
    if (id) location = { id };
    else problems.push(problem("unmapped_location", `Shopify location ${order.locationId} has no NetSuite location: map the location.`));
  } else if (m.storefront.defaultLocationId) location = { id: m.storefront.defaultLocationId };

  const lines = mapLines(order, m, v);
  problems.push(...lines.problems);
  if (lines.lines.length === 0 && lines.problems.length === 0) problems.push(problem("mapping_missing", `Order ${order.name} has no line left to write (every line was removed).`));

  const shipping = order.shippingLines.filter((s) => !s.removed);
  const shippingPrice = sum(shipping.map((s) => v.amt(s.price)));
  const shippingTaxLines = shipping.flatMap((s) => s.taxLines);
  const shippingTax = sum(shippingTaxLines.map((t) => v.amt(t.amount)));
  // Tax-inclusive shops: Shopify's shipping price includes its tax; NetSuite adds it on top.
  const shippingCost = order.taxesIncluded ? shippingPrice - shippingTax : shippingPrice;
  const shippingCode = shippingTaxLines.length ? taxCodeFor(shippingTaxLines, m) : {};
  if (shippingCode.problem) problems.push(shippingCode.problem);
  if (shipping.length && !m.items.shippingItemId) problems.push(problem("mapping_missing", "The order has shipping and no NetSuite shipping item is set (items.shipping)."));

  const party = resolveParty(order, m, ctx.shop, currencyId);
  problems.push(...party.problems);

  const giftCardPaid = order.paymentGateways.includes("gift_card");
  if (giftCardPaid && order.transactions === null) problems.push(problem("payment_details_missing", `Order ${order.name} was paid (partly) with a gift card and its payment transactions were not provided: read them from Shopify before mapping.`));
  const giftCardPayments = (order.transactions ?? []).filter((t) => t.gateway === "gift_card" && (t.kind === "sale" || t.kind === "capture") && t.status === "success");
  if (giftCardPayments.length && !m.giftCardPaymentMethodId) problems.push(problem("mapping_missing", "The order was paid with a gift card and no NetSuite payment method is set for gift cards (payments.giftCard).", { owner: "finance" }));
  const depositAmounts = giftCardPayments.map((t) => {
    const a = m.storefront.currencySource === "shop" ? t.amount.shop : t.amount.presentment;
    if (!a || a.currency !== cur) problems.push(problem("amount_mismatch", `Gift card payment ${t.id} is not reported in ${cur}.`));
    return a?.minor ?? 0n;
  });

  if (problems.length === 0) {
    // What NetSuite will compute from this body, in minor units, against Shopify's own total.
    const netsuiteTotal = lines.subtotal + lines.discountTotal + lines.taxTotal + shippingTax + shippingCost;
    const shopifyTotal = v.amt(order.totals.total);
    if (netsuiteTotal !== shopifyTotal)
      problems.push(problem("amount_mismatch", `The Sales Order would total ${formatMinor(netsuiteTotal, cur)} ${cur} in NetSuite but Shopify's order total is ${formatMinor(shopifyTotal, cur)} ${cur} (duties, tips or an edit this version does not read?).`));
  }
  // The same unmapped tax on many lines is one thing to fix.
  if (problems.length) return { ok: false, problems: problems.filter((p, i) => problems.findIndex((q) => q.message === p.message) === i) };

  const soExternalId = externalIds.order(ctx.shop, order.id);
  const requests: NetSuiteRequest[] = [];
  if (party.customer) requests.push({ method: "PUT", path: upsertPath("customer", party.customer.externalId), body: party.customer, recordType: "customer", externalId: party.customer.externalId });

  const so: NS_SalesOrder = {
    externalId: soExternalId,
    entity: party.entity!,
    subsidiary: { id: subsidiaryId! },
    currency: { id: currencyId! },
    ...(location ? { location } : {}),
    orderStatus: "B",
    tranDate: localDate(order.createdAt, m.storefront.timeZone),
    otherRefNum: order.name,
    memo: `Shopify order ${order.name}`,
    ...(party.terms ? { terms: party.terms } : {}),
    ...(order.billingAddress ? { billingAddress: nsAddress(order.billingAddress) } : {}),
    ...(order.shippingAddress ? { shippingAddress: nsAddress(order.shippingAddress) } : {}),
    ...(shipping.length
      ? { shipMethod: { id: m.items.shippingItemId! }, shippingCost: toWire(shippingCost, cur), ...(shippingCode.ref ? { shippingTaxCode: shippingCode.ref } : {}), shippingTax1Amt: toWire(shippingTax, cur) }
      : {}),
    item: { items: lines.lines },
    custbody_shopify_order_id: order.id,
  };
  requests.push({ method: "PUT", path: upsertPath("salesOrder", soExternalId, ["item"]), body: so, recordType: "salesOrder", externalId: soExternalId, replace: ["item"] });

  giftCardPayments.forEach((t, i) => {
    const externalId = externalIds.deposit(ctx.shop, t.id);
    const deposit: NS_CustomerDeposit = {
      externalId,
      customer: party.entity!,
      salesOrder: { externalId: soExternalId },
      currency: { id: currencyId! },
      subsidiary: { id: subsidiaryId! },
      payment: toWire(depositAmounts[i]!, cur),
      paymentMethod: { id: m.giftCardPaymentMethodId! },
      memo: `Gift card payment on Shopify order ${order.name}`,
      tranDate: localDate(t.processedAt ?? ctx.now.toISOString(), m.storefront.timeZone),
    };
    requests.push({ method: "PUT", path: upsertPath("customerDeposit", externalId), body: deposit, recordType: "customerDeposit", externalId });
  });

  return {
    ok: true,
    plan: requests,
    salesOrderExternalId: soExternalId,
    customerExternalId: party.customer?.externalId ?? null,
    total: { amount: formatMinor(v.amt(order.totals.total), cur), currency: cur },
  };
}
