/**
 * Governance and faults: at most the account's concurrency limit in flight, the next call
 * answered 429 CONCURRENCY_LIMIT_EXCEEDED (PLATFORMS.md "Errors": public reports), the
 * governanceLimits call (article 0625010817), and injected faults before or after the write is
 * committed, so a client's retry meets a record that already exists.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NetSuiteSimAdmin } from "../simulators/netsuite/admin-client";
import { demoAccount, startNetSuiteSimulator, type NetSuiteSimulator } from "../simulators/netsuite/server";
import { SEED } from "../simulators/netsuite/seed";
import { ns } from "./helpers";

let sim: NetSuiteSimulator;
let admin: NetSuiteSimAdmin;
const limited = { ...demoAccount(), accountId: "TSTDRV7654321", concurrencyLimit: 15, integrationConcurrencyLimit: 4 };
beforeAll(async () => {
  sim = await startNetSuiteSimulator({ port: 0, accounts: [demoAccount(), limited] });
  admin = new NetSuiteSimAdmin(sim.url);
});
afterAll(async () => sim?.stop());
beforeEach(async () => {
  await admin.reset();
});

const customer = (n: number | string) => ({ isPerson: true, lastName: `N${n}`, subsidiary: { id: SEED.subsidiaries.us } });
const upsert = (n: number | string) => ns(sim.url, "PUT", `/services/rest/record/v1/customer/eid:shopify:demo:customer:${n}`, customer(n));

describe("governance", () => {
  it("answers 429 CONCURRENCY_LIMIT_EXCEEDED beyond the limit, never running more than the limit at once", async () => {
    await admin.configure({ concurrencyLimit: 3, latencyMs: 300 });
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => upsert(i)));
    // A loaded machine may deliver a late call after an early one finished: count, don't assume.
    const served = answers.filter((a) => a.status === 204).length;
    const refusedCount = answers.filter((a) => a.status === 429).length;
    expect(served + refusedCount).toBe(8);
    expect(refusedCount).toBeGreaterThanOrEqual(1);
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.headers.get("content-type")).toBe("application/vnd.oracle.resource+json; type=error");
    expect(refused.body).toMatchObject({ status: 429, "o:errorDetails": [{ "o:errorCode": "CONCURRENCY_LIMIT_EXCEEDED" }] });
    const stats = await admin.stats();
    expect(stats).toMatchObject({ inFlight: 0, peakInFlight: 3, calls: 8, tooManyRequests: refusedCount, limit: 3 });
    expect(stats.busyCallSeconds).toBeGreaterThanOrEqual(0.3 * served - 0.01);
    expect(await admin.records("customer")).toHaveLength(served);
  });

  it("reports the account's and the integration's limits, and holds the integration to its own", async () => {
    const demo = await ns(sim.url, "GET", "/services/rest/system/v1/governanceLimits");
    expect(demo.body).toEqual({ accountConcurrencyLimit: 5, accountUnallocatedConcurrencyLimit: 5, integrationConcurrencyLimit: 5, integrationLimitType: "accountLimit" });
    const realm = { realm: limited.accountId, tba: limited.tba };
    const own = await ns(sim.url, "GET", "/services/rest/system/v1/governanceLimits", undefined, realm);
    expect(own.body).toEqual({ accountConcurrencyLimit: 15, accountUnallocatedConcurrencyLimit: 11, integrationConcurrencyLimit: 4, integrationLimitType: "integrationSpecific" });
    const other = admin.forAccount(limited.accountId);
    await other.configure({ latencyMs: 300 });
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => ns(sim.url, "GET", `/services/rest/record/v1/location/${SEED.locations.main}?n=${i}`, undefined, realm)));
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(1);
    expect((await other.stats()).peakInFlight).toBe(4);
  });
});

describe("faults", () => {
  it("fails the next calls from a queue: 429, 503 and 401 before anything is written", async () => {
    await admin.configure({ failNext: [{ kind: "429" }, { kind: "503" }, { kind: "401" }] });
    expect((await upsert(1)).body).toMatchObject({ status: 429, "o:errorDetails": [{ "o:errorCode": "CONCURRENCY_LIMIT_EXCEEDED" }] });
    expect((await upsert(1)).status).toBe(503);
    expect((await upsert(1)).body).toMatchObject({ status: 401, "o:errorDetails": [{ "o:errorCode": "INVALID_LOGIN" }] });
    expect(await admin.records("customer")).toHaveLength(0);
    expect((await upsert(1)).status).toBe(204);
    expect((await admin.requests()).map((r) => [r.method, r.status])).toEqual([["PUT", 429], ["PUT", 503], ["PUT", 401], ["PUT", 204]]);
  });

  it("commits then fails: a 500 or a dropped connection after the write leaves the record, and the retried upsert keeps one", async () => {
    await admin.configure({ failNext: [{ kind: "500", phase: "after" }, { kind: "drop", phase: "after" }] });
    expect((await upsert(2)).status).toBe(500);
    expect(await admin.records("customer")).toHaveLength(1);
    await expect(upsert(3)).rejects.toThrow();
    expect(await admin.records("customer")).toHaveLength(2);
    expect((await upsert(3)).status).toBe(204);
    expect((await admin.records("customer")).map((c) => c.externalId).sort()).toEqual(["shopify:demo:customer:2", "shopify:demo:customer:3"]);
  });

  it("hangs past the client's timeout and then drops, before or after committing", async () => {
    await admin.configure({ hangMs: 300, failNext: [{ kind: "timeout", phase: "before" }, { kind: "timeout", phase: "after" }] });
    const clientTimeout = (n: number) => ns(sim.url, "PUT", `/services/rest/record/v1/customer/eid:t${n}`, customer(n)).catch((e: unknown) => e);
    const started = Date.now();
    const [before, after] = await Promise.all([clientTimeout(1), clientTimeout(2)]);
    expect(before).toBeInstanceOf(Error);
    expect(after).toBeInstanceOf(Error);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect((await admin.records("customer")).map((c) => c.externalId)).toEqual(["t2"]);
  });

  it("draws faults from configured shares", async () => {
    await admin.configure({ faults: { serverError: 1, phase: "before" } });
    expect((await upsert(4)).status).toBe(500);
    await admin.configure({ faults: {} });
    expect((await upsert(4)).status).toBe(204);
  });
});
