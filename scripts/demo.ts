/**
 * `npm run demo`: the whole product on one machine with no accounts: the app in demo mode on
 * SQLite (data/demo.sqlite), beside the bundled simulators, with a seeded demo shop.
 */
import path from "node:path";
import fs from "node:fs";
// @ts-expect-error plain JS modules shared with the start script
import { buildIfNeeded } from "./build-if-needed.mjs";
// @ts-expect-error plain JS modules shared with the start script
import { migrate } from "./migrate.mjs";
// @ts-expect-error plain JS modules shared with the start script
import { startServer } from "./server.mjs";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);

process.env.DEMO = "1";
process.env.DATABASE_URL ??= "file:./data/demo.sqlite";
process.env.PORT ??= "3000";
fs.mkdirSync(path.join(root, "data"), { recursive: true });

const say = (line: string) => process.stdout.write(line + "\n");

// The bundled NetSuite simulator, where the demo shop's orders go.
const { startNetSuiteSimulator, demoAccount } = await import("../test/simulators/netsuite/server");
const netsuite = await startNetSuiteSimulator({ port: Number(process.env.NETSUITE_SIM_PORT ?? 4010), accounts: [demoAccount()] });
process.env.NETSUITE_SIMULATOR_URL = netsuite.url;

say("Checking the build (the first run builds the app)…");
if ((buildIfNeeded as (o: { quiet: boolean }) => boolean)({ quiet: true })) say("Built.");

await (migrate as (env: NodeJS.ProcessEnv, o: { quiet: boolean }) => Promise<void>)(process.env, { quiet: true });
const app = await (startServer as (o: { port: number }) => Promise<{ url: string; stop(): Promise<void> }>)({ port: Number(process.env.PORT) });

const { seedDemoMappings } = await import("./demo-seed");
await seedDemoMappings();

say("");
say(`  Connector (demo mode):  ${app.url}/app`);
say(`  NetSuite simulator:     ${netsuite.url}  (account ${demoAccount().accountId}; see test/simulators/netsuite/README.md)`);
say(`  Database:               ${process.env.DATABASE_URL}`);
say("");
say("  On the dashboard, \"Place a test order\" plays Shopify: the order is written to the simulator.");
say("");
say("Press Ctrl+C to stop.");

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void app
      .stop()
      .then(() => netsuite.stop())
      .finally(() => process.exit(0));
  });
}
