/**
 * The reconciliation sweep through the running app: orders placed in the Shopify simulator,
 * most of them delivered as webhooks and synced, one whose webhook never left Shopify and one
 * changed in Shopify after its sync with the webhook lost. "Check Shopify now" (POST /api/sweep)
 * pages Shopify's orders (several pages), enqueues exactly the missing and the changed, and
 * NetSuite ends equal to Shopify; a second run enqueues nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SHOP, startShopifySimulator, type ShopifySimulator } from "../simulators/shopify/server";
import type { Delivery } from "../simulators/shopify/webhooks";
import { startNetSuiteSimulator, type NetSuiteSimulator } from "../simulators/netsuite/server";
import { startApp, testAppEnv, TEST_API_KEY, TEST_SECRET, type RunningApp } from "../support/app";
import { adminClient, storeOfflineSession } from "../support/admin";
import { createTestDatabase, testProvider, type TestDatabase } from "../support/db";
import { connectShopToSimulator, simRecords } from "../support/netsuite";
import { waitFor } from "../support/wait";
import { control } from "../shopify-sim/helpers";
import { db, disconnectDb } from "~/db.server";
import { recordInstall } from "~/shops/shops.server";
import type { SweepRun } from "~/sync/sweep/orders-sweep.server";

const SHOP = DEFAULT_SHOP;
let tdb: TestDatabase;
let shopify: ShopifySimulator;
let netsuite: NetSuiteSimulator;
let app: RunningApp;

interface Placed {
  order: { id: number; name: string; current_total_price: string; updated_at: string };
  events: { seq: number; topic: string }[];
}

const place = (n: number) =>
  control<Placed>(shopify, `shops/${SHOP}/orders`, {
    customer: 1,
    lines: [{ sku: n % 2 ? "MUG-12OZ" : "TOTE-NAT", quantity: 1 + (n % 3) }],
    shipping: { title: "Standard", price: "7.50", taxable: true },
    taxRate: "0.0825",
    taxTitle: "NV State Tax",
  });
const deliver = async (p: Placed) => {
  const ds = await control<Delivery[]>(shopify, `shops/${SHOP}/events/deliver?after=${p.events[0]!.seq - 1}`, { appUrl: app.url });
  for (const d of ds) expect(d.ok, JSON.stringify(d.attempts)).toBe(true);
};
const summary = (id: number) => db().orderSummary.findUnique({ where: { shopDomain_orderId: { shopDomain: SHOP, orderId: String(id) } } });
const salesOrders = async (id: number) => (await simRecords(netsuite, "salesOrder")).filter((r) => r.externalId === `shopify:${SHOP}:order:${id}`);

async function sweepNow(): Promise<SweepRun> {
  const api = adminClient(app.url, SHOP);
  const before = (await (await api.get("/api/sweep")).json()) as { last: SweepRun | null };
  const res = await api.send("POST", "/api/sweep");
  expect(res.status).toBe(202);
  const after = await waitFor(
    async () => ((await (await api.get("/api/sweep")).json()) as { last: SweepRun | null }).last,
    (last) => last !== null && last.finishedAt !== before.last?.finishedAt,
    60_000,
    200,
  );
  return after!;
}

beforeAll(async () => {
  tdb = await createTestDatabase("orders_sweep");
  shopify = await startShopifySimulator({ apiKey: TEST_API_KEY, apiSecret: TEST_SECRET });
  netsuite = await startNetSuiteSimulator({ port: 0 });
  await recordInstall(db(), SHOP, { name: "Demo Outfitters", currency: "USD" });
  await storeOfflineSession(db(), SHOP, shopify.accessToken(SHOP));
  await connectShopToSimulator(db(), SHOP, netsuite);
  app = await startApp(testAppEnv(tdb.url, { SHOPIFY_SIMULATOR_URL: shopify.url, NODE_ENV: "test", SWEEP_PAGE_SIZE: "3", NETSUITE_RETRY_BASE_MS: "5" }));
});
afterAll(async () => {
  await app?.stop();
  await shopify?.stop();
  await netsuite?.stop();
  await disconnectDb();
  await tdb?.drop();
});

describe(`the reconciliation sweep (${testProvider})`, () => {
  it("enqueues exactly the order whose webhook never came and the order changed since its sync; a second run enqueues nothing", async () => {
    const delivered: Placed[] = [];
    let missed: Placed | null = null;
    for (let n = 0; n < 8; n++) {
      const p = await place(n);
      if (n === 4) missed = p; // Shopify never delivers this one's orders/create
      else {
        await deliver(p);
        delivered.push(p);
      }
    }
    for (const p of delivered) await waitFor(() => summary(p.order.id), (s) => s?.state === "synced", 60_000);
    expect(await summary(missed!.order.id)).toBeNull();

    // Changed in Shopify a minute later; its orders/updated is lost.
    await control(shopify, "clock", { advanceSeconds: 60 });
    const changed = delivered[2]!;
    const moved = await control<Placed>(shopify, `shops/${SHOP}/orders/${changed.order.id}/address`, { city: "Reno", address1: "1 Sweep Street" });
    expect(Date.parse(moved.order.updated_at)).toBeGreaterThan(Date.parse(changed.order.updated_at));

    const first = await sweepNow();
    expect(first.seen).toBeGreaterThanOrEqual(8); // three pages of three
    expect([...first.enqueued].sort()).toEqual([String(missed!.order.id), String(changed.order.id)].sort());

    // Both reach NetSuite as Shopify has them now.
    const s = await waitFor(() => summary(missed!.order.id), (x) => x?.state === "synced", 60_000);
    const [so] = await salesOrders(missed!.order.id);
    expect(String(so!.id)).toBe(s!.salesOrderId);
    expect((so!.total as number).toFixed(2)).toBe(missed!.order.current_total_price);
    await waitFor(() => summary(changed.order.id), (x) => x?.syncedUpdatedAt?.getTime() === Date.parse(moved.order.updated_at), 60_000);
    const updated = await salesOrders(changed.order.id);
    expect(updated).toHaveLength(1);
    expect(JSON.stringify(updated[0])).toContain("1 Sweep Street");
    for (const p of delivered) expect(await salesOrders(p.order.id)).toHaveLength(1);

    const timeline = await db().ledgerEvent.findMany({ where: { shopDomain: SHOP, objectId: String(missed!.order.id) }, orderBy: { at: "asc" } });
    expect(timeline.map((e) => e.event)).toContain("received");
    expect(timeline[0]!.detail ?? "").toContain("reconciliation sweep");

    const second = await sweepNow();
    expect(second.seen).toBeGreaterThanOrEqual(2);
    expect(second.enqueued).toEqual([]);
  });
});
