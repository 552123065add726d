/**
 * The Prisma client for the database DATABASE_URL names: SQLite (default) or PostgreSQL.
 * Both generated clients come from the same models, so one type serves both.
 */
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { databaseUrl, driverAdapter, providerOf, type Provider } from "./db/provider";

export type Db = SqliteClient;

let client: Db | undefined;
let clientProvider: Provider | undefined;

export function dbProvider(): Provider {
  return providerOf(databaseUrl());
}

export function db(): Db {
  if (!client) {
    const url = databaseUrl();
    clientProvider = providerOf(url);
    const adapter = driverAdapter(url);
    // Same models, same generated API: the PostgreSQL client is used through the SQLite type.
    client = clientProvider === "postgresql" ? (new PostgresClient({ adapter }) as unknown as Db) : new SqliteClient({ adapter });
  }
  return client;
}

export async function disconnectDb(): Promise<void> {
  if (client) {
    const c = client;
    client = undefined;
    await c.$disconnect();
  }
}
