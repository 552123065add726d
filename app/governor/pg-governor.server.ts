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
/** Consecutive passes of one slot inside a process before it goes back to PostgreSQL. */
const MAX_LOCAL_HANDOFFS = 8;

interface Held {
  key: number;
  slot: number;
  client: pg.PoolClient;
  handoffs: number;
}

/** A stable 32-bit key for an account id. */
export function accountLockKey(accountKey: string): number {
  return crypto.createHash("sha256").update(`netsuite:${accountKey}`).digest().readInt32BE(0);
}

export class PgGovernor {
  private listener: pg.Client | undefined;
  private wakers = new Set<() => void>();
  /** This process's waiters per account, to pass a released slot to directly. */
  private local = new Map<string, ((held: Held) => void)[]>();
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

  /** Connects the listener ahead of the first call, so the first acquire does not pay for it. */
  async ready(): Promise<void> {
    await this.listen();
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
      let slot = -1;
      try {
        // One round trip tries the slots in turn (from a random start) and stops at the first
        // it gets: generate_series is read row by row, so later slots are not locked.
        const r = await client.query<{ slot: number }>(
          "SELECT slot FROM (SELECT (($3::int + s) % $2::int) AS slot FROM generate_series(0, $2::int - 1) AS s) t WHERE pg_try_advisory_lock($1::int, t.slot) LIMIT 1",
          [key, limit, offset],
        );
        if (r.rows[0]) slot = r.rows[0].slot;
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
      if (slot >= 0) return this.releaser(accountKey, { key, slot, client, handoffs: 0 });
      client.release();
      const handed = await this.waitForSlot(accountKey, signal);
      if (handed) return this.releaser(accountKey, handed);
    }
  }

  /**
   * Releasing passes the slot straight to a waiter in this process when there is one (no
   * unlock, notify and relock round trips); after a few such passes it goes back to PostgreSQL
   * so other processes' waiters get their turn.
   */
  private releaser(accountKey: string, held: Held): Release {
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      const queue = this.local.get(accountKey);
      const next = held.handoffs < MAX_LOCAL_HANDOFFS ? queue?.shift() : undefined;
      if (next) {
        next({ ...held, handoffs: held.handoffs + 1 });
        return;
      }
      try {
        await held.client.query("SELECT pg_advisory_unlock($1, $2)", [held.key, held.slot]);
        await held.client.query(`NOTIFY ${CHANNEL}`);
        held.client.release();
      } catch (error) {
        // Dropping the connection frees the lock too.
        held.client.release(error as Error);
      }
    };
  }

  /** Resolves with a slot handed over in this process, or null when it is worth trying again. */
  private waitForSlot(accountKey: string, signal?: AbortSignal): Promise<Held | null> {
    return new Promise((resolve) => {
      let queue = this.local.get(accountKey);
      if (!queue) this.local.set(accountKey, (queue = []));
      const q = queue;
      const finish = (held: Held | null) => {
        clearTimeout(timer);
        this.wakers.delete(retry);
        signal?.removeEventListener("abort", retry);
        const i = q.indexOf(handoff);
        if (i >= 0) q.splice(i, 1);
        resolve(held);
      };
      const handoff = (held: Held) => finish(held);
      const retry = () => finish(null);
      const timer = setTimeout(retry, this.pollMs);
      q.push(handoff);
      this.wakers.add(retry);
      signal?.addEventListener("abort", retry, { once: true });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wake of [...this.wakers]) wake();
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }
}
