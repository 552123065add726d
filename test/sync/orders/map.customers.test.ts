/**
 * Who the Sales Order belongs to: the Shopify customer upserted by external id before the order
 * (or an existing NetSuite customer with the same email), a B2B company's mapped customer with
 * its terms, and guests by policy.
 */
import { describe, expect, it } from "vitest";
import { externalIds } from "~/sync/orders/external-ids";
import { mapFixture, mappings, planOf, rawFixture, SHOP, salesOrderOf, webhookOrder, NOW } from "./fixtures";
import { mapOrder } from "~/sync/orders/map";

describe("customers", () => {
  it("a Shopify customer is upserted by external id first and the Sales Order names it by that id", () => {
    const r = planOf(mapFixture("discounts-multi-line"));
    const eid = `shopify:${SHOP}:customer:7200000000011`;
    expect(r.plan.map((x) => [x.recordType, x.externalId])).toEqual([
      ["customer", eid],
      ["salesOrder", `shopify:${SHOP}:order:5900000000101`],
    ]);
    expect(r.plan[0]!.body).toMatchObject({ externalId: eid, isPerson: true, firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", subsidiary: { id: "1" }, currency: { id: "1" }, custentity_shopify_customer_id: "7200000000011" });
    expect(salesOrderOf(r).entity).toEqual({ externalId: eid });
  });

  it("an existing NetSuite customer with the order's email is used as it is, not upserted", () => {
    const r = planOf(mapFixture("discounts-multi-line", mappings({ customers: { byEmail: { "ADA@example.com": "3150" } } })));
    expect(r.plan.map((x) => x.recordType)).toEqual(["salesOrder"]);
    expect(salesOrderOf(r).entity).toEqual({ id: "3150" });
  });

  it("a B2B order goes to the company's NetSuite customer with the mapped payment terms and no customer upsert", () => {
    const r = planOf(mapFixture("b2b-payment-terms"));
    expect(r.plan.map((x) => x.recordType)).toEqual(["salesOrder"]);
    const so = salesOrderOf(r);
    expect([so.entity, so.terms]).toEqual([{ id: "2001" }, { id: "2" }]);
    expect(so.billingAddress).toMatchObject({ addressee: "Northwind Outfitters LLC", attention: "Nora Quist" });
  });

  it("a B2B order for an unmapped company, or with unmapped terms, names both problems", () => {
    const r = mapFixture("b2b-payment-terms", mappings({ customers: { companies: {} }, paymentTerms: {} }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.causeCode, p.owner])).toEqual([
      ["mapping_missing", "ops"],
      ["mapping_missing", "finance"],
    ]);
    expect(r.problems[0]!.message).toContain("4410000001");
    expect(r.problems[1]!.message).toContain("Net 30");
  });

  it("a guest gets one customer per email under the per-email policy (a hash, not the email, in the id)", () => {
    const r = planOf(mapFixture("guest-pos"));
    const eid = externalIds.guest(SHOP, "walkin@example.com");
    expect(eid).toMatch(new RegExp(`^shopify:${SHOP}:guest:[0-9a-f]{16}$`));
    expect(r.plan.map((x) => [x.recordType, x.externalId])).toEqual([
      ["customer", eid],
      ["salesOrder", `shopify:${SHOP}:order:5900000000109`],
    ]);
    expect(r.plan[0]!.body).toMatchObject({ email: "walkin@example.com", lastName: "walkin@example.com" });
    expect(salesOrderOf(r).entity).toEqual({ externalId: eid });
  });

  it("a guest goes to the shared guest customer under the shared policy", () => {
    const r = planOf(mapFixture("guest-pos", mappings({ customers: { guests: "shared", sharedGuest: "2000" } })));
    expect(r.plan.map((x) => x.recordType)).toEqual(["salesOrder"]);
    expect(salesOrderOf(r).entity).toEqual({ id: "2000" });
  });

  it("a guest without an email can only go to a shared guest customer", () => {
    const body = { ...rawFixture("guest-pos"), email: null, contact_email: null };
    const without = mapOrder(webhookOrder(body), mappings(), { shop: SHOP, now: NOW });
    expect(without.ok ? [] : without.problems.map((p) => p.causeCode)).toEqual(["mapping_missing"]);
    const withShared = mapOrder(webhookOrder(body), mappings({ customers: { sharedGuest: "2000" } }), { shop: SHOP, now: NOW });
    expect(salesOrderOf(withShared).entity).toEqual({ id: "2000" });
  });
});
