/**
 * Claiming and settling jobs in pg-boss. All jobs share one key_strict_fifo queue: the ordering
 * key is pg-boss's singletonKey, so a key's job is not fetched while an earlier one is active or
 * waiting to retry, and fetches take the highest priority first across kinds. pg-boss does not
 * decide when a job is dead (its retry limit is set far above maxAttempts): the runner does, and
 * a dead job is cancelled rather than failed, because a failed job would hold its key forever.
 * Every settle names the attempt (id + retryCount), so a lapsed claim settles nothing.
 */
import type { JobWithMetadata, PgBoss, Db as BossDb } from "pg-boss";
import type { JobData } from "../port";
import type { ClaimedJob, JobStore } from "../runner";

export const QUEUE = "connector-jobs";

/** What a pg-boss job carries: the port's fields that pg-boss has no column for. */
export interface BossPayload {
  kind: string;
  key: string;
  maxAttempts: number;
  data: JobData;
}

function outputMessage(output: unknown): string | null {
  if (output && typeof output === "object" && "message" in output && typeof output.message === "string") return output.message;
  return null;
}

export class PgBossJobStore implements JobStore {
  readonly heartbeatMs: number;

  constructor(
    private readonly boss: PgBoss,
    heartbeatSeconds: number,
  ) {
    this.heartbeatMs = (heartbeatSeconds * 1000) / 2;
  }

  async claim(): Promise<ClaimedJob | null> {
    const [job] = (await this.boss.fetch<BossPayload>(QUEUE, { batchSize: 1, includeMetadata: true })) as JobWithMetadata<BossPayload>[];
    if (!job) return null;
    return {
      id: job.id,
      kind: job.data.kind,
      key: job.data.key,
      priority: job.priority,
      data: job.data.data,
      attempt: job.retryCount + 1,
      maxAttempts: job.data.maxAttempts,
      lastError: outputMessage(job.output),
    };
  }

  private attempt(job: ClaimedJob) {
    return { id: job.id, retryCount: job.attempt - 1 };
  }

  async heartbeat(job: ClaimedJob): Promise<boolean> {
    const result = (await this.boss.touch(QUEUE, this.attempt(job))) as { affected?: number };
    return result.affected === 1;
  }

  async complete(job: ClaimedJob): Promise<void> {
    await this.boss.complete(QUEUE, this.attempt(job));
  }

  /** pg-boss's fail records the error and moves the job to retry; the delay is ours, to the millisecond. */
  async retry(job: ClaimedJob, delayMs: number, error: string, dying = false): Promise<void> {
    await this.inTransaction(async (db) => {
      if (!(await this.fail(job, error, db))) return;
      const payload: BossPayload | undefined = dying ? { kind: job.kind, key: job.key, data: job.data, maxAttempts: job.attempt } : undefined;
      await this.boss.update(QUEUE, payload, { id: job.id, startAfter: Math.max(0, delayMs) / 1000, db });
    });
  }

  async dead(job: ClaimedJob, error: string): Promise<void> {
    await this.inTransaction(async (db) => {
      if (!(await this.fail(job, error, db))) return;
      await this.boss.cancel(QUEUE, job.id, { db });
    });
  }

  private async fail(job: ClaimedJob, error: string, db: BossDb): Promise<boolean> {
    const result = (await this.boss.fail(QUEUE, this.attempt(job), { message: error }, { db })) as { affected?: number };
    return result.affected === 1;
  }

  private async inTransaction(body: (db: BossDb) => Promise<void>): Promise<void> {
    const begin = this.boss.getDb().beginTransaction;
    if (!begin) throw new Error("pg-boss's database does not support transactions");
    const tx = await begin.call(this.boss.getDb());
    try {
      await body(tx.db);
      await tx.commit();
    } catch (error) {
      await tx.rollback();
      throw error;
    }
  }
}
