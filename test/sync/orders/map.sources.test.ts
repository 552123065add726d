/**
 * One order model: the webhook body and the Admin GraphQL order of the same order give the same
 * plan (the sweep's orders are written exactly as webhook orders), and mapping is deterministic.
 */
import { describe, expect, it } from "vitest";
import { mapOrder } from "~/sync/orders/map";
import { graphqlFixtureNames, graphqlOrder, mappings, NOW, SHOP, webhookOrder, fixtureNames, rawFixture } from "./fixtures";

describe("webhook and Admin GraphQL orders", () => {
  it("there is a GraphQL twin for most fixtures", () => {
    expect(graphqlFixtureNames().length).toBeGreaterThanOrEqual(6);
  });

  for (const name of graphqlFixtureNames()) {
    for (const bundles of ["kit", "components"] as const) {
      it(`${name}: the same plan from both sources (bundles as ${bundles})`, () => {
        const m = mappings({ bundles });
        const fromWebhook = mapOrder(webhookOrder(name), m, { shop: SHOP, now: NOW });
        const fromGraphql = mapOrder(graphqlOrder(name), m, { shop: SHOP, now: NOW });
        expect(fromWebhook.ok).toBe(true);
        expect(fromGraphql).toEqual(fromWebhook);
      });
    }
  }

  it("the two sources give the same order model, timestamps included (REST's local offsets, GraphQL's UTC)", () => {
    const a = webhookOrder("discounts-multi-line");
    const b = graphqlOrder("discounts-multi-line");
    expect(b).toEqual(a);
    expect(a.createdAt).toBe("2026-12-02T02:30:00.000Z");
  });
});

describe("determinism", () => {
  for (const name of fixtureNames()) {
    it(`${name}: mapping the same payload twice gives identical output`, () => {
      const first = JSON.stringify(mapOrder(webhookOrder(rawFixture(name)), mappings(), { shop: SHOP, now: NOW }));
      const second = JSON.stringify(mapOrder(webhookOrder(rawFixture(name)), mappings(), { shop: SHOP, now: new Date(NOW.getTime() + 86_400_000) }));
      expect(second).toBe(first);
    });
  }
});
