// Prisma CLI configuration: the JS engine with a driver adapter, no Rust binaries.
// DATABASE_URL picks the provider (file: → SQLite, the default; postgresql:// → PostgreSQL),
// and with it the schema folder and migrations for that provider.
import { defineConfig } from "prisma/config";
import { databaseUrl, driverAdapter, providerOf, sqliteFile } from "./app/db/provider";
import fs from "node:fs";
import path from "node:path";

const url = databaseUrl();
const provider = providerOf(url);
// The datasource block reads env("DATABASE_URL"); give it the default when unset.
process.env.DATABASE_URL = url;
if (provider === "sqlite") fs.mkdirSync(path.dirname(sqliteFile(url)), { recursive: true });

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: path.join("prisma", provider),
  migrations: { path: path.join("prisma", provider, "migrations") },
  adapter: async () => driverAdapter(url, { forMigrations: true }),
});
