/**
 * Calling the app's embedded routes as the Shopify admin does: a session token (HS256, signed
 * with the app secret) as a Bearer header, for a shop whose offline session is stored.
 */
import type { Db } from "~/db.server";
import { DEFAULT_SCOPES } from "~/config/env.server";
import { makeSessionToken } from "../simulators/shopify/jwt";
import { TEST_API_KEY, TEST_SECRET } from "./app";

/** Stores the offline session the library would have after install (no token exchange needed). */
export async function storeOfflineSession(db: Db, shop: string, accessToken = "shpat_test_offline_token"): Promise<void> {
  const id = `offline_${shop}`;
  await db.session.upsert({
    where: { id },
    create: { id, shop, state: "", isOnline: false, scope: DEFAULT_SCOPES.join(","), accessToken },
    update: { accessToken, scope: DEFAULT_SCOPES.join(",") },
  });
}

export function sessionToken(shop: string, userId = 42): string {
  return makeSessionToken({ shop, apiKey: TEST_API_KEY, apiSecret: TEST_SECRET, userId });
}

export interface AdminClient {
  get(path: string): Promise<Response>;
  send(method: string, path: string, body?: unknown): Promise<Response>;
}

export function adminClient(appUrl: string, shop: string, userId = 42): AdminClient {
  // The library answers 410 to user agents that look like bots (Node's fetch does): be a browser.
  const headers = () => ({
    Authorization: `Bearer ${sessionToken(shop, userId)}`,
    Accept: "application/json",
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
  });
  return {
    get: (path) => fetch(`${appUrl}${path}`, { headers: headers() }),
    send: (method, path, body) =>
      fetch(`${appUrl}${path}`, {
        method,
        headers: { ...headers(), ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      }),
  };
}
