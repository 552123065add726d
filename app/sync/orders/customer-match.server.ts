/**
 * Customer match by email: a buyer who is already a customer in NetSuite (entered by hand, or
 * from another channel) gets the order on that customer, not a duplicate. The Shopify customer
 * id (or the guest's email hash) stays the external id the connector writes by; email is the
 * fallback, asked of NetSuite once per email and remembered (as a SyncRecord keyed by the
 * email's hash, never the email), so later orders of the same buyer cost no lookup.
 */
import { z } from "zod";
import type { Db } from "~/db.server";
import type { NetSuiteClient } from "~/netsuite";
import type { ShopifyOrder } from "~/shopify/payloads/model";
import { emailHash } from "./external-ids";
import type { GuestPolicy } from "./mappings";

/** The SyncRecord object type under which a matched (or created) customer is remembered. */
export const EMAIL_MATCH = "customer-email";

const row = z.looseObject({ id: z.union([z.string(), z.number()]).transform(String), externalid: z.string().nullish() });

/** The email the order's customer is matched by, lower-cased; null when none is needed. */
export function matchEmail(order: ShopifyOrder, guestPolicy: GuestPolicy): string | null {
  if (order.company) return null; // B2B orders go to the company's mapped customer
  if (!order.customer && guestPolicy === "shared") return null;
  return (order.customer?.email ?? order.email)?.trim().toLowerCase() || null;
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * email → the existing NetSuite customer to use, when one exists that the connector did not
 * create. An empty map means: write the customer by its external id, as usual.
 */
export async function customersByEmail(db: Db, ns: NetSuiteClient, shop: string, email: string | null, ourExternalId: string | null): Promise<Map<string, string>> {
  if (!email) return new Map();
  const key = emailHash(email);
  const known = await db.syncRecord.findUnique({ where: { shopDomain_objectType_objectId_netsuiteType: { shopDomain: shop, objectType: EMAIL_MATCH, objectId: key, netsuiteType: "customer" } } });
  if (known) return known.externalId === "" ? new Map([[email, known.internalId]]) : new Map();
  const rows = await ns.suiteqlAll(`SELECT id, externalid FROM customer WHERE LOWER(email) = ${quote(email)} AND isinactive = 'F' ORDER BY id`, row, { pageSize: 10 });
  if (rows.some((r) => r.externalid && r.externalid === ourExternalId)) return new Map();
  // Customers this shop's connector wrote belong to other buyers' Shopify ids (or guests): only
  // a customer NetSuite got elsewhere is taken over.
  const match = rows.find((r) => !r.externalid?.startsWith(`shopify:${shop}:`));
  if (!match) return new Map();
  await rememberCustomer(db, shop, email, { internalId: match.id, externalId: "" });
  return new Map([[email, match.id]]);
}

/** Remembers which NetSuite customer an email went to: `externalId` "" for a matched customer. */
export async function rememberCustomer(db: Db, shop: string, email: string, rec: { internalId: string; externalId: string }): Promise<void> {
  const objectId = emailHash(email);
  await db.syncRecord.upsert({
    where: { shopDomain_objectType_objectId_netsuiteType: { shopDomain: shop, objectType: EMAIL_MATCH, objectId, netsuiteType: "customer" } },
    create: { shopDomain: shop, objectType: EMAIL_MATCH, objectId, netsuiteType: "customer", ...rec },
    update: rec,
  });
}
