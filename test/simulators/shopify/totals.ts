/**
 * How the simulated Shopify prices an order, all in integer cents: per line the gross, its
 * allocated discount and its tax (from the rate, rounded half up per line), per shipping line its
 * price and tax. Current totals are the same sums over current quantities and unrefunded shipping,
 * so `total = subtotal + shipping + tax` and `subtotal = line items - discounts` always hold.
 */
import { applyRate, divRound, sum, type Cents } from "./money";
import type { SimLine, SimOrder, SimShippingLine, Totals } from "./model";

export interface LineAmounts {
  gross: Cents;
  discount: Cents;
  tax: Cents;
}

export function lineAmounts(line: SimLine, qty: number): LineAmounts {
  const gross = line.unitPrice * BigInt(qty);
  const discounted = Math.min(qty, line.discountQuantity);
  const discount =
    line.discountQuantity === 0 ? 0n : divRound(line.discount * BigInt(discounted), BigInt(line.discountQuantity));
  const tax = line.taxRate ? applyRate(gross - discount, line.taxRate) : 0n;
  return { gross, discount, tax };
}

export function shippingTax(line: SimShippingLine, amount: Cents): Cents {
  return line.taxRate ? applyRate(amount, line.taxRate) : 0n;
}

function totalsOf(lines: LineAmounts[], shipping: Cents, shippingTaxes: Cents): Totals {
  const lineItems = sum(lines.map((l) => l.gross));
  const discounts = sum(lines.map((l) => l.discount));
  const subtotal = lineItems - discounts;
  const tax = sum(lines.map((l) => l.tax)) + shippingTaxes;
  return { lineItems, discounts, subtotal, shipping, tax, total: subtotal + shipping + tax };
}

/** The order as placed: only the lines it was placed with, at their placed quantities. */
export function placedTotals(order: SimOrder): Totals {
  const lines = order.lines.filter((l) => !l.addedByEdit).map((l) => lineAmounts(l, l.discountQuantity));
  const shipping = sum(order.shippingLines.map((s) => s.price));
  return totalsOf(lines, shipping, sum(order.shippingLines.map((s) => shippingTax(s, s.price))));
}

/**
 * Before refunds: every line at its quantity (edits' additions count, removals do not reduce
 * `quantity`), all shipping. Shopify's `total_*` fields; `current_*` also subtract refunds and
 * removals.
 */
export function orderTotals(order: SimOrder): Totals {
  const lines = order.lines.map((l) => lineAmounts(l, l.quantity));
  const shipping = sum(order.shippingLines.map((s) => s.price));
  return totalsOf(lines, shipping, sum(order.shippingLines.map((s) => shippingTax(s, s.price))));
}

/** After edits and refunds. */
export function currentTotals(order: SimOrder): Totals {
  const lines = order.lines.map((l) => lineAmounts(l, l.currentQuantity));
  const left = order.shippingLines.map((s) => ({ s, amount: s.price - s.refunded }));
  return totalsOf(
    lines,
    sum(left.map((x) => x.amount)),
    sum(left.map((x) => shippingTax(x.s, x.amount))),
  );
}

export function refundedTotal(order: SimOrder): Cents {
  return sum(order.refunds.map((r) => r.total));
}

export type FinancialStatus = "paid" | "partially_paid" | "partially_refunded" | "refunded";

export function financialStatus(order: SimOrder): FinancialStatus {
  const refunded = refundedTotal(order);
  const current = currentTotals(order).total;
  if (refunded > 0n && current === 0n) return "refunded";
  if (refunded > 0n) return "partially_refunded";
  if (current > order.paid) return "partially_paid";
  return "paid";
}
