/**
 * Orders → NetSuite end to end: signed webhooks into the running app, records read back from
 * the NetSuite simulator, whose totals are its own (NetSuite computes them from the lines).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProvider, type TestDatabase } from "../support/db";
import { startApp, testAppEnv, TEST_SECRET, type RunningApp } from "../support/app";
import { postWebhook } from "../support/webhooks";
import { adminClient, sessionToken, storeOfflineSession } from "../support/admin";
import { connectShopToSimulator, orderBody, simClient, simConfig, simRecords } from "../support/netsuite";
import { startNetSuiteSimulator, type NetSuiteSimulator } from "../simulators/netsuite/server";
import { db, disconnectDb } from "~/db.server";
import { recordInstall } from "~/shops/shops.server";
import { waitFor as waitUntil } from "../support/wait";

let tdb: TestDatabase;
let app: RunningApp;
let sim: NetSuiteSimulator;
const SHOP = "orders-shop.myshopify.com";

const waitFor = <T,>(read: () => Promise<T>, done: (v: T) => boolean) => waitUntil(read, done, 30_000, 100);

const summary = (orderId: number) => db().orderSummary.findUnique({ where: { shopDomain_orderId: { shopDomain: SHOP, orderId: String(orderId) } } });
const send = (topic: string, body: unknown, eventId?: string) => postWebhook(app.url, { topic, shop: SHOP, body: JSON.stringify(body), secret: TEST_SECRET, eventId });
const salesOrderFor = async (orderId: number) => (await simRecords(sim, "salesOrder")).filter((r) => r.externalId === `shopify:${SHOP}:order:${orderId}`);

beforeAll(async () => {
  tdb = await createTestDatabase("orders_sync");
  sim = await startNetSuiteSimulator({ port: 0 });
  await recordInstall(db(), SHOP);
  await storeOfflineSession(db(), SHOP);
  await connectShopToSimulator(db(), SHOP, sim);
  await db().skuMapping.deleteMany({ where: { shopDomain: SHOP, sku: "POSTER-LTD-01" } });
  app = await startApp(testAppEnv(tdb.url, { NETSUITE_RETRY_BASE_MS: "5" }));
});
afterAll(async () => {
  await app?.stop();
  await sim?.stop();
  await disconnectDb();
  await tdb?.drop();
});

describe(`orders reach NetSuite (${testProvider})`, () => {
  it("writes the customer and a Sales Order whose NetSuite-computed total equals Shopify's, with no balancing line", async () => {
    const body = orderBody({
      id: 5_900_000_000_101,
      customerId: 7_200_000_000_001,
      updatedAt: "2026-12-01T10:00:00Z",
      lines: [
        { sku: "TSHIRT-BLK-M", price: "28.00", quantity: 2, tax: "4.16", discount: "5.60" },
        { sku: "MUG-12OZ", price: "18.50", quantity: 1, tax: "1.53" },
      ],
      shipping: { price: "7.50", tax: "0.62" },
    });
    expect((await send("orders/create", body)).status).toBe(200);
    const s = await waitFor(() => summary(body.id), (x) => x?.state === "synced");
    const [so] = await salesOrderFor(body.id);
    expect(so).toBeDefined();
    expect(String(so!.id)).toBe(s!.salesOrderId);
    expect((so!.total as number).toFixed(2)).toBe(body.current_total_price);
    expect((so!.taxTotal as number).toFixed(2)).toBe(body.current_total_tax_set.shop_money.amount);
    const lines = (so!.item as { items: { amount: number; tax1Amt?: number }[] }).items;
    expect(lines.map((l) => [l.amount, l.tax1Amt ?? null])).toEqual([
      [56, 4.16],
      [-5.6, 0],
      [18.5, 1.53],
    ]);
    const customers = (await simRecords(sim, "customer")).filter((c) => c.externalId === `shopify:${SHOP}:customer:7200000000001`);
    expect(customers).toHaveLength(1);
    expect((so!.entity as { id: string }).id).toBe(customers[0]!.id);
    expect(so).toMatchObject({ otherRefNum: `#${body.id}`, status: { id: "B" } });
    const calls = await db().netSuiteCall.findMany({ where: { shopDomain: SHOP, objectId: String(body.id) } });
    // What the Shopify order page's block shows, asked as the extension asks (with CORS).
    const state = await fetch(`${app.url}/api/orders/${body.id}`, {
      headers: { Authorization: `Bearer ${sessionToken(SHOP)}`, Origin: "https://extensions.shopifycdn.com", "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36" },
    });
    expect(state.status).toBe(200);
    expect(state.headers.get("access-control-allow-origin")).toBeTruthy();
    expect(await state.json()).toMatchObject({ state: "synced", label: "In NetSuite", salesOrderId: s!.salesOrderId, exceptions: [] });
    const unknown = await adminClient(app.url, SHOP).get("/api/orders/1");
    expect(unknown.status).toBe(404);
    // A new buyer: NetSuite is asked once whether it already has the email, then the writes.
    expect(calls.map((c) => `${c.method} ${c.status}`)).toEqual(["POST 200", "PUT 204", "PUT 204"]);
  });

  it("puts a buyer NetSuite already has (same email, entered elsewhere) on that customer, and asks only once", async () => {
    const existing = await simClient(sim).create("customer", { isPerson: true, firstName: "Grace", lastName: "Hopper", email: "Grace.Hopper@example.com", subsidiary: { id: "1" } });
    const first = orderBody({ id: 5_900_000_000_111, customerId: 7_200_000_000_011, email: "grace.hopper@example.com", updatedAt: "2026-12-01T10:00:00Z", lines: [{ sku: "MUG-12OZ", price: "18.50", quantity: 1 }] });
    const second = orderBody({ id: 5_900_000_000_112, customerId: 7_200_000_000_011, email: "grace.hopper@example.com", updatedAt: "2026-12-01T11:00:00Z", lines: [{ sku: "TOTE-NAT", price: "24.00", quantity: 1 }] });
    await send("orders/create", first);
    await waitFor(() => summary(first.id), (x) => x?.state === "synced");
    await send("orders/create", second);
    await waitFor(() => summary(second.id), (x) => x?.state === "synced");
    for (const o of [first, second]) {
      const [so] = await salesOrderFor(o.id);
      expect((so!.entity as { id: string }).id).toBe(existing);
    }
    expect((await simRecords(sim, "customer")).filter((c) => c.externalId === `shopify:${SHOP}:customer:7200000000011`)).toHaveLength(0);
    const calls = await db().netSuiteCall.findMany({ where: { shopDomain: SHOP, objectId: String(second.id) } });
    expect(calls.map((c) => `${c.method} ${c.status}`)).toEqual(["PUT 204"]);
  });

  it("keeps one customer and one Sales Order through duplicate and out-of-order deliveries, matching the newest order", async () => {
    const id = 5_900_000_000_102;
    const v1 = orderBody({ id, customerId: 7_200_000_000_002, updatedAt: "2026-12-01T10:00:00Z", lines: [{ sku: "HOODIE-NVY-L", price: "74.00", quantity: 1 }] });
    const v2 = orderBody({ id, customerId: 7_200_000_000_002, updatedAt: "2026-12-01T11:00:00Z", lines: [{ sku: "HOODIE-NVY-L", price: "74.00", quantity: 2 }] });
    const v3 = orderBody({ id, customerId: 7_200_000_000_002, updatedAt: "2026-12-01T12:00:00Z", lines: [{ sku: "HOODIE-NVY-L", price: "74.00", quantity: 2 }, { sku: "BEANIE-GRY", price: "32.00", quantity: 1 }] });
    await send("orders/updated", v3, "e-v3");
    await send("orders/create", v1, "e-v1");
    await send("orders/updated", v2, "e-v2");
    await send("orders/updated", v3, "e-v3");
    await send("orders/create", v1, "e-v1");
    await waitFor(() => summary(id), (x) => x?.state === "synced");
    await waitFor(() => db().ledgerEvent.count({ where: { shopDomain: SHOP, objectId: String(id), event: { in: ["written", "skipped_stale"] } } }), (n) => n === 3);
    const sos = await salesOrderFor(id);
    expect(sos).toHaveLength(1);
    expect((sos[0]!.item as { items: unknown[] }).items).toHaveLength(2);
    expect((sos[0]!.total as number).toFixed(2)).toBe(v3.current_total_price);
    expect((await simRecords(sim, "customer")).filter((c) => c.externalId === `shopify:${SHOP}:customer:7200000000002`)).toHaveLength(1);
    expect(await db().webhookDelivery.count({ where: { shopDomain: SHOP, objectId: String(id) } })).toBe(3);
  });

  it("stops an order with an unmapped SKU as one exception naming it, and syncs it when the SKU is mapped through its route", async () => {
    const id = 5_900_000_000_103;
    const body = orderBody({ id, updatedAt: "2026-12-01T10:00:00Z", lines: [{ sku: "TOTE-NAT", price: "24.00", quantity: 1 }, { sku: "POSTER-LTD-01", price: "45.00", quantity: 1 }] });
    await send("orders/create", body);
    const ex = await waitFor(() => db().syncException.findFirst({ where: { shopDomain: SHOP, objectId: String(id) } }), (e) => e !== null);
    expect(ex).toMatchObject({ causeCode: "unmapped_sku", status: "open", ownerRole: "ops" });
    expect(ex!.message).toContain("POSTER-LTD-01");
    expect(JSON.parse(ex!.detail!)).toMatchObject({ skus: ["POSTER-LTD-01"] });
    expect(await salesOrderFor(id)).toHaveLength(0);
    expect((await summary(id))?.state).toBe("exception");

    const res = await adminClient(app.url, SHOP).send("PUT", "/api/mappings/skus", { sku: "POSTER-LTD-01", netsuiteItemId: "1000" });
    expect(res.status).toBe(200);
    await waitFor(() => summary(id), (x) => x?.state === "synced");
    expect(await salesOrderFor(id)).toHaveLength(1);
    expect(await db().syncException.count({ where: { shopDomain: SHOP, objectId: String(id), status: "open" } })).toBe(0);
  });

  it("closes an unfulfilled Sales Order on cancellation, and raises an exception for one the warehouse shipped", async () => {
    const a = orderBody({ id: 5_900_000_000_104, updatedAt: "2026-12-01T10:00:00Z", lines: [{ sku: "CREW-WHT-S", price: "119.00", quantity: 1 }] });
    const b = orderBody({ id: 5_900_000_000_105, updatedAt: "2026-12-01T10:00:00Z", lines: [{ sku: "CREW-WHT-M", price: "119.00", quantity: 1 }] });
    await send("orders/create", a);
    await send("orders/create", b);
    const sb = await waitFor(() => summary(b.id), (x) => x?.state === "synced");
    await waitFor(() => summary(a.id), (x) => x?.state === "synced");
    const ship = await fetch(`${sim.url}/__sim/accounts/TSTDRV1234567/salesOrders/${sb!.salesOrderId}/ship`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    expect(ship.status).toBe(201);
    await send("orders/cancelled", { ...a, updated_at: "2026-12-01T12:00:00Z", cancelled_at: "2026-12-01T12:00:00Z" });
    await send("orders/cancelled", { ...b, updated_at: "2026-12-01T12:00:00Z", cancelled_at: "2026-12-01T12:00:00Z" });
    await waitFor(() => summary(a.id), (x) => x?.state === "cancelled");
    const [soA] = await salesOrderFor(a.id);
    expect(soA!.status).toMatchObject({ id: "H", refName: "Closed" });
    const ex = await waitFor(() => db().syncException.findFirst({ where: { shopDomain: SHOP, objectId: String(b.id) } }), (e) => e !== null);
    expect(ex).toMatchObject({ causeCode: "order_locked", ownerRole: "cx" });
    const [soB] = await salesOrderFor(b.id);
    expect((soB!.status as { id: string }).id).not.toBe("H");
  });

  it("matches Shopify's total for a tax-inclusive order", async () => {
    const body = orderBody({ id: 5_900_000_000_106, taxesIncluded: true, updatedAt: "2026-12-01T10:00:00Z", lines: [{ sku: "TSHIRT-WHT-L", price: "30.00", quantity: 3, tax: "14.00", discount: "6.00" }], shipping: { price: "6.00", tax: "1.00" } });
    await send("orders/create", body);
    await waitFor(() => summary(body.id), (x) => x?.state === "synced");
    const [so] = await salesOrderFor(body.id);
    expect((so!.total as number).toFixed(2)).toBe(body.current_total_price);
    expect((so!.taxTotal as number).toFixed(2)).toBe("15.00");
  });

  it("rides out NetSuite throttling and a dropped answer with no exception and one Sales Order", async () => {
    await simConfig(sim, { failNext: [{ kind: "429" }, { kind: "503" }, { kind: "drop", phase: "after" }] });
    const body = orderBody({ id: 5_900_000_000_107, customerId: 7_200_000_000_007, updatedAt: "2026-12-01T10:00:00Z", lines: [{ sku: "BEANIE-OLV", price: "32.00", quantity: 2 }] });
    await send("orders/create", body);
    await waitFor(() => summary(body.id), (x) => x?.state === "synced");
    expect(await salesOrderFor(body.id)).toHaveLength(1);
    expect(await db().syncException.count({ where: { shopDomain: SHOP, objectId: String(body.id) } })).toBe(0);
    const codes = (await db().netSuiteCall.findMany({ where: { shopDomain: SHOP, objectId: String(body.id) }, orderBy: { at: "asc" } })).map((c) => c.errorCode);
    expect(codes).toEqual(expect.arrayContaining(["CONCURRENCY_LIMIT_EXCEEDED", "UNEXPECTED_ERROR", "NETWORK"]));
  });
});
