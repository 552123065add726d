/**
 * The in-process half of a job engine, shared by both adapters: a claim loop that fills the
 * registered kinds' slots, runs handlers with an abort signal and a heartbeat, and settles each
 * attempt (complete, retry with backoff, or dead through the onDead hook). The adapters only
 * supply a JobStore: how to claim, renew and settle a job in their database.
 */
import type { Logger } from "~/log.server";
import { PermanentJobError, retryDelayMs, type DeadJob, type JobContext, type JobHandler } from "./port";
import type { ResolvedOptions } from "./options";

/** One claimed attempt of a job. `attempt` counts claims, so a lost lease counts too. */
export interface ClaimedJob extends Omit<JobContext, "signal"> {
  /** The previous attempt's error, for a job that dies without running again. */
  lastError: string | null;
}

export interface JobStore {
  /** How often a running job's lease is renewed. */
  readonly heartbeatMs: number;
  /** Claims the next runnable job, ideally among `kinds` (a store that cannot filter may return any kind). */
  claim(kinds: string[]): Promise<ClaimedJob | null>;
  /** Renews the lease; false when this attempt no longer holds the job. */
  heartbeat(job: ClaimedJob): Promise<boolean>;
  complete(job: ClaimedJob): Promise<void>;
  /**
   * Back to waiting, runnable again after `delayMs`; the key stays held. `dying`: the job is
   * already dead (its onDead hook failed), so its next claim must find it out of attempts.
   */
  retry(job: ClaimedJob, delayMs: number, error: string, dying?: boolean): Promise<void>;
  /** Finished for good; the key moves on. */
  dead(job: ClaimedJob, error: string): Promise<void>;
}

interface Registration {
  handler: JobHandler;
  concurrency: number;
  running: number;
  waiting: (() => void)[];
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === "string" ? error : JSON.stringify(error) ?? String(error);
}

function isPermanent(error: unknown): boolean {
  return error instanceof PermanentJobError || (error instanceof Error && error.name === "PermanentJobError");
}

export class Runner {
  private readonly kinds = new Map<string, Registration>();
  private readonly inflight = new Set<Promise<void>>();
  private readonly stopController = new AbortController();
  private stopping = false;
  private loopDone: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private wakePending = false;

  constructor(
    private readonly store: JobStore,
    private readonly opts: ResolvedOptions,
    private readonly log: Logger,
  ) {}

  register(kind: string, handler: JobHandler, concurrency: number): void {
    if (this.stopping) throw new Error("The job engine is stopped");
    const existing = this.kinds.get(kind);
    this.kinds.set(kind, { handler, concurrency: Math.max(1, Math.floor(concurrency)), running: existing?.running ?? 0, waiting: existing?.waiting ?? [] });
    if (!this.loopDone) this.loopDone = this.loop();
    else this.wake();
  }

  /** Makes an idle loop look for work now (after an enqueue in this process, or a freed slot). */
  wake(): void {
    const wake = this.wakeUp;
    this.wakeUp = undefined;
    if (wake) wake();
    else this.wakePending = true;
  }

  async stop(graceMs: number): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.stopController.abort(new Error("The job engine is stopping"));
    this.wake();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.allSettled([...this.inflight, this.loopDone]), grace]);
    clearTimeout(timer);
    if (this.inflight.size > 0) this.log.warn("job engine stopped with handlers still running", { running: this.inflight.size });
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.fill();
      } catch (error) {
        this.log.error("job claim failed", { error: errorMessage(error) });
      }
      await this.sleep(this.opts.pollIntervalMs);
    }
  }

  private capacity(): number {
    let total = 0;
    for (const r of this.kinds.values()) total += r.concurrency;
    return total;
  }

  private async fill(): Promise<void> {
    while (!this.stopping && this.inflight.size < this.capacity()) {
      const free = [...this.kinds].filter(([, r]) => r.running + r.waiting.length < r.concurrency).map(([kind]) => kind);
      if (free.length === 0) return;
      const job = await this.store.claim(free);
      if (!job) return;
      if (this.stopping) {
        await this.store.retry(job, 0, "The job engine stopped before the job ran");
        return;
      }
      const run: Promise<void> = this.execute(job).finally(() => {
        this.inflight.delete(run);
        this.wake();
      });
      this.inflight.add(run);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.wakePending || this.stopping) {
      this.wakePending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        if (self.wakeUp === done) self.wakeUp = undefined;
        resolve();
      }
      this.wakeUp = done;
    });
  }

  private async acquire(r: Registration): Promise<void> {
    if (r.running < r.concurrency) {
      r.running++;
      return;
    }
    // Only a store that cannot filter by kind gets here: the job waits, still leased, for a slot.
    await new Promise<void>((resolve) => r.waiting.push(resolve));
  }

  private release(r: Registration): void {
    const next = r.waiting.shift();
    if (next) next();
    else r.running--;
  }

  private async execute(job: ClaimedJob): Promise<void> {
    const log = this.log.child({ jobId: job.id, kind: job.kind, key: job.key, attempt: job.attempt });
    const controller = new AbortController();
    const onStop = () => controller.abort(this.stopController.signal.reason);
    this.stopController.signal.addEventListener("abort", onStop, { once: true });
    let leaseLost = false;
    const heartbeat = setInterval(() => {
      this.store
        .heartbeat(job)
        .then((held) => {
          if (!held && !leaseLost) {
            leaseLost = true;
            log.warn("job lease lost; another worker may run it");
            controller.abort(new Error("The job's lease was lost"));
          }
        })
        .catch((error) => log.warn("job heartbeat failed", { error: errorMessage(error) }));
    }, this.store.heartbeatMs);
    heartbeat.unref();
    try {
      if (job.attempt > job.maxAttempts) {
        // Its last attempt was lost (lease expired) or its onDead hook failed: it dies without running again.
        await this.die(job, new Error(job.lastError ?? "Out of attempts"), job.attempt - 1, log);
        return;
      }
      const registration = this.kinds.get(job.kind);
      if (!registration) {
        await this.store.retry(job, retryDelayMs(job.attempt, this.opts.retry), `No handler for kind ${job.kind} in this process`);
        return;
      }
      await this.acquire(registration);
      let failed = false;
      let error: unknown;
      try {
        await registration.handler({ ...job, signal: controller.signal });
      } catch (e) {
        failed = true;
        error = e;
      } finally {
        this.release(registration);
      }
      if (leaseLost) return;
      if (!failed) {
        await this.store.complete(job);
        return;
      }
      const message = errorMessage(error);
      if (isPermanent(error) || job.attempt >= job.maxAttempts) {
        await this.die(job, error, job.attempt, log);
        return;
      }
      const delayMs = retryDelayMs(job.attempt, this.opts.retry);
      log.warn("job failed; will retry", { error: message, maxAttempts: job.maxAttempts, delayMs });
      await this.store.retry(job, delayMs, message);
    } catch (error) {
      // The lease runs out and the job is run again: nothing is lost.
      log.error("job settle failed", { error: errorMessage(error) });
    } finally {
      clearInterval(heartbeat);
      this.stopController.signal.removeEventListener("abort", onStop);
    }
  }

  /** The hook runs while the job still holds its key, so what it records is in place before the key's next job. */
  private async die(job: ClaimedJob, error: unknown, attempts: number, log: Logger): Promise<void> {
    const message = errorMessage(error);
    const dead: DeadJob = { id: job.id, kind: job.kind, key: job.key, priority: job.priority, data: job.data, attempts, error };
    try {
      await this.opts.hooks.onDead?.(dead);
    } catch (hookError) {
      log.error("onDead hook failed; the job will be retried", { error: errorMessage(hookError), jobError: message });
      await this.store.retry(job, retryDelayMs(job.attempt, this.opts.retry), message, true);
      return;
    }
    await this.store.dead(job, message);
    log.error("job dead", { error: message, attempts, permanent: isPermanent(error) });
  }
}
