/**
 * The job engine's port: what the app asks of a job engine, whichever adapter serves it.
 *
 * Glossary
 * - job: one unit of background work, of a `kind`, with JSON `data`.
 * - ordering key: jobs sharing a key run one at a time, in the order they were enqueued
 *   (e.g. every job about one Shopify order); a job waits while an earlier job of its key is
 *   unfinished (queued, running, or waiting to retry). Different keys run in parallel.
 * - priority: higher runs first among ready jobs of different keys (see PRIORITY). Priority never
 *   reorders jobs within one key.
 * - attempt: one run of a handler. A handler that throws is retried with exponential backoff and
 *   jitter up to `maxAttempts`; a PermanentJobError is not retried.
 * - dead: a job that failed permanently or ran out of attempts. The engine hands it to the
 *   `onDead` hook (which turns it into an Exception a merchant can act on) and moves on.
 * - lease: a running job is held by one process for a while; a job whose holder died (lease or
 *   heartbeat expired) is run again.
 * - cron schedule: a named schedule that enqueues a job of a kind at times given by a 5-field
 *   cron expression (UTC).
 *
 * Adapters: `sqlite` (embedded, one process runs web and worker, jobs in the app's database)
 * and `pgboss` (pg-boss 12 on PostgreSQL, many processes). Both pass test/jobs/port.*.test.ts.
 */

/** Priorities, highest first. Changes to orders already in NetSuite must never wait behind new orders. */
export const PRIORITY = Object.freeze({
  orderChange: 50,
  orderNew: 40,
  refund: 30,
  payout: 20,
  inventory: 10,
  maintenance: 0,
} as const);

export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };
export type JobData = { [k: string]: JsonValue };

export interface EnqueueSpec {
  kind: string;
  /** Ordering key: jobs with the same key run one at a time, FIFO. */
  key: string;
  priority: number;
  data: JobData;
  /** Run no earlier than this. */
  runAt?: Date;
  /** Attempts before the job is dead (default 5). */
  maxAttempts?: number;
}

/** What a handler receives. */
export interface JobContext {
  id: string;
  kind: string;
  key: string;
  priority: number;
  data: JobData;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
  /** Aborted when the engine stops or the job's lease is lost. */
  signal: AbortSignal;
}

export type JobHandler = (job: JobContext) => Promise<void>;

/** Thrown by a handler for a failure no retry can fix (bad data, a mapping missing). */
export class PermanentJobError extends Error {
  override name = "PermanentJobError";
  constructor(
    message: string,
    readonly code: string = "permanent",
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A job that will not run again by itself: failed permanently or out of attempts. */
export interface DeadJob {
  id: string;
  kind: string;
  key: string;
  priority: number;
  data: JobData;
  attempts: number;
  error: unknown;
}

export type JobState = "queued" | "running" | "retry" | "completed" | "dead";

export interface DepthRow {
  kind: string;
  state: JobState;
  count: number;
}

/**
 * A transaction handle the adapter can enqueue inside, so that a job is stored in the same
 * transaction as the row that caused it (a webhook delivery): neither exists without the other.
 * It is the Prisma interactive-transaction client.
 */
export type TxHandle = unknown;

export interface WorkOptions {
  /** Jobs of this kind run at once in this process (default 1). */
  concurrency?: number;
}

export interface JobEngine {
  readonly adapter: "sqlite" | "pgboss";
  /** Must be called before enqueue/work. Idempotent. */
  start(): Promise<void>;
  /** Stops fetching, waits for running handlers (up to a grace period), releases resources. */
  stop(options?: { graceMs?: number }): Promise<void>;
  enqueue(spec: EnqueueSpec, tx?: TxHandle): Promise<string>;
  /** Registers the handler for a kind and starts running jobs of that kind. */
  work(kind: string, handler: JobHandler, options?: WorkOptions): Promise<void>;
  /** Creates or replaces a named cron schedule (5-field, UTC) that enqueues `spec`. */
  schedule(name: string, cron: string, spec: EnqueueSpec): Promise<void>;
  unschedule(name: string): Promise<void>;
  /** Queue depth per kind and state, for the dashboard and the benchmark. */
  depth(): Promise<DepthRow[]>;
}

export interface EngineHooks {
  /** Called once when a job is dead. Must not throw (errors are logged). */
  onDead?: (job: DeadJob) => Promise<void>;
}

export interface RetryPolicy {
  /** First retry delay in ms; doubles each attempt, with full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseDelayMs: 2_000, maxDelayMs: 10 * 60_000 };

/** Exponential backoff with jitter: a random delay in [d/2, d] where d = base·2^(attempt-1), capped. */
export function retryDelayMs(attempt: number, policy: RetryPolicy = DEFAULT_RETRY, random: () => number = Math.random): number {
  const d = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(20, Math.max(0, attempt - 1)));
  return Math.round(d / 2 + (d / 2) * random());
}
