import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProvider, type TestDatabase } from "../support/db";
import { startApp, testAppEnv, TEST_SECRET, type RunningApp } from "../support/app";
import { postWebhook } from "../support/webhooks";
import { adminClient, storeOfflineSession, type AdminClient } from "../support/admin";
import { db, disconnectDb } from "~/db.server";
import { recordInstall } from "~/shops/shops.server";
import { raiseException } from "~/exceptions/exceptions.server";
import { JOB_KIND, orderKey } from "~/intake/topics";
import { PRIORITY } from "~/jobs/port";
import { waitFor } from "../support/wait";

let tdb: TestDatabase;
let app: RunningApp;
let admin: AdminClient;
let other: AdminClient;
const SHOP = "mapping-shop.myshopify.com";
const OTHER = "other-shop.myshopify.com";

const product = (id: number, updatedAt: string, variants: { id: number; sku: string | null; title: string }[]) =>
  JSON.stringify({ id, title: "Organic Cotton T-Shirt", updated_at: updatedAt, product_type: "Apparel", variants: variants.map((v) => ({ ...v, inventory_item_id: v.id + 1000 })) });

beforeAll(async () => {
  tdb = await createTestDatabase("mappings");
  for (const s of [SHOP, OTHER]) {
    await recordInstall(db(), s);
    await storeOfflineSession(db(), s);
  }
  app = await startApp(testAppEnv(tdb.url));
  admin = adminClient(app.url, SHOP);
  other = adminClient(app.url, OTHER);
});
afterAll(async () => {
  await app?.stop();
  await disconnectDb();
  await tdb?.drop();
});

describe(`SKU and location mappings over HTTP (${testProvider})`, () => {
  it("refuses a request without a session token", async () => {
    const res = await fetch(`${app.url}/api/mappings/skus`, { headers: { Accept: "application/json" } });
    expect(res.status).not.toBe(200);
  });

  it("lists the catalogue that products webhooks fill, with unmapped counts", async () => {
    const body = product(801, "2026-12-01T10:00:00Z", [
      { id: 9001, sku: "TSHIRT-BLK-M", title: "Black / M" },
      { id: 9002, sku: "TSHIRT-BLK-L", title: "Black / L" },
      { id: 9003, sku: null, title: "Sample" },
    ]);
    expect((await postWebhook(app.url, { topic: "products/create", shop: SHOP, body, secret: TEST_SECRET })).status).toBe(200);
    const list = await waitFor(
      async () => (await admin.get("/api/mappings/skus?filter=unmapped")).json() as Promise<{ rows: { sku: string }[]; counts: Record<string, number> }>,
      (l) => l.rows.length === 2,
    );
    expect(list.rows.map((r) => r.sku)).toEqual(["TSHIRT-BLK-L", "TSHIRT-BLK-M"]);
    expect(list.counts).toEqual({ skus: 2, mapped: 0, unmapped: 2, withoutSku: 1 });

    // A later update drops a variant: the catalogue follows.
    const update = product(801, "2026-12-01T11:00:00Z", [{ id: 9001, sku: "TSHIRT-BLK-M", title: "Black / M" }]);
    await postWebhook(app.url, { topic: "products/update", shop: SHOP, body: update, secret: TEST_SECRET });
    await waitFor(async () => ((await (await admin.get("/api/mappings/skus")).json()) as { counts: { skus: number } }).counts.skus, (n) => n === 1);
  });

  it("answers 400 naming the field for a bad mapping, and saves a good one", async () => {
    const bad = await admin.send("PUT", "/api/mappings/skus", { sku: "TSHIRT-BLK-M", netsuiteItemId: "not-a-number" });
    expect(bad.status).toBe(400);
    const err = (await bad.json()) as { issues: { path: string; message: string }[] };
    expect(err.issues.map((i) => i.path)).toEqual(["netsuiteItemId"]);
    const kitWithoutMembers = await admin.send("PUT", "/api/mappings/skus", { sku: "BUNDLE-STARTER", netsuiteItemId: "500", itemKind: "kit" });
    expect(kitWithoutMembers.status).toBe(400);

    const ok = await admin.send("PUT", "/api/mappings/skus", { sku: "TSHIRT-BLK-M", netsuiteItemId: "101", itemName: "TSHIRT-BLK-M" });
    expect(ok.status).toBe(200);
    const list = (await (await admin.get("/api/mappings/skus")).json()) as { rows: { sku: string; mapping: { netsuiteItemId: string; updatedBy: string } | null }[]; counts: Record<string, number> };
    expect(list.rows[0]!.mapping).toMatchObject({ netsuiteItemId: "101", updatedBy: "shopify-user:42" });
    expect(list.counts).toMatchObject({ mapped: 1, unmapped: 0 });
  });

  it("releases an exception waiting for a SKU as soon as the SKU is mapped", async () => {
    const ex = await raiseException(db(), {
      shop: SHOP,
      causeCode: "unmapped_sku",
      message: "SKU POSTER-LTD-01 (Limited Edition Poster) has no NetSuite item",
      objectType: "order",
      objectId: "5001",
      job: { kind: JOB_KIND.orderSync, key: orderKey(SHOP, "5001"), data: { shop: SHOP, objectType: "order", objectId: "5001" }, priority: PRIORITY.orderNew },
      attempts: 1,
      detail: { skus: ["POSTER-LTD-01"] },
    });
    // Mapping some other SKU releases nothing.
    const unrelated = (await (await admin.send("PUT", "/api/mappings/skus", { sku: "MUG-12OZ", netsuiteItemId: "102" })).json()) as { releasedExceptions: string[] };
    expect(unrelated.releasedExceptions).toEqual([]);
    const res = (await (await admin.send("PUT", "/api/mappings/skus", { sku: "POSTER-LTD-01", netsuiteItemId: "103" })).json()) as { releasedExceptions: string[] };
    expect(res.releasedExceptions).toEqual([ex.id]);
    const after = await db().syncException.findUniqueOrThrow({ where: { id: ex.id } });
    expect(after).toMatchObject({ status: "resolved", resolvedBy: "shopify-user:42 (mapping fixed)" });
  });

  it("keeps shops apart", async () => {
    const list = (await (await other.get("/api/mappings/skus")).json()) as { rows: unknown[]; counts: { skus: number } };
    expect(list.rows).toEqual([]);
    expect(list.counts.skus).toBe(0);
    expect((await other.send("DELETE", "/api/mappings/skus?sku=TSHIRT-BLK-M")).status).toBe(404);
    expect((await admin.send("DELETE", "/api/mappings/skus?sku=TSHIRT-BLK-M")).status).toBe(204);
  });

  it("maps locations", async () => {
    expect((await admin.send("PUT", "/api/mappings/locations", { shopifyLocationId: "71100000001", shopifyLocationName: "Main Warehouse", netsuiteLocationId: "1" })).status).toBe(200);
    const { mappings } = (await (await admin.get("/api/mappings/locations")).json()) as { mappings: { shopifyLocationId: string; netsuiteLocationId: string }[] };
    expect(mappings).toMatchObject([{ shopifyLocationId: "71100000001", netsuiteLocationId: "1" }]);
    expect(((await (await other.get("/api/mappings/locations")).json()) as { mappings: unknown[] }).mappings).toEqual([]);
  });
});

describe(`the exception inbox over HTTP (${testProvider})`, () => {
  it("lists open exceptions grouped by cause, and needs a reason to ignore one", async () => {
    const ex = await raiseException(db(), {
      shop: SHOP,
      causeCode: "netsuite_data",
      message: "NetSuite refused the Sales Order: Invalid value for item.items[0].item",
      objectType: "order",
      objectId: "5002",
      job: { kind: JOB_KIND.orderSync, key: orderKey(SHOP, "5002"), data: { shop: SHOP, objectType: "order", objectId: "5002" }, priority: PRIORITY.orderNew },
      attempts: 5,
      detail: { path: "item.items[0].item" },
    });
    const inbox = (await (await admin.get("/api/exceptions")).json()) as { items: { id: string; title: string; detail: unknown }[]; groups: { causeCode: string; open: number; ownerRole: string }[] };
    expect(inbox.items.map((i) => i.id)).toContain(ex.id);
    expect(inbox.items.find((i) => i.id === ex.id)).toMatchObject({ title: "NetSuite refused the record", detail: { path: "item.items[0].item" } });
    expect(inbox.groups).toEqual([expect.objectContaining({ causeCode: "netsuite_data", open: 1, ownerRole: "ops" })]);

    expect((await other.get(`/api/exceptions/${ex.id}`)).status).toBe(404);
    expect((await other.send("POST", `/api/exceptions/${ex.id}`, { action: "ignore", reason: "x" })).status).toBe(404);
    expect((await admin.send("POST", `/api/exceptions/${ex.id}`, { action: "ignore" })).status).toBe(409);
    expect((await admin.send("POST", `/api/exceptions/${ex.id}`, { action: "explode" })).status).toBe(400);
    const ignored = await admin.send("POST", `/api/exceptions/${ex.id}`, { action: "ignore", reason: "order re-keyed by hand in NetSuite" });
    expect(ignored.status).toBe(200);
    const one = (await (await admin.get(`/api/exceptions/${ex.id}`)).json()) as { exception: { status: string; resolvedBy: string; resolution: string }; timeline: { event: string }[] };
    expect(one.exception).toMatchObject({ status: "ignored", resolvedBy: "shopify-user:42", resolution: "order re-keyed by hand in NetSuite" });
    expect(one.timeline.map((e) => e.event)).toEqual(["exception", "resolved"]);
  });

  it("imports SKU mappings from CSV, mapping valid rows and naming each other row with its problem", async () => {
    const csv = ["sku,netsuite_item_id,item_kind,kit_members", "CSV-A,1001,inventory,", "CSV-B,abc,inventory,", "CSV-C,,inventory,", "CSV-D,1040,kit,1001x1; 1036x2", "CSV-A,1002,inventory,", ",1003,inventory,", "CSV-E,1004,pallet,"].join("\r\n");
    const res = await admin.send("PUT", "/api/mappings/skus.csv", csv);
    expect(res.status).toBe(200);
    const report = (await res.json()) as { imported: number; skipped: number; problems: { row: number; sku: string; problem: string }[] };
    expect(report).toMatchObject({ imported: 2, skipped: 1 });
    expect(report.problems.map((p) => [p.row, p.sku])).toEqual([
      [3, "CSV-B"],
      [6, "CSV-A"],
      [7, ""],
      [8, "CSV-E"],
    ]);
    expect(report.problems[1]!.problem).toBe("SKU CSV-A is already on row 2");
    const kit = await db().skuMapping.findUnique({ where: { shopDomain_sku: { shopDomain: SHOP, sku: "CSV-D" } } });
    expect(JSON.parse(kit!.kitMembers!)).toEqual([{ itemId: "1001", quantity: 1 }, { itemId: "1036", quantity: 2 }]);
    expect(await db().skuMapping.count({ where: { shopDomain: OTHER, sku: { startsWith: "CSV-" } } })).toBe(0);

    const bad = await admin.send("PUT", "/api/mappings/skus.csv", "code,item\r\nX,1\r\n");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { problems: { problem: string }[] }).problems[0]!.problem).toContain("sku and netsuite_item_id");
  });
});
