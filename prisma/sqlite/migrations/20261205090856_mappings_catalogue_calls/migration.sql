-- AlterTable
ALTER TABLE "SyncException" ADD COLUMN "detail" TEXT;

-- CreateTable
CREATE TABLE "NetSuiteCall" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT,
    "accountId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "status" INTEGER,
    "durationMs" INTEGER NOT NULL,
    "waitedMs" INTEGER NOT NULL DEFAULT 0,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "errorCode" TEXT,
    "requestBody" TEXT,
    "responseBody" TEXT,
    "objectType" TEXT,
    "objectId" TEXT,
    "jobId" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SkuMapping" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "netsuiteItemId" TEXT NOT NULL,
    "itemKind" TEXT NOT NULL DEFAULT 'inventory',
    "itemName" TEXT,
    "kitMembers" TEXT,
    "source" TEXT NOT NULL DEFAULT 'manual',
    "updatedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "LocationMapping" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "shopifyLocationId" TEXT NOT NULL,
    "shopifyLocationName" TEXT,
    "netsuiteLocationId" TEXT NOT NULL,
    "netsuiteLocationName" TEXT,
    "updatedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ShopSettings" (
    "shopDomain" TEXT NOT NULL PRIMARY KEY,
    "data" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedBy" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CatalogVariant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "sku" TEXT,
    "title" TEXT NOT NULL,
    "productTitle" TEXT NOT NULL,
    "inventoryItemId" TEXT,
    "giftCard" BOOLEAN NOT NULL DEFAULT false,
    "deletedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SyncCursor" (
    "shopDomain" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shopDomain", "name")
);

-- CreateIndex
CREATE INDEX "NetSuiteCall_shopDomain_objectType_objectId_at_idx" ON "NetSuiteCall"("shopDomain", "objectType", "objectId", "at");

-- CreateIndex
CREATE INDEX "NetSuiteCall_accountId_at_idx" ON "NetSuiteCall"("accountId", "at");

-- CreateIndex
CREATE INDEX "SkuMapping_shopDomain_netsuiteItemId_idx" ON "SkuMapping"("shopDomain", "netsuiteItemId");

-- CreateIndex
CREATE UNIQUE INDEX "SkuMapping_shopDomain_sku_key" ON "SkuMapping"("shopDomain", "sku");

-- CreateIndex
CREATE UNIQUE INDEX "LocationMapping_shopDomain_shopifyLocationId_key" ON "LocationMapping"("shopDomain", "shopifyLocationId");

-- CreateIndex
CREATE INDEX "CatalogVariant_shopDomain_sku_idx" ON "CatalogVariant"("shopDomain", "sku");

-- CreateIndex
CREATE UNIQUE INDEX "CatalogVariant_shopDomain_variantId_key" ON "CatalogVariant"("shopDomain", "variantId");

