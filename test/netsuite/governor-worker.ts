/**
 * One OS process of the two-process governor test: N concurrent NetSuite calls through the
 * PostgreSQL governor. Prints its elapsed time as JSON.
 */
import pg from "pg";
import { NetSuiteClient } from "~/netsuite";
import { PgGovernor } from "~/governor";

const [simUrl, databaseUrl, countArg, limitArg] = process.argv.slice(2) as [string, string, string, string];
const pool = new pg.Pool({ connectionString: databaseUrl, max: Number(limitArg) + 2 });
const governor = new PgGovernor({ pool, listenConfig: { connectionString: databaseUrl } });
const client = new NetSuiteClient({
  accountId: "TSTDRV1234567",
  credentials: { kind: "tba", consumerKey: "demo-consumer-key", consumerSecret: "demo-consumer-secret", tokenId: "demo-token-id", tokenSecret: "demo-token-secret" },
  baseUrl: simUrl,
  governor,
  concurrencyLimit: Number(limitArg),
  retry: { maxAttempts: 1 },
});
// Connections up before the clock starts: the test measures the sharing, not the start-up.
await governor.ready();
await Promise.all(Array.from({ length: Number(limitArg) }, () => pool.query("SELECT 1")));
const started = performance.now();
const results = await Promise.allSettled(Array.from({ length: Number(countArg) }, (_, i) => client.get("subsidiary", "1").then(() => i)));
const failed = results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason));
process.stdout.write(JSON.stringify({ elapsedMs: performance.now() - started, failed: failed.slice(0, 3), failures: failed.length }) + "\n");
await governor.close();
await pool.end();
