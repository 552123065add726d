-- CreateTable
CREATE TABLE "OrderSummary" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "name" TEXT,
    "state" TEXT NOT NULL DEFAULT 'waiting',
    "shopifyUpdatedAt" TIMESTAMP(3),
    "syncedUpdatedAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3),
    "salesOrderId" TEXT,
    "customerId" TEXT,
    "totalAmount" TEXT,
    "currency" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrderSummary_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OrderSummary_shopDomain_state_updatedAt_idx" ON "OrderSummary"("shopDomain", "state", "updatedAt");

-- CreateIndex
CREATE INDEX "OrderSummary_shopDomain_name_idx" ON "OrderSummary"("shopDomain", "name");

-- CreateIndex
CREATE INDEX "OrderSummary_shopDomain_syncedAt_idx" ON "OrderSummary"("shopDomain", "syncedAt");

-- CreateIndex
CREATE UNIQUE INDEX "OrderSummary_shopDomain_orderId_key" ON "OrderSummary"("shopDomain", "orderId");

