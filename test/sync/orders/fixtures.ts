/** The order fixtures (webhook bodies and their Admin GraphQL twins) and the demo mappings. */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseAdminOrder, parseOrderWebhook, type ShopifyOrder } from "~/shopify/payloads";
import { mapOrder, type MapResult } from "~/sync/orders/map";
import { parseMappings, type OrderMappings } from "~/sync/orders/mappings";
import type { NS_SalesOrder } from "~/netsuite/records";

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(here, "../../fixtures/shopify/orders");
export const SHOP = "demo-connector.myshopify.com";
export const NOW = new Date("2026-12-05T12:00:00Z");

export const fixtureNames = (): string[] => fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".json")).map((f) => f.replace(/\.json$/, "")).sort();
export const graphqlFixtureNames = (): string[] => fs.readdirSync(path.join(FIXTURES, "graphql")).map((f) => f.replace(/\.json$/, "")).sort();

export function rawFixture(name: string): Record<string, any> {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), "utf8")) as Record<string, any>;
}
export function rawGraphqlFixture(name: string): Record<string, any> {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, "graphql", `${name}.json`), "utf8")) as Record<string, any>;
}

export function webhookOrder(nameOrBody: string | unknown): ShopifyOrder {
  const r = parseOrderWebhook(typeof nameOrBody === "string" ? rawFixture(nameOrBody) : nameOrBody);
  if (!r.ok) throw new Error(r.issues.join("; "));
  return r.order;
}
export function graphqlOrder(nameOrBody: string | unknown): ShopifyOrder {
  const r = parseAdminOrder(typeof nameOrBody === "string" ? rawGraphqlFixture(nameOrBody) : nameOrBody);
  if (!r.ok) throw new Error(r.issues.join("; "));
  return r.order;
}

export function demoMappingsJson(): Record<string, any> {
  return JSON.parse(fs.readFileSync(path.join(here, "../../../app/sync/orders/demo-mappings.json"), "utf8")) as Record<string, any>;
}

const MERGED_SECTIONS = new Set(["storefront", "tax", "items", "payments", "customers"]);

/**
 * The demo mappings with parts of the JSON file changed: the settings sections (storefront, tax,
 * items, payments, customers) are merged field by field, the lists (skus, locations,
 * paymentTerms) replaced whole.
 */
export function mappings(overrides: Record<string, any> = {}): OrderMappings {
  const base = demoMappingsJson();
  const merged: Record<string, any> = { ...base };
  for (const [k, v] of Object.entries(overrides)) merged[k] = MERGED_SECTIONS.has(k) ? { ...base[k], ...v } : v;
  const r = parseMappings(merged);
  if (!r.ok) throw new Error(r.issues.join("; "));
  return r.mappings;
}

export function mapFixture(name: string, m: OrderMappings = mappings()): MapResult {
  return mapOrder(webhookOrder(name), m, { shop: SHOP, now: NOW });
}

export function planOf(r: MapResult) {
  if (!r.ok) throw new Error(`expected a plan, got problems: ${r.problems.map((p) => p.message).join(" | ")}`);
  return r;
}

export function salesOrderOf(r: MapResult): NS_SalesOrder {
  const so = planOf(r).plan.find((x) => x.recordType === "salesOrder");
  if (!so) throw new Error("no Sales Order in the plan");
  return so.body as NS_SalesOrder;
}
