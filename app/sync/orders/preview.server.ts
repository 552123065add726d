/**
 * The in-app dry run for one order: what the order job would send to NetSuite now, from the
 * newest state the app holds and the shop's current mappings, without writing anything and
 * without asking NetSuite (a buyer matched by email is shown as matched only once remembered).
 */
import type { Db } from "~/db.server";
import { newestDelivery } from "~/intake/deliveries.server";
import { EMAIL_MATCH, matchEmail } from "./customer-match.server";
import { emailHash } from "./external-ids";
import { loadOrderMappings } from "./mappings.server";
import { previewMapped, type Preview } from "./preview";
import { needsTransactions, storedOrder, withTransactions } from "./source.server";

export async function orderPreview(db: Db, shop: string, orderId: string, now = new Date()): Promise<Preview> {
  const newest = await newestDelivery(db, shop, "order", orderId);
  if (!newest) return { ok: false, lines: ["The app holds no state of this order to preview."] };
  const read = storedOrder(newest.topic, newest.payload);
  if (!read.ok) return { ok: false, lines: ["The stored order cannot be read as a Shopify order (malformed_webhook):", ...read.issues.map((i) => `  - ${i}`)] };
  let order = read.order;
  let mappings = await loadOrderMappings(db, shop, order);
  const notes: string[] = [];
  const email = matchEmail(order, mappings.customers.guestPolicy);
  if (email) {
    const known = await db.syncRecord.findUnique({ where: { shopDomain_objectType_objectId_netsuiteType: { shopDomain: shop, objectType: EMAIL_MATCH, objectId: emailHash(email), netsuiteType: "customer" } } });
    if (known?.externalId === "") mappings = { ...mappings, customers: { ...mappings.customers, byEmail: new Map([[email, known.internalId]]) } };
    else if (!known) notes.push("", "Before writing, the sync asks NetSuite once whether a customer with this email exists; if so the order goes on that customer instead.");
  }
  if (needsTransactions(order)) {
    try {
      order = await withTransactions(order, shop);
    } catch (e) {
      notes.push("", `The gift card payments could not be read from Shopify for this preview: ${(e as Error).message}`);
    }
  }
  const p = previewMapped(order, newest.topic === "sweep/order" ? "read from the Admin API by the sweep" : newest.topic, mappings, { shop, now });
  return { ok: p.ok, lines: [...p.lines, ...notes] };
}
