/**
 * One OS process of the two-process governor test: N concurrent NetSuite calls through the
 * client and the PostgreSQL governor. Gets ready (its connection, login, the account's limit read
 * from governanceLimits), prints "ready", waits for "go" on stdin so both processes start
 * together, then prints its result as JSON.
 * Usage: governor-worker.ts <simUrl> <databaseUrl> <accountId> <calls> <limitSetting>
 */
import readline from "node:readline";
import { createNetSuiteClient } from "~/netsuite";
import { PgGovernor } from "~/governor";

const [simUrl, databaseUrl, accountId, countArg, limitArg] = process.argv.slice(2) as [string, string, string, string, string];
const governor = new PgGovernor({ connection: { connectionString: databaseUrl } });
const client = createNetSuiteClient({
  accountId,
  credentials: { kind: "tba", consumerKey: "demo-consumer-key", consumerSecret: "demo-consumer-secret", tokenId: "demo-token-id", tokenSecret: "demo-token-secret" },
  baseUrl: simUrl,
  governor,
  concurrencyLimit: Number(limitArg),
  // One attempt: a 429 must show up as a failure, not be hidden by a retry.
  retry: { maxAttempts: 1 },
});

await governor.ready();
const limit = await client.concurrencyLimit();
process.stdout.write(`ready ${limit}\n`);
await new Promise<void>((resolve) => readline.createInterface({ input: process.stdin }).on("line", (l) => l.trim() === "go" && resolve()));

const started = performance.now();
const results = await Promise.allSettled(Array.from({ length: Number(countArg) }, () => client.get("subsidiary", "1")));
const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => String(r.reason));
process.stdout.write(JSON.stringify({ elapsedMs: performance.now() - started, failures: failed.length, failed: failed.slice(0, 3), metrics: client.metrics() }) + "\n");
await governor.close();
process.exit(0);
