/**
 * `npm run demo`: the whole product on one machine with no accounts: the app in demo mode on
 * SQLite (data/demo.sqlite), beside the bundled Shopify and NetSuite simulators, with a seeded
 * demo shop. The app reaches "Shopify" (Admin API, token exchange) at the Shopify simulator
 * through SHOPIFY_SIMULATOR_URL, and the demo shop's NetSuite account at the NetSuite simulator.
 */
import path from "node:path";
import fs from "node:fs";
import { buildIfNeeded } from "./build-if-needed.mjs";
import { migrate } from "./migrate.mjs";
import { startServer } from "./server.mjs";
import { DEMO_DEFAULTS } from "../app/config/demo-defaults";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);

process.env.DEMO = "1";
process.env.DATABASE_URL ??= "file:./data/demo.sqlite";
process.env.PORT ??= "3000";
fs.mkdirSync(path.join(root, "data"), { recursive: true });

const say = (line: string) => process.stdout.write(line + "\n");

/**
 * Listens on the port asked for; when the default is taken (another demo, a test run) and no
 * port was asked for, on any free one: the app is told where, so nothing else needs it fixed.
 */
async function onPort<T>(name: string, fallback: number, start: (port: number) => Promise<T>): Promise<T> {
  const asked = process.env[name];
  try {
    return await start(Number(asked ?? fallback));
  } catch (error) {
    if (asked !== undefined || (error as { code?: string }).code !== "EADDRINUSE") throw error;
    say(`Port ${fallback} is taken: using a free one (set ${name} to choose).`);
    return start(0);
  }
}

// The bundled Shopify simulator: the demo shop's Admin API and its webhooks. It knows the app by
// the same key and secret the app runs with, so token exchange and webhook signatures agree.
const { startShopifySimulator } = await import("../test/simulators/shopify/server");
const shopify = await onPort("SHOPIFY_SIM_PORT", 4020, (port) =>
  startShopifySimulator({
    port,
    apiKey: process.env.SHOPIFY_API_KEY ?? DEMO_DEFAULTS.apiKey,
    apiSecret: process.env.SHOPIFY_API_SECRET ?? DEMO_DEFAULTS.apiSecret,
    shops: [{ domain: process.env.DEMO_SHOP ?? DEMO_DEFAULTS.shop, name: DEMO_DEFAULTS.shopName }],
  }),
);
process.env.SHOPIFY_SIMULATOR_URL = shopify.url;

// The bundled NetSuite simulator, where the demo shop's orders go.
const { startNetSuiteSimulator, demoAccount } = await import("../test/simulators/netsuite/server");
const netsuite = await onPort("NETSUITE_SIM_PORT", 4010, (port) => startNetSuiteSimulator({ port, accounts: [demoAccount()] }));
process.env.NETSUITE_SIMULATOR_URL = netsuite.url;

say("Checking the build (the first run builds the app)…");
if (buildIfNeeded({ quiet: true })) say("Built.");

await migrate(process.env, { quiet: true });
const app = await startServer({ port: Number(process.env.PORT) });

const { seedDemoMappings } = await import("./demo-seed");
await seedDemoMappings();

// One write, so whoever reads the output (a person, the demo test) gets the whole banner at once.
say(
  [
    "",
    `  Connector (demo mode):  ${app.url}/app`,
    `  Shopify simulator:      ${shopify.url}  (shop ${shopify.shopUrl()}; see test/simulators/shopify/README.md)`,
    `  NetSuite simulator:     ${netsuite.url}  (account ${demoAccount().accountId}; see test/simulators/netsuite/README.md)`,
    `  Database:               ${process.env.DATABASE_URL}`,
    "",
    '  On the dashboard, "Place a test order" plays a shopper: the Shopify simulator creates the order and',
    "  sends its signed webhook to the app, and the order is written to the NetSuite simulator.",
    "",
    "Press Ctrl+C to stop.",
  ].join("\n"),
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void app
      .stop()
      .then(() => Promise.all([netsuite.stop(), shopify.stop()]))
      .finally(() => process.exit(0));
  });
}
