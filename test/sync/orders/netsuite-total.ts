/**
 * NetSuite's Sales Order totals computed from a request body exactly as app/netsuite/records.ts
 * says NetSuite does (the NetSuite simulator implements the same rule), in integer minor units:
 * the wire's JSON numbers are read back through their decimal text, never added as floats.
 * Kept apart from the mapping on purpose, so a test compares the mapping with the rule.
 */
import { toMinor } from "~/money";
import type { NS_SalesOrder, NS_SalesOrderLine } from "~/netsuite/records";

export interface NetSuiteTotals {
  subtotal: bigint;
  discountTotal: bigint;
  taxTotal: bigint;
  shippingCost: bigint;
  total: bigint;
}

const minor = (n: number, currency: string) => toMinor(String(n), currency);

/** quantity × rate, rounded half-up to the minor unit (rate may have more decimals). */
function quantityTimesRate(l: NS_SalesOrderLine, currency: string): bigint {
  const [whole, frac = ""] = String(l.rate ?? 0).split(".");
  const scale = 10n ** BigInt(frac.length);
  const rateScaled = BigInt(`${whole}${frac}`);
  const unitMinor = toMinor("1", currency); // minor units per major unit
  const x = BigInt(l.quantity ?? 1) * rateScaled * unitMinor;
  return (x + scale / 2n) / scale;
}

export function netsuiteTotals(so: NS_SalesOrder, currency: string, discountItemIds: ReadonlySet<string>): NetSuiteTotals {
  let subtotal = 0n;
  let discountTotal = 0n;
  let taxTotal = 0n;
  for (const l of so.item.items) {
    const isDiscount = discountItemIds.has(l.item.id ?? "");
    const amount = l.amount !== undefined ? minor(l.amount, currency) : isDiscount ? minor(l.rate ?? 0, currency) : quantityTimesRate(l, currency);
    if (isDiscount) discountTotal += amount;
    else subtotal += amount;
    // The connector always sends Shopify's tax; a line without it would make NetSuite compute one.
    if (l.tax1Amt === undefined) throw new Error(`line ${l.custcol_shopify_line_id ?? "?"} has no tax1Amt`);
    taxTotal += minor(l.tax1Amt, currency);
  }
  if (so.shippingTax1Amt !== undefined) taxTotal += minor(so.shippingTax1Amt, currency);
  const shippingCost = so.shippingCost !== undefined ? minor(so.shippingCost, currency) : 0n;
  return { subtotal, discountTotal, taxTotal, shippingCost, total: subtotal + discountTotal + taxTotal + shippingCost };
}
