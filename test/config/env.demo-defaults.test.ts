import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "~/config/env.server";
import { DEMO_DEFAULTS } from "~/config/demo-defaults";
import { SHOPIFY_API_VERSION } from "~/shopify/api-version";

const own = {
  SHOPIFY_API_KEY: "real-key",
  SHOPIFY_API_SECRET: "real-secret",
  SHOPIFY_APP_URL: "https://connector.example.com",
  ENCRYPTION_KEYS: "k1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
};

describe("environment", () => {
  it("fills demo defaults only in demo mode", () => {
    const demo = parseEnv({ DEMO: "1" });
    expect(demo.demo).toBe(true);
    expect(demo.apiKey).toBe(DEMO_DEFAULTS.apiKey);
    expect(demo.demoShop).toBe(DEMO_DEFAULTS.shop);
    expect(() => parseEnv({})).toThrow(/SHOPIFY_API_KEY is required/);
  });

  it("refuses the committed demo secrets outside demo mode", () => {
    expect(() => parseEnv({ ...own, SHOPIFY_API_SECRET: DEMO_DEFAULTS.apiSecret })).toThrow(/SHOPIFY_API_SECRET use the committed demo values/);
    expect(() => parseEnv({ ...own, ENCRYPTION_KEYS: DEMO_DEFAULTS.encryptionKeys })).toThrow(/ENCRYPTION_KEYS/);
    expect(() => parseEnv({ ...own, SHOPIFY_API_KEY: DEMO_DEFAULTS.apiKey })).toThrow(/SHOPIFY_API_KEY/);
  });

  it("accepts a production environment with its own values", () => {
    const env = parseEnv(own);
    expect(env.demo).toBe(false);
    expect(env.databaseUrl).toBe("file:./data/connector.sqlite");
    expect(env.scopes).toContain("read_shopify_payments_payouts");
  });

  it("names invalid values", () => {
    expect(() => parseEnv({ ...own, PROCESS_ROLE: "boss" })).toThrow(/PROCESS_ROLE/);
  });

  it("declares one Shopify API version, the same in shopify.app.toml", () => {
    const toml = fs.readFileSync(path.resolve(import.meta.dirname, "../../shopify.app.toml"), "utf8");
    expect(toml).toMatch(new RegExp(`api_version = "${SHOPIFY_API_VERSION}"`));
    expect(SHOPIFY_API_VERSION).toBe("2026-10");
    const graphqlrc = fs.readFileSync(path.resolve(import.meta.dirname, "../../.graphqlrc.ts"), "utf8");
    expect(graphqlrc).toContain("SHOPIFY_API_VERSION");
  });
});
