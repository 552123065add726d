-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CatalogVariant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "sku" TEXT,
    "title" TEXT NOT NULL,
    "productTitle" TEXT NOT NULL,
    "inventoryItemId" TEXT,
    "giftCard" BOOLEAN NOT NULL DEFAULT false,
    "mapped" BOOLEAN NOT NULL DEFAULT false,
    "deletedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_CatalogVariant" ("deletedAt", "giftCard", "id", "inventoryItemId", "productId", "productTitle", "shopDomain", "sku", "title", "updatedAt", "variantId") SELECT "deletedAt", "giftCard", "id", "inventoryItemId", "productId", "productTitle", "shopDomain", "sku", "title", "updatedAt", "variantId" FROM "CatalogVariant";
DROP TABLE "CatalogVariant";
ALTER TABLE "new_CatalogVariant" RENAME TO "CatalogVariant";
CREATE INDEX "CatalogVariant_shopDomain_sku_idx" ON "CatalogVariant"("shopDomain", "sku");
CREATE INDEX "CatalogVariant_shopDomain_mapped_sku_idx" ON "CatalogVariant"("shopDomain", "mapped", "sku");
CREATE UNIQUE INDEX "CatalogVariant_shopDomain_variantId_key" ON "CatalogVariant"("shopDomain", "variantId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Backfill: variants whose SKU is already mapped.
UPDATE "CatalogVariant" SET "mapped" = true WHERE EXISTS (SELECT 1 FROM "SkuMapping" m WHERE m."shopDomain" = "CatalogVariant"."shopDomain" AND m."sku" = "CatalogVariant"."sku");
