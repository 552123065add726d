/**
 * The NetSuite call governor across processes, on PostgreSQL: every process that calls a NetSuite
 * account together stays within the account's concurrency limit. No tables: advisory locks and
 * LISTEN/NOTIFY only, so it needs no migration.
 *
 * An account has `limit` slots, each a session-level advisory lock (account hash, slot number).
 * A process holds its slots on one connection of its own, which also LISTENs: if the process
 * dies, the connection goes and every slot it held is free again. Per account, a process keeps
 * one FIFO queue of its waiters and one "pump" that tries for free slots on their behalf (one
 * query for as many slots as there are waiters), so a hundred waiters cost one query, not a
 * hundred polls. A release passes the slot straight to the next local waiter (a few times in a
 * row, then it goes back to PostgreSQL so other processes get their turn) or unlocks it and
 * NOTIFYs, which wakes the other processes' pumps at once; a slow poll covers a lost notification.
 *
 * Advisory locks are re-entrant within a session, so the pump never asks for a slot this process
 * already holds (they are excluded in the same query that takes the others).
 */
import crypto from "node:crypto";
import pg from "pg";
import type { Governor, Release } from "./index";

export interface PgGovernorOptions {
  /** How to connect: the governor keeps one connection for its locks and notifications. */
  connection: pg.ClientConfig;
  /** Fallback re-try when no notification comes (default 250 ms). */
  pollMs?: number;
  /** Consecutive passes of a slot inside the process before it goes back to PostgreSQL (default 8). */
  maxLocalHandoffs?: number;
}

const CHANNEL = "connector_netsuite_slots";

interface Held {
  slot: number;
  handoffs: number;
  /** The connection the lock lives on; a lock of a lost connection is already gone. */
  generation: number;
}

interface Waiter {
  grant(held: Held): void;
  fail(error: unknown): void;
}

interface AccountQueue {
  accountKey: string;
  key: number;
  limit: number;
  waiters: Waiter[];
  /** Slots this process holds now. */
  held: Set<number>;
  pumping: boolean;
  /** A slot may have come free while the pump was asking: ask again before sleeping. */
  dirty: boolean;
  wake?: () => void;
}

/** A stable 32-bit key for an account id. */
export function accountLockKey(accountKey: string): number {
  return crypto.createHash("sha256").update(`netsuite:${accountKey}`).digest().readInt32BE(0);
}

export class PgGovernor implements Governor {
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  private generation = 0;
  private readonly queues = new Map<string, AccountQueue>();
  private readonly byKey = new Map<string, AccountQueue>();
  private readonly pollMs: number;
  private readonly maxHandoffs: number;
  private closed = false;
  /** Queries on the one connection run one after another (pg 9 will not queue them for us). */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: PgGovernorOptions) {
    this.pollMs = opts.pollMs ?? 250;
    this.maxHandoffs = opts.maxLocalHandoffs ?? 8;
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client(this.opts.connection);
      client.on("notification", (n) => {
        const q = n.payload ? this.byKey.get(n.payload) : undefined;
        if (q) this.poke(q);
        else for (const each of this.queues.values()) this.poke(each);
      });
      client.on("error", () => this.lost(client));
      client.on("end", () => this.lost(client));
      try {
        await client.connect();
        await client.query(`LISTEN ${CHANNEL}`);
      } catch (e) {
        await client.end().catch(() => undefined);
        throw e;
      }
      this.generation++;
      this.client = client;
      return client;
    })().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /** The connection went, and with it every lock it held: forget them and let the pumps re-try. */
  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    for (const q of this.queues.values()) {
      q.held.clear();
      this.poke(q);
    }
  }

  private run<R extends pg.QueryResultRow>(client: pg.Client, sql: string, params: unknown[]): Promise<pg.QueryResult<R>> {
    const result = this.chain.then(() => client.query<R>(sql, params));
    this.chain = result.catch(() => undefined);
    return result;
  }

  private poke(q: AccountQueue): void {
    q.dirty = true;
    q.wake?.();
  }

  /** Connects ahead of the first call, so the first acquire does not pay for it. */
  async ready(): Promise<void> {
    await this.connect();
  }

  private queue(accountKey: string): AccountQueue {
    let q = this.queues.get(accountKey);
    if (!q) {
      const key = accountLockKey(accountKey);
      q = { accountKey, key, limit: 1, waiters: [], held: new Set(), pumping: false, dirty: false };
      this.queues.set(accountKey, q);
      this.byKey.set(String(key), q);
    }
    return q;
  }

  async acquire(accountKey: string, limit: number, signal?: AbortSignal): Promise<Release> {
    if (this.closed) throw new Error("The governor is closed");
    if (signal?.aborted) throw signal.reason ?? new Error("aborted");
    const q = this.queue(accountKey);
    q.limit = limit;
    const held = await new Promise<Held>((resolve, reject) => {
      const waiter: Waiter = {
        grant: (h) => {
          signal?.removeEventListener("abort", aborted);
          resolve(h);
        },
        fail: (e) => {
          signal?.removeEventListener("abort", aborted);
          reject(e);
        },
      };
      const aborted = () => {
        const i = q.waiters.indexOf(waiter);
        if (i >= 0) q.waiters.splice(i, 1);
        reject(signal?.reason ?? new Error("aborted"));
      };
      signal?.addEventListener("abort", aborted, { once: true });
      q.waiters.push(waiter);
      void this.pump(q);
    });
    return this.releaser(q, held);
  }

  /** Takes free slots for this process's waiters until none wait. One pump per account at a time. */
  private async pump(q: AccountQueue): Promise<void> {
    if (q.pumping) {
      q.dirty = true;
      return;
    }
    q.pumping = true;
    try {
      while (q.waiters.length > 0 && !this.closed) {
        q.dirty = false;
        const want = q.waiters.length;
        let got: number[] = [];
        let generation = this.generation;
        try {
          const client = await this.connect();
          generation = this.generation;
          got = await this.tryLock(client, q, want);
        } catch (e) {
          // PostgreSQL cannot be reached: the callers fail now (their retry policy decides)
          // rather than wait without end.
          for (const w of q.waiters.splice(0)) w.fail(e);
          break;
        }
        for (const slot of got) {
          q.held.add(slot);
          const w = q.waiters.shift();
          // A waiter gave up while we asked: the slot goes back at once.
          if (w) w.grant({ slot, handoffs: 0, generation });
          else await this.unlock(q, { slot, handoffs: 0, generation });
        }
        if (got.length < want && !q.dirty && q.waiters.length > 0) await this.sleep(q);
      }
    } finally {
      q.pumping = false;
    }
  }

  private async tryLock(client: pg.Client, q: AccountQueue, want: number): Promise<number[]> {
    const mine = [...q.held];
    if (mine.length >= q.limit) return [];
    // The CASE keeps the slots already ours from being "taken" again (advisory locks are
    // re-entrant); generate_series is read row by row, so LIMIT stops further locking.
    const r = await this.run<{ slot: number }>(
      client,
      "SELECT s AS slot FROM generate_series(0, $2::int - 1) AS s WHERE CASE WHEN s = ANY($3::int[]) THEN false ELSE pg_try_advisory_lock($1::int, s) END LIMIT $4",
      [q.key, q.limit, mine, Math.min(want, q.limit - mine.length)],
    );
    return r.rows.map((row) => row.slot);
  }

  private sleep(q: AccountQueue): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        q.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.pollMs);
      q.wake = done;
    });
  }

  private releaser(q: AccountQueue, held: Held): Release {
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      const next = held.handoffs < this.maxHandoffs && held.generation === this.generation ? q.waiters.shift() : undefined;
      if (next) next.grant({ ...held, handoffs: held.handoffs + 1 });
      else await this.unlock(q, held);
    };
  }

  private async unlock(q: AccountQueue, held: Held): Promise<void> {
    if (held.generation !== this.generation || !this.client) return; // that connection's locks are gone already
    q.held.delete(held.slot);
    try {
      await this.run(this.client, "SELECT pg_advisory_unlock($1::int, $2::int), pg_notify($3, $4)", [q.key, held.slot, CHANNEL, String(q.key)]);
    } catch {
      // The connection failed: its locks are gone with it (see lost()).
    }
    if (q.waiters.length > 0) void this.pump(q);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const q of this.queues.values()) q.wake?.();
    const client = this.client ?? (await this.connecting?.catch(() => undefined));
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
