/**
 * The demo shop a newcomer sees with no accounts: installed, named, connected to the bundled
 * NetSuite simulator, and, when the bundled Shopify simulator runs, holding the offline session
 * an install would have left (so `unauthenticated.admin(demoShop)` reads the simulator).
 * Idempotent: run at every demo start.
 */
import type { Db } from "~/db.server";
import type { AppEnv } from "~/config/env.server";
import { parseKeyRing } from "~/crypto/secrets.server";
import { DEMO_DEFAULTS } from "~/config/demo-defaults";
import { recordInstall } from "~/shops/shops.server";
import { saveConnection } from "~/shops/connection.server";
import { AUTH_KIND } from "~/shops/states";
import { Session } from "@shopify/shopify-api";
import { logger } from "~/log.server";
import { simulatorAccessToken } from "./shopify-simulator.server";

export const DEMO_NETSUITE_ACCOUNT = "TSTDRV1234567";
/** Token-based credentials the NetSuite simulator's demo account accepts. Demo data only. */
export const DEMO_NETSUITE_TBA = {
  kind: AUTH_KIND.tba,
  consumerKey: "demo-consumer-key",
  consumerSecret: "demo-consumer-secret",
  tokenId: "demo-token-id",
  tokenSecret: "demo-token-secret",
} as const;

export async function seedDemo(db: Db, config: AppEnv) {
  const shop = await recordInstall(db, config.demoShop, { name: DEMO_DEFAULTS.shopName, currency: "USD" });
  const existing = await db.netSuiteConnection.findUnique({ where: { shopId: shop.id } });
  if (existing && config.netsuiteSimulatorUrl && existing.baseUrl !== config.netsuiteSimulatorUrl) {
    // The bundled simulator may listen elsewhere this time.
    await db.netSuiteConnection.update({ where: { id: existing.id }, data: { baseUrl: config.netsuiteSimulatorUrl } });
  }
  if (!existing) {
    await saveConnection(db, parseKeyRing(config.encryptionKeys), shop.id, {
      accountId: DEMO_NETSUITE_ACCOUNT,
      credentials: DEMO_NETSUITE_TBA,
      concurrencyLimit: 5,
      baseUrl: config.netsuiteSimulatorUrl ?? null,
    });
  }
  if (config.shopifySimulatorUrl) await seedShopifySession(config.shopifySimulatorUrl, shop.domain, config.scopes);
  return shop;
}

/**
 * Stores the demo shop's offline session with the token the simulator holds for it, as the
 * token exchange on install would. The demo still opens without it (its pages need no Admin
 * API), so a simulator that does not answer is a warning, not a failed start.
 */
async function seedShopifySession(simulatorUrl: string, shop: string, scopes: string[]): Promise<void> {
  const log = logger.child({ shop, module: "demo-seed" });
  try {
    const accessToken = await simulatorAccessToken(simulatorUrl, shop);
    const { sessionStorage } = await import("~/shopify.server");
    const session = new Session({ id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken, scope: scopes.join(",") });
    if (!(await sessionStorage.storeSession(session))) throw new Error("the session storage refused the session");
    log.info("demo shop's Shopify session ready", { simulator: simulatorUrl });
  } catch (error) {
    log.warn("demo shop has no Shopify session: Admin API reads will fail", { simulator: simulatorUrl, error });
  }
}
