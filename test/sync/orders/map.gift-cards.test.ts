/**
 * Gift cards: a gift card sold is a liability (deferred revenue), written with the configured
 * liability item whatever its SKU; a gift card payment becomes a Customer Deposit against the
 * Sales Order, upserted after it by the payment's own external id.
 */
import { describe, expect, it } from "vitest";
import type { NS_CustomerDeposit } from "~/netsuite/records";
import { mapOrder } from "~/sync/orders/map";
import { mapFixture, mappings, NOW, planOf, rawFixture, SHOP, salesOrderOf, webhookOrder } from "./fixtures";

describe("gift cards", () => {
  it("a gift card sold is written with the liability item, untaxed, whatever its SKU maps to", () => {
    const so = salesOrderOf(mapFixture("gift-card-sale", mappings({ skus: { "GIFTCARD-50": { item: "1234" }, "MUG-12OZ": { item: "1039" } } })));
    expect(so.item.items.map((l) => [l.item.id, l.amount, l.tax1Amt, l.taxCode?.id])).toEqual([
      ["902", 50, 0, "10"],
      ["1039", 18.5, 1.53, "11"],
    ]);
  });

  it("a gift card sale without a liability item set is a finance problem", () => {
    const r = mapFixture("gift-card-sale", mappings({ items: { giftCard: undefined } }));
    expect(r.ok ? [] : r.problems.map((p) => [p.causeCode, p.owner])).toEqual([["mapping_missing", "finance"]]);
  });

  it("a gift card payment becomes a Customer Deposit against the Sales Order, after it", () => {
    const r = planOf(mapFixture("gift-card-redemption"));
    const soEid = `shopify:${SHOP}:order:5900000000107`;
    expect(r.plan.map((x) => [x.method, x.recordType, x.externalId])).toEqual([
      ["PUT", "customer", `shopify:${SHOP}:customer:7200000000011`],
      ["PUT", "salesOrder", soEid],
      ["PUT", "customerDeposit", `shopify:${SHOP}:deposit:7000000000171`],
    ]);
    const deposit = r.plan[2]!.body as NS_CustomerDeposit;
    expect(deposit).toEqual({
      externalId: `shopify:${SHOP}:deposit:7000000000171`,
      customer: { externalId: `shopify:${SHOP}:customer:7200000000011` },
      salesOrder: { externalId: soEid },
      currency: { id: "1" },
      subsidiary: { id: "1" },
      payment: 25,
      paymentMethod: { id: "20" },
      memo: "Gift card payment on Shopify order #1107",
      tranDate: "2026-12-01",
    });
    expect(r.plan[2]!.path).toBe(`/services/rest/record/v1/customerDeposit/eid:${encodeURIComponent(`shopify:${SHOP}:deposit:7000000000171`)}`);
    // The Sales Order still carries the whole order: a gift card pays, it does not discount.
    expect(r.total).toEqual({ amount: "73.07", currency: "USD" });
  });

  it("a gift card payment whose transactions were not provided is named, not skipped", () => {
    const body = rawFixture("gift-card-redemption");
    delete body.transactions;
    const r = mapOrder(webhookOrder(body), mappings(), { shop: SHOP, now: NOW });
    expect(r.ok ? [] : r.problems.map((p) => p.causeCode)).toEqual(["payment_details_missing"]);
  });

  it("a gift card payment without a payment method set is a finance problem", () => {
    const r = mapFixture("gift-card-redemption", mappings({ payments: { giftCard: undefined } }));
    expect(r.ok ? [] : r.problems.map((p) => [p.causeCode, p.owner])).toEqual([["mapping_missing", "finance"]]);
  });
});
