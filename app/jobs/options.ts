/**
 * Settings shared by both adapters. Defaults suit production; tests shorten the intervals.
 */
import type { EngineHooks, RetryPolicy } from "./port";
import { DEFAULT_RETRY } from "./port";
import type { Logger } from "~/log.server";

export interface EngineOptions {
  hooks?: EngineHooks;
  retry?: RetryPolicy;
  /** How often an idle worker looks for work in the database (an in-process enqueue wakes it at once). */
  pollIntervalMs?: number;
  /** How long stop() waits for running handlers by default. */
  graceMs?: number;
  logger?: Logger;
  sqlite?: {
    /** A running job's lease; the heartbeat renews it every third of this. */
    leaseMs?: number;
    /** How often due cron schedules are checked. */
    cronIntervalMs?: number;
  };
  pgboss?: {
    /** pg-boss's own schema (default PGBOSS_SCHEMA or "pgboss"), apart from the app's tables. */
    schema?: string;
    /** A job whose heartbeat is older than this is retried (pg-boss minimum 10). */
    heartbeatSeconds?: number;
    /** Supervisor pass (heartbeat expiry) interval. */
    superviseIntervalSeconds?: number;
    /** Cron pass interval (1 to 45). */
    cronIntervalSeconds?: number;
    /** A handler running longer than this is treated as lost. */
    expireInSeconds?: number;
    poolMax?: number;
  };
}

export interface ResolvedOptions {
  hooks: EngineHooks;
  retry: RetryPolicy;
  pollIntervalMs: number;
  graceMs: number;
}

export function resolveCommon(options: EngineOptions, defaultPollMs: number): ResolvedOptions {
  return {
    hooks: options.hooks ?? {},
    retry: options.retry ?? DEFAULT_RETRY,
    pollIntervalMs: options.pollIntervalMs ?? defaultPollMs,
    graceMs: options.graceMs ?? 10_000,
  };
}
