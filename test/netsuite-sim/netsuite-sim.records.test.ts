/**
 * The record API's answers against NetSuite's documented shapes:
 * create 204 + Location (help section 1545141395), upsert PUT …/eid: (156335203191), PATCH with
 * null clearing and sublists merged or replaced (1545295601, 1545297048), GET with sublists as
 * links unless expandSubResources, errors with o:errorDetails (156570709583), Sales Order totals
 * as app/netsuite/records.ts states them, and journal entries that must balance.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NetSuiteSimAdmin } from "../simulators/netsuite/admin-client";
import { startNetSuiteSimulator, type NetSuiteSimulator } from "../simulators/netsuite/server";
import { SEED } from "../simulators/netsuite/seed";
import { idFrom, ns } from "./helpers";

let sim: NetSuiteSimulator;
let admin: NetSuiteSimAdmin;
beforeAll(async () => {
  sim = await startNetSuiteSimulator({ port: 0 });
  admin = new NetSuiteSimAdmin(sim.url);
});
afterAll(async () => sim?.stop());
beforeEach(async () => {
  await admin.reset();
});

const R = "/services/rest/record/v1";
const item = (sku: string) => ({ id: SEED.itemId(sku)! });
type Rec = Record<string, unknown> & { id: string };
const customer = { isPerson: true, firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", subsidiary: { id: SEED.subsidiaries.us } };

async function order(body: Record<string, unknown> = {}, externalId = "shopify:demo:order:1"): Promise<string> {
  await ns(sim.url, "PUT", `${R}/customer/eid:shopify:demo:customer:1`, customer);
  const r = await ns(sim.url, "PUT", `${R}/salesOrder/eid:${externalId}`, {
    entity: { externalId: "shopify:demo:customer:1" },
    subsidiary: { id: SEED.subsidiaries.us },
    currency: { id: SEED.currencies.USD },
    location: { id: SEED.locations.main },
    orderStatus: "B",
    item: { items: [{ item: item("TSHIRT-BLK-M"), quantity: 2, rate: 28, custcol_shopify_line_id: "1" }, { item: item("MUG-12OZ"), quantity: 1, rate: 18.5, custcol_shopify_line_id: "2" }] },
    ...body,
  });
  expect(r.status).toBe(204);
  return idFrom(r);
}

describe("writes", () => {
  it("creates with 204, no body and the record's URL in Location", async () => {
    const r = await ns(sim.url, "POST", `${R}/customer`, customer);
    expect(r.status).toBe(204);
    expect(r.text).toBe("");
    expect(r.headers.get("location")).toMatch(new RegExp(`^${sim.url}/services/rest/record/v1/customer/\\d+$`));
    const got = await ns<Rec>(sim.url, "GET", `${R}/customer/${idFrom(r)}`);
    expect(got.body).toMatchObject({ id: idFrom(r), firstName: "Ada", entityId: "Ada Lovelace", subsidiary: { id: SEED.subsidiaries.us, refName: "Demo Outfitters Inc." }, links: [{ rel: "self", href: `${sim.url}${R}/customer/${idFrom(r)}` }] });
  });

  it("upserts by external id: twice is one record, updated in place", async () => {
    const a = await ns(sim.url, "PUT", `${R}/customer/eid:shopify:demo:customer:7`, customer);
    const b = await ns(sim.url, "PUT", `${R}/customer/eid:shopify:demo:customer:7`, { ...customer, email: "ada@lovelace.dev" });
    expect([a.status, b.status]).toEqual([204, 204]);
    expect(b.headers.get("location")).toBe(a.headers.get("location"));
    const all = await admin.records("customer");
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ externalId: "shopify:demo:customer:7", email: "ada@lovelace.dev" });
    expect((await ns(sim.url, "GET", `${R}/customer/eid:shopify:demo:customer:7`)).body).toMatchObject({ id: idFrom(a) });
    expect((await ns(sim.url, "PUT", `${R}/customer/${idFrom(a)}`, customer)).status).toBe(400);
  });

  it("PATCH leaves omitted fields, clears null ones, merges keyed lines and appends others; ?replace=item replaces", async () => {
    const id = await order({ memo: "gift" });
    const lines = async () => ((await admin.record("salesOrder", id)).item as { items: Rec[] }).items;
    const before = await lines();
    expect(before.map((l) => l.line)).toEqual([1, 2]);

    expect((await ns(sim.url, "PATCH", `${R}/salesOrder/${id}`, { memo: null, otherRefNum: "#1001", item: { items: [{ line: 2, quantity: 3 }, { item: item("TOTE-NAT"), quantity: 1, rate: 24 }] } })).status).toBe(204);
    const so = await admin.record("salesOrder", id);
    expect(so.memo).toBeUndefined();
    expect(so).toMatchObject({ otherRefNum: "#1001", entity: { id: expect.any(String) } });
    expect((await lines()).map((l) => [l.line, l.quantity, l.amount])).toEqual([
      [1, 2, 56],
      [2, 3, 55.5],
      [3, 1, 24],
    ]);

    expect((await ns(sim.url, "PATCH", `${R}/salesOrder/${id}?replace=item`, { item: { items: [{ item: item("BEANIE-GRY"), quantity: 1, rate: 32 }] } })).status).toBe(204);
    expect((await lines()).map((l) => [l.line, (l.item as Rec).id])).toEqual([[1, SEED.itemId("BEANIE-GRY")]]);
  });

  it("GET answers sublists as links unless expandSubResources=true", async () => {
    const id = await order();
    const plain = (await ns<Rec>(sim.url, "GET", `${R}/salesOrder/${id}`)).body;
    expect(plain.item).toEqual({ links: [{ rel: "self", href: `${sim.url}${R}/salesOrder/${id}/item` }] });
    const expanded = (await ns<Rec>(sim.url, "GET", `${R}/salesOrder/${id}?expandSubResources=true`)).body;
    const items = (expanded.item as { items: Rec[]; totalResults: number }).items;
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ line: 1, quantity: 2, item: { id: SEED.itemId("TSHIRT-BLK-M"), refName: "TSHIRT-BLK-M" }, links: [{ rel: "self", href: `${sim.url}${R}/salesOrder/${id}/item/1` }] });
    expect(expanded).toMatchObject({ status: { id: "B", refName: "Pending Fulfillment" }, orderStatus: { id: "B" } });
  });

  it("DELETE answers 204 and then the record is gone: 404 NONEXISTENT_ID with NetSuite's error body", async () => {
    const id = idFrom(await ns(sim.url, "POST", `${R}/customer`, customer));
    expect((await ns(sim.url, "DELETE", `${R}/customer/${id}`)).status).toBe(204);
    const r = await ns(sim.url, "GET", `${R}/customer/${id}`);
    expect(r.status).toBe(404);
    expect(r.headers.get("content-type")).toBe("application/vnd.oracle.resource+json; type=error");
    expect(r.body).toEqual({ type: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.5", title: "Not Found", status: 404, "o:errorDetails": [{ detail: expect.stringContaining("does not exist"), "o:errorCode": "NONEXISTENT_ID" }] });
  });
});

describe("validation", () => {
  it("answers INVALID_CONTENT with the path for an unknown item, customer or tax code, by id or external id", async () => {
    const id = await order();
    const bad = async (body: unknown) => (await ns<Rec>(sim.url, "PATCH", `${R}/salesOrder/${id}`, body)).body["o:errorDetails"];
    expect(await bad({ item: { items: [{ item: { id: "424242" }, quantity: 1, rate: 1 }] } })).toEqual([{ detail: expect.any(String), "o:errorCode": "INVALID_CONTENT", "o:errorPath": "item.items[2].item" }]);
    expect(await bad({ entity: { externalId: "shopify:demo:customer:nobody" } })).toMatchObject([{ "o:errorCode": "INVALID_CONTENT", "o:errorPath": "entity" }]);
    expect(await bad({ item: { items: [{ line: 1, taxCode: { id: "999" } }] } })).toMatchObject([{ "o:errorPath": "item.items[0].taxCode" }]);
    const created = await ns<Rec>(sim.url, "POST", `${R}/salesOrder`, { entity: { id: "1" }, subsidiary: { id: SEED.subsidiaries.us }, item: { items: [{ item: item("MUG-12OZ") }] } });
    expect(created.status).toBe(400);
    expect(created.body["o:errorDetails"]).toMatchObject([{ "o:errorCode": "INVALID_CONTENT", "o:errorPath": "entity" }]);
  });

  it("refuses an unbalanced journal entry with USER_ERROR and accepts a balanced one", async () => {
    const line = (account: string, side: "debit" | "credit", amount: number) => ({ account: { id: account }, [side]: amount });
    const unbalanced = await ns<Rec>(sim.url, "POST", `${R}/journalEntry`, { subsidiary: { id: SEED.subsidiaries.us }, line: { items: [line(SEED.accounts.bank, "debit", 970.1), line(SEED.accounts.fees, "debit", 29.91), line(SEED.accounts.clearing, "credit", 1000)] } });
    expect(unbalanced.status).toBe(400);
    expect(unbalanced.body["o:errorDetails"]).toMatchObject([{ "o:errorCode": "USER_ERROR" }]);
    // 0.1 + 0.2 style amounts balance exactly in cents.
    const balanced = await ns(sim.url, "POST", `${R}/journalEntry`, { subsidiary: { id: SEED.subsidiaries.us }, line: { items: [line(SEED.accounts.bank, "debit", 0.1), line(SEED.accounts.fees, "debit", 0.2), line(SEED.accounts.clearing, "credit", 0.3)] } });
    expect(balanced.status).toBe(204);
  });
});

describe("Sales Order totals (as app/netsuite/records.ts states them)", () => {
  it("computes subtotal, discount, tax and total in cents for a multi-line order with a discount line, tax and shipping", async () => {
    const id = await order({
      shippingCost: 7.5,
      shippingTax1Amt: 0.62,
      item: {
        items: [
          { item: item("TSHIRT-BLK-M"), quantity: 3, rate: 28.33, tax1Amt: 7.01 },
          { item: item("MUG-12OZ"), quantity: 1, rate: 18.5, taxCode: { id: SEED.taxCodes.nvState } }, // 8.25% of 18.50 = 1.52625 → 1.53
          { item: item("BUNDLE-STARTER"), quantity: 1, amount: 60, tax1Amt: 4.95 },
          { item: { id: SEED.items.discount }, amount: -10.1 },
        ],
      },
    });
    const so = await admin.record("salesOrder", id);
    // 3 × 28.33 = 84.99; + 18.50 + 60.00 = 163.49; tax 7.01 + 1.53 + 4.95 + 0.62 = 14.11;
    // total 163.49 − 10.10 + 14.11 + 7.50 = 175.00
    expect(so).toMatchObject({ subtotal: 163.49, discountTotal: -10.1, taxTotal: 14.11, shippingCost: 7.5, total: 175 });
    expect((so.item as { items: Rec[] }).items.map((l) => l.amount)).toEqual([84.99, 18.5, 60, -10.1]);
    // A kit line keeps the kit; its members are readable on the kit item.
    const kit = (await ns<Rec>(sim.url, "GET", `${R}/kitItem/${SEED.itemId("BUNDLE-STARTER")}?expandSubResources=true`)).body;
    expect((kit.member as { items: Rec[] }).items.map((m) => [(m.item as Rec).refName, m.quantity])).toEqual([["TSHIRT-BLK-M", 1], ["TOTE-NAT", 1], ["MUG-12OZ", 1]]);
  });
});
