/** Shared by the simulator's tests: the library's own Admin GraphQL client, pointed at the simulator. */
import { createAdminApiClient } from "@shopify/admin-api-client";
import type { ShopifySimulator } from "../simulators/shopify/server";

export const API_VERSION = "2026-10";

/** Rewrites `https://{shop}/…` to `{sim}/shops/{shop}/…`, as the app's demo/test fetch does. */
export function simFetch(sim: ShopifySimulator): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    return fetch(`${sim.url}/shops/${url.host}${url.pathname}${url.search}`, init);
  };
}

export function adminClient(sim: ShopifySimulator, opts: { shop?: string; accessToken?: string } = {}) {
  const shop = opts.shop ?? "demo-connector.myshopify.com";
  return createAdminApiClient({
    storeDomain: shop,
    apiVersion: API_VERSION,
    accessToken: opts.accessToken ?? sim.accessToken(shop),
    customFetchApi: simFetch(sim),
    // The library warns about versions newer than it knows; 2026-10 is the app's version.
    logger: () => {},
  });
}

export async function control<T = unknown>(sim: ShopifySimulator, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sim.url}/__sim/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** A controllable clock for the simulator (bucket refill and timestamps). */
export function fakeClock(start = Date.parse("2026-10-05T12:00:00Z")) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}
