/**
 * Currency: the Sales Order is in the currency the storefront mapping names (the order's
 * presentment currency by default) and carries Shopify's amounts in that same currency, never
 * converted by us; JPY and KWD keep their own minor units.
 */
import { describe, expect, it } from "vitest";
import { toMinor } from "~/money";
import { mapOrder } from "~/sync/orders/map";
import { mapFixture, mappings, NOW, rawFixture, salesOrderOf, SHOP, webhookOrder } from "./fixtures";
import { netsuiteTotals } from "./netsuite-total";

describe("currency", () => {
  it("a CAD order in a USD shop is written in CAD with Shopify's CAD amounts", () => {
    const r = mapFixture("foreign-currency-cad");
    const so = salesOrderOf(r);
    expect(so.currency).toEqual({ id: "3" });
    expect(so.item.items.filter((l) => l.item.id !== "901").map((l) => [l.rate, l.amount, l.tax1Amt])).toEqual([
      [103, 103, 4.38],
      [39, 78, 3.32],
    ]);
    expect(netsuiteTotals(so, "CAD", new Set(["901"])).total).toBe(17730n);
    expect(r.ok && r.total).toEqual({ amount: "177.30", currency: "CAD" });
  });

  it("with the shop currency chosen, the same order is written in USD with Shopify's shop amounts", () => {
    const r = mapFixture("foreign-currency-cad", mappings({ storefront: { currencySource: "shop" } }));
    const so = salesOrderOf(r);
    expect(so.currency).toEqual({ id: "1" });
    const shopTotal = toMinor(rawFixture("foreign-currency-cad").current_total_price_set.shop_money.amount, "USD");
    expect(netsuiteTotals(so, "USD", new Set(["901"])).total).toBe(shopTotal);
    expect(so.item.items[0]!.rate).toBe(73.57);
  });

  for (const [currency, decimals, price, expected] of [
    ["JPY", 0, "4500", 4500],
    ["KWD", 3, "12.345", 12.345],
  ] as const) {
    it(`a ${currency} order keeps ${decimals} decimals`, () => {
      const body = rawFixture("unmapped-sku");
      const bag = (amount: string) => ({ shop_money: { amount, currency_code: currency }, presentment_money: { amount, currency_code: currency } });
      Object.assign(body, { currency, presentment_currency: currency, line_items: [{ ...body.line_items[1], price_set: bag(price), tax_lines: [], discount_allocations: [] }], shipping_lines: [], current_total_price_set: bag(price) });
      const m = mappings({ storefront: { currencies: { [currency]: "7" } } });
      const so = salesOrderOf(mapOrder(webhookOrder(body), m, { shop: SHOP, now: NOW }));
      expect([so.currency.id, so.item.items[0]!.amount]).toEqual(["7", expected]);
      expect(netsuiteTotals(so, currency, new Set()).total).toBe(toMinor(price, currency));
    });
  }
});
