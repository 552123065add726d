/**
 * Every kind of order the mapping knows, through the running app: the order fixtures (gift card
 * sale and redemption, kit bundle, native bundle, B2B with payment terms, guest at a point of
 * sale, foreign currency, discounts, tax-inclusive) sent as signed orders/create webhooks, with
 * the shop's mappings imported through the mappings file route. For each order the Sales Order
 * NetSuite computed totals Shopify's current_total_price to the cent, and the requests the
 * simulator recorded are the requests the dry-run plan names (method, path and body), made from
 * the mappings exported back from the app.
 *
 * Shopify's Admin API is played by a tiny stand-in that answers the one order read the app makes
 * (an order paid with a gift card: webhooks carry no transactions), from the order's GraphQL twin.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, testAppEnv, TEST_SECRET, type RunningApp } from "../support/app";
import { adminClient, storeOfflineSession } from "../support/admin";
import { createTestDatabase, testProvider, type TestDatabase } from "../support/db";
import { connectShopToSimulator, simClient } from "../support/netsuite";
import { postWebhook } from "../support/webhooks";
import { waitFor } from "../support/wait";
import { startNetSuiteSimulator, type NetSuiteSimulator } from "../simulators/netsuite/server";
import { NetSuiteSimAdmin } from "../simulators/netsuite/admin-client";
import { demoAccount } from "../simulators/netsuite/server";
import { demoMappingsJson, fixtureNames, rawFixture, rawGraphqlFixture, SHOP, webhookOrder } from "./orders/fixtures";
import { db, disconnectDb } from "~/db.server";
import { recordInstall } from "~/shops/shops.server";
import { toMinor } from "~/money";
import { parseMappings } from "~/sync/orders/mappings";

let tdb: TestDatabase;
let netsuite: NetSuiteSimulator;
let nsAdmin: NetSuiteSimAdmin;
let app: RunningApp;
let shopify: http.Server;
const shopifyReads: string[] = [];

/** Answers AdminReadOrder for the fixtures that have a GraphQL twin. */
function startShopifyStandIn(): Promise<string> {
  shopify = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      const { variables } = JSON.parse(body) as { variables?: { id?: string } };
      const id = String(variables?.id ?? "").replace("gid://shopify/Order/", "");
      shopifyReads.push(id);
      const name = fixtureNames().find((n) => String(rawFixture(n).id) === id);
      const order = name ? rawGraphqlFixture(name) : null;
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ data: { order: order ? { ...order, lineItems: { ...order.lineItems, pageInfo: { hasNextPage: false, endCursor: null } } } : null } }));
    });
  });
  return new Promise((resolve) => shopify.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(shopify.address() as AddressInfo).port}`)));
}

const ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURES = path.join(ROOT, "test/fixtures/shopify/orders");
const exportedItems = () => demoMappingsJson().items as { giftCard: string };

/** The requests `npm run preview` printed: "N. METHOD PATH" then the body as JSON, blocks apart. */
function previewRequests(out: string): { method: string; path: string; body: unknown }[] {
  const lines = out.split("\n");
  const requests: { method: string; path: string; body: unknown }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^\d+\. (GET|PUT|POST|PATCH|DELETE) (\S+)$/.exec(lines[i]!);
    if (!m) continue;
    const json: string[] = [];
    for (i++; i < lines.length && lines[i] !== ""; i++) json.push(lines[i]!);
    requests.push({ method: m[1]!, path: m[2]!, body: JSON.parse(json.join("\n")) });
  }
  return requests;
}

const summary = (id: unknown) => db().orderSummary.findUnique({ where: { shopDomain_orderId: { shopDomain: SHOP, orderId: String(id) } } });

beforeAll(async () => {
  tdb = await createTestDatabase("orders_kinds");
  netsuite = await startNetSuiteSimulator({ port: 0 });
  nsAdmin = new NetSuiteSimAdmin(netsuite.url, demoAccount().accountId);
  const shopifyUrl = await startShopifyStandIn();
  await recordInstall(db(), SHOP);
  await storeOfflineSession(db(), SHOP);
  await connectShopToSimulator(db(), SHOP, netsuite, { skus: [] });
  app = await startApp(testAppEnv(tdb.url, { SHOPIFY_SIMULATOR_URL: shopifyUrl, NODE_ENV: "test", NETSUITE_RETRY_BASE_MS: "5" }));
});
afterAll(async () => {
  await app?.stop();
  await netsuite?.stop();
  await new Promise((r) => shopify?.close(r));
  await disconnectDb();
  await tdb?.drop();
});

describe(`every kind of order reaches NetSuite through the app (${testProvider})`, () => {
  it("imports the mappings file, refusing a bad one whole with each problem named", async () => {
    const api = adminClient(app.url, SHOP);
    const bad = { ...demoMappingsJson(), skus: { "MUG-12OZ": { item: "not-a-number" } }, bundles: "sometimes" };
    const refused = await api.send("PUT", "/api/mappings/file", bad);
    expect(refused.status).toBe(400);
    const report = (await refused.json()) as { ok: boolean; issues: string[] };
    expect(report.ok).toBe(false);
    expect(report.issues.some((i) => i.startsWith("skus.MUG-12OZ.item"))).toBe(true);
    expect(report.issues.some((i) => i.startsWith("bundles"))).toBe(true);
    expect(await db().skuMapping.count({ where: { shopDomain: SHOP } })).toBe(0);

    // The B2B company's customer is finance's, created in NetSuite before any order.
    const company = await simClient(netsuite).create("customer", { isPerson: false, companyName: "Northwind Outfitters LLC", subsidiary: { id: "1" } });
    const file: Record<string, any> = { ...demoMappingsJson(), customers: { ...demoMappingsJson().customers, companies: { "4410000001": company } } };
    const res = await api.send("PUT", "/api/mappings/file", file);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, skus: Object.keys(file.skus).length, locations: 3 });

    const exported = (await (await api.get("/api/mappings/file")).json()) as Record<string, unknown>;
    const again = parseMappings(exported);
    expect(again.ok).toBe(true);
    expect(exported).toMatchObject({ skus: file.skus, locations: file.locations, paymentTerms: file.paymentTerms, customers: { companies: { "4410000001": company } } });
  });

  const kinds = fixtureNames().filter((n) => n !== "unmapped-sku");
  for (const name of kinds) {
    it(`${name}: NetSuite's total is Shopify's and the requests are what npm run preview prints`, async () => {
      // Order webhooks carry no transactions (the fixtures add them for the pure tests).
      const { transactions: _attached, ...body } = rawFixture(name);
      await nsAdmin.clearRequests();
      const res = await postWebhook(app.url, { topic: "orders/create", shop: SHOP, body: JSON.stringify(body), secret: TEST_SECRET });
      expect(res.status).toBe(200);
      const s = await waitFor(() => summary(body.id), (x) => x?.state === "synced" || x?.state === "exception", 30_000);
      const ex = await db().syncException.findFirst({ where: { shopDomain: SHOP, objectId: String(body.id) } });
      expect(ex?.message ?? null).toBeNull();
      expect(s!.state).toBe("synced");

      const so = await nsAdmin.record<{ total: number }>("salesOrder", s!.salesOrderId!);
      const cur = body.presentment_currency as string;
      expect(toMinor(String(so.total), cur)).toBe(toMinor(body.current_total_price_set.presentment_money.amount, cur));

      // `npm run preview` on the same order, with the mappings the app exports, names exactly the
      // requests the simulator recorded. (The fixture file carries the transactions the app read
      // from Shopify for a gift card payment.)
      if (webhookOrder(name).paymentGateways.includes("gift_card")) expect(shopifyReads).toContain(String(body.id));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-"));
      const mappingsFile = path.join(dir, "mappings.json");
      fs.writeFileSync(mappingsFile, await (await adminClient(app.url, SHOP).get("/api/mappings/file")).text());
      const cli = spawnSync(process.execPath, ["--import", "tsx", "scripts/preview.ts", "orders/create", path.join(FIXTURES, `${name}.json`), "--mappings", mappingsFile, "--shop", SHOP], { cwd: ROOT, encoding: "utf8" });
      expect(cli.status, cli.stderr + cli.stdout).toBe(0);
      const writes = (await nsAdmin.requests()).filter((r) => r.method !== "GET" && !r.path.includes("/query/"));
      expect(writes.map((w) => ({ method: w.method, path: `${w.path}${w.query.replace ? `?replace=${w.query.replace}` : ""}`, body: w.body }))).toEqual(previewRequests(cli.stdout));

      // Gift cards: a sale goes to the liability item; a redemption is recorded as a payment.
      const items = (so as unknown as { item: { items: { item: { id: string } }[] } }).item.items.map((l) => l.item.id);
      if (name === "gift-card-sale") expect(items).toContain(exportedItems().giftCard);
      if (name === "gift-card-redemption") {
        const deposits = (await nsAdmin.records<{ externalId?: string; payment: number; salesOrder?: { id: string } }>("customerDeposit")).filter((d) => d.externalId?.startsWith(`shopify:${SHOP}:deposit:`));
        expect(deposits.map((d) => d.payment)).toEqual([25]);
      }
    });
  }
});
