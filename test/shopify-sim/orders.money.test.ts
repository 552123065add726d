import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toCents } from "../simulators/shopify/money";
import { startShopifySimulator, type ShopifySimulator } from "../simulators/shopify/server";
import { control } from "./helpers";

const SHOP = "demo-connector.myshopify.com";
let sim: ShopifySimulator;

beforeAll(async () => {
  sim = await startShopifySimulator();
});
afterAll(() => sim.stop());

type Json = Record<string, any>;
const c = (s: string | number) => toCents(String(s));

describe("the simulated Shopify's order money", () => {
  it("prices lines, allocated discounts, per-line tax and shipping tax in cents", async () => {
    const { order } = await control<{ order: Json }>(sim, `shops/${SHOP}/orders`, {
      lines: [
        { sku: "TSHIRT-WHT-S", quantity: 3 },
        { sku: "MUG-12OZ", quantity: 1 },
      ],
      discountCode: { code: "SAVE10", type: "fixed_amount", value: "10.00" },
      shipping: { title: "Ground", price: "5.00" },
      taxRate: "0.0725",
    });
    // 84.00 and 18.50: 10.00 allocated 8.20 / 1.80 by the largest remainder.
    expect(order.line_items.map((l: Json) => l.discount_allocations[0].amount)).toEqual(["8.20", "1.80"]);
    // (84.00 - 8.20) × 7.25% = 5.4955 → 5.50; (18.50 - 1.80) × 7.25% = 1.21075 → 1.21; shipping 0.3625 → 0.36.
    expect(order.line_items.map((l: Json) => l.tax_lines[0].price)).toEqual(["5.50", "1.21"]);
    expect(order.shipping_lines[0].tax_lines[0].price).toBe("0.36");
    expect(order).toMatchObject({
      total_line_items_price: "102.50",
      total_discounts: "10.00",
      subtotal_price: "92.50",
      total_tax: "7.07",
      total_price: "104.57",
      current_total_price: "104.57",
      financial_status: "paid",
    });
    expect(order.customer).toBeNull();
  });

  it("refunds a line one unit at a time to the cent, and the current totals follow", async () => {
    const { order } = await control<{ order: Json }>(sim, `shops/${SHOP}/orders`, {
      customer: 2,
      lines: [{ sku: "CREW-NVY-M", quantity: 3 }],
      discountCode: { code: "THIRD", type: "percentage", value: "33.3" },
      shipping: { title: "Express", price: "12.00" },
      taxRate: "0.06",
    });
    const line = order.line_items[0];
    const lineNet = c(line.price) * 3n - c(line.discount_allocations[0].amount) + c(line.tax_lines[0].price);
    let refunded = 0n;
    let last: Json = order;
    for (let i = 0; i < 3; i++) {
      const r = await control<{ order: Json; refundId: number }>(sim, `shops/${SHOP}/orders/${order.id}/refund`, {
        lines: [{ lineItemId: line.id, quantity: 1, restockType: "no_restock" }],
      });
      const refund = (r.order.refunds as Json[]).find((x) => x.id === r.refundId) ?? {};
      refunded += c(refund.transactions[0].amount);
      last = r.order;
    }
    expect(refunded).toBe(lineNet);
    expect(last.line_items[0].current_quantity).toBe(0);
    expect(last.current_subtotal_price).toBe("0.00");
    expect(c(last.current_total_price)).toBe(c("12.00") + c(last.current_total_tax));
    expect(last.financial_status).toBe("partially_refunded");
    await expect(
      control(sim, `shops/${SHOP}/orders/${order.id}/refund`, { lines: [{ lineItemId: line.id, quantity: 1 }] }),
    ).rejects.toThrow(/422/);
  });

  it("an edit that adds units leaves the order partially paid", async () => {
    const { order } = await control<{ order: Json }>(sim, `shops/${SHOP}/orders`, {
      customer: 0,
      lines: [{ sku: "BEANIE-GRY", quantity: 1 }],
      taxRate: "0.05",
    });
    const { order: edited } = await control<{ order: Json }>(sim, `shops/${SHOP}/orders/${order.id}/edit`, {
      setQuantity: [{ sku: "BEANIE-GRY", quantity: 3 }],
    });
    expect(edited.line_items[0]).toMatchObject({ quantity: 3, current_quantity: 3 });
    expect(edited.current_total_price).toBe("100.80");
    expect(edited.financial_status).toBe("partially_paid");
    expect(edited.total_outstanding).toBe("67.20");
  });

  it("rejects unknown SKUs and malformed specs with a readable error", async () => {
    await expect(control(sim, `shops/${SHOP}/orders`, { lines: [{ sku: "NOPE", quantity: 1 }] })).rejects.toThrow(/unknown SKU NOPE/);
    await expect(control(sim, `shops/${SHOP}/orders`, { lines: [{ sku: "MUG-12OZ", quantity: 1, price: "1.999" }] })).rejects.toThrow(/400/);
  });
});
