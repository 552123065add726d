-- CreateTable
CREATE TABLE "OrderSummary" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "name" TEXT,
    "state" TEXT NOT NULL DEFAULT 'waiting',
    "shopifyUpdatedAt" DATETIME,
    "syncedUpdatedAt" DATETIME,
    "syncedAt" DATETIME,
    "salesOrderId" TEXT,
    "customerId" TEXT,
    "totalAmount" TEXT,
    "currency" TEXT,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "OrderSummary_shopDomain_state_updatedAt_idx" ON "OrderSummary"("shopDomain", "state", "updatedAt");

-- CreateIndex
CREATE INDEX "OrderSummary_shopDomain_name_idx" ON "OrderSummary"("shopDomain", "name");

-- CreateIndex
CREATE INDEX "OrderSummary_shopDomain_syncedAt_idx" ON "OrderSummary"("shopDomain", "syncedAt");

-- CreateIndex
CREATE UNIQUE INDEX "OrderSummary_shopDomain_orderId_key" ON "OrderSummary"("shopDomain", "orderId");

