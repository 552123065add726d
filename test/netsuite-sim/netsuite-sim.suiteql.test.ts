/**
 * SuiteQL through REST (help sections 157909186990 and 158394344595; paging as in "Collection
 * Paging", 156414087576): POST …/query/v1/suiteql with Prefer: transient and {"q"}, limit (at
 * most 1000) and offset, the answer's links (next/last/self…), count, hasMore, items (each with
 * links: []), offset and totalResults; values as strings; an invalid query is 400
 * INVALID_PARAMETER on the q parameter (wording from public client tests run against NetSuite).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NetSuiteSimAdmin } from "../simulators/netsuite/admin-client";
import { startNetSuiteSimulator, type NetSuiteSimulator } from "../simulators/netsuite/server";
import { SEED } from "../simulators/netsuite/seed";
import { ns, suiteql } from "./helpers";

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

describe("SuiteQL", () => {
  it("pages a result over several pages with next/last links and hasMore, and the last page has none", async () => {
    const q = "SELECT id, itemid, itemtype, isinactive FROM item WHERE itemtype = 'InvtPart' ORDER BY id";
    const first = await suiteql<Record<string, string>>(sim.url, q, "?limit=15");
    expect(first.status).toBe(200);
    const total = first.body.totalResults;
    expect(total).toBeGreaterThan(30);
    expect(first.body).toMatchObject({ count: 15, hasMore: true, offset: 0 });
    const rels = Object.fromEntries(first.body.links.map((l) => [l.rel, l.href]));
    expect(rels.next).toBe(`${sim.url}/services/rest/query/v1/suiteql?limit=15&offset=15`);
    expect(rels.self).toBe(`${sim.url}/services/rest/query/v1/suiteql?limit=15&offset=0`);
    expect(rels.last).toBe(`${sim.url}/services/rest/query/v1/suiteql?limit=15&offset=${Math.floor((total - 1) / 15) * 15}`);
    expect(first.body.items[0]).toEqual({ links: [], id: String(SEED.firstItemId), itemid: "TSHIRT-BLK-S", itemtype: "InvtPart", isinactive: "F" });

    const seen = [...first.body.items];
    let next: string | undefined = rels.next;
    while (next) {
      const page = await suiteql<Record<string, string>>(sim.url, q, new URL(next).search);
      seen.push(...page.body.items);
      next = page.body.links.find((l) => l.rel === "next")?.href;
      if (!next) expect(page.body.hasMore).toBe(false);
    }
    expect(seen.map((r) => r.id)).toEqual([...new Set(seen.map((r) => r.id))]);
    expect(seen).toHaveLength(total);
  });

  it("reads stock per item and location, and sees a Sales Order written a moment before", async () => {
    await admin.setStock({ sku: "MUG-12OZ", location: SEED.locations.store, quantityAvailable: 7, quantityOnHand: 9 });
    const stock = await suiteql(sim.url, `SELECT item, location, quantityavailable, quantityonhand FROM inventoryitemlocations WHERE item = ${SEED.itemId("MUG-12OZ")} AND location = ${SEED.locations.store}`);
    expect(stock.body.items).toEqual([{ links: [], item: SEED.itemId("MUG-12OZ"), location: SEED.locations.store, quantityavailable: "7", quantityonhand: "9" }]);

    await ns(sim.url, "PUT", "/services/rest/record/v1/customer/eid:c1", { isPerson: true, lastName: "Byron", subsidiary: { id: SEED.subsidiaries.us } });
    await ns(sim.url, "PUT", "/services/rest/record/v1/salesOrder/eid:shopify:demo:order:9", { entity: { externalId: "c1" }, subsidiary: { id: SEED.subsidiaries.us }, tranDate: "2026-12-05", item: { items: [{ item: { id: SEED.itemId("MUG-12OZ")! }, quantity: 2, rate: 18.5 }] } });
    const so = await suiteql(sim.url, "SELECT t.id, t.tranid, t.type, t.status, t.trandate, t.memo, tl.quantity FROM transaction t JOIN transactionline tl ON tl.transaction = t.id WHERE t.externalid = 'shopify:demo:order:9' AND tl.mainline = 'F'");
    // Sales lines are negative in SuiteQL; the date shows in the user's format; a null column is left out.
    expect(so.body.items).toEqual([{ links: [], id: expect.stringMatching(/^\d+$/), tranid: expect.stringMatching(/^SO\d+$/), type: "SalesOrd", status: "B", trandate: "12/5/2026", quantity: "-2" }]);
  });

  it("answers 400 INVALID_PARAMETER for an unknown table or column, and needs Prefer: transient", async () => {
    const table = await suiteql(sim.url, "SELECT id FROM nosuchtable");
    expect(table.status).toBe(400);
    expect(table.headers.get("content-type")).toBe("application/vnd.oracle.resource+json; type=error");
    expect(table.body).toMatchObject({ title: "Bad Request", "o:errorDetails": [{ detail: "Invalid search query. Detailed unprocessed description follows. Invalid search type: nosuchtable.", "o:errorCode": "INVALID_PARAMETER", "o:errorQueryParam": "q" }] });
    const column = await suiteql(sim.url, "SELECT nosuchcolumn FROM customer");
    expect(column.body).toMatchObject({ "o:errorDetails": [{ detail: expect.stringContaining("Unknown identifier 'nosuchcolumn'") }] });
    expect((await suiteql(sim.url, "DELETE FROM customer")).status).toBe(400);
    expect((await suiteql(sim.url, "SELECT id FROM customer", "?limit=1001")).body).toMatchObject({ "o:errorDetails": [{ "o:errorQueryParam": "limit" }] });
    const noPrefer = await ns(sim.url, "POST", "/services/rest/query/v1/suiteql", { q: "SELECT id FROM customer" });
    expect(noPrefer.status).toBe(400);
  });
});
