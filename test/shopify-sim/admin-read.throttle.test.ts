/**
 * Shopify's cost throttling, waited out by the app's reader: with a small bucket, the first
 * page of each read is THROTTLED (the bucket is empty) and so is a page after the bucket is
 * drained mid-read (another reader sharing it); every row still arrives exactly once, and in
 * between the reader paces itself by the throttle status instead of being throttled again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SHOP, startShopifySimulator, type ShopifySimulator } from "../simulators/shopify/server";
import { TEST_API_KEY, TEST_SECRET } from "../support/app";
import { createTestDatabase, testProvider, type TestDatabase } from "../support/db";
import { control } from "./helpers";
import { loadAppShopify, storeOfflineSession } from "./app-shopify";
import { AdminReadError, pageOrders, pageVariants } from "~/shopify/admin-read";
import { disconnectDb } from "~/db.server";

const SHOP = DEFAULT_SHOP;
let tdb: TestDatabase;
let sim: ShopifySimulator;
let app: Awaited<ReturnType<typeof loadAppShopify>>;

beforeAll(async () => {
  tdb = await createTestDatabase("admin_read_throttle");
  // 200 points, refilled at 1,000 a second: a page of 50 variants (152 points) nearly empties it.
  sim = await startShopifySimulator({ apiKey: TEST_API_KEY, apiSecret: TEST_SECRET, scale: 150, bucket: { capacity: 200, restoreRate: 1000 } });
  app = await loadAppShopify(sim);
  await storeOfflineSession(app, SHOP, sim.accessToken(SHOP));
});
afterAll(async () => {
  await sim?.stop();
  await disconnectDb();
  await tdb?.drop();
});

const throttled = async () => (await control<{ throttled: number }>(sim, "stats")).throttled;
/**
 * Empties the shop's bucket and then some, as if other clients had just spent it: the debt keeps
 * it empty for 0.4 s more, so the next request is throttled however slow this machine is.
 * (Set in-process: the control API only takes what Shopify could report, 0 and up.)
 */
const drain = (debt = 400) => {
  sim.state.shop(SHOP).bucket = { available: -debt, atMs: sim.state.nowMs() };
};

describe(`Admin API reads under throttling (${testProvider})`, () => {
  it("waits out THROTTLED pages of variants and delivers each variant once", async () => {
    const { variants: total } = await control<{ variants: number }>(sim, `shops/${SHOP}`);
    const before = await throttled();
    drain();
    const { admin } = await app.unauthenticated.admin(SHOP);
    const ids: string[] = [];
    for await (const v of pageVariants(admin, { pageSize: 50 })) {
      ids.push(v.variantId);
      // Someone else empties the shared bucket while the first page is being consumed.
      if (ids.length === 1) drain();
    }
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect(total).toBeGreaterThan(150);
    // The empty bucket at the start and the one drained mid-read; none from the reader's own pace.
    expect((await throttled()) - before).toBe(2);
  });

  it("waits out a THROTTLED page of orders and delivers each order once", async () => {
    const placed: number[] = [];
    for (let i = 0; i < 5; i++) placed.push((await control<{ order: { id: number } }>(sim, `shops/${SHOP}/orders`, { lines: [{ sku: "TOTE-NAT", quantity: 1 }] })).order.id);
    const before = await throttled();
    drain();
    const { admin } = await app.unauthenticated.admin(SHOP);
    const ids: string[] = [];
    // Asking for up to 50 lines per order makes a page of 3 cost 161 points: too much to refill unseen.
    for await (const o of pageOrders(admin, { pageSize: 3, fields: "lineItems(first: 50) { nodes { sku } }" })) ids.push(o.id);
    expect(ids.sort()).toEqual(placed.map(String).sort());
    expect((await throttled()) - before).toBe(1);
  });

  it("gives up with a retryable error when the bucket never refills enough", async () => {
    drain();
    const { admin } = await app.unauthenticated.admin(SHOP);
    const read = async () => {
      // Drained again before every retry: the reader waits, is throttled again, and stops.
      for await (const _ of pageVariants(admin, { pageSize: 50, maxThrottleWaits: 2, signal: AbortSignal.timeout(10_000) })) return;
    };
    const drainer = setInterval(() => drain(), 20);
    try {
      const error = await read().then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(AdminReadError);
      expect(error).toMatchObject({ kind: "throttled", retryable: true });
    } finally {
      clearInterval(drainer);
    }
  });
});
