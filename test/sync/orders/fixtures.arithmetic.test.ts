/**
 * The fixtures add up as Shopify's own orders do, on both the shop and the presentment side:
 * subtotal = Σ price × current quantity − discounts; tax = Σ line and shipping tax; total =
 * subtotal + shipping (+ tax when prices exclude it). A fixture that did not would make the
 * totals tests prove nothing.
 */
import { describe, expect, it } from "vitest";
import { sum, toMinor } from "~/money";
import { fixtureNames, rawFixture } from "./fixtures";

describe("order fixtures are Shopify-consistent", () => {
  for (const name of fixtureNames()) {
    for (const side of ["shop_money", "presentment_money"] as const) {
      it(`${name} (${side})`, () => {
        const o = rawFixture(name);
        const cur: string = side === "shop_money" ? o.currency : o.presentment_currency;
        const m = (bag: any) => toMinor(bag[side].amount, bag[side].currency_code === cur ? cur : "XXX");
        const lines = o.line_items as any[];
        const gross = sum(lines.map((l) => m(l.price_set) * BigInt(l.current_quantity)));
        const discounts = sum(lines.flatMap((l) => l.discount_allocations.map((d: any) => m(d.amount_set))));
        const tax = sum([...lines.flatMap((l) => l.tax_lines), ...o.shipping_lines.flatMap((s: any) => s.tax_lines)].map((t: any) => m(t.price_set)));
        const shipping = sum(o.shipping_lines.map((s: any) => m(s.discounted_price_set)));
        expect(m(o.current_subtotal_price_set)).toBe(gross - discounts);
        expect(m(o.current_total_discounts_set)).toBe(discounts);
        expect(m(o.current_total_tax_set)).toBe(tax);
        expect(m(o.current_total_price_set)).toBe(gross - discounts + shipping + (o.taxes_included ? 0n : tax));
      });
    }
  }
});
