/** The governor within one process: a strict FIFO semaphore per account. */
import type { Governor, Release } from "./index";

interface Slot {
  inFlight: number;
  /** Each waiter is handed the slot directly on release, so no newcomer can jump the queue. */
  waiters: (() => void)[];
}

export class MemoryGovernor implements Governor {
  private readonly accounts = new Map<string, Slot>();

  async acquire(accountKey: string, limit: number, signal?: AbortSignal): Promise<Release> {
    let slot = this.accounts.get(accountKey);
    if (!slot) this.accounts.set(accountKey, (slot = { inFlight: 0, waiters: [] }));
    const s = slot;
    if (signal?.aborted) throw signal.reason ?? new Error("aborted");
    if (s.inFlight < limit) s.inFlight++;
    else {
      await new Promise<void>((resolve, reject) => {
        const granted = () => {
          signal?.removeEventListener("abort", aborted);
          resolve();
        };
        const aborted = () => {
          const i = s.waiters.indexOf(granted);
          if (i >= 0) s.waiters.splice(i, 1);
          reject(signal?.reason ?? new Error("aborted"));
        };
        s.waiters.push(granted);
        signal?.addEventListener("abort", aborted, { once: true });
      });
    }
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      const next = s.waiters.shift();
      // The slot passes to the next waiter (inFlight unchanged) or is freed.
      if (next) next();
      else s.inFlight--;
    };
  }

  /** Calls in flight now, per account (for metrics and tests). */
  inFlight(accountKey: string): number {
    return this.accounts.get(accountKey)?.inFlight ?? 0;
  }

  waiting(accountKey: string): number {
    return this.accounts.get(accountKey)?.waiters.length ?? 0;
  }
}
