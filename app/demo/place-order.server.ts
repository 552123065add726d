/**
 * Demo only: plays a shopper placing an order. With the bundled Shopify simulator (npm run demo
 * starts it), the simulator creates the order (so the Admin API knows it too) and delivers its
 * webhooks to this app, signed with the app secret, exactly as Shopify would. Without it (the app
 * started with DEMO=1 alone), a real-shaped orders/create body is built here (its arithmetic adds
 * up as Shopify's: 8.25% tax per line, rounded half-up) and posted to the app's webhook route.
 */
import crypto from "node:crypto";
import { formatMinor } from "~/money";
import { createSimulatorOrder, deliverSimulatorEvents } from "./shopify-simulator.server";

const PRICES: Record<string, bigint> = { "TSHIRT-BLK-M": 2800n, "HOODIE-NVY-L": 7400n, "MUG-12OZ": 1850n, "TOTE-NAT": 2400n, "BEANIE-GRY": 3200n, "CREW-WHT-M": 11900n, "POSTER-LTD-01": 4500n };
const TITLES: Record<string, string> = { "TSHIRT-BLK-M": "Organic Cotton T-Shirt", "HOODIE-NVY-L": "Heavyweight Hoodie", "MUG-12OZ": "Ceramic Mug", "TOTE-NAT": "Canvas Tote", "BEANIE-GRY": "Wool Beanie", "CREW-WHT-M": "Merino Crew Sweater", "POSTER-LTD-01": "Limited Edition Poster" };
const RATE_BP = 825n; // 8.25 % in basis points

const bag = (minor: bigint) => ({ shop_money: { amount: formatMinor(minor, "USD"), currency_code: "USD" }, presentment_money: { amount: formatMinor(minor, "USD"), currency_code: "USD" } });
const taxOf = (minor: bigint) => (minor * RATE_BP + 5000n) / 10000n;

export function demoOrder(kind: DemoOrderKind, now = new Date()) {
  const id = 5_900_000_000_000 + (now.getTime() % 1_000_000_000);
  let subtotal = 0n;
  let tax = 0n;
  const lines = demoLines(kind, now).map(({ sku, quantity: qty }, i) => {
    const gross = PRICES[sku]! * BigInt(qty);
    const t = taxOf(gross);
    subtotal += gross;
    tax += t;
    return { id: id * 10 + i, sku, title: TITLES[sku], variant_title: null, quantity: qty, current_quantity: qty, price: formatMinor(PRICES[sku]!, "USD"), price_set: bag(PRICES[sku]!), gift_card: false, tax_lines: [{ title: "NV State Tax", rate: 0.0825, price_set: bag(t) }], discount_allocations: [], sales_line_item_group_id: null };
  });
  const shipping = 750n;
  const shippingTax = taxOf(shipping);
  const total = subtotal + tax + shipping + shippingTax;
  const address = { first_name: "Grace", last_name: "Hopper", address1: "77 Compiler Ct", city: "Arlington", province_code: "VA", zip: "22201", country_code: "US", phone: null, company: null };
  const ts = now.toISOString();
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: `#D${String(id).slice(-5)}`,
    email: "grace@example.com",
    currency: "USD",
    presentment_currency: "USD",
    taxes_included: false,
    created_at: ts,
    updated_at: ts,
    cancelled_at: null,
    location_id: null,
    current_total_price: formatMinor(total, "USD"),
    current_total_price_set: bag(total),
    current_total_tax_set: bag(tax + shippingTax),
    line_items: lines,
    shipping_lines: [{ title: "Standard", discounted_price_set: bag(shipping), price_set: bag(shipping), tax_lines: [{ title: "NV State Tax", rate: 0.0825, price_set: bag(shippingTax) }] }],
    customer: { id: 7_200_000_000_101, email: "grace@example.com", first_name: "Grace", last_name: "Hopper" },
    billing_address: address,
    shipping_address: address,
  };
}

export type DemoOrderKind = "normal" | "unmapped";

export interface PlacedDemoOrder {
  /** Shopify's order id, as a decimal string. */
  orderId: string;
  name: string;
  /** The app's answer to the orders/create webhook (null: it never answered). */
  status: number | null;
  via: "simulator" | "direct";
}

export interface PlaceDemoOrderOptions {
  /** Where the app's webhook route is: its own origin. */
  appOrigin: string;
  shop: string;
  secret: string;
  kind: DemoOrderKind;
  simulatorUrl?: string;
  now?: Date;
}

/** Two SKUs NetSuite knows, and for "unmapped" the poster it does not: the same mix either way. */
function demoLines(kind: DemoOrderKind, now: Date): { sku: string; quantity: number }[] {
  const skus = Object.keys(PRICES).filter((s) => s !== "POSTER-LTD-01");
  const lines = [skus[now.getSeconds() % skus.length]!, skus[(now.getSeconds() + 3) % skus.length]!].map((sku, i) => ({ sku, quantity: 1 + (i % 2) }));
  if (kind === "unmapped") lines.push({ sku: "POSTER-LTD-01", quantity: 1 });
  return lines;
}

export async function placeDemoOrder(o: PlaceDemoOrderOptions): Promise<PlacedDemoOrder> {
  const now = o.now ?? new Date();
  if (o.simulatorUrl) {
    const placed = await createSimulatorOrder(o.simulatorUrl, o.shop, {
      customer: now.getSeconds() % 5,
      lines: demoLines(o.kind, now),
      shipping: { title: "Standard", price: "7.50", taxable: true },
      taxRate: "0.0825",
      taxTitle: "NV State Tax",
    });
    const first = Math.min(...placed.events.map((e) => e.seq));
    const delivered = await deliverSimulatorEvents(o.simulatorUrl, o.shop, first - 1, { appUrl: o.appOrigin, secret: o.secret });
    const created = delivered.find((d) => d.topic === "orders/create" && placed.events.some((e) => e.eventId === d.eventId));
    return { orderId: String(placed.order.id), name: placed.order.name, status: created?.attempts.at(-1)?.status ?? null, via: "simulator" };
  }
  const order = demoOrder(o.kind, now);
  const body = JSON.stringify(order);
  const res = await fetch(`${o.appOrigin}/webhooks/orders/create`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": "orders/create",
      "X-Shopify-Shop-Domain": o.shop,
      "X-Shopify-Hmac-Sha256": crypto.createHmac("sha256", o.secret).update(body, "utf8").digest("base64"),
      "X-Shopify-Webhook-Id": crypto.randomUUID(),
      "X-Shopify-Event-Id": crypto.randomUUID(),
      "X-Shopify-Triggered-At": now.toISOString(),
      "X-Shopify-API-Version": "2026-10",
    },
    body,
  });
  return { orderId: String(order.id), name: order.name, status: res.status, via: "direct" };
}
