-- AlterTable
ALTER TABLE "CatalogVariant" ADD COLUMN     "mapped" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "CatalogVariant_shopDomain_mapped_sku_idx" ON "CatalogVariant"("shopDomain", "mapped", "sku");


-- Backfill: variants whose SKU is already mapped.
UPDATE "CatalogVariant" SET "mapped" = true WHERE EXISTS (SELECT 1 FROM "SkuMapping" m WHERE m."shopDomain" = "CatalogVariant"."shopDomain" AND m."sku" = "CatalogVariant"."sku");
