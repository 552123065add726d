/** products/create|update|delete → the local variant catalogue, from the newest stored body. */
import type { Db } from "~/db.server";
import type { JobContext } from "~/jobs/port";
import type { Logger } from "~/log.server";
import { deliveryById, newestDelivery } from "~/intake/deliveries.server";
import { markProductDeleted, productWebhookBody, replaceProductVariants, variantsFromProductWebhook } from "./catalogue.server";

export async function syncCatalogueProduct(job: JobContext, { db, log }: { db: Db; log: Logger }): Promise<void> {
  const shop = String(job.data.shop);
  const productId = String(job.data.objectId);
  const deletion = await deliveryById(db, shop, String(job.data.deliveryId));
  if (deletion?.topic === "products/delete") {
    await markProductDeleted(db, shop, productId);
    log.info("product removed from the catalogue", { productId });
    return;
  }
  const newest = await newestDelivery(db, shop, "product", productId, ["products/create", "products/update"]);
  if (!newest) return;
  const already = await db.webhookDelivery.count({ where: { shopDomain: shop, objectType: "product", objectId: productId, topic: "products/delete", status: "accepted" } });
  if (already > 0) return; // deleted in Shopify: a late update does not bring it back
  const body = productWebhookBody.parse(JSON.parse(newest.payload));
  const variants = variantsFromProductWebhook(body);
  await replaceProductVariants(db, shop, productId, variants);
  log.info("catalogue updated", { productId, variants: variants.length });
}
