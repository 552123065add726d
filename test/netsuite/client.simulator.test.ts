/**
 * The NetSuite client against the simulator over HTTP, with token-based authentication.
 * Shapes follow NetSuite's help: create answers 204 with Location (section 1545141395), upsert
 * is PUT …/eid: (156335203191), sublists merge unless ?replace (1545295601), error bodies carry
 * o:errorDetails with o:errorCode and o:errorPath (156570709583).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NetSuiteClient, NetSuiteError, type NetSuiteCall } from "~/netsuite";
import { MemoryGovernor } from "~/governor/memory";
import { demoAccount, startNetSuiteSimulator, type NetSuiteSimulator } from "../simulators/netsuite/server";
import { SEED } from "../simulators/netsuite/seed";

let sim: NetSuiteSimulator;
const account = demoAccount();
const calls: NetSuiteCall[] = [];

function client(over: Partial<ConstructorParameters<typeof NetSuiteClient>[0]> = {}) {
  return new NetSuiteClient({
    accountId: account.accountId,
    credentials: { kind: "tba", ...account.tba! },
    baseUrl: sim.url,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    recorder: (c) => void calls.push(c),
    ...over,
  });
}

async function admin(path: string, init?: RequestInit) {
  const res = await fetch(`${sim.url}/__sim/accounts/${account.accountId}${path}`, init);
  return res.json() as Promise<Record<string, unknown> & { items?: Record<string, unknown>[] }>;
}
const configure = (body: unknown) => admin("/config", { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

beforeAll(async () => {
  sim = await startNetSuiteSimulator({ port: 0 });
});
afterAll(async () => sim?.stop());
beforeEach(async () => {
  await fetch(`${sim.url}/__sim/reset`, { method: "POST" });
  calls.length = 0;
});

const itemId = async (sku: string) => ((await admin("/items/by-sku")) as Record<string, string>)[sku]!;

async function salesOrderBody(customerExternalId: string) {
  return {
    entity: { externalId: customerExternalId },
    subsidiary: { id: SEED.subsidiaries.us },
    currency: { id: SEED.currencies.USD },
    location: { id: SEED.locations.main },
    orderStatus: "B",
    tranDate: "2026-12-05",
    otherRefNum: "#1001",
    shippingCost: 7.5,
    shippingTax1Amt: 0.62,
    item: {
      items: [
        { item: { id: await itemId("TSHIRT-BLK-M") }, quantity: 2, rate: 28, tax1Amt: 4.21, custcol_shopify_line_id: "1" },
        { item: { id: await itemId("MUG-12OZ") }, quantity: 1, rate: 18.5, tax1Amt: 1.39, custcol_shopify_line_id: "2" },
        { item: { id: SEED.items.discount }, amount: -7.45, custcol_shopify_line_id: "discount:0" },
      ],
    },
  };
}

describe("NetSuite client against the simulator (token-based auth)", () => {
  it("upserts a customer and a Sales Order by external id: twice is one record, lines replaced not appended", async () => {
    const c = client();
    const customerId = await c.upsert("customer", "shopify:demo:customer:1", { isPerson: true, firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", subsidiary: { id: SEED.subsidiaries.us } });
    const body = await salesOrderBody("shopify:demo:customer:1");
    const first = await c.upsert("salesOrder", "shopify:demo:order:1001", body, { replace: ["item"] });
    const second = await c.upsert("salesOrder", "shopify:demo:order:1001", body, { replace: ["item"] });
    expect(second).toBe(first);
    const orders = (await admin("/records/salesOrder")).items!;
    expect(orders).toHaveLength(1);
    const so = await c.get<Record<string, unknown>>("salesOrder", first, { expandSubResources: true });
    expect((so.item as { items: unknown[] }).items).toHaveLength(3);
    expect(so.entity).toMatchObject({ id: customerId });
    // NetSuite's own totals: 2×28 + 18.50 − 7.45 + tax 4.21 + 1.39 + 0.62 + shipping 7.50.
    expect(so).toMatchObject({ subtotal: 74.5, discountTotal: -7.45, taxTotal: 6.22, shippingCost: 7.5, total: 80.77, status: { id: "B", refName: "Pending Fulfillment" } });
    // Without replace, NetSuite appends unkeyed lines: the reason every flow sends replace=item.
    await c.upsert("salesOrder", "shopify:demo:order:1001", body);
    const appended = await c.get<Record<string, unknown>>("salesOrder", first, { expandSubResources: true });
    expect((appended.item as { items: unknown[] }).items).toHaveLength(6);
  });

  it("answers create with 204 and the id in Location, and reads sublists as links unless expanded", async () => {
    const c = client();
    const id = await c.create("customer", { isPerson: true, lastName: "Hopper", subsidiary: { id: SEED.subsidiaries.us } });
    expect(id).toMatch(/^\d+$/);
    const soId = await c.upsert("salesOrder", "shopify:demo:order:2", await salesOrderBody("x").then((b) => ({ ...b, entity: { id } })), { replace: ["item"] });
    const plain = await c.get<Record<string, unknown>>("salesOrder", soId);
    expect(plain.item).toEqual({ links: [{ rel: "self", href: `${sim.url}/services/rest/record/v1/salesOrder/${soId}/item` }] });
  });

  it("parses a validation error with the field path, and does not retry it", async () => {
    const c = client();
    const body = await salesOrderBody("missing-customer");
    const error = await c.upsert("salesOrder", "shopify:demo:order:3", { ...body, entity: { id: "1" }, item: { items: [{ item: { id: "999999" }, quantity: 1, rate: 1 }] } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetSuiteError);
    expect(error).toMatchObject({ kind: "data", status: 400, code: "INVALID_CONTENT", retryable: false });
    const e2 = await c.upsert("salesOrder", "shopify:demo:order:3", body).catch((e: unknown) => e as NetSuiteError);
    expect(e2).toMatchObject({ code: "INVALID_CONTENT", path: "entity" });
    const e3 = await c.upsert("salesOrder", "shopify:demo:order:3", { ...body, entity: { id: "1" } }).catch((e: unknown) => e as NetSuiteError);
    expect(e3).toMatchObject({ code: "INVALID_CONTENT" });
    const missing = await c.get("salesOrder", "424242").catch((e: unknown) => e as NetSuiteError);
    expect(missing).toMatchObject({ kind: "not_found", status: 404, code: "NONEXISTENT_ID" });
    expect(calls.filter((x) => x.attempt > 1)).toEqual([]);
  });

  it("refuses a wrong secret with INVALID_LOGIN: permanent in the connection test, retried a little during sync", async () => {
    const bad = client({ credentials: { kind: "tba", ...account.tba!, tokenSecret: "wrong" } });
    const test = await bad.testConnection();
    expect(test.ok).toBe(false);
    expect(test.message).toMatch(/INVALID_LOGIN/);
    expect(calls).toHaveLength(1);
    calls.length = 0;
    const e = await bad.get("subsidiary", "1").catch((x: unknown) => x as NetSuiteError);
    expect(e).toMatchObject({ kind: "auth", status: 401, code: "INVALID_LOGIN", retryable: false });
    expect(calls.map((x) => x.attempt)).toEqual([1, 2, 3]);
    expect(await client().testConnection()).toMatchObject({ ok: true });
  });

  it("retries 429 and 503 until NetSuite answers", async () => {
    await configure({ failNext: [{ kind: "429" }, { kind: "503" }, { kind: "429" }] });
    const c = client();
    const id = await c.upsert("customer", "shopify:demo:customer:9", { isPerson: true, lastName: "Turing", subsidiary: { id: SEED.subsidiaries.us } });
    expect(id).toMatch(/^\d+$/);
    expect(calls.map((x) => [x.status, x.errorCode])).toEqual([
      [429, "CONCURRENCY_LIMIT_EXCEEDED"],
      [503, "UNEXPECTED_ERROR"],
      [429, "CONCURRENCY_LIMIT_EXCEEDED"],
      [204, null],
    ]);
  });

  it("meets the record a dropped answer already wrote: the retried upsert leaves one", async () => {
    await configure({ failNext: [{ kind: "drop", phase: "after" }] });
    const c = client();
    const body = await salesOrderBody("shopify:demo:customer:5");
    await c.upsert("customer", "shopify:demo:customer:5", { isPerson: true, lastName: "Johnson", subsidiary: { id: SEED.subsidiaries.us } });
    await c.upsert("salesOrder", "shopify:demo:order:5", body, { replace: ["item"] });
    expect(calls.some((x) => x.errorCode === "NETWORK")).toBe(true);
    const orders = (await admin("/records/salesOrder")).items!;
    expect(orders).toHaveLength(1);
    expect((orders[0]!.item as { items: unknown[] }).items).toHaveLength(3);
  });

  it("keeps calls in flight within the account's limit when many run at once", async () => {
    await configure({ concurrencyLimit: 3, latencyMs: 40 });
    const c = client({ governor: new MemoryGovernor(), concurrencyLimit: 3 });
    await admin("/stats/reset", { method: "POST" });
    await Promise.all(Array.from({ length: 24 }, (_, i) => c.upsert("customer", `shopify:demo:customer:c${i}`, { isPerson: true, lastName: `N${i}`, subsidiary: { id: SEED.subsidiaries.us } })));
    const stats = await admin("/stats");
    expect(stats).toMatchObject({ peakInFlight: 3, tooManyRequests: 0, calls: 24 });
  });

  it("reads the integration's concurrency limit from the governance-limits call", async () => {
    expect(await client().governanceLimit()).toBe(5);
  });

  it("never records the Authorization header or secrets", async () => {
    await client().upsert("customer", "shopify:demo:customer:s", { isPerson: true, lastName: "S", subsidiary: { id: SEED.subsidiaries.us }, tokenSecret: "leak" } as object).catch(() => undefined);
    const text = JSON.stringify(calls);
    expect(text).not.toContain(account.tba!.tokenSecret);
    expect(text).not.toContain("leak");
    expect(text).not.toContain("oauth_signature");
  });
});
