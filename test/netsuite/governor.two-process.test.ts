/**
 * Two OS processes share one NetSuite account's concurrency limit through PostgreSQL (advisory
 * locks and LISTEN/NOTIFY only: no tables, no migration): the simulator never sees more calls
 * in flight than the limit, answers no 429, and, by its own clock, the work takes at most 1.2×
 * the ideal time (calls × latency ÷ limit). PostgreSQL only: SQLite runs one process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccount, startNetSuiteSimulator, type NetSuiteSimulator } from "../simulators/netsuite/server";
import { NetSuiteSimAdmin } from "../simulators/netsuite/admin-client";

const PG = (process.env.TEST_BASE_DATABASE_URL ?? process.env.DATABASE_URL ?? "").startsWith("postgres");
const root = path.resolve(import.meta.dirname, "../..");
// Long enough that timer and scheduling noise on a loaded 2-core machine stays small beside it.
const LATENCY = 250;
const LIMIT = 5;
const PER_PROCESS = 50;
// Advisory locks are database-wide: an account of its own keeps other test files' calls out.
const ACCOUNT = `TSTDRV${crypto.randomInt(1e6, 1e7)}`;
let sim: NetSuiteSimulator;
let admin: NetSuiteSimAdmin;
const children: ChildProcess[] = [];

beforeAll(async () => {
  if (!PG) return;
  sim = await startNetSuiteSimulator({ port: 0, accounts: [{ ...demoAccount(), accountId: ACCOUNT, concurrencyLimit: LIMIT }] });
  admin = new NetSuiteSimAdmin(sim.url, ACCOUNT);
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill();
  await sim?.stop();
});

interface Worker {
  ready: Promise<number>;
  done: Promise<{ elapsedMs: number; failures: number; failed: string[]; metrics: { calls: number; retries: number } }>;
  go(): void;
}

function startWorker(databaseUrl: string): Worker {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "test/netsuite/governor-worker.ts"), sim.url, databaseUrl, ACCOUNT, String(PER_PROCESS), "3"], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  let err = "";
  let onReady: (limit: number) => void;
  const ready = new Promise<number>((r) => (onReady = r));
  child.stdout!.on("data", (d: Buffer) => {
    out += d.toString();
    const m = /^ready (\d+)$/m.exec(out);
    if (m) onReady(Number(m[1]));
  });
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const done = new Promise<Worker["done"] extends Promise<infer T> ? T : never>((resolve, reject) =>
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!)) : reject(new Error(`worker exited ${code}: ${err}`)))),
  );
  return { ready: Promise.race([ready, done.then(() => -1)]), done, go: () => child.stdin!.write("go\n") };
}

describe("the NetSuite call governor across processes", () => {
  it.skipIf(!PG)("keeps two processes' 100 concurrent calls within the account's limit, with no 429, within 1.2× the ideal time", async () => {
    await admin.configure({ latencyMs: LATENCY });
    const base = new URL(process.env.TEST_BASE_DATABASE_URL ?? process.env.DATABASE_URL!);
    base.searchParams.delete("schema");
    if (!base.username) base.username = "postgres";
    const workers = [startWorker(base.toString()), startWorker(base.toString())];
    // Each worker's setting is 3; both must have read the account's 5 from governanceLimits.
    expect(await Promise.all(workers.map((w) => w.ready))).toEqual([LIMIT, LIMIT]);
    await admin.clearRequests();
    await admin.resetStats();
    for (const w of workers) w.go();
    const results = await Promise.all(workers.map((w) => w.done));

    const stats = await admin.stats();
    const log = await admin.requests();
    expect(results.map((r) => r.failures)).toEqual([0, 0]);
    expect(stats).toMatchObject({ peakInFlight: LIMIT, tooManyRequests: 0, calls: 2 * PER_PROCESS });
    expect(log.filter((r) => r.status === 429)).toEqual([]);
    // The simulator's clock: from the first call's start (its end less the latency) to the last call's end.
    const ends = log.map((r) => Date.parse(r.at));
    const span = Math.max(...ends) - (Math.min(...ends) - LATENCY);
    const ideal = (2 * PER_PROCESS * LATENCY) / LIMIT;
    process.stdout.write(`two-process governor: ${span} ms by the simulator's clock for ideal ${ideal} ms (${(span / ideal).toFixed(2)}×); busy ${stats.busyCallSeconds.toFixed(2)} call-s; workers ${results.map((r) => r.elapsedMs.toFixed(0)).join(" / ")} ms\n`);
    expect(log).toHaveLength(2 * PER_PROCESS);
    expect(span / ideal).toBeLessThanOrEqual(1.2);
  });
});
