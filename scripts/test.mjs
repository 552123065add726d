// `npm test`: the whole suite on the database DATABASE_URL names (SQLite when unset; with a
// postgresql:// URL every test file gets its own schema), then one closing line with counts.
// Extra arguments go to vitest (e.g. `npm test -- test/crypto`).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vitest-report-")), "report.json");
const provider = /^postgres/.test(process.env.DATABASE_URL ?? "") ? "postgresql" : "sqlite";
process.stdout.write(`Running the suite on ${provider}\n`);

// The whole suite starts with the type check (strict TypeScript across app, tests and scripts).
if (process.argv.length <= 2) {
  process.stdout.write("Type-checking (tsc --noEmit)…\n");
  const tsc = spawnSync(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", root], { cwd: root, stdio: "inherit" });
  if (tsc.status !== 0) {
    process.stdout.write(`\n${provider}: type check failed\n`);
    process.exit(tsc.status || 1);
  }
}

const r = spawnSync(
  process.execPath,
  [path.join(root, "node_modules", "vitest", "vitest.mjs"), "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { cwd: root, stdio: "inherit", env: { ...process.env, TEST_BASE_DATABASE_URL: process.env.DATABASE_URL ?? "" } },
);

let passed = 0;
let failed = 0;
let skipped = 0;
if (fs.existsSync(report)) {
  const json = JSON.parse(fs.readFileSync(report, "utf8"));
  passed = json.numPassedTests ?? 0;
  failed = (json.numFailedTests ?? 0) + (json.numFailedTestSuites ?? 0);
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
}
process.stdout.write(`\n${provider}: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
if (r.status !== 0 || failed > 0 || passed === 0) process.exit(r.status || 1);
