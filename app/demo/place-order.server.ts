/**
 * Demo only: plays Shopify placing an order. Builds a real-shaped orders/create body (its own
 * arithmetic adds up as Shopify's does: 8.25% tax per line, rounded half-up) and delivers it to
 * this app's webhook route, signed with the app secret, exactly as Shopify would.
 */
import crypto from "node:crypto";
import { formatMinor } from "~/money";

const PRICES: Record<string, bigint> = { "TSHIRT-BLK-M": 2800n, "HOODIE-NVY-L": 7400n, "MUG-12OZ": 1850n, "TOTE-NAT": 2400n, "BEANIE-GRY": 3200n, "CREW-WHT-M": 11900n, "POSTER-LTD-01": 4500n };
const TITLES: Record<string, string> = { "TSHIRT-BLK-M": "Organic Cotton T-Shirt", "HOODIE-NVY-L": "Heavyweight Hoodie", "MUG-12OZ": "Ceramic Mug", "TOTE-NAT": "Canvas Tote", "BEANIE-GRY": "Wool Beanie", "CREW-WHT-M": "Merino Crew Sweater", "POSTER-LTD-01": "Limited Edition Poster" };
const RATE_BP = 825n; // 8.25 % in basis points

const bag = (minor: bigint) => ({ shop_money: { amount: formatMinor(minor, "USD"), currency_code: "USD" }, presentment_money: { amount: formatMinor(minor, "USD"), currency_code: "USD" } });
const taxOf = (minor: bigint) => (minor * RATE_BP + 5000n) / 10000n;

export function demoOrder(kind: "normal" | "unmapped", now = new Date()) {
  const id = 5_900_000_000_000 + (now.getTime() % 1_000_000_000);
  const skus = Object.keys(PRICES).filter((s) => s !== "POSTER-LTD-01");
  const pick = [skus[now.getSeconds() % skus.length]!, skus[(now.getSeconds() + 3) % skus.length]!];
  if (kind === "unmapped") pick.push("POSTER-LTD-01");
  let subtotal = 0n;
  let tax = 0n;
  const lines = pick.map((sku, i) => {
    const qty = 1 + (i % 2);
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

export async function placeDemoOrder(appOrigin: string, shop: string, secret: string, kind: "normal" | "unmapped"): Promise<{ id: number; name: string; status: number }> {
  const order = demoOrder(kind);
  const body = JSON.stringify(order);
  const res = await fetch(`${appOrigin}/webhooks/orders/create`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": "orders/create",
      "X-Shopify-Shop-Domain": shop,
      "X-Shopify-Hmac-Sha256": crypto.createHmac("sha256", secret).update(body, "utf8").digest("base64"),
      "X-Shopify-Webhook-Id": crypto.randomUUID(),
      "X-Shopify-Event-Id": crypto.randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
      "X-Shopify-API-Version": "2026-10",
    },
    body,
  });
  return { id: order.id, name: order.name, status: res.status };
}
