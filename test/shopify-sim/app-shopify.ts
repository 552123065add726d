/**
 * The app's own Shopify configuration (`~/shopify.server`) loaded in this test process, pointed
 * at a simulator: the environment is set first, then the module is imported, so the library's
 * runtime fetch is the app's simulator rewrite. Call after createTestDatabase (session storage
 * opens the database named by DATABASE_URL).
 */
import { Session } from "@shopify/shopify-api";
import type { ShopifySimulator } from "../simulators/shopify/server";
import { DEFAULT_SCOPE } from "../simulators/shopify/server";
import { TEST_API_KEY, TEST_ENCRYPTION_KEYS, TEST_SECRET } from "../support/app";

export async function loadAppShopify(sim: ShopifySimulator) {
  Object.assign(process.env, {
    SHOPIFY_API_KEY: TEST_API_KEY,
    SHOPIFY_API_SECRET: TEST_SECRET,
    SHOPIFY_APP_URL: "http://127.0.0.1:3000",
    ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    SHOPIFY_SIMULATOR_URL: sim.url,
  });
  return import("~/shopify.server");
}

/** What an install leaves behind: the shop's offline session holding an access token. */
export async function storeOfflineSession(app: Awaited<ReturnType<typeof loadAppShopify>>, shop: string, accessToken: string): Promise<void> {
  const ok = await app.sessionStorage.storeSession(
    new Session({ id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken, scope: DEFAULT_SCOPE }),
  );
  if (!ok) throw new Error(`could not store the offline session for ${shop}`);
}
