/**
 * The Shopify simulator: node:http on 127.0.0.1. Every shop lives under `/shops/{shop-domain}/`,
 * so the app (in demo and test mode) reaches `https://{shop}/X` at `{url}/shops/{shop}/X`.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { handleControl } from "./control";
import { handleGraphql, type HttpAnswer } from "./graphql";
import { handleTokenExchange } from "./oauth";
import { SimError } from "./orders";
import { defaultAccessToken } from "./seed";
import { SimState, type ShopInit } from "./state";
import type { DeliveryOptions } from "./webhooks";

export const SIM_API_VERSION = "2026-10";
export const DEFAULT_SHOP = "demo-connector.myshopify.com";
export const DEFAULT_SCOPE =
  "read_orders,write_orders,write_order_edits,read_merchant_managed_fulfillment_orders,write_merchant_managed_fulfillment_orders,read_inventory,write_inventory,read_locations,read_products,read_customers,read_shopify_payments_payouts";

export interface ShopifySimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** The app's client id and secret (token exchange checks them; webhooks are signed with the secret). */
  apiKey?: string;
  apiSecret?: string;
  scope?: string;
  /** Default: one shop, demo-connector.myshopify.com, named "Demo Outfitters". */
  shops?: ShopInit[];
  /** Generated variants added to every default shop (e.g. 50_000). */
  scale?: number;
  /** GraphQL cost bucket per shop: capacity 1000 and 100 points/s by default. */
  bucket?: { capacity?: number; restoreRate?: number };
  /** Clock in ms (the bucket and timestamps); `POST /__sim/clock` moves it further. */
  now?: () => number;
  /** Deliver every raised webhook to the app as it happens. */
  webhooks?: Omit<DeliveryOptions, "secret"> & { secret?: string };
}

export interface ShopifySimulator {
  url: string;
  port: number;
  state: SimState;
  /** The offline token seeded for a shop (what an installed app would hold). */
  accessToken(shop?: string): string;
  /** `{url}/shops/{shop}`: what `https://{shop}` maps to. */
  shopUrl(shop?: string): string;
  stop(): Promise<void>;
}

function send(res: http.ServerResponse, a: HttpAnswer): void {
  const body = JSON.stringify(a.body);
  res.writeHead(a.status, { "Content-Type": "application/json; charset=utf-8", ...a.headers });
  res.end(body);
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function route(state: SimState, req: http.IncomingMessage): Promise<HttpAnswer> {
  const url = new URL(req.url ?? "/", "http://sim");
  const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const method = req.method ?? "GET";
  const raw = method === "GET" ? "" : await readBody(req);
  if (parts[0] === "__sim") return handleControl(state, method, parts.slice(1), raw, url.searchParams);
  if (parts[0] !== "shops" || !parts[1]) return { status: 404, body: { errors: "Not Found" } };
  const shop = state.shops.get(parts[1]);
  if (!shop) return { status: 404, body: { errors: "Not Found" } };
  const rest = parts.slice(2).join("/");
  if (method === "POST" && rest === `admin/api/${SIM_API_VERSION}/graphql.json`) {
    const token = req.headers["x-shopify-access-token"];
    return handleGraphql(state, shop, Array.isArray(token) ? token[0] : token, raw);
  }
  if (method === "POST" && /^admin\/api\/[^/]+\/graphql\.json$/.test(rest))
    return { status: 404, body: { errors: "Not Found" } };
  if (method === "POST" && rest === "admin/oauth/access_token")
    return handleTokenExchange(state, shop, raw, String(req.headers["content-type"] ?? ""));
  return { status: 404, body: { errors: "Not Found" } };
}

export async function startShopifySimulator(options: ShopifySimulatorOptions = {}): Promise<ShopifySimulator> {
  const shops = options.shops ?? [{ domain: DEFAULT_SHOP, name: "Demo Outfitters", scale: options.scale }];
  const state = new SimState({
    apiKey: options.apiKey ?? "sim-api-key",
    apiSecret: options.apiSecret ?? "sim-api-secret",
    scope: options.scope ?? DEFAULT_SCOPE,
    shops,
    bucket: { capacity: options.bucket?.capacity ?? 1000, restoreRate: options.bucket?.restoreRate ?? 100 },
    now: options.now ?? Date.now,
  });
  state.webhooks = options.webhooks ?? null;
  const server = http.createServer((req, res) => {
    state.stats.requests++;
    route(state, req).then(
      (a) => send(res, a),
      (e: unknown) => {
        if (e instanceof SimError) send(res, { status: e.status, body: { errors: e.message } });
        else send(res, { status: 500, body: { errors: e instanceof Error ? e.message : String(e) } });
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    state,
    accessToken: (shop = shops[0]?.domain ?? DEFAULT_SHOP) =>
      shops.find((s) => s.domain === shop)?.accessToken ?? defaultAccessToken(shop),
    shopUrl: (shop = shops[0]?.domain ?? DEFAULT_SHOP) => `${url}/shops/${shop}`,
    stop: async () => {
      await state.settled();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
