/**
 * The job engine on pg-boss 12 (PostgreSQL, many processes). pg-boss stores, orders, leases
 * (heartbeats) and schedules the jobs; this process's Runner fetches and dispatches them to the
 * handlers registered by kind. pg-boss keeps its tables in its own schema.
 */
import { PgBoss, fromPrisma, type PrismaTransactionLike } from "pg-boss";
import { databaseUrl, pgPoolConfig, pgSchema } from "~/db/provider";
import { createLogger } from "~/log.server";
import type { DepthRow, EnqueueSpec, JobEngine, JobHandler, JobState, TxHandle, WorkOptions } from "../port";
import { resolveCommon, type EngineOptions, type ResolvedOptions } from "../options";
import { errorMessage, Runner } from "../runner";
import { assertScheduleName, assertSpec, DEFAULT_MAX_ATTEMPTS } from "../spec";
import { assertCron } from "../cron";
import { PgBossJobStore, QUEUE, type BossPayload } from "./store";

const STATES: Record<string, JobState> = {
  created: "queued",
  retry: "retry",
  active: "running",
  completed: "completed",
  cancelled: "dead",
  failed: "dead",
};

export function bossSchema(options: EngineOptions): string {
  // A database URL that names its own schema (one per test file, or several apps sharing one
  // PostgreSQL database) gets its own pg-boss schema beside it: one queue per app database.
  const appSchema = pgSchema(databaseUrl());
  const schema = options.pgboss?.schema ?? process.env.PGBOSS_SCHEMA ?? (appSchema === "public" ? "pgboss" : `${appSchema}_pgboss`);
  if (!/^[a-z_][a-z0-9_]*$/i.test(schema)) throw new Error(`Invalid pg-boss schema name: ${schema}`);
  return schema;
}

export class PgBossJobEngine implements JobEngine {
  readonly adapter = "pgboss" as const;
  private readonly opts: ResolvedOptions;
  private readonly boss: PgBoss;
  private readonly runner: Runner;
  private readonly log;
  private readonly schema: string;
  private readonly heartbeatSeconds: number;
  private readonly expireInSeconds: number;
  private state: "new" | "starting" | "started" | "stopped" = "new";
  private starting: Promise<void> | undefined;

  constructor(options: EngineOptions = {}) {
    this.opts = resolveCommon(options, 1_000);
    this.log = (options.logger ?? createLogger({ app: "connector" })).child({ component: "jobs", adapter: "pgboss" });
    this.schema = bossSchema(options);
    const p = options.pgboss ?? {};
    this.heartbeatSeconds = Math.max(10, p.heartbeatSeconds ?? 30);
    this.expireInSeconds = p.expireInSeconds ?? 15 * 60;
    const supervise = p.superviseIntervalSeconds ?? 30;
    const cron = Math.min(45, Math.max(1, p.cronIntervalSeconds ?? 30));
    this.boss = new PgBoss({
      connectionString: pgPoolConfig(databaseUrl()).connectionString,
      schema: this.schema,
      max: p.poolMax ?? 10,
      superviseIntervalSeconds: supervise,
      monitorIntervalSeconds: supervise,
      cronMonitorIntervalSeconds: cron,
      cronWorkerIntervalSeconds: cron,
    });
    this.boss.on("error", (error) => this.log.error("pg-boss error", { error: errorMessage(error) }));
    this.boss.on("warning", (warning) => this.log.warn("pg-boss warning", { warning: warning.message }));
    this.runner = new Runner(new PgBossJobStore(this.boss, this.heartbeatSeconds), this.opts, this.log);
  }

  start(): Promise<void> {
    if (this.state === "stopped") return Promise.reject(new Error("A stopped job engine cannot start again"));
    this.starting ??= (async () => {
      this.state = "starting";
      await this.boss.start();
      // Retries and their delays are the runner's; pg-boss's own backoff only paces a job whose
      // worker died (heartbeat expired). The high limit keeps pg-boss from failing a job for good.
      const queue = {
        policy: "key_strict_fifo",
        retryLimit: 1000,
        retryBackoff: true,
        retryDelay: 1,
        // A job whose worker died is run again within half a minute however often that happened:
        // with pg-boss's default ceiling (minutes), one order's later changes would wait behind it.
        retryDelayMax: 30,
        heartbeatSeconds: this.heartbeatSeconds,
        expireInSeconds: this.expireInSeconds,
      } as const;
      // createQueue does nothing when the queue exists (ON CONFLICT DO NOTHING), so processes may race
      // here; the update applies this process's timings to a queue made by an older deployment.
      await this.boss.createQueue(QUEUE, queue);
      await this.boss.updateQueue(QUEUE, { retryLimit: queue.retryLimit, retryBackoff: queue.retryBackoff, retryDelayMax: queue.retryDelayMax, heartbeatSeconds: queue.heartbeatSeconds, expireInSeconds: queue.expireInSeconds });
      this.state = "started";
    })();
    return this.starting;
  }

  async stop(options: { graceMs?: number } = {}): Promise<void> {
    const wasStarted = this.state !== "new";
    this.state = "stopped";
    if (!wasStarted) return;
    await this.starting?.catch(() => undefined);
    await this.runner.stop(options.graceMs ?? this.opts.graceMs);
    await this.boss.stop({ graceful: false, close: true });
  }

  private assertStarted(): void {
    if (this.state !== "started") throw new Error(`The job engine is ${this.state === "stopped" ? "stopped" : "not started"}`);
  }

  async enqueue(spec: EnqueueSpec, tx?: TxHandle): Promise<string> {
    this.assertStarted();
    assertSpec(spec);
    const payload: BossPayload = { kind: spec.kind, key: spec.key, maxAttempts: spec.maxAttempts ?? DEFAULT_MAX_ATTEMPTS, data: spec.data };
    const id = await this.boss.send(QUEUE, payload, {
      singletonKey: spec.key,
      priority: spec.priority,
      ...(spec.runAt ? { startAfter: spec.runAt } : {}),
      ...(tx ? { db: fromPrisma(tx as PrismaTransactionLike) } : {}),
    });
    if (!id) throw new Error(`pg-boss refused job ${spec.kind} for key ${spec.key}`);
    if (tx) {
      // created_on defaults to now(), the transaction's start: jobs sent in one transaction tie,
      // and pg-boss breaks the tie within a key by a random uuid. Give each its own instant so a
      // key's jobs sent together (a replay: the failed job, then the parked ones) keep their order.
      await (tx as { $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number> }).$executeRawUnsafe(
        `UPDATE "${this.schema}".job SET created_on = clock_timestamp() WHERE name = $1 AND id = $2::uuid`,
        QUEUE,
        id,
      );
    }
    this.runner.wake();
    if (tx) setTimeout(() => this.runner.wake(), 50).unref();
    return id;
  }

  async work(kind: string, handler: JobHandler, options: WorkOptions = {}): Promise<void> {
    this.assertStarted();
    this.runner.register(kind, handler, options.concurrency ?? 1);
  }

  async schedule(name: string, cron: string, spec: EnqueueSpec): Promise<void> {
    this.assertStarted();
    assertSpec(spec);
    assertScheduleName(name);
    assertCron(cron);
    const payload: BossPayload = { kind: spec.kind, key: spec.key, maxAttempts: spec.maxAttempts ?? DEFAULT_MAX_ATTEMPTS, data: spec.data };
    await this.boss.schedule(QUEUE, cron, payload, { key: name, tz: "UTC", singletonKey: spec.key, priority: spec.priority });
  }

  async unschedule(name: string): Promise<void> {
    this.assertStarted();
    await this.boss.unschedule(QUEUE, name);
  }

  async depth(): Promise<DepthRow[]> {
    this.assertStarted();
    // pg-boss counts per queue, not per kind (the kind is in the payload), so this reads its table.
    const { rows } = await this.boss.getDb().executeSql(
      `SELECT data->>'kind' AS kind, state::text AS state, count(*)::int AS count FROM "${this.schema}".job WHERE name = $1 GROUP BY 1, 2`,
      [QUEUE],
    );
    const totals = new Map<string, DepthRow>();
    for (const row of rows as { kind: string | null; state: string; count: number }[]) {
      const state = STATES[row.state];
      if (!state || !row.kind) continue;
      const id = `${row.kind}\u0000${state}`;
      const existing = totals.get(id);
      if (existing) existing.count += Number(row.count);
      else totals.set(id, { kind: row.kind, state, count: Number(row.count) });
    }
    return [...totals.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.state.localeCompare(b.state));
  }
}
