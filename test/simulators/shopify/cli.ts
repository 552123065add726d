/**
 * `npm run shopify:sim`: the Shopify simulator on its own, for the demo and for poking at by hand.
 * Port from `--port` or SHOPIFY_SIM_PORT (default 4020); `--scale N` adds N generated variants;
 * `--webhooks URL` delivers raised webhooks to the app at URL.
 */
import { DEMO_DEFAULTS } from "../../../app/config/demo-defaults";
import { startShopifySimulator } from "./server";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const port = Number(arg("port") ?? process.env.SHOPIFY_SIM_PORT ?? 4020);
const scale = Number(arg("scale") ?? 0);
const appUrl = arg("webhooks");
const apiSecret = process.env.SHOPIFY_API_SECRET ?? DEMO_DEFAULTS.apiSecret;

const sim = await startShopifySimulator({
  port,
  scale,
  apiKey: process.env.SHOPIFY_API_KEY ?? DEMO_DEFAULTS.apiKey,
  apiSecret,
  shops: [{ domain: DEMO_DEFAULTS.shop, name: DEMO_DEFAULTS.shopName, scale }],
  webhooks: appUrl ? { appUrl } : undefined,
});

process.stdout.write(`Shopify simulator listening on ${sim.url} (shop ${sim.shopUrl()}, token ${sim.accessToken()})\n`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void sim.stop().finally(() => process.exit(0));
  });
}
