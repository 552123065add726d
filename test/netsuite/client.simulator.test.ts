/**
 * The NetSuite client against the simulator over HTTP, with each kind of credentials. Shapes
 * follow NetSuite's help: create answers 204 with Location (section 1545141395), upsert is
 * PUT …/eid: (156335203191), sublists merge unless ?replace (1545295601), error bodies carry
 * o:errorDetails with o:errorCode and o:errorPath (156570709583), SuiteQL pages with
 * limit/offset/hasMore (157909186990).
 */
import fs from "node:fs";
import { z } from "zod";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LimitCache, NetSuiteClient, NetSuiteError, TokenCache, type NetSuiteCall, type NetSuiteCredentials } from "~/netsuite";
import { MemoryGovernor } from "~/governor/memory";
import { demoAccount, startNetSuiteSimulator, type NetSuiteSimulator } from "../simulators/netsuite/server";
import { NetSuiteSimAdmin } from "../simulators/netsuite/admin-client";
import { DEMO_PRIVATE_KEY_PATH } from "../simulators/netsuite/demo-keys";
import { SEED } from "../simulators/netsuite/seed";

const TOKEN_PATH = "/services/rest/auth/oauth2/v1/token";
let sim: NetSuiteSimulator;
let admin: NetSuiteSimAdmin;
const account = demoAccount();
const calls: NetSuiteCall[] = [];

const CREDENTIALS: Record<"tba" | "oauth2", NetSuiteCredentials> = {
  tba: { kind: "tba", ...account.tba! },
  oauth2: { kind: "oauth2", clientId: account.oauth2!.clientId, certificateId: account.oauth2!.certificateId, privateKeyPem: fs.readFileSync(DEMO_PRIVATE_KEY_PATH, "utf8") },
};

beforeAll(async () => {
  sim = await startNetSuiteSimulator({ port: 0 });
  admin = new NetSuiteSimAdmin(sim.url, account.accountId);
});
afterAll(async () => sim?.stop());
beforeEach(async () => {
  await admin.reset();
  calls.length = 0;
});

const customer = (lastName: string) => ({ isPerson: true, lastName, subsidiary: { id: SEED.subsidiaries.us } });

function salesOrderBody(customerExternalId: string) {
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
        { item: { id: SEED.itemId("TSHIRT-BLK-M")! }, quantity: 2, rate: 28, tax1Amt: 4.21, custcol_shopify_line_id: "1" },
        { item: { id: SEED.items.discount }, amount: -7.45, custcol_shopify_line_id: "discount:0" },
      ],
    },
  };
}

describe.each(["tba", "oauth2"] as const)("NetSuite client against the simulator (%s)", (kind) => {
  let tokens: TokenCache;
  const client = (over: Partial<ConstructorParameters<typeof NetSuiteClient>[0]> = {}) =>
    new NetSuiteClient({
      accountId: account.accountId,
      credentials: CREDENTIALS[kind],
      baseUrl: sim.url,
      governor: new MemoryGovernor(),
      tokenCache: tokens,
      limitCache: new LimitCache(),
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
      recorder: (c) => void calls.push(c),
      ...over,
    });
  beforeEach(() => {
    tokens = new TokenCache();
  });

  it("creates (204, id from Location) and upserts twice into one record, lines replaced not appended", async () => {
    const c = client();
    const created = await c.create("customer", customer("Hopper"));
    expect(created).toMatch(/^\d+$/);
    expect(await admin.record("customer", created)).toMatchObject({ lastName: "Hopper" });
    const customerId = await c.upsert("customer", "shopify:demo:customer:1", customer("Lovelace"));
    const body = salesOrderBody("shopify:demo:customer:1");
    const first = await c.upsert("salesOrder", "shopify:demo:order:1001", body, { replace: ["item"] });
    const second = await c.upsert("salesOrder", "shopify:demo:order:1001", body, { replace: ["item"] });
    expect(second).toBe(first);
    expect(await admin.records("salesOrder")).toHaveLength(1);
    const so = await c.get("salesOrder", first, { expandSubResources: true, schema: z.looseObject({ entity: z.looseObject({ id: z.string() }), item: z.object({ items: z.array(z.unknown()) }) }) });
    expect(so.item.items).toHaveLength(2);
    expect(so.entity.id).toBe(customerId);
  });

  it("reads every page of a SuiteQL query, each row parsed with its schema", async () => {
    const c = client();
    const row = z.object({ id: z.coerce.number().int(), itemid: z.string() });
    const pages = [];
    for await (const page of c.suiteql("SELECT id, itemid FROM item ORDER BY id", row, { pageSize: 4 })) pages.push(page);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.map((p) => p.offset)).toEqual(pages.map((_, i) => i * 4));
    expect(pages.at(-1)!.hasMore).toBe(false);
    const rows = pages.flatMap((p) => p.rows);
    expect(rows).toHaveLength(pages[0]!.totalResults!);
    expect(rows.map((r) => r.itemid)).toContain("TSHIRT-BLK-M");
    expect(await c.suiteqlAll("SELECT id, itemid FROM item ORDER BY id", row, { pageSize: 4 })).toEqual(rows);
    const sent = (await admin.requests()).filter((r) => r.path === "/services/rest/query/v1/suiteql");
    expect(sent.slice(0, pages.length).map((r) => r.query)).toEqual(pages.map((p) => ({ limit: "4", offset: String(p.offset) })));
    // A row NetSuite sends that the schema does not accept is an error, not a silent skip.
    await expect(c.suiteqlAll("SELECT id, itemid FROM item", z.object({ id: z.string(), nope: z.string() }))).rejects.toMatchObject({ kind: "unexpected", retryable: false });
  });

  it("parses a validation error with its field path, and does not retry it", async () => {
    const c = client();
    const body = salesOrderBody("missing-customer");
    const e = await c.upsert("salesOrder", "shopify:demo:order:3", body).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NetSuiteError);
    expect(e).toMatchObject({ kind: "data", status: 400, code: "INVALID_CONTENT", path: "entity", retryable: false });
    const missing = await c.get("salesOrder", "424242").catch((x: unknown) => x as NetSuiteError);
    expect(missing).toMatchObject({ kind: "not_found", status: 404, code: "NONEXISTENT_ID" });
    expect(calls.filter((x) => x.attempt > 1)).toEqual([]);
  });

  it("a wrong secret: refused at once in the connection test, retried a little during sync, then permanent", async () => {
    const wrong: NetSuiteCredentials = kind === "tba" ? { ...CREDENTIALS.tba, tokenSecret: "wrong" } as NetSuiteCredentials : { ...CREDENTIALS.oauth2, certificateId: "not-the-registered-cert" } as NetSuiteCredentials;
    const bad = client({ credentials: wrong, readGovernanceLimits: false });
    const test = await bad.testConnection();
    expect(test.ok).toBe(false);
    expect(test.message).toMatch(kind === "tba" ? /INVALID_LOGIN/ : /invalid_client/);
    expect(calls).toHaveLength(1);
    calls.length = 0;
    const e = await bad.get("subsidiary", "1").catch((x: unknown) => x as NetSuiteError);
    expect(e).toMatchObject({ kind: "auth", status: 401, retryable: false });
    expect(calls.map((x) => x.status)).toEqual([401, 401, 401]); // two retries with backoff, then permanent
    expect(await client().testConnection()).toMatchObject({ ok: true });
  });

  it("retries 429 (and 503) until NetSuite answers", async () => {
    const c = client();
    await c.concurrencyLimit(); // logged in and limits read first, so the faults meet the write
    calls.length = 0;
    await admin.configure({ failNext: [{ kind: "429" }, { kind: "503" }, { kind: "429" }] });
    expect(await c.upsert("customer", "shopify:demo:customer:9", customer("Turing"))).toMatch(/^\d+$/);
    expect(calls.map((x) => [x.status, x.errorCode ?? null])).toEqual([
      [429, "CONCURRENCY_LIMIT_EXCEEDED"],
      [503, "UNEXPECTED_ERROR"],
      [429, "CONCURRENCY_LIMIT_EXCEEDED"],
      [204, null],
    ]);
    expect(c.metrics()).toMatchObject({ retries: 3, failures: 0 });
  });

  it("meets the record a dropped answer already wrote: the retried upsert leaves one", async () => {
    const c = client();
    await c.upsert("customer", "shopify:demo:customer:5", customer("Johnson"));
    calls.length = 0;
    await admin.configure({ failNext: [{ kind: "drop", phase: "after" }] });
    await c.upsert("salesOrder", "shopify:demo:order:5", salesOrderBody("shopify:demo:customer:5"), { replace: ["item"] });
    expect(calls.map((x) => x.status)).toEqual([null, 204]);
    const orders = await admin.records<{ item: { items: unknown[] } }>("salesOrder");
    expect(orders).toHaveLength(1);
    expect(orders[0]!.item.items).toHaveLength(2);
  });

  it("counts against the integration's own limit read from governanceLimits, never over it", async () => {
    await admin.configure({ concurrencyLimit: 5, integrationConcurrencyLimit: 2, latencyMs: 30 });
    const c = client({ concurrencyLimit: 5 });
    expect(await c.concurrencyLimit()).toBe(2);
    await admin.resetStats();
    await Promise.all(Array.from({ length: 12 }, (_, i) => c.upsert("customer", `shopify:demo:customer:c${i}`, customer(`N${i}`))));
    expect(await admin.stats()).toMatchObject({ peakInFlight: 2, tooManyRequests: 0, calls: 12 });
    expect(calls.filter((x) => x.path === "/services/rest/system/v1/governanceLimits")).toHaveLength(1);
    expect(c.metrics().waitedMs).toBeGreaterThan(0);
  });

  it("never records the Authorization header, the token or secrets", async () => {
    await client().upsert("customer", "shopify:demo:customer:s", { ...customer("S"), tokenSecret: "leak" });
    const text = JSON.stringify(calls);
    expect(calls.length).toBeGreaterThan(0);
    for (const secret of ["leak", account.tba!.tokenSecret, account.tba!.consumerSecret, "oauth_signature", "Bearer", "eyJ"]) expect(text).not.toContain(secret);
  });
});

describe("OAuth 2.0 access tokens", () => {
  const oauthClient = (tokens: TokenCache, over: Partial<ConstructorParameters<typeof NetSuiteClient>[0]> = {}) =>
    new NetSuiteClient({ accountId: account.accountId, credentials: CREDENTIALS.oauth2, baseUrl: sim.url, governor: new MemoryGovernor(), tokenCache: tokens, limitCache: new LimitCache(), retry: { baseDelayMs: 5, maxDelayMs: 20 }, recorder: (c) => void calls.push(c), ...over });
  const tokenRequests = async () => (await admin.requests()).filter((r) => r.path === TOKEN_PATH);

  it("asks for one token, shared by concurrent calls and by every client of the process", async () => {
    const tokens = new TokenCache();
    const c = oauthClient(tokens);
    await Promise.all(Array.from({ length: 8 }, () => c.get("subsidiary", SEED.subsidiaries.us)));
    await oauthClient(tokens).get("currency", SEED.currencies.USD);
    expect(await tokenRequests()).toHaveLength(1);
    expect(c.metrics().tokenRequests).toBe(1);
    const recorded = calls.filter((x) => x.path === TOKEN_PATH);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.requestBody).toContain("client_assertion=%5Bredacted%5D");
    expect(JSON.parse(recorded[0]!.responseBody!)).toMatchObject({ access_token: "[redacted]", expires_in: 3600 });
  });

  it("renews the token before it runs out", async () => {
    await admin.configure({ tokenTtlSeconds: 1 });
    const tokens = new TokenCache();
    const c = oauthClient(tokens);
    await c.get("subsidiary", SEED.subsidiaries.us);
    await new Promise((r) => setTimeout(r, 1000));
    await c.get("subsidiary", SEED.subsidiaries.us);
    expect(await tokenRequests()).toHaveLength(2);
    expect((await admin.requests()).filter((r) => r.status === 401)).toEqual([]);
  });

  it("gets a new token when NetSuite refuses the cached one, and carries on", async () => {
    await admin.configure({ tokenTtlSeconds: 1 });
    const frozen = Date.now();
    const tokens = new TokenCache(() => (Date.now() - frozen < 1500 ? frozen : Date.now())); // a clock that misses the expiry
    const c = oauthClient(tokens);
    await c.get("subsidiary", SEED.subsidiaries.us);
    await new Promise((r) => setTimeout(r, 1100));
    await c.get("subsidiary", SEED.subsidiaries.us);
    expect((await admin.requests()).filter((r) => !r.path.includes("governanceLimits")).map((r) => [r.path.replace(/\/\d+$/, "/:id"), r.status])).toEqual([
      [TOKEN_PATH, 200],
      ["/services/rest/record/v1/subsidiary/:id", 200],
      ["/services/rest/record/v1/subsidiary/:id", 401],
      [TOKEN_PATH, 200],
      ["/services/rest/record/v1/subsidiary/:id", 200],
    ]);
  });
});
