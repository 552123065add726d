/**
 * Demo and tests only: the Shopify library's requests for a shop go to the Shopify simulator.
 *
 * `@shopify/shopify-api` has no Admin API base-URL setting: it always builds `https://{shop}/…`.
 * Its runtime fetch (`setAbstractFetchFunc`) is the one seam it offers, so the rewrite lives
 * there and the library keeps its own request path (GraphQL client, retries, token exchange);
 * nothing of ours wraps `admin.graphql`. In production this is never installed: env.server.ts
 * refuses SHOPIFY_SIMULATOR_URL outside demo mode and tests.
 */
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";

const SHOP_HOST = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/**
 * Where the simulator serves a Shopify URL: `https://{shop}.myshopify.com/X?q` becomes
 * `{simulator}/shops/{shop}.myshopify.com/X?q` (the simulator keys shops by their full domain).
 * Anything else is not Shopify's to answer here: null.
 */
export function simulatorUrlFor(target: string, simulatorUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase();
  if (url.protocol !== "https:" || url.port !== "" || !SHOP_HOST.test(host)) return null;
  return `${simulatorUrl.replace(/\/+$/, "")}/shops/${host}${url.pathname}${url.search}`;
}

/** A fetch that sends shop requests to the simulator and passes everything else through. */
export function simulatorFetch(simulatorUrl: string, base: typeof fetch = globalThis.fetch): typeof fetch {
  return (input, init) => {
    const target = input instanceof Request ? input.url : input instanceof URL ? input.href : input;
    const rewritten = simulatorUrlFor(target, simulatorUrl);
    if (rewritten === null) return base(input, init);
    return input instanceof Request ? base(new Request(rewritten, input), init) : base(rewritten, init);
  };
}

/** Installs the rewrite as the library's runtime fetch. Call after the runtime adapter import. */
export function installSimulatorFetch(simulatorUrl: string): void {
  setAbstractFetchFunc(simulatorFetch(simulatorUrl));
}
