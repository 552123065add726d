import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleCatalog } from "../simulators/catalog";
import { startShopifySimulator, type ShopifySimulator } from "../simulators/shopify/server";
import { adminClient, control } from "./helpers";

const SHOP = "demo-connector.myshopify.com";
let sim: ShopifySimulator;

beforeAll(async () => {
  // A bucket that refills at once: this file is about paging, not throttling.
  sim = await startShopifySimulator({ scale: 1_234, bucket: { capacity: 1000, restoreRate: 1_000_000_000 } });
});
afterAll(() => sim.stop());

const VARIANTS = `query Variants($after: String) {
  productVariants(first: 200, after: $after) {
    edges { cursor node { id sku title price product { title } inventoryItem { id } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const ORDERS = `query Orders($q: String!, $after: String) {
  orders(first: 2, after: $after, query: $q, sortKey: UPDATED_AT) {
    nodes { id legacyResourceId name updatedAt }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface VariantPage {
  productVariants: {
    edges: { cursor: string; node: { sku: string; price: string; product: { title: string }; inventoryItem: { id: string } } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}
interface OrderPage {
  orders: { nodes: { id: string; name: string; updatedAt: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

describe("Admin GraphQL paging through @shopify/admin-api-client", () => {
  it("reads the shop", async () => {
    const { data, errors } = await adminClient(sim).request<{ shop: { name: string; myshopifyDomain: string; currencyCode: string } }>(
      "{ shop { name myshopifyDomain currencyCode } }",
    );
    expect(errors).toBeUndefined();
    expect(data?.shop).toEqual({ name: "Demo Outfitters", myshopifyDomain: SHOP, currencyCode: "USD" });
  });

  it("pages every variant with cursors, each SKU once", async () => {
    const client = adminClient(sim);
    const skus: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res: { data?: VariantPage; errors?: unknown; extensions?: Record<string, unknown> } = await client.request<VariantPage>(VARIANTS, {
        variables: { after },
      });
      expect(res.errors).toBeUndefined();
      expect(res.extensions?.cost).toMatchObject({ requestedQueryCost: 2 + 200 * 3 });
      const page = res.data?.productVariants;
      if (!page) throw new Error("no page");
      skus.push(...page.edges.map((e) => e.node.sku));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after);
    const catalogSkus = sampleCatalog.flatMap((p) => p.variants.map((v) => v.sku));
    expect(skus).toHaveLength(catalogSkus.length + 1_234);
    expect(new Set(skus).size).toBe(skus.length);
    expect(skus).toEqual(expect.arrayContaining(catalogSkus));
    expect(pages).toBe(Math.ceil(skus.length / 200));
  });

  it("finds a variant by SKU with its price and stock at the three locations", async () => {
    const { data } = await adminClient(sim).request<{
      productVariants: { nodes: { sku: string; price: string; inventoryItem: { inventoryLevels: { nodes: { quantities: { name: string; quantity: number }[]; location: { id: string } }[] } } }[] };
      locations: { nodes: { id: string; name: string }[] };
    }>(`{
      productVariants(first: 5, query: "sku:MUG-12OZ") { nodes { sku price inventoryItem { inventoryLevels(first: 10) { nodes { quantities(names: ["available"]) { name quantity } location { id } } } } } }
      locations(first: 10) { nodes { id name } }
    }`);
    expect(data?.productVariants.nodes).toHaveLength(1);
    const v = data?.productVariants.nodes[0];
    expect(v?.price).toBe("18.50");
    const levels = v?.inventoryItem.inventoryLevels.nodes ?? [];
    expect(levels.map((l) => l.location.id).sort()).toEqual((data?.locations.nodes ?? []).map((l) => l.id).sort());
    expect(data?.locations.nodes.map((l) => l.name).sort()).toEqual(["Brooklyn Store", "East Coast DC", "Main Warehouse"]);
    for (const l of levels) expect(l.quantities[0]).toMatchObject({ name: "available", quantity: expect.any(Number) });
  });

  it("pages orders updated since a checkpoint, oldest change first", async () => {
    const place = (sku: string) =>
      control<{ order: { id: number; name: string } }>(sim, `shops/${SHOP}/orders`, { customer: 1, lines: [{ sku, quantity: 1 }] });
    const old = [];
    for (let i = 0; i < 4; i++) old.push(await place("TOTE-NAT"));
    const { now } = await control<{ now: string }>(sim, "clock", { advanceSeconds: 60 });
    const checkpoint = new Date(Date.parse(now) - 30_000).toISOString();
    const fresh = [];
    for (let i = 0; i < 3; i++) {
      await control(sim, "clock", { advanceSeconds: 1 });
      fresh.push(await place("MUG-12OZ"));
    }
    await control(sim, "clock", { advanceSeconds: 1 });
    const edited = old[1];
    if (!edited) throw new Error("no order");
    await control(sim, `shops/${SHOP}/orders/${edited.order.id}/edit`, { add: [{ sku: "BEANIE-GRY", quantity: 1 }] });

    const client = adminClient(sim);
    const seen: OrderPage["orders"]["nodes"] = [];
    let after: string | null = null;
    do {
      const res: { data?: OrderPage; errors?: unknown } = await client.request<OrderPage>(ORDERS, {
        variables: { q: `updated_at:>'${checkpoint}'`, after },
      });
      expect(res.errors).toBeUndefined();
      const page = res.data?.orders;
      if (!page) throw new Error("no page");
      seen.push(...page.nodes);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen.map((o) => o.name)).toEqual([...fresh.map((f) => f.order.name), edited.order.name]);
    const times = seen.map((o) => Date.parse(o.updatedAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times.every((t) => t > Date.parse(checkpoint))).toBe(true);
  });

  it("rejects a page size over 250 like Shopify", async () => {
    const { errors } = await adminClient(sim).request("{ locations(first: 251) { nodes { id } } }");
    expect(errors?.graphQLErrors?.[0]?.message).toMatch(/page size/);
  });
});
