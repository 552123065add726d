/**
 * The NetSuite call governor across processes, on PostgreSQL: every process that calls a NetSuite
 * account together stays within the account's concurrency limit.
 *
 * An in-flight call holds one of `limit` slots, each a PostgreSQL session-level advisory lock
 * (account hash, slot number) on a connection of its own. A process that dies loses its
 * connections and so its slots: nothing leaks. A released slot is announced with NOTIFY so
 * waiters in other processes try again at once; they also re-poll every `pollMs`, so a missed
 * notification only costs a little time.
 */
import crypto from "node:crypto";
import pg from "pg";

export type Release = () => Promise<void>;

export interface PgGovernorOptions {
  pool: pg.Pool;
  /** A connection for LISTEN; made from the same config as the pool. */
  listenConfig: pg.ClientConfig;
  pollMs?: number;
}

const CHANNEL = "connector_netsuite_slots";

/** A stable 32-bit key for an account id. */
export function accountLockKey(accountKey: string): number {
  return crypto.createHash("sha256").update(`netsuite:${accountKey}`).digest().readInt32BE(0);
}

export class PgGovernor {
  private listener: pg.Client | undefined;
  private wakers = new Set<() => void>();
  private readonly pollMs: number;
  private closed = false;

  constructor(private readonly opts: PgGovernorOptions) {
    this.pollMs = opts.pollMs ?? 25;
  }

  private async listen(): Promise<void> {
    if (this.listener) return;
    const client = new pg.Client(this.opts.listenConfig);
    this.listener = client;
    await client.connect();
    client.on("notification", () => {
      for (const wake of [...this.wakers]) wake();
    });
    client.on("error", () => {
      // A lost listener only slows waiters down to polling; reconnect on next acquire.
      this.listener = undefined;
    });
    await client.query(`LISTEN ${CHANNEL}`);
  }

  /** Waits for a free slot of the account; resolves with its release. */
  async acquire(accountKey: string, limit: number, signal?: AbortSignal): Promise<Release> {
    await this.listen().catch(() => undefined);
    const key = accountLockKey(accountKey);
    // Start at a random slot so processes do not all queue on slot 0.
    const offset = crypto.randomInt(0, Math.max(1, limit));
    for (;;) {
      if (signal?.aborted) throw signal.reason ?? new Error("aborted");
      if (this.closed) throw new Error("governor closed");
      const client = await this.opts.pool.connect();
      let held = -1;
      try {
        for (let i = 0; i < limit && held < 0; i++) {
          const slot = (offset + i) % limit;
          const r = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS ok", [key, slot]);
          if (r.rows[0]?.ok) held = slot;
        }
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
      if (held >= 0) {
        let released = false;
        return async () => {
          if (released) return;
          released = true;
          try {
            await client.query("SELECT pg_advisory_unlock($1, $2)", [key, held]);
            await client.query(`NOTIFY ${CHANNEL}`);
            client.release();
          } catch (error) {
            // Dropping the connection frees the lock too.
            client.release(error as Error);
          }
        };
      }
      client.release();
      await this.waitForRelease(signal);
    }
  }

  private waitForRelease(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, this.pollMs);
      this.wakers.add(done);
      signal?.addEventListener("abort", done, { once: true });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wake of [...this.wakers]) wake();
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }
}
