/**
 * The job engine's one entry point: the adapter follows the database, the embedded SQLite runner
 * for a file: DATABASE_URL and pg-boss for PostgreSQL.
 */
import { databaseUrl, providerOf } from "~/db/provider";
import type { JobEngine } from "./port";
import type { EngineOptions } from "./options";
import { SqliteJobEngine } from "./sqlite/engine";
import { PgBossJobEngine } from "./pgboss/engine";

export * from "./port";
export type { EngineOptions } from "./options";

export function createJobEngine(options: EngineOptions = {}): JobEngine {
  return providerOf(databaseUrl()) === "postgresql" ? new PgBossJobEngine(options) : new SqliteJobEngine(options);
}
