/**
 * Claiming and settling jobs in the app's SQLite database. A claim is one UPDATE … RETURNING,
 * which SQLite runs under its single writer lock, so two processes never claim the same job.
 * Every settle is fenced on (worker, attempt, running): a worker whose lease expired and was
 * taken over cannot overwrite the new attempt.
 */
import { db } from "~/db.server";
import type { JobData } from "../port";
import type { ClaimedJob, JobStore } from "../runner";

interface ClaimRow {
  seq: number | bigint;
  kind: string;
  key: string;
  priority: number | bigint;
  data: string;
  attempts: number | bigint;
  maxAttempts: number | bigint;
  lastError: string | null;
}

// The head of a key is its lowest unfinished seq: a job waits while an earlier one of its key is
// queued, running (even with an expired lease, which is claimable itself) or waiting to retry.
const claimSql = (kindCount: number) => `
UPDATE "Job" SET "state" = 'running', "attempts" = "attempts" + 1, "leasedBy" = ?, "leaseUntil" = ?, "updatedAt" = ?
WHERE "seq" = (
  SELECT j."seq" FROM "Job" j
  WHERE j."kind" IN (${Array.from({ length: kindCount }, () => "?").join(", ")})
    AND ((j."state" IN ('queued', 'retry') AND j."runAt" <= ?) OR (j."state" = 'running' AND j."leaseUntil" < ?))
    AND NOT EXISTS (
      SELECT 1 FROM "Job" e
      WHERE e."key" = j."key" AND e."seq" < j."seq" AND e."state" IN ('queued', 'running', 'retry')
    )
  ORDER BY j."priority" DESC, j."seq" ASC
  LIMIT 1
)
RETURNING "seq", "kind", "key", "priority", "data", "attempts", "maxAttempts", "lastError"`;

export class SqliteJobStore implements JobStore {
  readonly heartbeatMs: number;

  constructor(
    private readonly workerId: string,
    private readonly leaseMs: number,
  ) {
    this.heartbeatMs = Math.max(50, Math.floor(leaseMs / 3));
  }

  async claim(kinds: string[]): Promise<ClaimedJob | null> {
    if (kinds.length === 0) return null;
    const now = new Date();
    // Prisma stores SQLite DateTime as ISO-8601 text, so ISO strings compare in time order.
    const nowIso = now.toISOString();
    const rows = await db().$queryRawUnsafe<ClaimRow[]>(
      claimSql(kinds.length),
      this.workerId,
      new Date(now.getTime() + this.leaseMs).toISOString(),
      nowIso,
      ...kinds,
      nowIso,
      nowIso,
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: String(row.seq),
      kind: row.kind,
      key: row.key,
      priority: Number(row.priority),
      data: JSON.parse(row.data) as JobData,
      attempt: Number(row.attempts),
      maxAttempts: Number(row.maxAttempts),
      lastError: row.lastError,
    };
  }

  private held(job: ClaimedJob) {
    return { seq: Number(job.id), state: "running", leasedBy: this.workerId, attempts: job.attempt };
  }

  async heartbeat(job: ClaimedJob): Promise<boolean> {
    const { count } = await db().job.updateMany({ where: this.held(job), data: { leaseUntil: new Date(Date.now() + this.leaseMs) } });
    return count === 1;
  }

  async complete(job: ClaimedJob): Promise<void> {
    await db().job.updateMany({ where: this.held(job), data: { state: "completed", leasedBy: null, leaseUntil: null } });
  }

  async retry(job: ClaimedJob, delayMs: number, error: string, dying = false): Promise<void> {
    await db().job.updateMany({
      where: this.held(job),
      data: {
        state: "retry",
        runAt: new Date(Date.now() + delayMs),
        lastError: error,
        leasedBy: null,
        leaseUntil: null,
        ...(dying ? { maxAttempts: job.attempt } : {}),
      },
    });
  }

  async dead(job: ClaimedJob, error: string): Promise<void> {
    await db().job.updateMany({ where: this.held(job), data: { state: "dead", lastError: error, leasedBy: null, leaseUntil: null } });
  }
}
