/**
 * A fresh database per test file, on whichever provider DATABASE_URL names when the suite
 * starts (SQLite by default): a new SQLite file, or a new schema in the PostgreSQL database.
 * Sets process.env.DATABASE_URL for this file's in-process code and returns the URL for
 * child processes.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import pg from "pg";
import { migrate } from "../../scripts/migrate.mjs";

const baseUrl = process.env.TEST_BASE_DATABASE_URL ?? process.env.DATABASE_URL ?? "";
export const testProvider: "sqlite" | "postgresql" = /^postgres/.test(baseUrl) ? "postgresql" : "sqlite";

export interface TestDatabase {
  url: string;
  provider: "sqlite" | "postgresql";
  drop(): Promise<void>;
}

export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const id = `${label.replace(/[^a-z0-9]/gi, "_").toLowerCase().slice(0, 30)}_${crypto.randomBytes(4).toString("hex")}`;
  let url: string;
  let drop: () => Promise<void>;
  if (testProvider === "postgresql") {
    const u = new URL(baseUrl);
    u.searchParams.set("schema", `t_${id}`);
    url = u.toString();
    drop = async () => {
      const admin = new URL(baseUrl);
      admin.searchParams.delete("schema");
      if (!admin.username) admin.username = process.env.PGUSER || process.env.USER || "postgres";
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "t_${id}" CASCADE; DROP SCHEMA IF EXISTS "t_${id}_pgboss" CASCADE`).finally(() => client.end());
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "connector-test-"));
    url = `file:${path.join(dir, `${id}.sqlite`)}`;
    drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  await migrate({ ...process.env, DATABASE_URL: url }, { quiet: true });
  process.env.DATABASE_URL = url;
  return { url, provider: testProvider, drop };
}
