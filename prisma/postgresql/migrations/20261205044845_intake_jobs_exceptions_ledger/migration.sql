-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "eventId" TEXT,
    "webhookId" TEXT NOT NULL,
    "triggeredAt" TIMESTAMP(3),
    "apiVersion" TEXT,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'accepted',
    "rejectReason" TEXT,
    "objectType" TEXT,
    "objectId" TEXT,
    "objectUpdatedAt" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "seq" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "priority" INTEGER NOT NULL,
    "data" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 5,
    "runAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leasedBy" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "JobSchedule" (
    "name" TEXT NOT NULL,
    "cron" TEXT NOT NULL,
    "spec" TEXT NOT NULL,
    "nextRunAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobSchedule_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "SyncException" (
    "id" TEXT NOT NULL,
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
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "resolvedBy" TEXT,
    "resolution" TEXT,

    CONSTRAINT "SyncException_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ParkedJob" (
    "id" TEXT NOT NULL,
    "exceptionId" TEXT NOT NULL,
    "jobKind" TEXT NOT NULL,
    "jobKey" TEXT NOT NULL,
    "jobData" TEXT NOT NULL,
    "jobPriority" INTEGER NOT NULL,
    "parkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ParkedJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerEvent" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "detail" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncRecord" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "netsuiteType" TEXT NOT NULL,
    "internalId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "syncedUpdatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebhookDelivery_shopDomain_objectType_objectId_objectUpdate_idx" ON "WebhookDelivery"("shopDomain", "objectType", "objectId", "objectUpdatedAt");

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

-- AddForeignKey
ALTER TABLE "ParkedJob" ADD CONSTRAINT "ParkedJob_exceptionId_fkey" FOREIGN KEY ("exceptionId") REFERENCES "SyncException"("id") ON DELETE CASCADE ON UPDATE CASCADE;

