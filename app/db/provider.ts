/**
 * Which database a DATABASE_URL names, and how to open it through a driver adapter.
 * Shared by prisma.config.ts (migrations), the app and the tests, so all three agree.
 * No Rust engines: Prisma runs its JS/WASM query compiler over these adapters.
 */
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import path from "node:path";
import { serialSqlite } from "./sqlite-serial";
import { resilientPg } from "./pg-resilient";

export type Provider = "sqlite" | "postgresql";

/** The embedded default: one file next to the app, no setup. */
export const DEFAULT_DATABASE_URL = "file:./data/connector.sqlite";

export function databaseUrl(env: Record<string, string | undefined> = process.env): string {
  return env.DATABASE_URL && env.DATABASE_URL.trim() !== "" ? env.DATABASE_URL : DEFAULT_DATABASE_URL;
}

export function providerOf(url: string): Provider {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL), got ${url.split(":")[0]}:…`);
}

/** The SQLite file a file: URL points at, resolved from the working directory. */
export function sqliteFile(url: string): string {
  const raw = url.slice("file:".length).split("?")[0] ?? "";
  return path.resolve(raw);
}

/** The schema a PostgreSQL URL names with ?schema=, default public. */
export function pgSchema(url: string): string {
  const schema = new URL(url).searchParams.get("schema") ?? "public";
  if (!/^[a-z_][a-z0-9_]*$/i.test(schema)) throw new Error(`Invalid PostgreSQL schema name: ${schema}`);
  return schema;
}

/** Reports char (18) and name (19) columns as text (25), which the adapter can map. */
function asTextColumns<T>(result: T): T {
  const fields = (result as { fields?: { dataTypeID: number }[] } | undefined)?.fields;
  for (const f of fields ?? []) if (f.dataTypeID === 18 || f.dataTypeID === 19) f.dataTypeID = 25;
  return result;
}

/**
 * The migration engine reads PostgreSQL's catalog, whose `name` and `char` columns the pg
 * adapter cannot deserialize (Prisma issue 27403, open): this client reports them as text.
 */
class CatalogTolerantClient extends pg.Client {
  override query(...args: unknown[]): never {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (err: Error | null, res: unknown) => (last as (e: Error | null, r: unknown) => void)(err, asTextColumns(res));
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    const out = (super.query as (...a: unknown[]) => unknown)(...args);
    return (out instanceof Promise ? out.then(asTextColumns) : out) as never;
  }
}

/**
 * A pg pool for a URL. The search_path goes through the connection options because the
 * adapter's `schema` option does not set it.
 */
export function pgPoolConfig(url: string, max = 10): pg.PoolConfig {
  const u = new URL(url);
  const schema = pgSchema(url);
  u.searchParams.delete("schema");
  // libpq would fall back to the OS user; CI runs without $USER, so name a role that exists.
  if (!u.username) u.username = process.env.PGUSER || process.env.USER || "postgres";
  // A pool that cannot hand out a connection says so instead of leaving the request waiting.
  return { connectionString: u.toString(), max, options: `-c search_path="${schema}"`, connectionTimeoutMillis: 15_000 };
}

let lastWarning = 0;
function warnConnectionLost(e: Error): void {
  // At most one line a second: a failover drops every connection at once.
  if (Date.now() - lastWarning < 1000) return;
  lastWarning = Date.now();
  process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), level: "warn", msg: "database connection lost; the pool reconnects", error: e.message })}\n`);
}

export function driverAdapter(url: string, opts: { poolMax?: number; forMigrations?: boolean } = {}): PrismaPg | PrismaBetterSQLite3 {
  if (providerOf(url) === "postgresql") {
    const config = pgPoolConfig(url, opts.poolMax);
    const pool = new pg.Pool(opts.forMigrations ? { ...config, Client: CatalogTolerantClient, allowExitOnIdle: true } : config);
    // A connection the server drops (restart, failover, pg_terminate_backend) emits 'error' on
    // its client, idle or checked out; unheard, that event ends the process. The query that was
    // running fails on its own (and its job is retried); the pool replaces the connection.
    pool.on("error", (e) => warnConnectionLost(e));
    pool.on("connect", (client) => client.on("error", (e) => warnConnectionLost(e)));
    return resilientPg(new PrismaPg(pool, { schema: pgSchema(url), disposeExternalPool: true }));
  }
  return serialSqlite(new PrismaBetterSQLite3({ url: sqliteFile(url) }));
}
