/**
 * The external id scheme is fixed (records written under it cannot be re-keyed): these exact
 * strings are the contract, and the request paths encode them as the NetSuite client does.
 */
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { emailHash, externalIds, upsertPath } from "~/sync/orders/external-ids";

const SHOP = "demo-connector.myshopify.com";

describe("external ids", () => {
  it("name the shop and the record type", () => {
    expect(externalIds.order(SHOP, "5900000000101")).toBe("shopify:demo-connector.myshopify.com:order:5900000000101");
    expect(externalIds.customer(SHOP, "7200000000011")).toBe("shopify:demo-connector.myshopify.com:customer:7200000000011");
    expect(externalIds.deposit(SHOP, "7000000000171")).toBe("shopify:demo-connector.myshopify.com:deposit:7000000000171");
  });

  it("a guest's id is the first 16 hex digits of SHA-256 of the trimmed, lower-cased email", () => {
    const expected = crypto.createHash("sha256").update("walkin@example.com").digest("hex").slice(0, 16);
    expect(externalIds.guest(SHOP, "  WalkIn@Example.com ")).toBe(`shopify:demo-connector.myshopify.com:guest:${expected}`);
    expect(emailHash("walkin@example.com")).toBe(expected);
    expect(externalIds.guest(SHOP, "a@example.com")).not.toBe(externalIds.guest(SHOP, "b@example.com"));
  });

  it("upsert paths encode the external id and name replaced sublists", () => {
    expect(upsertPath("salesOrder", "shopify:s.myshopify.com:order:1", ["item"])).toBe("/services/rest/record/v1/salesOrder/eid:shopify%3As.myshopify.com%3Aorder%3A1?replace=item");
    expect(upsertPath("customer", "shopify:s.myshopify.com:customer:2")).toBe("/services/rest/record/v1/customer/eid:shopify%3As.myshopify.com%3Acustomer%3A2");
  });
});
