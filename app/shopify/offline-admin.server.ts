/**
 * The shop's Admin API outside a request (jobs: the sweep, reading an order's payments), with
 * the offline token the install stored. In demo and test runs the library's fetch is pointed
 * at the Shopify simulator (see simulator-fetch.server.ts).
 */
import type { GraphqlAdmin } from "~/shopify/admin-read";

export class NoShopAccessError extends Error {
  override name = "NoShopAccessError";
}

export async function offlineAdmin(shop: string): Promise<GraphqlAdmin> {
  const { unauthenticated } = await import("~/shopify.server");
  try {
    const { admin } = await unauthenticated.admin(shop);
    return admin;
  } catch (error) {
    // The library throws when no offline session is stored (never installed, or uninstalled).
    throw new NoShopAccessError(`The app holds no access token for ${shop}: reinstall the app to let it read from Shopify.`, { cause: error });
  }
}
