/**
 * The app's Admin API reader, through the library's GraphQL client as the app configures it
 * (`unauthenticated.admin(shop)` from `~/shopify.server`, its runtime fetch sent to the
 * simulator), pages every variant and the orders changed since an instant.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SHOP, startShopifySimulator, type ShopifySimulator } from "../simulators/shopify/server";
import { TEST_API_KEY, TEST_SECRET } from "../support/app";
import { createTestDatabase, testProvider, type TestDatabase } from "../support/db";
import { control } from "./helpers";
import { loadAppShopify, storeOfflineSession } from "./app-shopify";
import { pageOrders, pageVariants } from "~/shopify/admin-read";
import { disconnectDb } from "~/db.server";

const SHOP = DEFAULT_SHOP;
let tdb: TestDatabase;
let sim: ShopifySimulator;
let app: Awaited<ReturnType<typeof loadAppShopify>>;

beforeAll(async () => {
  tdb = await createTestDatabase("admin_read_paging");
  // A bucket that refills at once: this file is about paging; throttling has its own.
  sim = await startShopifySimulator({ apiKey: TEST_API_KEY, apiSecret: TEST_SECRET, scale: 321, bucket: { capacity: 1000, restoreRate: 1_000_000_000 } });
  app = await loadAppShopify(sim);
  await storeOfflineSession(app, SHOP, sim.accessToken(SHOP));
});
afterAll(async () => {
  await sim?.stop();
  await disconnectDb();
  await tdb?.drop();
});

const stats = () => control<{ graphql: number; throttled: number }>(sim, "stats");

describe(`Admin API reads through unauthenticated.admin (${testProvider})`, () => {
  it("pages every variant once, in pages of the size asked, with the catalogue's fields", async () => {
    const { variants: total } = await control<{ variants: number }>(sim, `shops/${SHOP}`);
    const before = await stats();
    const { admin } = await app.unauthenticated.admin(SHOP);
    const seen = [];
    for await (const v of pageVariants(admin, { pageSize: 100 })) seen.push(v);

    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((v) => v.variantId)).size).toBe(total);
    expect((await stats()).graphql - before.graphql).toBe(Math.ceil(total / 100));
    expect(seen.find((v) => v.sku === "MUG-12OZ")).toMatchObject({
      title: "12 oz",
      productTitle: "Ceramic Mug",
      price: "18.50",
      giftCard: false,
      variantId: expect.stringMatching(/^\d+$/),
      productId: expect.stringMatching(/^\d+$/),
      inventoryItemId: expect.stringMatching(/^\d+$/),
    });
    expect(seen.filter((v) => v.giftCard).map((v) => v.sku).sort()).toEqual(["GIFTCARD-25", "GIFTCARD-50"]);
  });

  it("pages the orders changed since an instant, oldest change first, and all orders without one", async () => {
    const place = (sku: string) => control<{ order: { id: number; name: string } }>(sim, `shops/${SHOP}/orders`, { customer: 1, lines: [{ sku, quantity: 1 }] });
    const old = [await place("TOTE-NAT"), await place("TOTE-NAT"), await place("MUG-12OZ")];
    const { now } = await control<{ now: string }>(sim, "clock", { advanceSeconds: 60 });
    const since = new Date(Date.parse(now) - 30_000);
    const fresh = [];
    for (let i = 0; i < 3; i++) {
      await control(sim, "clock", { advanceSeconds: 1 });
      fresh.push(await place("BEANIE-GRY"));
    }
    await control(sim, "clock", { advanceSeconds: 1 });
    await control(sim, `shops/${SHOP}/orders/${old[0]!.order.id}/edit`, { add: [{ sku: "MUG-12OZ", quantity: 1 }] });

    const { admin } = await app.unauthenticated.admin(SHOP);
    const changed = [];
    for await (const o of pageOrders(admin, { updatedSince: since, pageSize: 2 })) changed.push(o);
    expect(changed.map((o) => o.name)).toEqual([...fresh.map((f) => f.order.name), old[0]!.order.name]);
    expect(changed.map((o) => o.id)).toEqual([...fresh.map((f) => String(f.order.id)), String(old[0]!.order.id)]);
    expect(changed.every((o) => o.updatedAt.getTime() >= since.getTime())).toBe(true);
    expect(changed[0]).toMatchObject({ gid: `gid://shopify/Order/${fresh[0]!.order.id}`, node: { name: fresh[0]!.order.name } });

    const all = [];
    for await (const o of pageOrders(admin, { pageSize: 4 })) all.push(o.id);
    expect(all.sort()).toEqual([...old, ...fresh].map((p) => String(p.order.id)).sort());
  });

  it("reads the extra order fields asked for into the node", async () => {
    const { admin } = await app.unauthenticated.admin(SHOP);
    const it = pageOrders(admin, { pageSize: 1, fields: "currentTotalPriceSet { shopMoney { amount currencyCode } }" });
    const first = (await it.next()).value;
    await it.return();
    expect(first?.node).toMatchObject({ currentTotalPriceSet: { shopMoney: { amount: expect.stringMatching(/^\d+\.\d{2}$/), currencyCode: "USD" } } });
  });
});
