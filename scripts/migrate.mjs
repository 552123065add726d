// Applies the migrations of the provider DATABASE_URL names (SQLite by default) with
// `prisma migrate deploy`. On PostgreSQL the schema named by ?schema= is created first,
// so each test run or deployment can live in its own schema of a shared database.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export async function migrate(env = process.env, { quiet = false } = {}) {
  const url = env.DATABASE_URL && env.DATABASE_URL.trim() !== "" ? env.DATABASE_URL : "file:./data/connector.sqlite";
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const u = new URL(url);
    const schema = u.searchParams.get("schema") ?? "public";
    if (!/^[a-z_][a-z0-9_]*$/i.test(schema)) throw new Error(`Invalid schema name ${schema}`);
    u.searchParams.delete("schema");
    if (!u.username) u.username = env.PGUSER || env.USER || "postgres";
    const client = new pg.Client({ connectionString: u.toString() });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    } finally {
      await client.end();
    }
  }
  const { code, output } = await runDeploy({ ...env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" });
  if (code !== 0) throw new Error(`prisma migrate deploy failed (${code}):\n${output}`);
  if (!quiet) process.stdout.write(output.split("\n").filter((l) => /migration|applied|No pending/i.test(l)).join("\n") + "\n");
}

const DONE = /All migrations have been successfully applied|No pending migrations to apply/;

/**
 * Runs `prisma migrate deploy`. With the PostgreSQL adapter the CLI finishes its work in a
 * fraction of a second but then idles on a 10-second timer of its WASM engine before exiting;
 * once it has printed that it is done, the migrations are committed and the process is ended.
 */
function runDeploy(env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules", "prisma", "build", "index.js"), "migrate", "deploy"], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let done = false;
    const onData = (d) => {
      output += d.toString();
      if (!done && DONE.test(output)) {
        done = true;
        setTimeout(() => child.kill("SIGTERM"), 50);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => resolve({ code: done ? 0 : (code ?? 1), output }));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  migrate().catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}
