/**
 * The external ids the orders flow writes to NetSuite: every write is an upsert by one of them,
 * so they are what makes a repeated write harmless. They are fixed: once a record exists in
 * NetSuite under an id, changing the scheme would create a second record next to it.
 *
 *   shopify:<shop>:order:<order id>          Sales Order
 *   shopify:<shop>:customer:<customer id>    customer with a Shopify account
 *   shopify:<shop>:guest:<hash>              guest checkout (per-email policy); hash = the first
 *                                            16 hex digits of SHA-256 of the trimmed, lower-cased
 *                                            email, so the email itself is not the key
 *   shopify:<shop>:deposit:<transaction id>  Customer Deposit for a gift card payment
 *
 * `<shop>` is the shop's myshopify domain; ids are Shopify's numeric ids.
 */
import crypto from "node:crypto";

const PREFIX = "shopify";

export function emailHash(email: string): string {
  return crypto.createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 16);
}

export const externalIds = {
  order: (shop: string, orderId: string): string => `${PREFIX}:${shop}:order:${orderId}`,
  customer: (shop: string, customerId: string): string => `${PREFIX}:${shop}:customer:${customerId}`,
  guest: (shop: string, email: string): string => `${PREFIX}:${shop}:guest:${emailHash(email)}`,
  deposit: (shop: string, transactionId: string): string => `${PREFIX}:${shop}:deposit:${transactionId}`,
};

/** The REST path that upserts a record by external id (the NetSuite client builds the same). */
export function upsertPath(recordType: string, externalId: string, replace: readonly string[] = []): string {
  const q = replace.length ? `?replace=${replace.join(",")}` : "";
  return `/services/rest/record/v1/${recordType}/eid:${encodeURIComponent(externalId)}${q}`;
}
