/**
 * Committed values for demo mode only (`DEMO=1`, set by `npm run demo` and the browser tests).
 * They are public by being in this repository, so the app refuses to start with any of them
 * when demo mode is off (see env.server.ts).
 */
export const DEMO_DEFAULTS = {
  shop: "demo-connector.myshopify.com",
  shopName: "Demo Outfitters",
  apiKey: "demo-api-key-0000000000000000",
  apiSecret: "demo-api-secret-not-for-production",
  // id:base64(32 bytes). Anyone can read this key: demo data only.
  encryptionKeys: "demo1:ZGVtby1vbmx5LWtleS1kby1ub3QtdXNlLWluLXByb2Q=",
  appUrl: "http://127.0.0.1:3000",
} as const;
