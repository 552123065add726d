/**
 * A Sales Order's life as NetSuite shows it: orderStatus A/B on create, status
 * Pending Fulfillment → Partially Fulfilled → Pending Billing → Billed, Closed when every line is
 * closed (PLATFORMS.md "Statuses"; transaction status codes SalesOrd:A…H), Item Fulfilments with
 * shipStatus A Picked / C Shipped, transforms answering 204 + Location (help section
 * 157901123882), and USER_ERROR for what NetSuite refuses (editing a closed order's lines,
 * fulfilling an order with nothing left to fulfil).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NetSuiteSimAdmin } from "../simulators/netsuite/admin-client";
import { startNetSuiteSimulator, type NetSuiteSimulator } from "../simulators/netsuite/server";
import { SEED } from "../simulators/netsuite/seed";
import { idFrom, ns, suiteql } from "./helpers";

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
type Rec = Record<string, unknown> & { id: string };

async function order(orderStatus?: "A" | "B"): Promise<string> {
  const c = await ns(sim.url, "POST", `${R}/customer`, { isPerson: true, lastName: "Hopper", subsidiary: { id: SEED.subsidiaries.us } });
  const r = await ns(sim.url, "POST", `${R}/salesOrder`, {
    entity: { id: idFrom(c) },
    subsidiary: { id: SEED.subsidiaries.us },
    currency: { id: SEED.currencies.USD },
    location: { id: SEED.locations.east },
    ...(orderStatus ? { orderStatus } : {}),
    shippingCost: 5,
    item: { items: [{ item: { id: SEED.itemId("HOODIE-NVY-L")! }, quantity: 2, rate: 74 }, { item: { id: SEED.itemId("TOTE-NAT")! }, quantity: 1, rate: 24 }, { item: { id: SEED.items.discount }, amount: -9.8 }] },
  });
  expect(r.status).toBe(204);
  return idFrom(r);
}
const status = async (id: string) => ((await admin.record("salesOrder", id)).status as { id: string; refName: string });
const stock = async (sku: string, location: string) => (await admin.stock()).find((s) => s.item === SEED.itemId(sku) && s.location === location)!;

describe("Sales Order statuses", () => {
  it("creates Pending Fulfillment (B) unless A is sent, and approving moves A to B", async () => {
    expect(await status(await order())).toEqual({ id: "B", refName: "Pending Fulfillment" });
    const pending = await order("A");
    expect(await status(pending)).toEqual({ id: "A", refName: "Pending Approval" });
    expect((await ns<Rec>(sim.url, "POST", `${R}/salesOrder/${pending}/!transform/itemFulfillment`, {})).body["o:errorDetails"]).toMatchObject([{ "o:errorCode": "USER_ERROR" }]);
    await ns(sim.url, "PATCH", `${R}/salesOrder/${pending}`, { orderStatus: "B" });
    expect((await status(pending)).id).toBe("B");
  });

  it("picks then ships part of an order as a warehouse would, then the rest, and bills it", async () => {
    const id = await order();
    const before = await stock("HOODIE-NVY-L", SEED.locations.east);
    const picked = await admin.pick(id, { lines: [{ line: 1, quantity: 1 }] });
    expect(picked.salesOrderStatus).toEqual({ id: "E", refName: "Pending Billing/Partially Fulfilled" });
    const f = await admin.record("itemFulfillment", picked.itemFulfillmentId);
    expect(f).toMatchObject({ createdFrom: { id }, shipStatus: { id: "A", refName: "Picked" }, item: { items: [{ orderLine: 1, quantity: 1, location: { id: SEED.locations.east } }] } });
    expect(await stock("HOODIE-NVY-L", SEED.locations.east)).toEqual(before); // picking moves no stock

    await admin.shipFulfillment(picked.itemFulfillmentId, { carrier: "UPS", trackingNumber: "1Z999" });
    expect(await admin.record("itemFulfillment", picked.itemFulfillmentId)).toMatchObject({ shipStatus: { id: "C", refName: "Shipped" }, package: { items: [{ packageTrackingNumber: "1Z999", packageDescr: "UPS" }] } });
    expect((await stock("HOODIE-NVY-L", SEED.locations.east)).quantityOnHand).toBe(before.quantityOnHand - 1);

    const rest = await ns(sim.url, "POST", `${R}/salesOrder/${id}/!transform/itemFulfillment`, { shipStatus: "C" });
    expect(rest.status).toBe(204);
    expect(rest.headers.get("location")).toMatch(new RegExp(`${R}/itemFulfillment/\\d+$`));
    expect(await status(id)).toEqual({ id: "F", refName: "Pending Billing" });
    const nothing = await ns<Rec>(sim.url, "POST", `${R}/salesOrder/${id}/!transform/itemFulfillment`, {});
    expect(nothing.status).toBe(400);
    expect(nothing.body["o:errorDetails"]).toMatchObject([{ "o:errorCode": "USER_ERROR" }]);

    const invoice = await ns(sim.url, "POST", `${R}/salesOrder/${id}/!transform/invoice`, {});
    expect(invoice.status).toBe(204);
    expect(await admin.record("invoice", idFrom(invoice))).toMatchObject({ createdFrom: { id }, total: 167.2, status: { id: "A", refName: "Open" } }); // 2 × 74.00 + 24.00 − 9.80 + 5.00 shipping
    expect(await status(id)).toEqual({ id: "G", refName: "Billed" });
  });

  it("closes an order when every line is closed, then refuses line edits with USER_ERROR", async () => {
    const id = await order();
    await ns(sim.url, "PATCH", `${R}/salesOrder/${id}`, { item: { items: [{ line: 1, isClosed: true }] } });
    expect((await status(id)).id).toBe("B");
    await ns(sim.url, "PATCH", `${R}/salesOrder/${id}`, { item: { items: [{ line: 2, isClosed: true }, { line: 3, isClosed: true }] } });
    expect(await status(id)).toEqual({ id: "H", refName: "Closed" });
    const edit = await ns<Rec>(sim.url, "PATCH", `${R}/salesOrder/${id}`, { item: { items: [{ line: 1, quantity: 5 }] } });
    expect(edit.status).toBe(400);
    expect(edit.body["o:errorDetails"]).toMatchObject([{ "o:errorCode": "USER_ERROR" }]);
    const rows = await suiteql(sim.url, `SELECT id, status, BUILTIN.CF(status) AS code, BUILTIN.DF(status) AS name FROM transaction WHERE type = 'SalesOrd' AND id = ${id}`);
    expect(rows.body.items).toEqual([{ links: [], id, status: "H", code: "SalesOrd:H", name: "Sales Order : Closed" }]);
  });

  it("refuses to lower a fulfilled line below what was shipped, or to replace fulfilled lines", async () => {
    const id = await order();
    await admin.ship(id, { lines: [{ line: 1, quantity: 2 }] });
    const r = await ns<Rec>(sim.url, "PATCH", `${R}/salesOrder/${id}`, { item: { items: [{ line: 1, quantity: 1 }] } });
    expect(r.body["o:errorDetails"]).toMatchObject([{ "o:errorCode": "USER_ERROR", "o:errorPath": "item.items[0].quantity" }]);
    const replaced = await ns<Rec>(sim.url, "PATCH", `${R}/salesOrder/${id}?replace=item`, { item: { items: [{ item: { id: SEED.itemId("HOODIE-NVY-L")! }, quantity: 2, rate: 74 }] } });
    expect(replaced.body["o:errorDetails"]).toMatchObject([{ "o:errorCode": "USER_ERROR" }]);
    expect(((await admin.record("salesOrder", id)).item as { items: unknown[] }).items).toHaveLength(3);
  });
});
