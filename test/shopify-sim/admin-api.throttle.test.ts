import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShopifySimulator, type ShopifySimulator } from "../simulators/shopify/server";
import { adminClient, control, fakeClock } from "./helpers";

const SHOP = "demo-connector.myshopify.com";
const clock = fakeClock();
let sim: ShopifySimulator;

beforeAll(async () => {
  sim = await startShopifySimulator({ now: clock.now });
});
afterAll(() => sim.stop());

// 2 + 100 × (variant 1 + product 1) = 202 requested.
const QUERY = "{ productVariants(first: 100) { nodes { sku product { title } } } }";

describe("Admin GraphQL cost and throttling", () => {
  it("answers THROTTLED with the cost extension when the bucket cannot cover the query, then succeeds after the bucket refills", async () => {
    await control(sim, `shops/${SHOP}/bucket`, { available: 50 });
    const client = adminClient(sim);

    const throttled = await client.request(QUERY);
    expect(throttled.data).toBeUndefined();
    expect(throttled.errors?.networkStatusCode).toBe(200);
    expect(throttled.errors?.graphQLErrors).toEqual([
      { message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } },
    ]);
    expect(throttled.extensions).toEqual({
      cost: {
        requestedQueryCost: 202,
        actualQueryCost: null,
        throttleStatus: { maximumAvailable: 1000, currentlyAvailable: 50, restoreRate: 100 },
      },
    });

    // (202 - 50) / 100 points per second: 1.52 s, so 2 s is enough.
    clock.advance(2_000);
    const ok = await client.request<{ productVariants: { nodes: unknown[] } }>(QUERY);
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.productVariants.nodes.length).toBeGreaterThan(0);
    const n = ok.data?.productVariants.nodes.length ?? 0;
    const cost = (ok.extensions as { cost: { requestedQueryCost: number; actualQueryCost: number; throttleStatus: { currentlyAvailable: number } } }).cost;
    expect(cost.requestedQueryCost).toBe(202);
    // Only the nodes returned are charged; the rest of the requested cost is refunded.
    expect(cost.actualQueryCost).toBe(2 + n * 2);
    expect(cost.throttleStatus.currentlyAvailable).toBe(250 - cost.actualQueryCost);

    const stats = await control<{ throttled: number }>(sim, "stats");
    expect(stats.throttled).toBe(1);
  });

  it("refuses a single query costing more than the bucket holds", async () => {
    const { errors } = await adminClient(sim).request(
      "{ orders(first: 50) { nodes { lineItems(first: 50) { nodes { sku originalUnitPriceSet { shopMoney { amount } } } } } } }",
    );
    expect(errors?.graphQLErrors?.[0]?.extensions).toMatchObject({ code: "MAX_COST_EXCEEDED", maxCost: 1000 });
  });

  it("answers 401 with Shopify's body for a wrong or missing token", async () => {
    const { errors } = await adminClient(sim, { accessToken: "shpat_wrong" }).request("{ shop { name } }");
    expect(errors?.networkStatusCode).toBe(401);

    const url = `${sim.shopUrl()}/admin/api/2026-10/graphql.json`;
    for (const headers of [{ "X-Shopify-Access-Token": "shpat_wrong" }, {}] as Record<string, string>[]) {
      const res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify({ query: "{ shop { name } }" }) });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
    }
  });

  it("revokes the shop's tokens on uninstall", async () => {
    await control(sim, `shops/${SHOP}/uninstall`, {});
    const { errors } = await adminClient(sim).request("{ shop { name } }");
    expect(errors?.networkStatusCode).toBe(401);
    await control(sim, "reset", {});
    const again = await adminClient(sim).request("{ shop { name } }");
    expect(again.errors).toBeUndefined();
  });
});
