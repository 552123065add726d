/**
 * The one place Shopify is configured. Routes use `authenticate` from here (or
 * `requireAdmin` from app/shopify/admin.server.ts, which adds demo mode).
 */
import "@shopify/shopify-app-remix/adapters/node";
import { AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { db } from "./db.server";
import { env } from "./config/env.server";
import { SHOPIFY_API_VERSION } from "./shopify/api-version";
import { recordInstall } from "./shops/shops.server";
import { installSimulatorFetch } from "./shopify/simulator-fetch.server";
import { logger } from "./log.server";

const config = env();
// Demo and tests only (env.server.ts refuses it elsewhere): the library's requests for
// https://{shop}/… go to the Shopify simulator. After the adapter import, which sets the default.
if (config.shopifySimulatorUrl) {
  installSimulatorFetch(config.shopifySimulatorUrl);
  logger.info("Shopify requests go to the simulator", { url: config.shopifySimulatorUrl });
}

const shopify = shopifyApp({
  apiKey: config.apiKey,
  apiSecretKey: config.apiSecret,
  apiVersion: SHOPIFY_API_VERSION,
  scopes: config.scopes,
  appUrl: config.appUrl,
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(db()),
  distribution: AppDistribution.AppStore,
  // The library logs every request at info to the console; our own logger records what matters.
  logger: { level: process.env.SHOPIFY_LOG_LEVEL === "debug" ? LogSeverity.Debug : LogSeverity.Warning },
  future: { unstable_newEmbeddedAuthStrategy: true, expiringOfflineAccessTokens: true },
  hooks: {
    afterAuth: async ({ session }) => {
      const before = await db().shop.findUnique({ where: { domain: session.shop }, select: { status: true } });
      await recordInstall(db(), session.shop);
      // A new (or returning) install reads the shop's variants, so SKU mapping starts full.
      if (before?.status !== "installed") {
        const { jobEngine } = await import("./queue.server");
        const { requestCatalogueRefresh } = await import("./catalogue/refresh.server");
        await requestCatalogueRefresh(await jobEngine(), session.shop, "install");
      }
    },
  },
});

export default shopify;
export const apiVersion = SHOPIFY_API_VERSION;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const sessionStorage = shopify.sessionStorage;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
