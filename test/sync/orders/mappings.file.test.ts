/**
 * The mappings file format: the documented example and the demo mappings parse, an export
 * reads back as the same mappings, and a wrong file is refused with the keys at fault.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseMappings, toMappingsFile, orderMappingsFromSettings } from "~/sync/orders/mappings";
import { DEFAULT_SETTINGS } from "~/mappings/settings.server";
import { demoMappingsJson } from "./fixtures";

const docExample = () => {
  const md = fs.readFileSync(path.resolve(__dirname, "../../../docs/mappings.md"), "utf8");
  return JSON.parse(/```json\n([\s\S]*?)```/.exec(md)![1]!) as unknown;
};

describe("mappings file", () => {
  it("reads the README's example", () => {
    const readme = fs.readFileSync(path.resolve(import.meta.dirname, "../../../README.md"), "utf8");
    const example = /```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const r = parseMappings(JSON.parse(example!));
    expect(r.ok ? [] : r.issues).toEqual([]);
  });

  it("the example in docs/mappings.md is a valid file", () => {
    const r = parseMappings(docExample());
    expect(r.ok ? [] : r.issues).toEqual([]);
    if (!r.ok) return;
    expect(r.mappings.skus.get("BUNDLE-STARTER")).toEqual({ itemId: "1040", kind: "kit", members: [{ itemId: "1001", quantity: 1, weight: 2800 }, { itemId: "1036", quantity: 1, weight: 2400 }, { itemId: "1039", quantity: 1, weight: 1850 }] });
    expect(r.mappings.customers.byEmail.get("buyer@bigcustomer.example")).toBe("3150");
  });

  it("the demo mappings are valid and map every seeded SKU but the unmapped poster", () => {
    const r = parseMappings(demoMappingsJson());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.mappings.skus.has("POSTER-LTD-01")).toBe(false);
    expect(r.mappings.skus.get("TSHIRT-BLK-M")).toEqual({ itemId: "1001", kind: "inventory" });
  });

  it("an export reads back as the same mappings", () => {
    const r = parseMappings(docExample());
    if (!r.ok) throw new Error("example invalid");
    const again = parseMappings(JSON.parse(JSON.stringify(toMappingsFile(r.mappings))));
    expect(again).toEqual(r);
  });

  it("refuses a wrong file, naming each key at fault", () => {
    const r = parseMappings({ storefront: { subsidary: "1" }, skus: { "BUNDLE-STARTER": { item: "40", kind: "kit" }, "X": { item: "abc" } }, customers: { guests: "shared" }, tax: { rules: [{ taxCode: "1" }] } });
    expect(r.ok ? [] : r.issues.map((i) => i.split(":")[0])).toEqual(["storefront", "skus.BUNDLE-STARTER.members", "skus.X.item", "tax.rules.0", "customers.sharedGuest"]);
  });

  it("the app's stored settings and mapping rows give the same kind of mappings", () => {
    const m = orderMappingsFromSettings(
      { ...DEFAULT_SETTINGS, storefront: { ...DEFAULT_SETTINGS.storefront, subsidiaryId: "1", currencies: { USD: "1" } } },
      { skus: [{ sku: "TSHIRT-BLK-M", netsuiteItemId: "1001", itemKind: "inventory", kitMembers: null }], locations: [{ shopifyLocationId: "71100000001", netsuiteLocationId: "1" }] },
    );
    expect([m.storefront.subsidiaryId, m.storefront.currencies.get("USD"), m.skus.get("TSHIRT-BLK-M"), m.locations.get("71100000001"), m.bundlePolicy]).toEqual(["1", "1", { itemId: "1001", kind: "inventory" }, "1", "kit"]);
  });
});
