import { ApiVersion } from "@shopify/shopify-app-remix/server";

/**
 * The one Shopify Admin API version this app speaks. shopify.app.toml's
 * `[webhooks] api_version` and .graphqlrc.ts read the same value (a test keeps them equal).
 */
export const SHOPIFY_API_VERSION = ApiVersion.October26;
