/**
 * A shop connected to the NetSuite simulator, as a merchant would set it up: the connection
 * (token-based, encrypted), the settings document and SKU mappings to the simulator's items.
 * And real-shaped Shopify order bodies whose own arithmetic adds up as Shopify's does.
 */
import type { Db } from "~/db.server";
import { parseKeyRing } from "~/crypto/secrets.server";
import { saveConnection } from "~/shops/connection.server";
import { AUTH_KIND } from "~/shops/states";
import { findShop } from "~/shops/shops.server";
import { saveSettings } from "~/mappings/settings.server";
import { saveSkuMapping } from "~/mappings/skus.server";
import { demoAccount, type NetSuiteSimulator } from "../simulators/netsuite/server";
import { SEED } from "../simulators/netsuite/seed";
import { TEST_ENCRYPTION_KEYS } from "./app";
import { NetSuiteClient } from "~/netsuite";
import { MemoryGovernor } from "~/governor/memory";

export async function simItemIds(sim: NetSuiteSimulator, accountId = demoAccount().accountId): Promise<Record<string, string>> {
  return (await (await fetch(`${sim.url}/__sim/accounts/${accountId}/items/by-sku`)).json()) as Record<string, string>;
}

export async function simRecords(sim: NetSuiteSimulator, type: string, accountId = demoAccount().accountId): Promise<Record<string, unknown>[]> {
  return ((await (await fetch(`${sim.url}/__sim/accounts/${accountId}/records/${type}`)).json()) as { items: Record<string, unknown>[] }).items;
}

/** The app's own NetSuite client on the simulator's demo account: what someone in NetSuite would do. */
export function simClient(sim: NetSuiteSimulator): NetSuiteClient {
  const account = demoAccount();
  return new NetSuiteClient({ accountId: account.accountId, credentials: { kind: "tba", ...account.tba! }, baseUrl: sim.url, governor: new MemoryGovernor(), readGovernanceLimits: false });
}

export async function simConfig(sim: NetSuiteSimulator, body: unknown, accountId = demoAccount().accountId): Promise<void> {
  await fetch(`${sim.url}/__sim/accounts/${accountId}/config`, { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

/** Connects the shop to the simulator and maps the given SKUs (all the simulator knows by default). */
export async function connectShopToSimulator(db: Db, shopDomain: string, sim: NetSuiteSimulator, opts: { skus?: string[]; keys?: string } = {}): Promise<void> {
  const shop = await findShop(db, shopDomain);
  if (!shop) throw new Error(`install ${shopDomain} first`);
  const account = demoAccount();
  await saveConnection(db, parseKeyRing(opts.keys ?? TEST_ENCRYPTION_KEYS), shop.id, { accountId: account.accountId, credentials: { kind: AUTH_KIND.tba, ...account.tba! }, baseUrl: sim.url });
  await saveSettings(db, shopDomain, {
    storefront: { subsidiaryId: SEED.subsidiaries.us, currencies: { ...SEED.currencies } },
    tax: { defaultTaxCodeId: SEED.taxCodes.nvState, exemptTaxCodeId: SEED.taxCodes.exempt },
    items: { shippingItemId: SEED.items.shipping, discountItemId: SEED.items.discount, giftCardItemId: SEED.items.giftCardLiability },
  }, "test");
  const ids = await simItemIds(sim);
  for (const sku of opts.skus ?? Object.keys(ids)) {
    if (ids[sku]) await saveSkuMapping(db, shopDomain, { sku, netsuiteItemId: ids[sku]!, itemKind: "inventory" }, "test");
  }
}

export interface OrderLineSpec {
  sku: string | null;
  price: string;
  quantity: number;
  /** Shopify's tax on the line, as it would report it. */
  tax?: string;
  discount?: string;
}

const c = (s: string) => Math.round(Number(s) * 100);
const d = (n: number) => (n / 100).toFixed(2);
const bag = (amount: string, currency: string) => ({ shop_money: { amount, currency_code: currency }, presentment_money: { amount, currency_code: currency } });

/** A real-shaped orders/create|updated body (tax-exclusive) with totals Shopify would report. */
export function orderBody(o: { id: number; name?: string; updatedAt: string; lines: OrderLineSpec[]; shipping?: { price: string; tax?: string }; currency?: string; customerId?: number; email?: string; cancelledAt?: string; taxesIncluded?: boolean; locationId?: number }) {
  const cur = o.currency ?? "USD";
  let total = 0;
  let tax = 0;
  let disc = 0;
  const lines = o.lines.map((l, i) => {
    const lt = c(l.tax ?? "0");
    const ld = c(l.discount ?? "0");
    tax += lt;
    disc += ld;
    total += o.taxesIncluded ? c(l.price) * l.quantity - ld : c(l.price) * l.quantity - ld + lt;
    return {
      id: 1_490_000_000_000 + o.id * 10 + i,
      sku: l.sku,
      title: l.sku ?? "Custom item",
      variant_title: null,
      quantity: l.quantity,
      current_quantity: l.quantity,
      price: l.price,
      price_set: bag(l.price, cur),
      gift_card: false,
      tax_lines: lt ? [{ title: "State Tax", rate: 0.0825, price: d(lt), price_set: bag(d(lt), cur) }] : [],
      discount_allocations: ld ? [{ amount: d(ld), amount_set: bag(d(ld), cur), discount_application_index: 0 }] : [],
      sales_line_item_group_id: null,
    };
  });
  const ship = o.shipping ? c(o.shipping.price) : 0;
  const shipTax = o.shipping?.tax ? c(o.shipping.tax) : 0;
  total += o.taxesIncluded ? ship : ship + shipTax;
  tax += shipTax;
  const address = { first_name: "Ada", last_name: "Lovelace", address1: "12 Analytical Way", city: "Reno", province_code: "NV", zip: "89501", country_code: "US", phone: null, company: null };
  return {
    id: o.id,
    admin_graphql_api_id: `gid://shopify/Order/${o.id}`,
    name: o.name ?? `#${o.id}`,
    email: o.email ?? "ada@example.com",
    currency: cur,
    presentment_currency: cur,
    taxes_included: o.taxesIncluded ?? false,
    created_at: "2026-12-01T09:00:00Z",
    updated_at: o.updatedAt,
    cancelled_at: o.cancelledAt ?? null,
    location_id: o.locationId ?? null,
    current_total_price: d(total),
    current_total_price_set: bag(d(total), cur),
    current_total_tax_set: bag(d(tax), cur),
    current_total_discounts_set: bag(d(disc), cur),
    line_items: lines,
    shipping_lines: o.shipping ? [{ title: "Standard", discounted_price_set: bag(o.shipping.price, cur), price_set: bag(o.shipping.price, cur), tax_lines: shipTax ? [{ title: "State Tax", rate: 0.0825, price_set: bag(d(shipTax), cur) }] : [] }] : [],
    customer: o.customerId ? { id: o.customerId, email: o.email ?? "ada@example.com", first_name: "Ada", last_name: "Lovelace" } : null,
    billing_address: address,
    shipping_address: address,
  };
}
