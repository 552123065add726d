import "@shopify/shopify-api/adapters/node";
import { ApiVersion, RequestedTokenType, shopifyApi } from "@shopify/shopify-api";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShopifySimulator, type ShopifySimulator } from "../simulators/shopify/server";
import { makeSessionToken } from "../simulators/shopify/webhooks";
import { adminClient, simFetch } from "./helpers";

const SHOP = "demo-connector.myshopify.com";
const apiKey = "test-api-key";
const apiSecret = "test-api-secret";
let sim: ShopifySimulator;

function library(secret = apiSecret) {
  return shopifyApi({
    apiKey,
    apiSecretKey: secret,
    scopes: ["read_orders"],
    hostName: "127.0.0.1",
    apiVersion: ApiVersion.October26,
    isEmbeddedApp: true,
    logger: { log: () => {} },
  });
}

beforeAll(async () => {
  sim = await startShopifySimulator({ apiKey, apiSecret });
  // What the app does in demo and test mode: Shopify's hosts are served by the simulator.
  setAbstractFetchFunc(simFetch(sim));
});
afterAll(() => sim.stop());

describe("token exchange on install", () => {
  it("gives an offline token for a valid session token, and the token works on the Admin API", async () => {
    const sessionToken = makeSessionToken({ shop: SHOP, apiKey, apiSecret, userId: 42 });
    const { session } = await library().auth.tokenExchange({
      shop: SHOP,
      sessionToken,
      requestedTokenType: RequestedTokenType.OfflineAccessToken,
    });
    expect(session.isOnline).toBe(false);
    expect(session.shop).toBe(SHOP);
    expect(session.accessToken).toMatch(/^shpat_/);
    expect(session.scope).toContain("read_orders");

    const { data, errors } = await adminClient(sim, { accessToken: session.accessToken }).request<{ shop: { myshopifyDomain: string } }>(
      "{ shop { myshopifyDomain } }",
    );
    expect(errors).toBeUndefined();
    expect(data?.shop.myshopifyDomain).toBe(SHOP);
  });

  it("gives an online token with the associated user", async () => {
    const sessionToken = makeSessionToken({ shop: SHOP, apiKey, apiSecret, userId: 42 });
    const { session } = await library().auth.tokenExchange({ shop: SHOP, sessionToken, requestedTokenType: RequestedTokenType.OnlineAccessToken });
    expect(session.isOnline).toBe(true);
    expect(session.onlineAccessInfo?.associated_user.id).toBe(42);
    expect(session.expires?.getTime()).toBeGreaterThan(Date.now());
  });

  it("the library accepts the helper's session token as App Bridge's", async () => {
    const payload = await library().session.decodeSessionToken(makeSessionToken({ shop: SHOP, apiKey, apiSecret, userId: 7 }));
    expect(payload).toMatchObject({ iss: `https://${SHOP}/admin`, dest: `https://${SHOP}`, aud: apiKey, sub: "7" });
  });

  const post = (body: Record<string, string>) =>
    fetch(`${sim.shopUrl()}/admin/oauth/access_token`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const exchange = (subject: string, secret = apiSecret) => ({
    client_id: apiKey,
    client_secret: secret,
    grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
    subject_token: subject,
    subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
    requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
  });

  it("fails with 400 invalid_subject_token for a token signed with another secret, expired, or for another shop", async () => {
    const bad = [
      makeSessionToken({ shop: SHOP, apiKey, apiSecret: "someone-elses-secret" }),
      makeSessionToken({ shop: SHOP, apiKey, apiSecret, issuedAt: Math.floor(Date.now() / 1000) - 3600 }),
      makeSessionToken({ shop: "other-shop.myshopify.com", apiKey, apiSecret }),
      makeSessionToken({ shop: SHOP, apiKey: "another-app", apiSecret }),
    ];
    for (const token of bad) {
      const res = await post(exchange(token));
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: "invalid_subject_token", error_description: expect.any(String) });
    }
  });

  it("fails with 401 invalid_client for a wrong client secret, and the library throws", async () => {
    const res = await post(exchange(makeSessionToken({ shop: SHOP, apiKey, apiSecret }), "wrong-secret"));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: "invalid_client" });

    // The library checks the session token with its own secret first, so sign it with that one.
    const wrong = library("wrong-secret");
    const token = makeSessionToken({ shop: SHOP, apiKey, apiSecret: "wrong-secret" });
    await expect(wrong.auth.tokenExchange({ shop: SHOP, sessionToken: token, requestedTokenType: RequestedTokenType.OfflineAccessToken })).rejects.toThrow();
  });
});
