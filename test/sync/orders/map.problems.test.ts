/**
 * An order that cannot be written stops with every reason at once, each with a cause code, a
 * plain message and whose job it is to fix it; no request is planned.
 */
import { describe, expect, it } from "vitest";
import { mapOrder } from "~/sync/orders/map";
import { mapFixture, mappings, NOW, rawFixture, SHOP, webhookOrder } from "./fixtures";

function problemsOf(r: ReturnType<typeof mapFixture>) {
  if (r.ok) throw new Error("expected problems, got a plan");
  return r.problems;
}

describe("problems", () => {
  it("an unmapped SKU stops the order with one problem naming the SKU and the line, and no plan", () => {
    const r = mapFixture("unmapped-sku");
    expect(r.ok).toBe(false);
    expect("plan" in r).toBe(false);
    const [p, ...rest] = problemsOf(r);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ causeCode: "unmapped_sku", owner: "ops", sku: "POSTER-LTD-01" });
    expect(p!.message).toContain("POSTER-LTD-01");
    expect(p!.message).toContain("Limited Edition Poster");
  });

  it("every problem is named at once: no SKU, unmapped SKU, location, tax and currency", () => {
    const body = rawFixture("unmapped-sku");
    body.location_id = 71100000999;
    body.line_items[1].sku = "";
    const m = mappings({ tax: { rules: [], default: undefined }, storefront: { currencies: { EUR: "4" } } });
    const problems = problemsOf(mapOrder(webhookOrder(body), m, { shop: SHOP, now: NOW }));
    expect(problems.map((p) => [p.causeCode, p.owner]).sort()).toEqual(
      [
        ["unknown_currency", "finance"],
        ["unmapped_location", "ops"],
        ["unmapped_sku", "ops"],
        ["unmapped_tax", "finance"],
        ["missing_sku", "ops"],
      ].sort(),
    );
    expect(problems.find((p) => p.causeCode === "missing_sku")!.message).toContain("Organic Cotton T-Shirt (White / M)");
    expect(problems.find((p) => p.causeCode === "unmapped_location")!.message).toContain("71100000999");
    expect(problems.find((p) => p.causeCode === "unknown_currency")!.message).toContain("USD");
    expect(problems.find((p) => p.causeCode === "unmapped_tax")!.message).toContain("NV State Tax");
  });

  it("missing set-up (subsidiary, discount and shipping items) is named, not guessed", () => {
    const m = mappings({ storefront: { subsidiary: undefined }, items: { discount: undefined, shipping: undefined } });
    const problems = problemsOf(mapFixture("discounts-multi-line", m));
    expect(problems.map((p) => p.message.match(/\(([a-z.]+)\)\.?$/)?.[1])).toEqual(["storefront.subsidiary", "items.discount", "items.shipping"]);
  });

  it("amounts Shopify reports beyond what the order's lines explain (duties) stop the order as amount_mismatch", () => {
    const body = rawFixture("discounts-multi-line");
    const bump = (b: any) => {
      for (const side of ["shop_money", "presentment_money"]) b[side].amount = (Number(b[side].amount) * 100 + 1250).toString().replace(/(\d\d)$/, ".$1");
    };
    bump(body.current_total_price_set);
    const problems = problemsOf(mapOrder(webhookOrder(body), mappings(), { shop: SHOP, now: NOW }));
    expect(problems.map((p) => [p.causeCode, p.owner])).toEqual([["amount_mismatch", "finance"]]);
    expect(problems[0]!.message).toContain("147.38 USD");
    expect(problems[0]!.message).toContain("159.88 USD");
  });

  it("a line removed by an edit (current quantity 0) is not written, and Shopify's current total still matches", () => {
    const body = rawFixture("unmapped-sku");
    body.line_items[0].current_quantity = 0;
    for (const key of ["current_total_price_set", "current_subtotal_price_set", "current_total_tax_set"]) {
      const cut = key === "current_total_price_set" ? 4500 + 371 : key === "current_subtotal_price_set" ? 4500 : 371;
      for (const side of ["shop_money", "presentment_money"]) body[key][side].amount = ((Math.round(Number(body[key][side].amount) * 100) - cut) / 100).toFixed(2);
    }
    body.line_items[0].tax_lines = [];
    const r = mapOrder(webhookOrder(body), mappings(), { shop: SHOP, now: NOW });
    expect(r.ok ? r.plan.at(-1)!.body : r.problems).toMatchObject({ item: { items: [{ item: { id: "1005" } }] } });
  });
});
