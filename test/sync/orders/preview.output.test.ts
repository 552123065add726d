/**
 * The dry run prints the exact requests (method, path, body) in order, or the exceptions, and
 * writes nothing; the CLI (`npm run preview`) prints the same through a real process.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { previewOrder } from "~/sync/orders/preview";
import { mapFixture, mappings, NOW, planOf, rawFixture, rawGraphqlFixture, SHOP } from "./fixtures";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../../..");
const FIXTURE = "test/fixtures/shopify/orders";

describe("preview", () => {
  it("prints each planned request's method, path and body, in order", () => {
    const p = previewOrder("orders/create", JSON.stringify(rawFixture("gift-card-redemption")), mappings(), { shop: SHOP, now: NOW });
    expect(p.ok).toBe(true);
    const text = p.lines.join("\n");
    const plan = planOf(mapFixture("gift-card-redemption"));
    let at = 0;
    for (const r of plan.plan) {
      const block = `${r.method} ${r.path}\n${JSON.stringify(r.body, null, 2)}`;
      const found = text.indexOf(block, at);
      expect(found).toBeGreaterThan(at - 1);
      at = found + block.length;
    }
    expect(p.lines.at(-1)).toBe("NetSuite's Sales Order total will be 73.07 USD, Shopify's current_total_price.");
  });

  it("prints the exceptions an order would raise", () => {
    const p = previewOrder("orders/updated", JSON.stringify(rawFixture("unmapped-sku")), mappings(), { shop: SHOP, now: NOW });
    expect(p).toEqual({
      ok: false,
      lines: ["Shopify order #1111 (id 5900000000111, orders/updated) for demo-connector.myshopify.com: 1 exception; nothing would be written to NetSuite.", '  - [unmapped_sku, owner ops] SKU POSTER-LTD-01 ("Limited Edition Poster") has no NetSuite item: map the SKU.'],
    });
  });

  it("reads an Admin GraphQL order too, and says what is wrong with an unreadable payload or topic", () => {
    expect(previewOrder("admin/order", JSON.stringify(rawGraphqlFixture("native-bundle")), mappings(), { shop: SHOP, now: NOW }).ok).toBe(true);
    expect(previewOrder("orders/create", "{", mappings(), { shop: SHOP, now: NOW }).lines[0]).toMatch(/^The payload is not JSON/);
    const bad = previewOrder("orders/create", JSON.stringify({ ...rawFixture("guest-pos"), line_items: [{ id: 1 }] }), mappings(), { shop: SHOP, now: NOW });
    expect(bad.ok).toBe(false);
    expect(bad.lines).toContain("  - line_items.0.quantity: Invalid input: expected number, received undefined");
    expect(previewOrder("refunds/create", "{}", mappings(), { shop: SHOP, now: NOW }).lines[0]).toMatch(/^No preview for refunds\/create/);
  });

  it("the CLI prints the plan with the demo mappings, and exceptions with exit code 1", async () => {
    const cli = (...args: string[]) => run(process.execPath, ["--import", "tsx", "scripts/preview.ts", ...args], { cwd: ROOT });
    const [ok, failed] = await Promise.all([
      cli("orders/create", `${FIXTURE}/discounts-multi-line.json`),
      cli("orders/create", `${FIXTURE}/unmapped-sku.json`, "--shop", "other.myshopify.com").catch((e: { code: number; stdout: string }) => e),
    ]);
    expect(ok.stdout).toContain("PUT /services/rest/record/v1/salesOrder/eid:shopify%3Ademo-connector.myshopify.com%3Aorder%3A5900000000101?replace=item");
    expect("code" in failed && failed.code).toBe(1);
    expect(failed.stdout).toContain("other.myshopify.com: 1 exception");
    expect(failed.stdout).toContain("[unmapped_sku, owner ops] SKU POSTER-LTD-01");
  });
});
