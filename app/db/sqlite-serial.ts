/**
 * SQLite through one better-sqlite3 connection, with every statement taking its turn.
 *
 * The better-sqlite3 adapter serialises interactive transactions among themselves, but a query
 * made outside a transaction runs straight on the same connection: while a transaction is open
 * it reads that transaction's uncommitted rows and its writes join (and roll back with) it. The
 * job runner polling while a webhook's transaction was still open ran the job before its
 * delivery was committed. Here a statement outside a transaction waits for any open
 * transaction to end, and a transaction waits for statements before it.
 */
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlMigrationAwareDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";

type Release = () => void;

class Turns {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves when it is the caller's turn; the caller must release. */
  take(): Promise<Release> {
    let release!: Release;
    const mine = new Promise<void>((r) => (release = r));
    const before = this.tail;
    this.tail = before.then(() => mine);
    return before.then(() => release);
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.take();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

export function bindAll<T extends object>(target: T, overrides: Partial<Record<keyof T, unknown>>): T {
  // Adapters keep state in #private fields: their methods must run with the real object as `this`.
  return new Proxy(target, {
    get(t, prop) {
      if (prop in overrides) return overrides[prop as keyof T];
      const v = Reflect.get(t, prop, t);
      return typeof v === "function" ? v.bind(t) : v;
    },
  });
}

function serialTransaction(tx: Transaction, release: Release): Transaction {
  let released = false;
  const done = () => {
    if (!released) {
      released = true;
      release();
    }
  };
  return bindAll(tx, {
    commit: async () => {
      try {
        await tx.commit();
      } finally {
        done();
      }
    },
    rollback: async () => {
      try {
        await tx.rollback();
      } finally {
        done();
      }
    },
  });
}

function serialAdapter(inner: SqlDriverAdapter): SqlDriverAdapter {
  const turns = new Turns();
  return bindAll(inner, {
    queryRaw: (q: Parameters<SqlDriverAdapter["queryRaw"]>[0]) => turns.run(() => inner.queryRaw(q)),
    executeRaw: (q: Parameters<SqlDriverAdapter["executeRaw"]>[0]) => turns.run(() => inner.executeRaw(q)),
    executeScript: (s: string) => turns.run(() => inner.executeScript(s)),
    startTransaction: async (level?: Parameters<SqlDriverAdapter["startTransaction"]>[0]) => {
      const release = await turns.take();
      try {
        return serialTransaction(await inner.startTransaction(level), release);
      } catch (error) {
        release();
        throw error;
      }
    },
  });
}

/**
 * Prepared statements kept per SQL text. The adapter prepares every statement anew (a few
 * hundred microseconds each, a good part of a webhook's cost) and binds it once; here the
 * connection hands it a light stand-in over one cached statement, bound per call instead.
 * Statements run synchronously and the connection takes turns, so no two uses overlap.
 */
interface BetterStatement {
  reader: boolean;
  run(args: unknown[]): unknown;
  columns(): unknown[];
  raw(on: boolean): { all(args: unknown[]): unknown[] };
}
const CACHE_LIMIT = 1000;

function cacheStatements(adapter: unknown): void {
  const client = (adapter as { client?: { prepare?: (sql: string) => BetterStatement; __statementCache?: boolean } }).client;
  if (!client || typeof client.prepare !== "function" || client.__statementCache) return;
  const prepare = client.prepare.bind(client);
  const cache = new Map<string, BetterStatement>();
  client.__statementCache = true;
  client.prepare = (sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = prepare(sql);
      if (cache.size < CACHE_LIMIT) cache.set(sql, stmt);
    }
    const s = stmt;
    const bound = (args: unknown[]) => ({
      reader: s.reader,
      run: () => s.run(args),
      columns: () => s.columns(),
      raw: () => ({ all: () => s.raw(true).all(args) }),
    });
    return { reader: s.reader, bind: (args: unknown[]) => bound(args), run: () => s.run([]), columns: () => s.columns() } as unknown as BetterStatement;
  };
}

/** Wraps a better-sqlite3 adapter factory so that each connection it makes takes turns. */
/**
 * WAL: readers do not block the writer and a commit appends to the log (one fsync) instead of
 * rewriting pages through a rollback journal. synchronous stays FULL: an acknowledged webhook
 * must survive a power cut, not only a crash.
 */
const PRAGMAS = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;";

export function serialSqlite<F extends SqlDriverAdapterFactory>(factory: F): F {
  return bindAll(factory, {
    connect: async () => {
      const adapter = await factory.connect();
      await adapter.executeScript(process.env.SQLITE_PRAGMAS ?? PRAGMAS);
      if (process.env.SQLITE_STATEMENT_CACHE !== "off") cacheStatements(adapter);
      return serialAdapter(adapter);
    },
    ...("connectToShadowDb" in factory
      ? { connectToShadowDb: async () => serialAdapter(await (factory as unknown as SqlMigrationAwareDriverAdapterFactory).connectToShadowDb()) }
      : {}),
  } as Partial<Record<keyof F, unknown>>);
}
