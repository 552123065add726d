/**
 * Install as Shopify admin performs it for an embedded app on the new auth strategy: the admin
 * loads the app URL with a session token as `id_token`; the app (a child process, started with
 * SHOPIFY_SIMULATOR_URL) exchanges it for an offline token at the simulator, stores the session
 * and records the shop through its afterAuth hook. Outside demo mode and tests the simulator URL
 * is refused at start.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSettings } from "~/mappings/settings.server";
import { DEFAULT_SHOP, startShopifySimulator, type ShopifySimulator } from "../simulators/shopify/server";
import { makeSessionToken } from "../simulators/shopify/webhooks";
import { startApp, startAppExpectingFailure, testAppEnv, TEST_API_KEY, TEST_SECRET, type RunningApp } from "../support/app";
import { createTestDatabase, testProvider, type TestDatabase } from "../support/db";
import { db, disconnectDb } from "~/db.server";
import { adminClient } from "../support/admin";
import { waitFor } from "../support/wait";

const SHOP = DEFAULT_SHOP;
let tdb: TestDatabase;
let sim: ShopifySimulator;
let app: RunningApp;

beforeAll(async () => {
  tdb = await createTestDatabase("app_install");
  // Enough variants for several pages of the catalogue read.
  sim = await startShopifySimulator({ apiKey: TEST_API_KEY, apiSecret: TEST_SECRET, scale: 300 });
  app = await startApp(testAppEnv(tdb.url, { SHOPIFY_SIMULATOR_URL: sim.url, NODE_ENV: "test" }));
});
afterAll(async () => {
  await app?.stop();
  await sim?.stop();
  await disconnectDb();
  await tdb?.drop();
});

/** The URL Shopify admin frames: shop, host (base64 of the admin's store path), embedded, id_token. */
function embeddedUrl(idToken: string): string {
  const host = Buffer.from(`admin.shopify.com/store/${SHOP.replace(".myshopify.com", "")}`).toString("base64").replace(/=+$/, "");
  const q = new URLSearchParams({ embedded: "1", shop: SHOP, host, id_token: idToken });
  return `${app.url}/app?${q}`;
}

describe(`install through token exchange with the simulator (${testProvider})`, () => {
  it("exchanges the admin's session token, stores the offline session and records the shop", async () => {
    expect(await db().shop.findUnique({ where: { domain: SHOP } })).toBeNull();
    const idToken = makeSessionToken({ shop: SHOP, apiKey: TEST_API_KEY, apiSecret: TEST_SECRET, userId: 42 });
    const res = await fetch(embeddedUrl(idToken), {
      redirect: "manual",
      headers: { "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36" },
    });
    expect(res.status, app.logs()).toBe(200);
    expect(await res.text()).toContain(SHOP);

    expect(sim.state.stats.tokenExchanges).toBeGreaterThanOrEqual(1);
    const session = await db().session.findUnique({ where: { id: `offline_${SHOP}` } });
    expect(session).toMatchObject({ shop: SHOP, isOnline: false, accessToken: expect.stringMatching(/^shpat_/) });
    // The token is one the simulator issued for this shop, so the Admin API will take it.
    expect(sim.state.shop(SHOP).tokens.has(session!.accessToken)).toBe(true);
    expect(session!.expires?.getTime()).toBeGreaterThan(Date.now());
    expect(await db().shop.findUnique({ where: { domain: SHOP } })).toMatchObject({ status: "installed" });

    // The install reads the shop's variants into the catalogue, page after page.
    const variants = sim.state.shop(SHOP).variantsById.size;
    expect(variants).toBeGreaterThan(250);
    await waitFor(() => db().catalogVariant.count({ where: { shopDomain: SHOP, deletedAt: null } }), (n) => n === variants, 60_000, 200);
    const run = await waitFor(() => db().syncCursor.findUnique({ where: { shopDomain_name: { shopDomain: SHOP, name: "catalogue.refresh" } } }), (c) => c !== null && JSON.parse(c.value).finishedAt !== null, 30_000, 200);
    expect(JSON.parse(run!.value)).toMatchObject({ read: variants, deleted: 0 });
    // …and the shop's time zone, which dates its Sales Orders (the simulator's shop is in New York).
    const { settings } = await loadSettings(db(), SHOP);
    expect(settings.storefront.timeZone).toBe("America/New_York");

    // On demand, through the route: a variant no longer in Shopify is marked deleted.
    await db().catalogVariant.create({ data: { shopDomain: SHOP, variantId: "999999999", productId: "999", sku: "GONE-1", title: "Gone", productTitle: "Gone", giftCard: false, mapped: false } });
    const api = adminClient(app.url, SHOP);
    expect((await api.send("POST", "/api/catalogue")).status).toBe(202);
    const after = await waitFor(async () => ((await (await api.get("/api/catalogue")).json()) as { last: { startedAt: string; finishedAt: string | null; deleted: number } }).last, (l) => l.startedAt !== JSON.parse(run!.value).startedAt && l.finishedAt !== null, 60_000, 200);
    expect(after.deleted).toBe(1);
    expect((await db().catalogVariant.findFirst({ where: { shopDomain: SHOP, variantId: "999999999" } }))?.deletedAt).not.toBeNull();
  });

  it("refuses a session token signed with another secret: no exchange, no session", async () => {
    const before = sim.state.stats.tokenExchanges;
    const other = "other-shop.myshopify.com";
    const bad = makeSessionToken({ shop: other, apiKey: TEST_API_KEY, apiSecret: "not-the-app-secret" });
    const res = await fetch(embeddedUrl(bad).replace(encodeURIComponent(SHOP), other), { redirect: "manual" });
    expect(res.status).not.toBe(200);
    expect(sim.state.stats.tokenExchanges).toBe(before);
    expect(await db().session.count({ where: { shop: other } })).toBe(0);
  });
});

describe("SHOPIFY_SIMULATOR_URL outside demo mode and tests", () => {
  it("stops the app at start with a message naming it", async () => {
    const { code, output } = await startAppExpectingFailure(testAppEnv(tdb.url, { SHOPIFY_SIMULATOR_URL: sim.url }));
    expect(code).not.toBe(0);
    expect(output).toContain("SHOPIFY_SIMULATOR_URL");
    expect(output).toMatch(/demo mode|DEMO=1/);
  });
});
