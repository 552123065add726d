/**
 * The plans, sent as they are through the NetSuite client to the NetSuite simulator over HTTP:
 * NetSuite accepts every request in order (references by external id resolve), and the total it
 * computes for each Sales Order is Shopify's current_total_price. Sending a plan twice leaves one
 * of each record (upserts by external id).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryGovernor } from "~/governor/memory";
import { toMinor } from "~/money";
import { NetSuiteClient } from "~/netsuite";
import { mapOrder } from "~/sync/orders/map";
import { NetSuiteSimAdmin } from "../../simulators/netsuite/admin-client";
import { demoAccount, startNetSuiteSimulator, type NetSuiteSimulator } from "../../simulators/netsuite/server";
import { fixtureNames, mappings, NOW, planOf, rawFixture, SHOP, webhookOrder } from "./fixtures";

let sim: NetSuiteSimulator;
let client: NetSuiteClient;
let admin: NetSuiteSimAdmin;
let b2bCustomer: string;

beforeAll(async () => {
  sim = await startNetSuiteSimulator({ port: 0 });
  const account = demoAccount();
  admin = new NetSuiteSimAdmin(sim.url, account.accountId);
  client = new NetSuiteClient({ accountId: account.accountId, credentials: { kind: "tba", ...account.tba! }, baseUrl: sim.url, governor: new MemoryGovernor(), readGovernanceLimits: false });
  // The B2B company's customer is set up in NetSuite by finance, not by the connector.
  b2bCustomer = await client.upsert("customer", "finance:northwind", { externalId: "finance:northwind", isPerson: false, companyName: "Northwind Outfitters LLC", subsidiary: { id: "1" } });
});
afterAll(async () => {
  await sim?.stop();
});

async function send(name: string, bundles: "kit" | "components"): Promise<Record<string, string>> {
  const m = mappings({ bundles, customers: { companies: { "4410000001": b2bCustomer } } });
  const r = planOf(mapOrder(webhookOrder(name), m, { shop: SHOP, now: NOW }));
  const ids: Record<string, string> = {};
  for (const req of r.plan) ids[req.recordType] = await client.upsert(req.recordType, req.externalId, req.body, { replace: req.replace });
  return ids;
}

describe("plans accepted by the NetSuite simulator", () => {
  for (const name of fixtureNames().filter((n) => n !== "unmapped-sku")) {
    for (const bundles of ["kit", "components"] as const) {
      it(`${name} (bundles as ${bundles}): NetSuite's total is Shopify's`, async () => {
        const ids = await send(name, bundles);
        const so = await admin.record<{ total: number; currency: { id: string } }>("salesOrder", ids.salesOrder!);
        const body = rawFixture(name);
        const cur = body.presentment_currency as string;
        expect(toMinor(String(so.total), cur)).toBe(toMinor(body.current_total_price_set.presentment_money.amount, cur));
      });
    }
  }

  it("a plan sent twice leaves one customer, one Sales Order and one deposit", async () => {
    const first = await send("gift-card-redemption", "kit");
    const second = await send("gift-card-redemption", "kit");
    expect(second).toEqual(first);
    const deposits = (await admin.records<{ externalId?: string; payment: number }>("customerDeposit")).filter((d) => d.externalId === `shopify:${SHOP}:deposit:7000000000171`);
    expect(deposits.map((d) => d.payment)).toEqual([25]);
  });
});
