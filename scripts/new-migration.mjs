// Writes a new migration for both providers without a shadow database (the JS engine has none):
// the diff between the schema as the previous commit had it and the schema now.
//   node scripts/new-migration.mjs <name>            diff from the last committed models
//   node scripts/new-migration.mjs <name> --from-empty
import { spawnSync, execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: node scripts/new-migration.mjs <snake_case_name> [--from-empty]");
  process.exit(2);
}
const fromEmpty = process.argv.includes("--from-empty");
const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const prismaBin = path.resolve("node_modules/prisma/build/index.js");

for (const provider of ["sqlite", "postgresql"]) {
  const dir = path.join("prisma", provider);
  let from = ["--from-empty"];
  if (!fromEmpty) {
    // The previous state is what the migrations already applied describe: rebuild it from git HEAD.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "schema-"));
    fs.writeFileSync(path.join(tmp, "schema.prisma"), fs.readFileSync(path.join(dir, "schema.prisma")));
    fs.writeFileSync(path.join(tmp, "models.prisma"), execSync("git show HEAD:prisma/models.prisma"));
    from = ["--from-schema-datamodel", tmp];
  }
  const r = spawnSync(process.execPath, [prismaBin, "migrate", "diff", ...from, "--to-schema-datamodel", dir, "--script"], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: provider === "sqlite" ? "file:./data/connector.sqlite" : "postgresql://127.0.0.1:5432/test" },
  });
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(1);
  }
  // The migration runs inside the schema the connection names; never create one of its own.
  const sql = r.stdout.replace(/^-- CreateSchema\n/m, "").replace(/^CREATE SCHEMA IF NOT EXISTS .*;\n*/m, "");
  if (/This is an empty migration/.test(sql)) {
    console.log(`${provider}: no changes`);
    continue;
  }
  const out = path.join(dir, "migrations", `${stamp}_${name}`);
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, "migration.sql"), sql);
  const lock = path.join(dir, "migrations", "migration_lock.toml");
  if (!fs.existsSync(lock)) fs.writeFileSync(lock, `provider = "${provider}"\n`);
  console.log(`${provider}: wrote ${out}`);
}
