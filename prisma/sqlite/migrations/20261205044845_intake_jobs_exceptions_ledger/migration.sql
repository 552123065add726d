-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "eventId" TEXT,
    "webhookId" TEXT NOT NULL,
    "triggeredAt" DATETIME,
    "apiVersion" TEXT,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'accepted',
    "rejectReason" TEXT,
    "objectType" TEXT,
    "objectId" TEXT,
    "objectUpdatedAt" DATETIME,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Job" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "priority" INTEGER NOT NULL,
    "data" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 5,
    "runAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leasedBy" TEXT,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "JobSchedule" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "cron" TEXT NOT NULL,
    "spec" TEXT NOT NULL,
    "nextRunAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SyncException" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "causeCode" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "ownerRole" TEXT NOT NULL,
    "objectType" TEXT,
    "objectId" TEXT,
    "jobKind" TEXT NOT NULL,
    "jobKey" TEXT NOT NULL,
    "jobData" TEXT NOT NULL,
    "jobPriority" INTEGER NOT NULL,
    "attempts" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "firstSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME,
    "resolvedBy" TEXT,
    "resolution" TEXT
);

-- CreateTable
CREATE TABLE "ParkedJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "exceptionId" TEXT NOT NULL,
    "jobKind" TEXT NOT NULL,
    "jobKey" TEXT NOT NULL,
    "jobData" TEXT NOT NULL,
    "jobPriority" INTEGER NOT NULL,
    "parkedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ParkedJob_exceptionId_fkey" FOREIGN KEY ("exceptionId") REFERENCES "SyncException" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LedgerEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "detail" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SyncRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "netsuiteType" TEXT NOT NULL,
    "internalId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "syncedUpdatedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "WebhookDelivery_shopDomain_objectType_objectId_objectUpdatedAt_idx" ON "WebhookDelivery"("shopDomain", "objectType", "objectId", "objectUpdatedAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_shopDomain_receivedAt_idx" ON "WebhookDelivery"("shopDomain", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_shopDomain_dedupeKey_key" ON "WebhookDelivery"("shopDomain", "dedupeKey");

-- CreateIndex
CREATE INDEX "Job_state_runAt_priority_idx" ON "Job"("state", "runAt", "priority");

-- CreateIndex
CREATE INDEX "Job_key_state_idx" ON "Job"("key", "state");

-- CreateIndex
CREATE INDEX "Job_kind_state_idx" ON "Job"("kind", "state");

-- CreateIndex
CREATE INDEX "SyncException_shopDomain_status_causeCode_idx" ON "SyncException"("shopDomain", "status", "causeCode");

-- CreateIndex
CREATE INDEX "SyncException_jobKey_status_idx" ON "SyncException"("jobKey", "status");

-- CreateIndex
CREATE INDEX "ParkedJob_exceptionId_parkedAt_idx" ON "ParkedJob"("exceptionId", "parkedAt");

-- CreateIndex
CREATE INDEX "LedgerEvent_shopDomain_objectType_objectId_at_idx" ON "LedgerEvent"("shopDomain", "objectType", "objectId", "at");

-- CreateIndex
CREATE INDEX "SyncRecord_shopDomain_netsuiteType_internalId_idx" ON "SyncRecord"("shopDomain", "netsuiteType", "internalId");

-- CreateIndex
CREATE UNIQUE INDEX "SyncRecord_shopDomain_objectType_objectId_netsuiteType_key" ON "SyncRecord"("shopDomain", "objectType", "objectId", "netsuiteType");

