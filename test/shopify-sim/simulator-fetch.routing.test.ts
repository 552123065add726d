/**
 * The app's demo/test fetch for the Shopify library: a shop's `https://{shop}.myshopify.com/…`
 * request reaches the simulator under `/shops/{shop}/…`; any other request goes where it was
 * addressed, untouched.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SHOP, startShopifySimulator, type ShopifySimulator } from "../simulators/shopify/server";
import { simulatorFetch, simulatorUrlFor } from "~/shopify/simulator-fetch.server";

let sim: ShopifySimulator;
let other: http.Server;
let otherUrl = "";
const seen: string[] = [];

beforeAll(async () => {
  sim = await startShopifySimulator();
  other = http.createServer((req, res) => {
    seen.push(req.url ?? "");
    res.end("elsewhere");
  });
  await new Promise<void>((r) => other.listen(0, "127.0.0.1", () => r()));
  otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await sim.stop();
  other.closeAllConnections();
  await new Promise<void>((r) => other.close(() => r()));
});

describe("simulator fetch", () => {
  it("sends a shop's Admin API request to the simulator, with its path, query and headers", async () => {
    const f = simulatorFetch(sim.url);
    const res = await f(`https://${DEFAULT_SHOP}/admin/api/2026-10/graphql.json?x=1`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": sim.accessToken() },
      body: JSON.stringify({ query: "{ shop { myshopifyDomain } }" }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ data: { shop: { myshopifyDomain: DEFAULT_SHOP } } });
  });

  it("passes every other request through untouched", async () => {
    const f = simulatorFetch(sim.url);
    const res = await f(`${otherUrl}/shops/${DEFAULT_SHOP}/admin?y=2`);
    expect(await res.text()).toBe("elsewhere");
    expect(seen).toEqual([`/shops/${DEFAULT_SHOP}/admin?y=2`]);
  });

  it("rewrites only https shop hosts of myshopify.com", () => {
    const s = "http://127.0.0.1:9";
    expect(simulatorUrlFor("https://Demo-Connector.myshopify.com/admin/oauth/access_token", s)).toBe(`${s}/shops/demo-connector.myshopify.com/admin/oauth/access_token`);
    for (const url of [
      "http://demo-connector.myshopify.com/admin",
      "https://demo-connector.myshopify.com:8443/admin",
      "https://myshopify.com.example.com/admin",
      "https://admin.shopify.com/store/demo-connector",
      "https://cdn.shopify.com/shopifycloud/app-bridge.js",
      "not a url",
    ]) {
      expect(simulatorUrlFor(url, s), url).toBeNull();
    }
  });
});
