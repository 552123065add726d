/**
 * Two OS processes share one NetSuite account's concurrency limit through PostgreSQL: the
 * simulator never sees more calls in flight than the limit, answers no 429, and the work takes
 * close to the ideal time (calls × latency ÷ limit). PostgreSQL only: SQLite runs one process.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNetSuiteSimulator, demoAccount, type NetSuiteSimulator } from "../simulators/netsuite/server";
import { testProvider } from "../support/db";

const PG = testProvider === "postgresql";
const root = path.resolve(import.meta.dirname, "../..");
let sim: NetSuiteSimulator;

beforeAll(async () => {
  if (PG) sim = await startNetSuiteSimulator({ port: 0, accounts: [{ ...demoAccount(), concurrencyLimit: 5 }] });
});
afterAll(async () => sim?.stop());

function runWorker(databaseUrl: string, count: number, limit: number): Promise<{ elapsedMs: number; failures: number; failed: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "test/netsuite/governor-worker.ts"), sim.url, databaseUrl, String(count), String(limit)], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!)) : reject(new Error(`worker exited ${code}: ${err}`))));
  });
}

describe("the NetSuite call governor across processes", () => {
  it.skipIf(!PG)("keeps two processes' 100 concurrent calls within the account's limit, with no 429, near the ideal time", async () => {
    // Long enough that scheduling noise on a busy CI machine stays small beside it.
    const LATENCY = 400;
    const LIMIT = 5;
    const PER_PROCESS = 50;
    await fetch(`${sim.url}/__sim/accounts/TSTDRV1234567/config`, { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ latencyMs: LATENCY }) });
    const base = new URL(process.env.TEST_BASE_DATABASE_URL ?? process.env.DATABASE_URL!);
    base.searchParams.delete("schema");
    if (!base.username) base.username = "postgres";
    const started = performance.now();
    const [a, b] = await Promise.all([runWorker(base.toString(), PER_PROCESS, LIMIT), runWorker(base.toString(), PER_PROCESS, LIMIT)]);
    const stats = (await (await fetch(`${sim.url}/__sim/accounts/TSTDRV1234567/stats`)).json()) as { peakInFlight: number; tooManyRequests: number; calls: number; busyCallSeconds: number };
    expect(a.failures + b.failures).toBe(0);
    expect(stats).toMatchObject({ peakInFlight: LIMIT, tooManyRequests: 0, calls: 2 * PER_PROCESS });
    // Measured by the simulator: while the work ran, its slots were busy ≥ 1/1.2 of the time.
    const ideal = (2 * PER_PROCESS * LATENCY) / LIMIT;
    const span = Math.max(a.elapsedMs, b.elapsedMs);
    const utilisation = (stats.busyCallSeconds * 1000) / (LIMIT * span);
    process.stdout.write(`two-process governor: ${span.toFixed(0)} ms for ideal ${ideal} ms (${(span / ideal).toFixed(2)}×), utilisation ${utilisation.toFixed(2)}, wall ${(performance.now() - started).toFixed(0)} ms\n`);
    expect(span / ideal).toBeLessThanOrEqual(1.2);
  });
});
