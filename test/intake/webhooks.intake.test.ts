import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProvider, type TestDatabase } from "../support/db";
import { startApp, testAppEnv, TEST_SECRET, type RunningApp } from "../support/app";
import { postWebhook } from "../support/webhooks";
import { db, disconnectDb } from "~/db.server";
import { recordInstall } from "~/shops/shops.server";
import { newestDelivery } from "~/intake/deliveries.server";
import { connectShopToSimulator, orderBody } from "../support/netsuite";
import { startNetSuiteSimulator, type NetSuiteSimulator } from "../simulators/netsuite/server";
import { waitFor } from "../support/wait";

let tdb: TestDatabase;
let app: RunningApp;
let sim: NetSuiteSimulator;
const SHOP = "intake-shop.myshopify.com";

beforeAll(async () => {
  tdb = await createTestDatabase("intake");
  await recordInstall(db(), SHOP, { name: "Intake" });
  sim = await startNetSuiteSimulator({ port: 0 });
  await connectShopToSimulator(db(), SHOP, sim, { skus: ["TSHIRT-BLK-M"] });
  app = await startApp(testAppEnv(tdb.url));
});
afterAll(async () => {
  await app?.stop();
  await sim?.stop();
  await disconnectDb();
  await tdb?.drop();
});

function order(id: number, updatedAt: string, extra: Record<string, unknown> = {}) {
  return JSON.stringify({ ...orderBody({ id, updatedAt, lines: [{ sku: "TSHIRT-BLK-M", price: "28.00", quantity: 1 }] }), ...extra });
}

async function ledger(orderId: string) {
  return db().ledgerEvent.findMany({ where: { shopDomain: SHOP, objectType: "order", objectId: orderId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
}

describe(`webhook intake over HTTP (${testProvider})`, () => {
  it("stores a valid delivery with its job, answers 200, and the job runs", async () => {
    const res = await postWebhook(app.url, { topic: "orders/create", shop: SHOP, body: order(1001, "2026-12-01T10:00:00Z"), secret: TEST_SECRET, eventId: "ev-1001" });
    expect(res.status).toBe(200);
    const d = await db().webhookDelivery.findMany({ where: { shopDomain: SHOP, objectId: "1001" } });
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ topic: "orders/create", eventId: "ev-1001", status: "accepted", objectType: "order", apiVersion: "2026-10" });
    const events = await waitFor(() => ledger("1001"), (es) => es.some((e) => e.event === "attempted"));
    expect(events.map((e) => e.event).slice(0, 3)).toEqual(["received", "queued", "attempted"]);
  });

  it("answers 401 to a bad signature and stores nothing", async () => {
    const res = await postWebhook(app.url, { topic: "orders/create", shop: SHOP, body: order(1002, "2026-12-01T10:00:00Z"), secret: "not-the-secret" });
    expect(res.status).toBe(401);
    expect(await db().webhookDelivery.count({ where: { objectId: "1002" } })).toBe(0);
  });

  it("stores a signed body that is not JSON as rejected, raises an exception, answers 200", async () => {
    const res = await postWebhook(app.url, { topic: "orders/create", shop: SHOP, body: "{not json", secret: TEST_SECRET, eventId: "ev-notjson" });
    expect(res.status).toBe(200);
    const d = await db().webhookDelivery.findFirstOrThrow({ where: { shopDomain: SHOP, eventId: "ev-notjson" } });
    expect(d.status).toBe("rejected");
    expect(d.rejectReason).toMatch(/not JSON/);
    expect(d.payload).toBe("{not json");
    const ex = await db().syncException.findFirstOrThrow({ where: { shopDomain: SHOP, jobKey: `delivery:${d.id}` } });
    expect(ex).toMatchObject({ causeCode: "malformed_webhook", status: "open", ownerRole: "ops" });
  });

  it("stores a body that fails the topic's schema as rejected, naming the field", async () => {
    const res = await postWebhook(app.url, { topic: "orders/updated", shop: SHOP, body: JSON.stringify({ id: 1003, line_items: [] }), secret: TEST_SECRET, eventId: "ev-schema" });
    expect(res.status).toBe(200);
    const d = await db().webhookDelivery.findFirstOrThrow({ where: { shopDomain: SHOP, eventId: "ev-schema" } });
    expect(d.status).toBe("rejected");
    expect(d.rejectReason).toMatch(/updated_at/);
    expect(await db().syncException.count({ where: { shopDomain: SHOP, causeCode: "malformed_webhook", message: { contains: "updated_at" } } })).toBe(1);
  });

  it("refuses a shop that never installed, storing nothing", async () => {
    const res = await postWebhook(app.url, { topic: "orders/create", shop: "stranger.myshopify.com", body: order(1004, "2026-12-01T10:00:00Z"), secret: TEST_SECRET });
    expect(res.status).toBe(403);
    expect(await db().webhookDelivery.count({ where: { shopDomain: "stranger.myshopify.com" } })).toBe(0);
  });

  it("keeps one delivery and one job for the same event delivered twice", async () => {
    const body = order(1005, "2026-12-01T10:00:00Z");
    const a = await postWebhook(app.url, { topic: "orders/create", shop: SHOP, body, secret: TEST_SECRET, eventId: "ev-1005", webhookId: "wh-a" });
    const b = await postWebhook(app.url, { topic: "orders/create", shop: SHOP, body, secret: TEST_SECRET, eventId: "ev-1005", webhookId: "wh-b" });
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await db().webhookDelivery.count({ where: { shopDomain: SHOP, objectId: "1005" } })).toBe(1);
    const events = await waitFor(() => ledger("1005"), (es) => es.some((e) => e.event === "skipped_duplicate"));
    expect(events.filter((e) => e.event === "queued")).toHaveLength(1);
  });

  it("stores webhooks arriving together (one group commit), each once, repeats within the group included", async () => {
    // 30 orders, each sent twice at the same moment (the same event id), plus one already stored.
    const ids = Array.from({ length: 30 }, (_, i) => 4000 + i);
    const send = (id: number) => postWebhook(app.url, { topic: "orders/create", shop: SHOP, body: order(id, "2026-12-01T10:00:00Z"), secret: TEST_SECRET, eventId: `ev-burst-${id}` });
    expect((await send(4000)).status).toBe(200);
    const answers = await Promise.all(ids.flatMap((id) => [send(id), send(id)]));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    const stored = await db().webhookDelivery.groupBy({ by: ["objectId"], where: { shopDomain: SHOP, objectId: { in: ids.map(String) } }, _count: { _all: true } });
    expect(stored).toHaveLength(30);
    expect(stored.every((g) => g._count._all === 1)).toBe(true);
    // One job queued per order; every repeat is on its timeline as a skipped duplicate.
    const events = await db().ledgerEvent.findMany({ where: { shopDomain: SHOP, objectType: "order", objectId: { in: ids.map(String) }, event: { in: ["queued", "skipped_duplicate"] } } });
    expect(events.filter((e) => e.event === "queued")).toHaveLength(30);
    expect(events.filter((e) => e.event === "skipped_duplicate")).toHaveLength(31);
    const summaries = await waitFor(
      () => db().orderSummary.findMany({ where: { shopDomain: SHOP, orderId: { in: ids.map(String) } } }),
      (rows) => rows.length === 30 && rows.every((r) => r.state === "synced"),
      60_000,
    );
    expect(summaries).toHaveLength(30);
  });

  it("lets the newest state win when deliveries arrive out of order", async () => {
    await postWebhook(app.url, { topic: "orders/updated", shop: SHOP, body: order(1006, "2026-12-01T12:00:00Z", { note: "newest" }), secret: TEST_SECRET });
    await postWebhook(app.url, { topic: "orders/create", shop: SHOP, body: order(1006, "2026-12-01T10:00:00Z", { note: "oldest" }), secret: TEST_SECRET });
    await postWebhook(app.url, { topic: "orders/updated", shop: SHOP, body: order(1006, "2026-12-01T11:00:00Z", { note: "middle" }), secret: TEST_SECRET });
    const newest = await newestDelivery(db(), SHOP, "order", "1006");
    expect(JSON.parse(newest!.payload).note).toBe("newest");
    // Every job for the order, whichever delivery queued it, works on the newest state: the
    // first writes it, the others find NetSuite already there.
    const events = await waitFor(() => ledger("1006"), (es) => es.filter((e) => e.event === "written" || e.event === "skipped_stale").length === 3);
    expect(events.filter((e) => e.event === "written")).toHaveLength(1);
    for (const e of events.filter((x) => x.event === "attempted" || x.event === "skipped_stale")) expect(JSON.parse(e.detail!).deliveryId).toBe(newest!.id);
  });

  it("accepts compliance topics after uninstall and redacts the customer's data", async () => {
    const shop = "leaving.myshopify.com";
    await recordInstall(db(), shop);
    const body = order(2001, "2026-12-01T10:00:00Z", { email: "ada@example.com", customer: { id: 77, email: "ada@example.com", first_name: "Ada" }, shipping_address: { address1: "1 Main St", zip: "12345" } });
    expect((await postWebhook(app.url, { topic: "orders/create", shop, body, secret: TEST_SECRET })).status).toBe(200);
    await db().session.create({ data: { id: `offline_${shop}`, shop, state: "", accessToken: "shpat_dead" } });
    expect((await postWebhook(app.url, { topic: "app/uninstalled", shop, body: JSON.stringify({ id: 1, domain: shop }), secret: TEST_SECRET })).status).toBe(200);
    expect(await db().session.count({ where: { shop } })).toBe(0);
    expect((await db().shop.findUniqueOrThrow({ where: { domain: shop } })).status).toBe("uninstalled");
    expect((await postWebhook(app.url, { topic: "orders/create", shop, body: order(2002, "2026-12-01T10:00:00Z"), secret: TEST_SECRET })).status).toBe(403);
    await db().netSuiteCall.create({ data: { shopDomain: shop, accountId: "TSTDRV1234567", method: "PUT", path: "/services/rest/record/v1/customer/eid:x", status: 204, durationMs: 5, requestBody: JSON.stringify({ email: "ada@example.com" }), objectType: "order", objectId: "2001" } });
    const redact = JSON.stringify({ shop_id: 1, shop_domain: shop, customer: { id: 77, email: "ada@example.com" }, orders_to_redact: [2001] });
    expect((await postWebhook(app.url, { topic: "customers/redact", shop, body: redact, secret: TEST_SECRET })).status).toBe(200);
    const d = await waitFor(
      () => db().webhookDelivery.findFirstOrThrow({ where: { shopDomain: shop, objectId: "2001" } }),
      (x) => !x.payload.includes("ada@example.com"),
    );
    expect(d.payload).not.toContain("1 Main St");
    expect(JSON.parse(d.payload).id).toBe(2001);
    const call = await waitFor(() => db().netSuiteCall.findFirstOrThrow({ where: { shopDomain: shop, objectId: "2001" } }), (c) => c.requestBody === null);
    expect(call.path).toContain("customer");
  });

  it("keeps a refund without holding back the order's later changes", async () => {
    await postWebhook(app.url, { topic: "orders/create", shop: SHOP, body: order(3001, "2026-12-01T10:00:00Z"), secret: TEST_SECRET });
    const refund = JSON.stringify({ id: 901, order_id: 3001, created_at: "2026-12-01T11:00:00Z", refund_line_items: [] });
    expect((await postWebhook(app.url, { topic: "refunds/create", shop: SHOP, body: refund, secret: TEST_SECRET })).status).toBe(200);
    await postWebhook(app.url, { topic: "orders/updated", shop: SHOP, body: order(3001, "2026-12-01T12:00:00Z"), secret: TEST_SECRET });
    const events = await waitFor(() => ledger("3001"), (es) => es.filter((e) => e.event === "attempted").length === 2 && es.some((e) => e.event === "not_written"));
    expect(events.some((e) => e.event === "parked")).toBe(false);
    expect(await db().syncException.count({ where: { shopDomain: SHOP, objectId: "3001" } })).toBe(0);
  });
});
