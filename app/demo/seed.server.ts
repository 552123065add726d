/**
 * The demo shop a newcomer sees with no accounts: installed, named, connected to the bundled
 * NetSuite simulator. Idempotent: run at every demo start.
 */
import type { Db } from "~/db.server";
import type { AppEnv } from "~/config/env.server";
import { parseKeyRing } from "~/crypto/secrets.server";
import { DEMO_DEFAULTS } from "~/config/demo-defaults";
import { recordInstall } from "~/shops/shops.server";
import { saveConnection } from "~/shops/connection.server";
import { AUTH_KIND } from "~/shops/states";

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
  return shop;
}
