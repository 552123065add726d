/**
 * Dry run of the orders flow:
 *   npm run preview -- orders/create path/to/order.json [--mappings path/to/mappings.json] [--shop x.myshopify.com]
 * prints the exact NetSuite requests (method, path, body) the payload would cause, or the
 * exceptions it would raise, without writing anything. Without --mappings it uses the demo
 * mappings (app/sync/orders/demo-mappings.json, the NetSuite simulator's seeded ids).
 * Exit code: 0 requests, 1 exceptions or an unreadable payload, 2 wrong usage or unreadable file.
 */
import fs from "node:fs";
import { parseMappings } from "~/sync/orders/mappings";
import { previewOrder, PREVIEW_TOPICS } from "~/sync/orders/preview";

const USAGE = `usage: npm run preview -- <topic> path/to/order.json [--mappings path/to/mappings.json] [--shop name.myshopify.com]
topics: ${PREVIEW_TOPICS.join(", ")}`;
const DEMO_MAPPINGS = new URL("../app/sync/orders/demo-mappings.json", import.meta.url);

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function readText(path: string | URL, what: string): string {
  try {
    return fs.readFileSync(path, "utf8");
  } catch (e) {
    return fail(`Cannot read the ${what} ${String(path)}: ${(e as Error).message}`);
  }
}

const args = process.argv.slice(2);
function flag(name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (!value || value.startsWith("--")) fail(`${name} needs a value\n${USAGE}`);
  args.splice(i, 2);
  return value;
}
const mappingsPath = flag("--mappings");
const shop = flag("--shop") ?? "demo-connector.myshopify.com";
const [topic, orderPath, extra] = args;
if (!topic || !orderPath || extra) fail(USAGE);

let mappingsJson: unknown;
try {
  mappingsJson = JSON.parse(readText(mappingsPath ?? DEMO_MAPPINGS, "mappings file"));
} catch (e) {
  fail(`The mappings file is not JSON: ${(e as Error).message}`);
}
const mappings = parseMappings(mappingsJson);
if (!mappings.ok) fail(`The mappings file is not valid (format: docs/mappings.md):\n${mappings.issues.map((i) => `  - ${i}`).join("\n")}`);

const preview = previewOrder(topic, readText(orderPath, "order payload"), mappings.mappings, { shop, now: new Date() });
process.stdout.write(`${preview.lines.join("\n")}\n`);
process.exit(preview.ok ? 0 : 1);
