/**
 * The process's job engine: embedded on SQLite, pg-boss on PostgreSQL (see app/jobs). Dead jobs
 * become exceptions through the onDead hook.
 */
import { createJobEngine } from "~/jobs";
import { DEFAULT_RETRY, type JobEngine } from "~/jobs/port";
import { env } from "~/config/env.server";
import { db } from "~/db.server";
import { logger } from "~/log.server";
import { deadJobRecorder } from "~/exceptions/exceptions.server";

let engine: Promise<JobEngine> | undefined;

export function jobEngine(): Promise<JobEngine> {
  engine ??= (async () => {
    const t = env().tuning;
    const e = createJobEngine({
      hooks: { onDead: deadJobRecorder(db) },
      logger: logger.child({ component: "jobs" }),
      ...(t.jobRetryBaseMs ? { retry: { ...DEFAULT_RETRY, baseDelayMs: t.jobRetryBaseMs, maxDelayMs: Math.min(DEFAULT_RETRY.maxDelayMs, t.jobRetryBaseMs * 32) } } : {}),
      ...(t.jobLeaseMs ? { sqlite: { leaseMs: t.jobLeaseMs } } : {}),
      pgboss: { ...(t.jobHeartbeatSeconds ? { heartbeatSeconds: t.jobHeartbeatSeconds } : {}), ...(t.jobSuperviseSeconds ? { superviseIntervalSeconds: t.jobSuperviseSeconds } : {}) },
    });
    await e.start();
    return e;
  })();
  return engine;
}

export async function stopJobEngine(): Promise<void> {
  if (!engine) return;
  const e = await engine;
  engine = undefined;
  await e.stop();
}
