/**
 * Who the Sales Order belongs to in NetSuite, and the customer upsert that goes before it.
 *
 * - B2B: the company's mapped NetSuite customer (the company is set up in NetSuite by finance;
 *   we never create it), with the order's payment terms.
 * - A Shopify customer: an existing NetSuite customer found by email (the sync looks these up
 *   for customers NetSuite already had before the connector), else the customer upserted under
 *   `shopify:<shop>:customer:<id>`.
 * - A guest: by policy, one NetSuite customer per email (`…:guest:<hash>`, or an existing one
 *   with that email) or the shared guest customer. A guest with no email at all can only go to
 *   the shared guest customer.
 * The Sales Order names an upserted customer by external id, which NetSuite resolves.
 */
import type { NS_Address, NS_Customer, NS_Ref } from "~/netsuite/records";
import type { ShopifyAddress, ShopifyOrder } from "~/shopify/payloads/model";
import { externalIds } from "./external-ids";
import type { OrderMappings } from "./mappings";
import { problem, type OrderProblem } from "./problems";

/** NetSuite's customer has a price level; records.ts does not list it yet. */
export type CustomerBody = NS_Customer & { priceLevel?: NS_Ref };

export interface Party {
  entity?: NS_Ref;
  /** The customer to upsert first, when the order's customer is ours to write. */
  customer?: CustomerBody;
  terms?: NS_Ref;
  problems: OrderProblem[];
}

export function nsAddress(a: ShopifyAddress | null): NS_Address | undefined {
  if (!a) return undefined;
  const name = a.name ?? ([a.firstName, a.lastName].filter(Boolean).join(" ") || null);
  const out: NS_Address = {
    addressee: a.company ?? name ?? undefined,
    attention: a.company ? (name ?? undefined) : undefined,
    addr1: a.address1 ?? undefined,
    addr2: a.address2 ?? undefined,
    city: a.city ?? undefined,
    state: a.provinceCode ?? undefined,
    zip: a.zip ?? undefined,
    country: a.countryCode ?? undefined,
    addrPhone: a.phone ?? undefined,
  };
  return Object.fromEntries(Object.entries(out).filter(([, x]) => x !== undefined)) as NS_Address;
}

function customerBody(order: ShopifyOrder, m: OrderMappings, externalId: string, email: string | null, currencyId: string | null): CustomerBody {
  const c = order.customer;
  const b = order.billingAddress;
  const firstName = c?.firstName ?? b?.firstName ?? null;
  const lastName = c?.lastName ?? b?.lastName ?? null;
  return {
    externalId,
    isPerson: true,
    ...(firstName ? { firstName } : {}),
    // NetSuite wants a name on a person: the email stands in when Shopify has none.
    lastName: lastName ?? email ?? `Guest ${order.name}`,
    ...(email ? { email } : {}),
    ...((c?.phone ?? b?.phone) ? { phone: (c?.phone ?? b?.phone)! } : {}),
    subsidiary: { id: m.storefront.subsidiaryId ?? "" },
    ...(currencyId ? { currency: { id: currencyId } } : {}),
    ...(m.storefront.priceLevelId ? { priceLevel: { id: m.storefront.priceLevelId } } : {}),
    ...(c ? { custentity_shopify_customer_id: c.id } : {}),
  };
}

export function resolveParty(order: ShopifyOrder, m: OrderMappings, shop: string, currencyId: string | null): Party {
  const problems: OrderProblem[] = [];
  const shared = m.customers.sharedGuestCustomerId;
  const email = (order.customer?.email ?? order.email)?.trim().toLowerCase() || null;
  const existing = email ? m.customers.byEmail.get(email) : undefined;

  if (order.company) {
    const id = m.customers.companies.get(order.company.id);
    if (!id) problems.push(problem("mapping_missing", `B2B company ${order.company.id} has no NetSuite customer (customers.companies).`));
    let terms: NS_Ref | undefined;
    if (order.paymentTerms) {
      const t = m.paymentTerms.get(order.paymentTerms.name);
      if (t) terms = { id: t };
      else problems.push(problem("mapping_missing", `Payment terms "${order.paymentTerms.name}" have no NetSuite terms (paymentTerms).`, { owner: "finance" }));
    }
    return { ...(id ? { entity: { id } } : {}), ...(terms ? { terms } : {}), problems };
  }
  if (order.customer) {
    if (existing) return { entity: { id: existing }, problems };
    const externalId = externalIds.customer(shop, order.customer.id);
    return { entity: { externalId }, customer: customerBody(order, m, externalId, email, currencyId), problems };
  }
  if (m.customers.guestPolicy === "per-email" && email) {
    if (existing) return { entity: { id: existing }, problems };
    const externalId = externalIds.guest(shop, email);
    return { entity: { externalId }, customer: customerBody(order, m, externalId, email, currencyId), problems };
  }
  if (shared) return { entity: { id: shared }, problems };
  problems.push(problem("mapping_missing", email ? "Guest orders go to the shared guest customer and none is set (customers.sharedGuest)." : `Order ${order.name} is a guest checkout without an email: it can only go to a shared guest customer, and none is set (customers.sharedGuest).`));
  return { problems };
}
