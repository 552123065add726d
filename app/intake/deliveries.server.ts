/**
 * Reading stored deliveries. Handlers bring NetSuite to the newest known state of an object, so
 * they read the newest accepted delivery by Shopify's updated_at, never "the one that queued me":
 * a stale, duplicated or replayed job then does no harm.
 */
import type { Db } from "~/db.server";

export async function newestDelivery(db: Db, shop: string, objectType: string, objectId: string, topics?: string[]) {
  return db.webhookDelivery.findFirst({
    where: { shopDomain: shop, objectType, objectId, status: "accepted", objectUpdatedAt: { not: null }, ...(topics ? { topic: { in: topics } } : {}) },
    orderBy: [{ objectUpdatedAt: "desc" }, { receivedAt: "desc" }],
  });
}

export async function deliveryById(db: Db, shop: string, id: string) {
  return db.webhookDelivery.findFirst({ where: { id, shopDomain: shop } });
}
