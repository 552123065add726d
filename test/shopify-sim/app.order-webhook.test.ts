/**
 * An order placed in the simulator reaches the app as Shopify delivers it: the sender signs the
 * orders/create webhook with the app's secret and posts it to the app's route; the app (a child
 * process) verifies it, answers 200 and stores one delivery for that order, however many times
 * the event is delivered.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SHOP, startShopifySimulator, type ShopifySimulator } from "../simulators/shopify/server";
import type { Delivery } from "../simulators/shopify/webhooks";
import { startApp, testAppEnv, TEST_API_KEY, TEST_SECRET, type RunningApp } from "../support/app";
import { createTestDatabase, testProvider, type TestDatabase } from "../support/db";
import { control } from "./helpers";
import { db, disconnectDb } from "~/db.server";
import { recordInstall } from "~/shops/shops.server";

const SHOP = DEFAULT_SHOP;
let tdb: TestDatabase;
let sim: ShopifySimulator;
let app: RunningApp;

beforeAll(async () => {
  tdb = await createTestDatabase("app_order_webhook");
  sim = await startShopifySimulator({ apiKey: TEST_API_KEY, apiSecret: TEST_SECRET });
  app = await startApp(testAppEnv(tdb.url, { SHOPIFY_SIMULATOR_URL: sim.url, NODE_ENV: "test" }));
  await recordInstall(db(), SHOP, { name: "Demo Outfitters", currency: "USD" });
});
afterAll(async () => {
  await app?.stop();
  await sim?.stop();
  await disconnectDb();
  await tdb?.drop();
});

describe(`the simulator's signed webhooks at the app's route (${testProvider})`, () => {
  it("accepts orders/create for a new order, twice delivered, and stores it once", async () => {
    const placed = await control<{ order: { id: number; name: string }; events: { seq: number; eventId: string; topic: string }[] }>(sim, `shops/${SHOP}/orders`, {
      customer: 1,
      lines: [{ sku: "MUG-12OZ", quantity: 2 }, { sku: "TOTE-NAT", quantity: 1 }],
      shipping: { title: "Standard", price: "7.50", taxable: true },
      taxRate: "0.0825",
      taxTitle: "NV State Tax",
    });
    const [created] = placed.events;
    expect(created?.topic).toBe("orders/create");

    const deliveries = await control<Delivery[]>(sim, `shops/${SHOP}/events/deliver?after=${created!.seq - 1}`, { appUrl: app.url, repeat: 2 });
    expect(deliveries).toHaveLength(2);
    for (const d of deliveries) {
      expect(d.ok, JSON.stringify(d.attempts)).toBe(true);
      expect(d.attempts.map((a) => a.status)).toEqual([200]);
    }

    const rows = await db().webhookDelivery.findMany({ where: { shopDomain: SHOP, objectType: "order", objectId: String(placed.order.id) } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ topic: "orders/create", eventId: created!.eventId, status: "accepted" });
    expect(JSON.parse(rows[0]!.payload)).toMatchObject({ id: placed.order.id, name: placed.order.name });
  });

  it("answers 401 to the same webhook signed with another secret, and stores nothing", async () => {
    const placed = await control<{ order: { id: number }; events: { seq: number }[] }>(sim, `shops/${SHOP}/orders`, { lines: [{ sku: "TOTE-NAT", quantity: 1 }] });
    const deliveries = await control<Delivery[]>(sim, `shops/${SHOP}/events/deliver?after=${placed.events[0]!.seq - 1}`, { appUrl: app.url, secret: "someone-elses-secret", attempts: 1 });
    expect(deliveries.map((d) => d.attempts.map((a) => a.status))).toEqual([[401]]);
    expect(await db().webhookDelivery.count({ where: { shopDomain: SHOP, objectId: String(placed.order.id) } })).toBe(0);
  });
});
