/**
 * For every order fixture: the Sales Order's total, computed by NetSuite's rule
 * (app/netsuite/records.ts), is Shopify's current_total_price to the minor unit; every Shopify
 * line's amount, tax and discounts are carried as Shopify reported them; and there is no other
 * line (no balancing line), in tax-exclusive and tax-inclusive shops, under both bundle policies.
 */
import { describe, expect, it } from "vitest";
import { sum, toMinor } from "~/money";
import type { NS_SalesOrder } from "~/netsuite/records";
import type { ShopifyOrder } from "~/shopify/payloads";
import { fixtureNames, mapFixture, mappings, rawFixture, salesOrderOf, webhookOrder } from "./fixtures";
import { netsuiteTotals } from "./netsuite-total";

const DISCOUNT_ITEM = "901";
const MAPPABLE = fixtureNames().filter((n) => n !== "unmapped-sku");
const wire = (n: number | undefined, cur: string) => toMinor(String(n ?? 0), cur);

function linesFor(so: NS_SalesOrder, lineId: string) {
  return so.item.items.filter((l) => l.custcol_shopify_line_id === lineId || l.custcol_shopify_line_id?.startsWith(`${lineId}:`));
}

function expectLinesCarryShopifys(order: ShopifyOrder, so: NS_SalesOrder) {
  const cur = order.presentmentCurrency;
  const accounted = new Set<string>();
  for (const l of order.lines.filter((x) => x.quantity > 0)) {
    const gross = l.unitPrice.presentment.minor * BigInt(l.quantity);
    const tax = sum(l.taxLines.map((t) => t.amount.presentment.minor));
    const discount = sum(l.discountAllocations.map((d) => d.amount.presentment.minor));
    const items = linesFor(so, l.id);
    const discounts = so.item.items.filter((x) => x.custcol_shopify_line_id?.startsWith(`discount:${l.id}:`));
    expect(items.length).toBeGreaterThan(0);
    expect(sum(items.map((x) => wire(x.amount, cur)))).toBe(order.taxesIncluded ? gross - discount - tax : gross);
    expect(sum(items.map((x) => wire(x.tax1Amt, cur)))).toBe(tax);
    expect(sum(discounts.map((x) => wire(x.amount, cur)))).toBe(order.taxesIncluded ? 0n : -discount);
    for (const x of [...items, ...discounts]) accounted.add(x.custcol_shopify_line_id!);
  }
  // Every NetSuite line comes from a Shopify line: nothing was added to make the total fit.
  expect(so.item.items.map((x) => x.custcol_shopify_line_id).filter((id) => !accounted.has(id!))).toEqual([]);
}

describe("the Sales Order's NetSuite total is Shopify's current_total_price", () => {
  for (const name of MAPPABLE) {
    for (const bundles of ["kit", "components"] as const) {
      it(`${name} (bundles as ${bundles})`, () => {
        const order = webhookOrder(name);
        const so = salesOrderOf(mapFixture(name, mappings({ bundles })));
        const cur = order.presentmentCurrency;
        const totals = netsuiteTotals(so, cur, new Set([DISCOUNT_ITEM]));
        expect(totals.total).toBe(toMinor(rawFixture(name).current_total_price_set.presentment_money.amount, cur));
        expect(totals.taxTotal).toBe(toMinor(rawFixture(name).current_total_tax_set.presentment_money.amount, cur));
        expectLinesCarryShopifys(order, so);
      });
    }
  }

  it("a tax-exclusive order's discounts are discount lines named after each code or automatic discount", () => {
    const so = salesOrderOf(mapFixture("discounts-multi-line"));
    const discounts = so.item.items.filter((l) => l.item.id === DISCOUNT_ITEM);
    expect(discounts.map((l) => [l.custcol_shopify_line_id?.replace(/^discount:\d+:/, ""), l.amount, l.description?.split(" on ")[0]])).toEqual([
      ["0", -5.6, "WELCOME10"],
      ["1", -5, "Tee bundle: $5 off two T-shirts"],
      ["0", -7.4, "WELCOME10"],
      ["0", -1.85, "WELCOME10"],
    ]);
    expect(discounts.every((l) => l.tax1Amt === 0)).toBe(true);
  });

  it("a tax-inclusive order (GBP, VAT 20%) carries net lines and Shopify's VAT, shipping net of its VAT", () => {
    const so = salesOrderOf(mapFixture("tax-inclusive-gb"));
    expect(so.item.items.map((l) => [l.quantity, l.amount, l.tax1Amt, l.taxCode?.id])).toEqual([
      [1, 99.17, 19.83, "12"],
      [2, 36, 7.2, "12"],
    ]);
    expect([so.shippingCost, so.shippingTax1Amt, so.shippingTaxCode?.id]).toEqual([4.16, 0.83, "12"]);
    expect(so.item.items.some((l) => l.item.id === DISCOUNT_ITEM)).toBe(false);
  });

  it("shipping goes to the shipping item with Shopify's price and tax; multi-jurisdiction tax uses the first matching rule", () => {
    const so = salesOrderOf(mapFixture("us-shipping-tax"));
    expect([so.shipMethod?.id, so.shippingCost, so.shippingTax1Amt, so.shippingTaxCode?.id]).toEqual(["900", 14.95, 1.23, "11"]);
    expect(so.item.items.map((l) => [l.amount, l.tax1Amt, l.taxCode?.id])).toEqual([
      [96, 7.92, "11"],
      [24, 1.98, "11"],
    ]);
  });

  it("a line with no tax gets the exempt tax code, and the order the mapped location", () => {
    const so = salesOrderOf(mapFixture("b2b-payment-terms"));
    expect(so.item.items.map((l) => [l.taxCode?.id, l.tax1Amt])).toEqual([
      ["10", 0],
      ["10", 0],
    ]);
    expect(salesOrderOf(mapFixture("guest-pos")).location).toEqual({ id: "3" });
    expect(salesOrderOf(mapFixture("discounts-multi-line")).location).toEqual({ id: "1" });
  });
});
