import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toCents } from "../simulators/shopify/money";
import { startShopifySimulator, type ShopifySimulator } from "../simulators/shopify/server";
import { adminClient, control } from "./helpers";

const SHOP = "demo-connector.myshopify.com";
let sim: ShopifySimulator;

beforeAll(async () => {
  sim = await startShopifySimulator({ bucket: { capacity: 1000, restoreRate: 1_000_000_000 } });
});
afterAll(() => sim.stop());

type Json = Record<string, any>;
interface Event {
  seq: number;
  topic: string;
  eventId: string;
  body: Json;
}

const money = "shopMoney { amount currencyCode }";
const ORDER = `query Order($id: ID!) {
  order(id: $id) {
    id legacyResourceId name email createdAt updatedAt cancelledAt currencyCode displayFinancialStatus
    currentTotalPriceSet { ${money} } currentSubtotalPriceSet { ${money} } currentTotalTaxSet { ${money} }
    currentTotalDiscountsSet { ${money} } currentShippingPriceSet { ${money} } totalPriceSet { ${money} }
    customer { id legacyResourceId email }
    lineItems(first: 20) { nodes {
      id sku quantity currentQuantity variant { id sku }
      originalUnitPriceSet { ${money} }
      discountAllocations { allocatedAmountSet { ${money} } }
      taxLines { rate priceSet { ${money} } }
      lineItemGroup { id title quantity }
    } }
    shippingLines(first: 5) { nodes { title code originalPriceSet { ${money} } taxLines { priceSet { ${money} } } } }
    refunds { id legacyResourceId totalRefundedSet { ${money} }
      refundLineItems(first: 20) { nodes { quantity restockType lineItem { id } subtotalSet { ${money} } totalTaxSet { ${money} } } }
      refundShippingLines(first: 5) { nodes { subtotalAmountSet { ${money} } taxAmountSet { ${money} } } }
    }
  }
}`;

async function graphqlOrder(gid: string): Promise<Json> {
  const { data, errors } = await adminClient(sim).request<{ order: Json }>(ORDER, { variables: { id: gid } });
  expect(errors).toBeUndefined();
  return data?.order ?? {};
}

async function eventsAfter(seq: number): Promise<Event[]> {
  return control<Event[]>(sim, `shops/${SHOP}/events?after=${seq}`);
}

const amt = (bag: Json) => bag.shopMoney.amount as string;
const cents = (s: string | number) => toCents(String(s));
const sumCents = (xs: (string | number)[]) => xs.reduce<bigint>((a, x) => a + cents(x), 0n);

/** The webhook body and the GraphQL order describe the same order. */
function expectSameOrder(body: Json, g: Json): void {
  expect(g.id).toBe(body.admin_graphql_api_id);
  expect(g.legacyResourceId).toBe(String(body.id));
  expect(g.name).toBe(body.name);
  expect(Date.parse(g.updatedAt)).toBe(Date.parse(body.updated_at));
  expect(Date.parse(g.createdAt)).toBe(Date.parse(body.created_at));
  expect(amt(g.currentTotalPriceSet)).toBe(body.current_total_price);
  expect(amt(g.currentSubtotalPriceSet)).toBe(body.current_subtotal_price);
  expect(amt(g.currentTotalTaxSet)).toBe(body.current_total_tax);
  expect(amt(g.currentTotalDiscountsSet)).toBe(body.current_total_discounts);
  expect(amt(g.currentShippingPriceSet)).toBe(body.current_shipping_price_set.shop_money.amount);
  expect(amt(g.totalPriceSet)).toBe(body.total_price);
  expect(g.displayFinancialStatus).toBe(body.financial_status.toUpperCase());
  expect(g.customer?.legacyResourceId ?? null).toBe(body.customer ? String(body.customer.id) : null);
  const lines = g.lineItems.nodes as Json[];
  expect(lines.map((l) => l.id)).toEqual(body.line_items.map((l: Json) => l.admin_graphql_api_id));
  body.line_items.forEach((l: Json, i: number) => {
    const gl = lines[i] ?? {};
    expect(gl.sku).toBe(l.sku);
    expect(gl.variant?.id).toBe(`gid://shopify/ProductVariant/${l.variant_id}`);
    expect(gl.quantity).toBe(l.quantity);
    expect(gl.currentQuantity).toBe(l.current_quantity);
    expect(amt(gl.originalUnitPriceSet)).toBe(l.price);
    expect(gl.discountAllocations.map((d: Json) => amt(d.allocatedAmountSet))).toEqual(l.discount_allocations.map((d: Json) => d.amount));
    expect(gl.taxLines.map((t: Json) => amt(t.priceSet))).toEqual(l.tax_lines.map((t: Json) => t.price));
    expect(gl.lineItemGroup?.id ?? null).toBe(l.sales_line_item_group_id === null ? null : `gid://shopify/LineItemGroup/${l.sales_line_item_group_id}`);
  });
}

/** Shopify's arithmetic holds to the cent. */
function expectConsistent(body: Json): void {
  expect(cents(body.total_price)).toBe(cents(body.subtotal_price) + cents(body.total_shipping_price_set.shop_money.amount) + cents(body.total_tax));
  expect(cents(body.current_total_price)).toBe(
    cents(body.current_subtotal_price) + cents(body.current_shipping_price_set.shop_money.amount) + cents(body.current_total_tax),
  );
  const placed = (body.line_items as Json[]).filter((l) => l.quantity > 0);
  expect(cents(body.total_line_items_price) - cents(body.total_discounts)).toBe(cents(body.subtotal_price));
  expect(sumCents(placed.flatMap((l) => l.discount_allocations.map((d: Json) => d.amount)))).toBe(cents(body.total_discounts));
  const taxes = [...placed.flatMap((l) => l.tax_lines.map((t: Json) => t.price)), ...body.shipping_lines.flatMap((s: Json) => s.tax_lines.map((t: Json) => t.price))];
  expect(sumCents(taxes)).toBe(cents(body.total_tax));
}

describe("webhook payloads and the GraphQL order agree", () => {
  let orderId = 0;
  let gid = "";
  let seq = 0;

  it("orders/create", async () => {
    const created = await control<{ order: Json; events: { seq: number; topic: string }[] }>(sim, `shops/${SHOP}/orders`, {
      customer: "grace.hopper@example.com",
      lines: [
        { sku: "HOODIE-NVY-L", quantity: 2 },
        { sku: "BUNDLE-STARTER", quantity: 1 },
        { sku: "GIFTCARD-50", quantity: 1 },
      ],
      discountCode: { code: "WELCOME15", type: "fixed_amount", value: "15.00" },
      shipping: { title: "Standard Shipping", code: "STANDARD", price: "9.95" },
      taxRate: "0.08875",
      taxTitle: "NY State Tax",
    });
    expect(created.events.map((e) => e.topic)).toEqual(["orders/create"]);
    const [ev] = await eventsAfter(seq);
    if (!ev) throw new Error("no event");
    seq = ev.seq;
    orderId = ev.body.id;
    gid = ev.body.admin_graphql_api_id;
    expect(ev.body).toEqual(created.order);
    expectConsistent(ev.body);
    expect(ev.body.total_discounts).toBe("15.00");
    expect(ev.body.discount_codes).toEqual([{ code: "WELCOME15", amount: "15.00", type: "fixed_amount" }]);
    // Bundles arrive as their components, grouped; the gift card is neither discounted nor taxed.
    expect(ev.body.line_items.map((l: Json) => l.sku)).toEqual(["HOODIE-NVY-L", "TSHIRT-BLK-M", "TOTE-NAT", "MUG-12OZ", "GIFTCARD-50"]);
    expect(ev.body.line_item_groups).toHaveLength(1);
    expect(ev.body.line_item_groups[0]).toMatchObject({ variant_sku: "BUNDLE-STARTER", quantity: 1 });
    expect(sumCents(ev.body.line_items.filter((l: Json) => l.sales_line_item_group_id).map((l: Json) => l.price))).toBe(cents("60.00"));
    const gift = ev.body.line_items[4];
    expect(gift).toMatchObject({ gift_card: true, tax_lines: [], discount_allocations: [] });
    expectSameOrder(ev.body, await graphqlOrder(gid));
  });

  it("orders/edited then orders/updated", async () => {
    const before = await graphqlOrder(gid);
    const hoodie = (before.lineItems.nodes as Json[]).find((l) => l.sku === "HOODIE-NVY-L");
    await control(sim, "clock", { advanceSeconds: 5 });
    await control(sim, `shops/${SHOP}/orders/${orderId}/edit`, {
      add: [{ sku: "BEANIE-OLV", quantity: 2 }],
      setQuantity: [{ lineItemId: Number(String(hoodie?.id).split("/").pop()), quantity: 1 }],
    });
    const [edited, updated] = await eventsAfter(seq);
    if (!edited || !updated) throw new Error("missing events");
    seq = updated.seq;
    expect(edited.topic).toBe("orders/edited");
    expect(updated.topic).toBe("orders/updated");
    const g = await graphqlOrder(gid);
    const ids = (g.lineItems.nodes as Json[]).map((l) => Number(String(l.id).split("/").pop()));
    const edit = edited.body.order_edit;
    expect(edit.order_id).toBe(orderId);
    expect(Date.parse(edit.committed_at)).toBe(Date.parse(g.updatedAt));
    expect(edit.line_items.additions).toHaveLength(1);
    expect(ids).toContain(edit.line_items.additions[0].id);
    expect(edit.line_items.removals).toEqual([{ id: Number(String(hoodie?.id).split("/").pop()), delta: 1 }]);

    expectSameOrder(updated.body, g);
    expectConsistent(updated.body);
    const hoodieLine = updated.body.line_items.find((l: Json) => l.sku === "HOODIE-NVY-L");
    expect(hoodieLine).toMatchObject({ quantity: 2, current_quantity: 1 });
    // The placed totals stay; the current ones follow the edit.
    expect(updated.body.total_price).not.toBe(updated.body.current_total_price);
    expect(g.displayFinancialStatus).toBe("PAID");
  });

  it("refunds/create then orders/updated", async () => {
    const g0 = await graphqlOrder(gid);
    const tote = (g0.lineItems.nodes as Json[]).find((l) => l.sku === "TOTE-NAT");
    const toteId = Number(String(tote?.id).split("/").pop());
    await control(sim, "clock", { advanceSeconds: 5 });
    const r = await control<{ refundId: number }>(sim, `shops/${SHOP}/orders/${orderId}/refund`, {
      lines: [{ lineItemId: toteId, quantity: 1, restockType: "return" }],
      shipping: { full: true },
    });
    const [refund, updated] = await eventsAfter(seq);
    if (!refund || !updated) throw new Error("missing events");
    seq = updated.seq;
    expect(refund.topic).toBe("refunds/create");
    expect(refund.body).toMatchObject({ id: r.refundId, order_id: orderId, restock: true });
    const g = await graphqlOrder(gid);
    const gr = (g.refunds as Json[])[0] ?? {};
    expect(gr.legacyResourceId).toBe(String(refund.body.id));
    const rli = refund.body.refund_line_items[0];
    const grli = gr.refundLineItems.nodes[0];
    expect(grli.lineItem.id).toBe(rli.line_item.admin_graphql_api_id);
    expect(rli.line_item.sku).toBe("TOTE-NAT");
    expect(grli).toMatchObject({ quantity: 1, restockType: "RETURN" });
    expect(amt(grli.subtotalSet)).toBe(rli.subtotal_set.shop_money.amount);
    expect(amt(grli.totalTaxSet)).toBe(rli.total_tax_set.shop_money.amount);
    // Refunded shipping is not in the 2026-10 webhook; GraphQL has it.
    expect(refund.body.order_adjustments).toEqual([]);
    const ship = gr.refundShippingLines.nodes[0];
    expect(amt(ship.subtotalAmountSet)).toBe("9.95");
    expect(amt(gr.totalRefundedSet)).toBe(refund.body.transactions[0].amount);
    expect(cents(amt(gr.totalRefundedSet))).toBe(cents(rli.subtotal) + cents(rli.total_tax) + cents(amt(ship.subtotalAmountSet)) + cents(amt(ship.taxAmountSet)));

    expectSameOrder(updated.body, g);
    expectConsistent(updated.body);
    expect(updated.body.current_shipping_price_set.shop_money.amount).toBe("0.00");
    expect(updated.body.financial_status).toBe("partially_refunded");
    expect(cents(amt(g0.currentTotalPriceSet)) - cents(amt(g.currentTotalPriceSet))).toBe(cents(amt(gr.totalRefundedSet)));
  });

  it("orders/cancelled refunds what is left", async () => {
    await control(sim, `shops/${SHOP}/orders/${orderId}/cancel`, { reason: "customer" });
    const events = await eventsAfter(seq);
    expect(events.map((e) => e.topic)).toEqual(["orders/cancelled", "refunds/create", "orders/updated"]);
    const g = await graphqlOrder(gid);
    const cancelled = events[0]?.body ?? {};
    expect(cancelled.cancel_reason).toBe("customer");
    expect(Date.parse(cancelled.cancelled_at)).toBe(Date.parse(g.cancelledAt));
    expectSameOrder(events[2]?.body ?? {}, g);
    expect(amt(g.currentTotalPriceSet)).toBe("0.00");
    expect(g.displayFinancialStatus).toBe("REFUNDED");
  });
});
