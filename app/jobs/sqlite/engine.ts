/**
 * The embedded job engine: jobs in the app's SQLite database, worked by the same process that
 * serves the web app. A job enqueued with the caller's Prisma transaction commits with its rows.
 */
import crypto from "node:crypto";
import os from "node:os";
import { db, type Db } from "~/db.server";
import { createLogger } from "~/log.server";
import type { DepthRow, EnqueueSpec, JobEngine, JobHandler, JobState, TxHandle, WorkOptions } from "../port";
import { resolveCommon, type EngineOptions, type ResolvedOptions } from "../options";
import { errorMessage, Runner } from "../runner";
import { assertScheduleName, assertSpec, DEFAULT_MAX_ATTEMPTS } from "../spec";
import { SqliteJobStore } from "./store";
import { deleteSchedule, saveSchedule, tickSchedules } from "./schedules";

const JOB_STATES: readonly JobState[] = ["queued", "running", "retry", "completed", "dead"];

export class SqliteJobEngine implements JobEngine {
  readonly adapter = "sqlite" as const;
  private readonly opts: ResolvedOptions;
  private readonly runner: Runner;
  private readonly log;
  private readonly cronIntervalMs: number;
  private state: "new" | "started" | "stopped" = "new";
  private cronTimer: NodeJS.Timeout | undefined;
  private ticking: Promise<unknown> | undefined;

  constructor(options: EngineOptions = {}) {
    this.opts = resolveCommon(options, 500);
    this.log = (options.logger ?? createLogger({ app: "connector" })).child({ component: "jobs", adapter: "sqlite" });
    const workerId = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;
    this.runner = new Runner(new SqliteJobStore(workerId, options.sqlite?.leaseMs ?? 60_000), this.opts, this.log);
    this.cronIntervalMs = options.sqlite?.cronIntervalMs ?? 5_000;
  }

  async start(): Promise<void> {
    if (this.state === "started") return;
    if (this.state === "stopped") throw new Error("A stopped job engine cannot start again");
    this.state = "started";
    this.cronTimer = setInterval(() => this.tick(), this.cronIntervalMs);
    this.cronTimer.unref();
    this.tick();
  }

  private tick(): void {
    if (this.ticking || this.state !== "started") return;
    this.ticking = tickSchedules((spec, tx) => this.insert(spec, tx), this.log)
      .then((fired) => fired > 0 && this.runner.wake())
      .catch((error) => this.log.error("cron tick failed", { error: errorMessage(error) }))
      .finally(() => (this.ticking = undefined));
  }

  async stop(options: { graceMs?: number } = {}): Promise<void> {
    if (this.state !== "started") {
      this.state = "stopped";
      return;
    }
    this.state = "stopped";
    clearInterval(this.cronTimer);
    await this.runner.stop(options.graceMs ?? this.opts.graceMs);
    await this.ticking;
  }

  private assertStarted(): void {
    if (this.state !== "started") throw new Error(`The job engine is ${this.state === "new" ? "not started" : "stopped"}`);
  }

  async enqueue(spec: EnqueueSpec, tx?: TxHandle): Promise<string> {
    this.assertStarted();
    const id = await this.insert(spec, tx as Db | undefined);
    this.runner.wake();
    // A job enqueued inside a transaction is visible only once the caller commits.
    if (tx) setTimeout(() => this.runner.wake(), 50).unref();
    return id;
  }

  private async insert(spec: EnqueueSpec, tx?: Pick<Db, "job">): Promise<string> {
    assertSpec(spec);
    const row = await (tx ?? db()).job.create({
      data: {
        kind: spec.kind,
        key: spec.key,
        priority: spec.priority,
        data: JSON.stringify(spec.data),
        maxAttempts: spec.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        runAt: spec.runAt ?? new Date(),
      },
      select: { seq: true },
    });
    return String(row.seq);
  }

  async work(kind: string, handler: JobHandler, options: WorkOptions = {}): Promise<void> {
    this.assertStarted();
    this.runner.register(kind, handler, options.concurrency ?? 1);
  }

  async schedule(name: string, cron: string, spec: EnqueueSpec): Promise<void> {
    this.assertStarted();
    assertSpec(spec);
    assertScheduleName(name);
    await saveSchedule(name, cron, spec);
    this.tick();
  }

  async unschedule(name: string): Promise<void> {
    this.assertStarted();
    await deleteSchedule(name);
  }

  async depth(): Promise<DepthRow[]> {
    const groups = await db().job.groupBy({ by: ["kind", "state"], _count: { _all: true }, orderBy: [{ kind: "asc" }, { state: "asc" }] });
    return groups
      .filter((g) => (JOB_STATES as readonly string[]).includes(g.state))
      .map((g) => ({ kind: g.kind, state: g.state as JobState, count: g._count._all }));
  }
}
