/**
 * `npm run bench`: the figures that matter, beside their targets, on SQLite and (when it
 * answers) PostgreSQL. Not part of CI. Writes bench-results/latest.json for comparison.
 *   BENCH_RPS=200 BENCH_SECONDS=10 BENCH_VARIANTS=50000 BENCH_EXCEPTIONS=10000 npm run bench
 * Orders to NetSuite (sync.ts): BENCH_SYNC_RPS=2 BENCH_SYNC_SECONDS=20 BENCH_BURST=10000.
 * BENCH_PARTS=web,sync chooses the parts (web: intake and list pages; sync: orders to NetSuite);
 * BENCH_DBS=sqlite,postgresql the databases.
 * With the defaults a run takes about 35 minutes on 2 cores, most of it the bursts.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { Figure } from "./suite";
import { buildIfNeeded } from "../../scripts/build-if-needed.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const PG_URL = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

async function pgAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function runSuite(provider: string, databaseUrl: string): Figure[] | null {
  process.stdout.write(`\n▶ ${provider}: running (intake load, list pages on generated data, then orders to the NetSuite simulator: latency, warm caches, burst)…\n`);
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "test/bench/suite.ts")], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, TEST_BASE_DATABASE_URL: databaseUrl, LOG_LEVEL: "error" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = r.stdout.split("\n").find((l) => l.startsWith("BENCH_JSON "));
  if (r.status !== 0 || !line) {
    process.stdout.write(`  ${provider} run failed (exit ${r.status}):\n${r.stderr.slice(-2000)}\n`);
    return null;
  }
  return JSON.parse(line.slice("BENCH_JSON ".length)) as Figure[];
}

function verdict(f: Figure): string {
  if (!f.target) return "";
  const met = f.target.op === "<=" ? f.value <= f.target.value : f.value >= f.target.value;
  return met ? "ok" : "MISS";
}

function print(provider: string, figures: Figure[]): void {
  process.stdout.write(`\n${provider}\n`);
  process.stdout.write(`  ${"figure".padEnd(30)} ${"value".padStart(10)}  ${"target".padEnd(10)} result  note\n`);
  for (const f of figures) {
    const v = f.unit === "ms" ? f.value.toFixed(1) : f.value.toFixed(2);
    const t = f.target ? `${f.target.op} ${f.target.value}` : "";
    process.stdout.write(`  ${f.name.padEnd(30)} ${`${v} ${f.unit}`.padStart(10)}  ${t.padEnd(10)} ${verdict(f).padEnd(6)}  ${f.note ?? ""}\n`);
  }
}

async function main(): Promise<void> {
  process.stdout.write(`Benchmark on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "cpu"}), Node ${process.version}\n`);
  // The app under test is the production build.
  if (buildIfNeeded({ quiet: true })) process.stdout.write("Built the app.\n");
  const results: Record<string, Figure[]> = {};
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));
  const dbs = new Set((process.env.BENCH_DBS ?? "sqlite,postgresql").split(",").map((d) => d.trim()));
  const sqlite = dbs.has("sqlite") ? runSuite("sqlite", `file:${path.join(dir, "bench.sqlite")}`) : null;
  if (sqlite) results.sqlite = sqlite;
  if (!dbs.has("postgresql")) {
    // not asked for
  } else if (await pgAvailable()) {
    const postgres = runSuite("postgresql", PG_URL);
    if (postgres) results.postgresql = postgres;
  } else process.stdout.write("\nPostgreSQL not reachable: skipped\n");
  for (const [provider, figures] of Object.entries(results)) print(provider, figures);
  const out = path.join(root, "bench-results");
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, "latest.json"), JSON.stringify({ at: new Date().toISOString(), cores: os.cpus().length, node: process.version, results }, null, 2));
  process.stdout.write(`\nFigures written to bench-results/latest.json\n`);
  const misses = Object.values(results).flat().filter((f) => verdict(f) === "MISS").length;
  process.stdout.write(misses ? `${misses} target(s) missed (see MISS above)\n` : "All targets met\n");
}

await main();
