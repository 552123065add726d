/**
 * The job port's behaviour, run unchanged on whichever adapter the database of the run selects:
 * the embedded SQLite engine by default, pg-boss when DATABASE_URL is PostgreSQL.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { db, disconnectDb } from "~/db.server";
import { pgPoolConfig } from "~/db/provider";
import { createLogger } from "~/log.server";
import { createJobEngine, PermanentJobError, PRIORITY, type DeadJob, type EngineOptions, type JobEngine } from "~/jobs";
import { testEngineOptions } from "./engine-options";

let database: TestDatabase;
const bossSchema = `pgboss_${crypto.randomBytes(4).toString("hex")}`;
const engines: JobEngine[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function startEngine(extra: EngineOptions = {}, logger?: EngineOptions["logger"]): Promise<JobEngine> {
  const engine = createJobEngine(testEngineOptions(bossSchema, extra, logger));
  engines.push(engine);
  await engine.start();
  return engine;
}

async function depthOf(engine: JobEngine, kind: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const row of await engine.depth()) if (row.kind === kind) out[row.state] = row.count;
  return out;
}

beforeAll(async () => {
  database = await createTestDatabase("jobs_conformance");
});

afterAll(async () => {
  await Promise.allSettled(engines.map((e) => e.stop({ graceMs: 1_000 })));
  if (database?.provider === "postgresql") {
    const client = new pg.Client({ connectionString: pgPoolConfig(database.url).connectionString });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${bossSchema}" CASCADE`).finally(() => client.end());
  }
  await disconnectDb();
  await database?.drop();
});

describe(`job engine (${process.env.TEST_BASE_DATABASE_URL?.startsWith("postgres") ? "pgboss" : "sqlite"})`, () => {
  it("picks the adapter from the database", async () => {
    const engine = await startEngine();
    expect(engine.adapter).toBe(database.provider === "postgresql" ? "pgboss" : "sqlite");
    await engine.stop();
  });

  it("runs ready jobs of different keys by priority: order changes, new orders, refunds, inventory", async () => {
    const engine = await startEngine();
    const kind = "t.priority";
    const jobs = [
      ["inventory", PRIORITY.inventory],
      ["new-order", PRIORITY.orderNew],
      ["refund", PRIORITY.refund],
      ["order-change", PRIORITY.orderChange],
    ] as const;
    for (const [what, priority] of jobs) await engine.enqueue({ kind, key: `priority-${what}`, priority, data: { what } });
    const ran: string[] = [];
    await engine.work(kind, async (job) => void ran.push(String(job.data.what)), { concurrency: 1 });
    await waitFor("four jobs", () => ran.length === 4);
    expect(ran).toEqual(["order-change", "new-order", "refund", "inventory"]);
    await engine.stop();
  });

  it("keeps each key in enqueue order, one at a time, while different keys overlap", async () => {
    const engine = await startEngine();
    const kind = "t.fifo";
    const keys = ["fifo-a", "fifo-b", "fifo-c"];
    const perKey = 6;
    for (let i = 0; i < perKey; i++) for (const key of keys) await engine.enqueue({ kind, key, priority: PRIORITY.orderNew, data: { i } });
    const seen = new Map<string, number[]>(keys.map((k) => [k, []]));
    const active = new Set<string>();
    let overlapping = 0;
    let maxConcurrent = 0;
    await engine.work(
      kind,
      async (job) => {
        if (active.has(job.key)) overlapping++;
        active.add(job.key);
        maxConcurrent = Math.max(maxConcurrent, active.size);
        seen.get(job.key)!.push(Number(job.data.i));
        await sleep(20 + Math.random() * 30);
        active.delete(job.key);
      },
      { concurrency: 4 },
    );
    await waitFor("all jobs", () => [...seen.values()].every((v) => v.length === perKey));
    for (const key of keys) expect(seen.get(key)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(overlapping).toBe(0);
    expect(maxConcurrent).toBeGreaterThanOrEqual(2);
    await engine.stop();
  });

  it("retries a failing job with growing, jittered delays, and the key's next job waits for it", async () => {
    const lines: string[] = [];
    const engine = await startEngine({}, createLogger({ test: "jobs" }, (line) => lines.push(line)));
    const kind = "t.retry";
    const id = await engine.enqueue({ kind, key: "retry-1", priority: PRIORITY.orderNew, data: { step: "flaky" }, maxAttempts: 5 });
    await engine.enqueue({ kind, key: "retry-1", priority: PRIORITY.orderNew, data: { step: "after" } });
    const events: { step: string; attempt: number; at: number }[] = [];
    await engine.work(kind, async (job) => {
      events.push({ step: String(job.data.step), attempt: job.attempt, at: Date.now() });
      if (job.data.step === "flaky" && job.attempt <= 3) throw new Error(`flaky failure ${job.attempt}`);
    });
    await waitFor("the later job", () => events.some((e) => e.step === "after"));
    const flaky = events.filter((e) => e.step === "flaky");
    expect(flaky.map((e) => e.attempt)).toEqual([1, 2, 3, 4]);
    expect(events.at(-1)).toMatchObject({ step: "after", attempt: 1 });
    const gaps = flaky.slice(1).map((e, i) => e.at - flaky[i]!.at);
    // Policy: base 200 ms doubling, jittered into [d/2, d]: about 100–200, 200–400, 400–800 ms.
    expect(gaps[0]).toBeGreaterThanOrEqual(90);
    expect(gaps[2]!).toBeGreaterThan(gaps[0]!);
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === "job failed; will retry");
    expect(logged).toMatchObject({ jobId: id, kind, key: "retry-1", error: "flaky failure 1" });
    await engine.stop();
  });

  it("hands a job out of attempts to onDead once, before the key's next job; a PermanentJobError dies at once", async () => {
    const timeline: string[] = [];
    const dead: DeadJob[] = [];
    const onDead = async (job: DeadJob) => {
      dead.push(job);
      timeline.push(`dead:${String(job.data.name)}`);
    };
    const engine = await startEngine({ hooks: { onDead } });
    const kind = "t.dead";
    await engine.enqueue({ kind, key: "dead-1", priority: PRIORITY.refund, data: { name: "always" }, maxAttempts: 3 });
    await engine.enqueue({ kind, key: "dead-1", priority: PRIORITY.refund, data: { name: "next" } });
    await engine.enqueue({ kind, key: "dead-2", priority: PRIORITY.refund, data: { name: "permanent" }, maxAttempts: 5 });
    const calls: Record<string, number> = {};
    await engine.work(
      kind,
      async (job) => {
        const name = String(job.data.name);
        calls[name] = (calls[name] ?? 0) + 1;
        timeline.push(`run:${name}`);
        if (name === "always") throw new Error("NetSuite said no");
        if (name === "permanent") throw new PermanentJobError("SKU ABC-1 is not mapped", "unmapped_sku");
      },
      { concurrency: 2 },
    );
    await waitFor("next job and both deaths", () => timeline.includes("run:next") && dead.length === 2);
    await sleep(300);
    const always = dead.filter((d) => d.data.name === "always");
    expect(always).toHaveLength(1);
    expect(always[0]).toMatchObject({ kind, key: "dead-1", attempts: 3, priority: PRIORITY.refund });
    expect((always[0]!.error as Error).message).toBe("NetSuite said no");
    expect(timeline.indexOf("dead:always")).toBeLessThan(timeline.indexOf("run:next"));
    const permanent = dead.find((d) => d.data.name === "permanent");
    expect(permanent).toMatchObject({ key: "dead-2", attempts: 1 });
    expect(permanent!.error).toBeInstanceOf(PermanentJobError);
    expect(calls).toEqual({ always: 3, next: 1, permanent: 1 });
    expect(await depthOf(engine, kind)).toEqual({ dead: 2, completed: 1 });
    await engine.stop();
  });

  it("keeps a dead job whose onDead hook throws, and hands it over again later", async () => {
    let hookCalls = 0;
    const timeline: string[] = [];
    const engine = await startEngine({
      hooks: {
        onDead: async (job) => {
          hookCalls++;
          if (hookCalls === 1) throw new Error("exceptions table unavailable");
          timeline.push(`dead:${String(job.data.name)}:${job.attempts}`);
        },
      },
    });
    const kind = "t.dead-hook";
    await engine.enqueue({ kind, key: "hook-1", priority: 0, data: { name: "doomed" } });
    await engine.enqueue({ kind, key: "hook-1", priority: 0, data: { name: "next" } });
    let runs = 0;
    await engine.work(kind, async (job) => {
      timeline.push(`run:${String(job.data.name)}`);
      if (job.data.name === "doomed") {
        runs++;
        throw new PermanentJobError("bad data");
      }
    });
    await waitFor("the next job", () => timeline.includes("run:next"));
    expect(hookCalls).toBe(2);
    expect(runs).toBe(1);
    expect(timeline).toEqual(["run:doomed", "dead:doomed:1", "run:next"]);
    await engine.stop();
  });

  it("enqueues inside the caller's transaction: rolled back, no job; committed, it runs", async () => {
    const engine = await startEngine();
    const kind = "t.tx";
    await expect(
      db().$transaction(async (tx) => {
        await engine.enqueue({ kind, key: "tx-1", priority: 0, data: { name: "rolled-back" } }, tx);
        throw new Error("webhook row failed");
      }),
    ).rejects.toThrow("webhook row failed");
    await db().$transaction(async (tx) => {
      await engine.enqueue({ kind, key: "tx-1", priority: 0, data: { name: "committed" } }, tx);
    });
    const ran: string[] = [];
    await engine.work(kind, async (job) => void ran.push(String(job.data.name)));
    await waitFor("the committed job", () => ran.includes("committed"));
    await sleep(300);
    expect(ran).toEqual(["committed"]);
    expect(await depthOf(engine, kind)).toEqual({ completed: 1 });
    await engine.stop();
  });

  it("runs a cron schedule's job once per tick, with two engines on one database", async () => {
    // Keep the whole test inside one minute, so exactly one occurrence is due.
    const second = new Date().getUTCSeconds();
    if (second >= 50) await sleep((61 - second) * 1000);
    const a = await startEngine();
    const b = await startEngine();
    const kind = "t.cron";
    const spec = { kind, key: "cron-inventory", priority: PRIORITY.inventory, data: { scope: "all" } };
    await a.schedule("t-cron-inventory", "* * * * *", spec);
    await b.schedule("t-cron-inventory", "* * * * *", spec);
    const runs: string[] = [];
    await a.work(kind, async (job) => void runs.push(job.id));
    await b.work(kind, async (job) => void runs.push(job.id));
    await waitFor("the scheduled job", () => runs.length >= 1, 15_000);
    await sleep(3_000);
    expect(runs).toHaveLength(1);
    await expect(a.schedule("bad", "*/5 * * * * *", spec)).rejects.toThrow(/5-field/);
    await expect(a.schedule("bad:name", "* * * * *", spec)).rejects.toThrow(/schedule name/);
    await a.unschedule("t-cron-inventory");
    await Promise.all([a.stop(), b.stop()]);
  });

  it("runs again a job whose worker was SIGKILLed mid-call, and the receiver's effect happens once", async () => {
    const engine = await startEngine();
    const calls: string[] = [];
    const effects = new Set<string>();
    const receiver = http.createServer((req, res) => {
      const key = String(req.headers["idempotency-key"]);
      calls.push(key);
      effects.add(key);
      // The first call hangs, like a slow NetSuite, until its caller dies.
      if (calls.length === 1) return void req.on("close", () => res.destroy());
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/effects`;
    const children: ChildProcess[] = [];
    const worker = () => {
      const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./lease-worker.ts", import.meta.url))], {
        env: { ...process.env, DATABASE_URL: database.url, PGBOSS_SCHEMA: bossSchema, RECEIVER_URL: url },
        stdio: ["ignore", "ignore", "inherit"],
      });
      children.push(child);
      return child;
    };
    try {
      const id = await engine.enqueue({ kind: "t.lease", key: "lease-1", priority: PRIORITY.orderNew, data: {} });
      const first = worker();
      await waitFor("the first call", () => calls.length === 1, 30_000);
      const exited = new Promise((resolve) => first.once("exit", resolve));
      first.kill("SIGKILL");
      await exited;
      worker();
      await waitFor("the job to complete", async () => (await depthOf(engine, "t.lease")).completed === 1, 45_000);
      expect(calls.length).toBeGreaterThanOrEqual(2);
      expect(new Set(calls)).toEqual(new Set([id]));
      expect(effects.size).toBe(1);
    } finally {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once("exit", r)) : undefined)));
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
      await engine.stop();
    }
  }, 90_000);

  it("reports depth per kind and state", async () => {
    const engine = await startEngine({ retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 }, hooks: { onDead: async () => {} } });
    await engine.enqueue({ kind: "t.depth.a", key: "depth-a1", priority: 0, data: {} });
    await engine.enqueue({ kind: "t.depth.a", key: "depth-a2", priority: 0, data: {} });
    await engine.enqueue({ kind: "t.depth.b", key: "depth-b1", priority: 0, data: {} });
    await sleep(200);
    expect(await depthOf(engine, "t.depth.a")).toEqual({ queued: 2 });
    expect(await depthOf(engine, "t.depth.b")).toEqual({ queued: 1 });
    await engine.work("t.depth.a", async () => {});
    await engine.work("t.depth.b", async () => {
      throw new PermanentJobError("no");
    });
    await engine.enqueue({ kind: "t.depth.r", key: "depth-r1", priority: 0, data: {} });
    await engine.work("t.depth.r", async () => {
      throw new Error("later");
    });
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await engine.enqueue({ kind: "t.depth.h", key: "depth-h1", priority: 0, data: {} });
    await engine.work("t.depth.h", () => held);
    await waitFor("settled depth", async () => {
      const rows = await engine.depth();
      const get = (kind: string, state: string) => rows.find((r) => r.kind === kind && r.state === state)?.count ?? 0;
      return get("t.depth.a", "completed") === 2 && get("t.depth.b", "dead") === 1 && get("t.depth.r", "retry") === 1 && get("t.depth.h", "running") === 1;
    });
    expect(await depthOf(engine, "t.depth.a")).toEqual({ completed: 2 });
    expect(await depthOf(engine, "t.depth.b")).toEqual({ dead: 1 });
    expect(await depthOf(engine, "t.depth.r")).toEqual({ retry: 1 });
    expect(await depthOf(engine, "t.depth.h")).toEqual({ running: 1 });
    release();
    await waitFor("the held job", async () => (await depthOf(engine, "t.depth.h")).completed === 1);
    await engine.stop();
  });
});
