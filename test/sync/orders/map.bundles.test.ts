/**
 * Bundles: a bundle SKU mapped to a NetSuite kit is written as the kit or, by setting, as the
 * kit's members with the bundle's amount and tax spread so they still add up; Shopify's native
 * bundles are written as their components, each naming the bundle it came from.
 */
import { describe, expect, it } from "vitest";
import { sum, toMinor } from "~/money";
import { mapFixture, mappings, salesOrderOf } from "./fixtures";

const usd = (n: number | undefined) => toMinor(String(n ?? 0), "USD");

describe("bundles", () => {
  it("the kit policy writes the kit item itself, so NetSuite relieves its members", () => {
    const so = salesOrderOf(mapFixture("bundle-kit", mappings({ bundles: "kit" })));
    const items = so.item.items.filter((l) => l.item.id !== "901");
    expect(items.map((l) => [l.item.id, l.quantity, l.rate, l.amount, l.tax1Amt])).toEqual([["1040", 2, 60, 120, 9.49]]);
  });

  it("the components policy writes the members, quantities multiplied, the price spread by weight to the cent", () => {
    const so = salesOrderOf(mapFixture("bundle-kit", mappings({ bundles: "components" })));
    const items = so.item.items.filter((l) => l.item.id !== "901");
    // Weights are the members' list prices (28.00, 24.00, 18.50): 120.00 → 47.66 + 40.85 + 31.49.
    expect(items.map((l) => [l.item.id, l.quantity, l.amount, l.custcol_shopify_line_id?.split(":")[1]])).toEqual([
      ["1001", 2, 47.66, "1"],
      ["1036", 2, 40.85, "2"],
      ["1039", 2, 31.49, "3"],
    ]);
    expect(sum(items.map((l) => usd(l.amount)))).toBe(12000n);
    expect(sum(items.map((l) => usd(l.tax1Amt)))).toBe(949n);
    // The bundle's discount still follows it, whole.
    expect(so.item.items.filter((l) => l.item.id === "901").map((l) => l.amount)).toEqual([-5]);
  });

  it("members without weights share the bundle equally per unit", () => {
    const m = mappings({ bundles: "components", skus: { "BUNDLE-STARTER": { item: "1040", kind: "kit", members: [{ item: "1001", quantity: 1 }, { item: "1039", quantity: 2 }] } } });
    const items = salesOrderOf(mapFixture("bundle-kit", m)).item.items.filter((l) => l.item.id !== "901");
    expect(items.map((l) => [l.item.id, l.quantity, l.amount])).toEqual([
      ["1001", 2, 40],
      ["1039", 4, 80],
    ]);
  });

  it("native bundle components are mapped by their own SKUs and carry the bundle as their reference", () => {
    const so = salesOrderOf(mapFixture("native-bundle"));
    expect(so.item.items.map((l) => [l.item.id, l.amount, l.custcol_shopify_bundle ?? null])).toEqual([
      ["1013", 62.9, "690000000001"],
      ["1038", 27.1, "690000000001"],
      ["1039", 18.5, null],
    ]);
    expect(so.item.items[0]!.description).toContain("Cozy Winter Set");
  });

  it("the native bundle's own SKU needs no mapping (its components are what is sold)", () => {
    const r = mapFixture("native-bundle");
    expect(r.ok).toBe(true);
  });
});
