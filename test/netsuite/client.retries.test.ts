/**
 * Timeouts, dropped and refused connections, and which requests are sent again, against a small
 * real HTTP server that answers each request as the test scripts it (the simulator covers
 * NetSuite's behaviour; this covers the failures between us and it).
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NetSuiteClient, NetSuiteError, type NetSuiteCall } from "~/netsuite";
import { MemoryGovernor } from "~/governor/memory";
import { DEFAULT_RETRY, Transport } from "~/netsuite/transport";
import { tbaAuthorizer } from "~/netsuite/auth";

type Step = { status: number; body?: unknown; headers?: Record<string, string> } | "hang" | "drop";
let script: Step[] = [];
let seen: { method: string; url: string }[] = [];
let server: http.Server;
let base: string;
const sockets = new Set<Socket>();
const calls: NetSuiteCall[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url! });
    req.resume();
    const step = script.shift() ?? { status: 204, headers: { Location: `${base}/services/rest/record/v1/customer/77` } };
    if (step === "hang") return; // never answers: the client's timeout must end it
    if (step === "drop") return void req.socket.destroy();
    res.writeHead(step.status, { "Content-Type": "application/json", ...step.headers });
    res.end(step.body === undefined ? undefined : JSON.stringify(step.body));
  });
  server.on("connection", (s) => (sockets.add(s), s.on("close", () => sockets.delete(s))));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  script = [];
  seen = [];
  calls.length = 0;
});

const tba = { kind: "tba" as const, consumerKey: "ck", consumerSecret: "cs", tokenId: "tk", tokenSecret: "ts" };
const client = (over: Partial<ConstructorParameters<typeof NetSuiteClient>[0]> = {}) =>
  new NetSuiteClient({ accountId: "1234567_SB1", credentials: tba, baseUrl: base, governor: new MemoryGovernor(), readGovernanceLimits: false, timeoutMs: 300, retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 4 }, recorder: (c) => void calls.push(c), ...over });
const err500 = { status: 500, body: { title: "Internal Server Error", status: 500, "o:errorDetails": [{ detail: "An unexpected error occurred.", "o:errorCode": "UNEXPECTED_ERROR" }] } };
const err429 = { status: 429, body: { title: "Too Many Requests", status: 429, "o:errorDetails": [{ detail: "Concurrent request limit exceeded. Request blocked.", "o:errorCode": "CONCURRENCY_LIMIT_EXCEEDED" }] } };

describe("the client when the connection fails", () => {
  it("times a hanging request out and tries again", async () => {
    script = ["hang", { status: 200, body: { id: "1" } }];
    const c = client();
    expect(await c.get("customer", "1")).toMatchObject({ id: "1" });
    expect(calls.map((x) => [x.status, x.errorCode])).toEqual([[null, "TIMEOUT"], [200, undefined]]);
    expect(calls[0]!.durationMs).toBeGreaterThanOrEqual(250);
    expect(c.metrics()).toMatchObject({ calls: 2, retries: 1, failures: 0 });
  });

  it("gives up after maxAttempts with a retryable error the job engine can retry later", async () => {
    script = ["hang", "hang"];
    const e = await client({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } }).get("customer", "1").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NetSuiteError);
    expect(e).toMatchObject({ kind: "network", code: "TIMEOUT", retryable: true });
    expect(seen).toHaveLength(2);
  });

  it("retries a dropped connection on a read and on an upsert", async () => {
    script = ["drop", "drop"];
    const c = client();
    expect(await c.upsert("customer", "shopify:s:customer:1", { lastName: "X" })).toBe("77");
    expect(calls.map((x) => x.status)).toEqual([null, null, 204]);
    expect(calls[0]!.errorCode).toBe("NETWORK");
  });

  it("reports a refused connection as retryable after trying maxAttempts times", async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const e = await client({ baseUrl: `http://127.0.0.1:${port}` }).get("customer", "1").catch((x: unknown) => x as NetSuiteError);
    expect(e).toMatchObject({ kind: "network", code: "NETWORK", detail: "ECONNREFUSED", retryable: true });
    expect(calls).toHaveLength(4);
    // Nothing reached NetSuite, so even a create may be sent again.
    await expect(client({ baseUrl: `http://127.0.0.1:${port}` }).create("customer", {})).rejects.toMatchObject({ detail: "ECONNREFUSED" });
    expect(calls).toHaveLength(8);
  });
});

describe("what is sent again", () => {
  it("does not repeat a create after a 500 or a lost answer: it may have been written", async () => {
    script = [err500];
    const e = await client().create("customer", { lastName: "X" }).catch((x: unknown) => x as NetSuiteError);
    expect(e).toMatchObject({ kind: "unavailable", status: 500, retryable: true });
    script = ["drop"];
    await expect(client().create("customer", { lastName: "X" })).rejects.toMatchObject({ kind: "network" });
    expect(seen.filter((s) => s.method === "POST")).toHaveLength(2);
  });

  it("repeats a create after a 429: NetSuite refused it before doing anything", async () => {
    script = [err429, err429];
    expect(await client().create("customer", { lastName: "X" })).toBe("77");
    expect(seen).toHaveLength(3);
  });

  it("repeats an upsert after a 500", async () => {
    script = [err500];
    expect(await client().upsert("customer", "e1", { lastName: "X" })).toBe("77");
    expect(seen.map((s) => s.method)).toEqual(["PUT", "PUT"]);
  });

  it("never repeats a validation error", async () => {
    script = [{ status: 400, body: { title: "Bad Request", status: 400, "o:errorDetails": [{ detail: "Invalid value", "o:errorCode": "INVALID_CONTENT", "o:errorPath": "email" }] } }];
    await expect(client().upsert("customer", "e1", { email: "x" })).rejects.toMatchObject({ kind: "data", path: "email", retryable: false });
    expect(seen).toHaveLength(1);
  });

  it("reads the new record's id from Location, and says so when there is none", async () => {
    script = [{ status: 204, headers: { Location: `${base}/services/rest/record/v1/salesOrder/9001` } }, { status: 204 }];
    expect(await client().transform("salesOrder", "5", "itemFulfillment")).toBe("9001");
    expect(seen[0]).toEqual({ method: "POST", url: "/services/rest/record/v1/salesOrder/5/!transform/itemFulfillment" });
    await expect(client().create("customer", {})).rejects.toMatchObject({ kind: "unexpected", retryable: false });
  });
});

describe("waiting and cancelling", () => {
  it("counts callers waiting for a slot, and a cancelled job stops waiting", async () => {
    const governor = new MemoryGovernor();
    const hold = await governor.acquire("1234567_SB1", 1);
    const ac = new AbortController();
    const c = client({ governor, concurrencyLimit: 1, signal: ac.signal });
    const pending = c.get("customer", "1").catch((x: unknown) => x as NetSuiteError);
    await new Promise((r) => setTimeout(r, 20));
    expect(c.metrics()).toMatchObject({ waiting: 1, inFlight: 0, calls: 0 });
    ac.abort();
    expect(await pending).toMatchObject({ code: "ABORTED" });
    expect(c.metrics().waiting).toBe(0);
    expect(seen).toHaveLength(0);
    await hold();
  });
});

describe("backoff", () => {
  it("is full jitter: uniform below a cap that doubles per attempt, never above the maximum", () => {
    const t = new Transport({ accountId: "A", baseUrl: base, authorizer: tbaAuthorizer("A", tba), governor: new MemoryGovernor(), limit: async () => 1, timeoutMs: 1000, retry: { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 }, fetch });
    for (const [attempt, cap] of [[1, 100], [2, 200], [3, 400], [4, 800], [8, 1000]] as const) {
      const samples = Array.from({ length: 400 }, () => t.backoff(attempt));
      expect(Math.max(...samples)).toBeLessThanOrEqual(cap);
      expect(Math.min(...samples)).toBeLessThan(cap * 0.1);
      expect(Math.max(...samples)).toBeGreaterThan(cap * 0.9);
    }
    expect(t.backoff(1, 700)).toBe(700); // Retry-After is a floor
  });
});
