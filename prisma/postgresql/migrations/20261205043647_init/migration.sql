-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" TIMESTAMP(3),
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "collaborator" BOOLEAN DEFAULT false,
    "emailVerified" BOOLEAN DEFAULT false,
    "refreshToken" TEXT,
    "refreshTokenExpires" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Shop" (
    "id" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "name" TEXT,
    "currency" TEXT,
    "status" TEXT NOT NULL DEFAULT 'installed',
    "installedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" TIMESTAMP(3),
    "redactedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Shop_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NetSuiteAccount" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "concurrencyLimit" INTEGER NOT NULL DEFAULT 5,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NetSuiteAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NetSuiteConnection" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "accountRef" TEXT NOT NULL,
    "authKind" TEXT NOT NULL,
    "credentials" TEXT NOT NULL,
    "credentialsKeyId" TEXT NOT NULL,
    "baseUrl" TEXT,
    "lastTestedAt" TIMESTAMP(3),
    "lastTestOk" BOOLEAN,
    "lastTestMessage" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NetSuiteConnection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Session_shop_idx" ON "Session"("shop");

-- CreateIndex
CREATE UNIQUE INDEX "Shop_domain_key" ON "Shop"("domain");

-- CreateIndex
CREATE UNIQUE INDEX "NetSuiteAccount_accountId_key" ON "NetSuiteAccount"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "NetSuiteConnection_shopId_key" ON "NetSuiteConnection"("shopId");

-- CreateIndex
CREATE INDEX "NetSuiteConnection_accountRef_idx" ON "NetSuiteConnection"("accountRef");

-- AddForeignKey
ALTER TABLE "NetSuiteConnection" ADD CONSTRAINT "NetSuiteConnection_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NetSuiteConnection" ADD CONSTRAINT "NetSuiteConnection_accountRef_fkey" FOREIGN KEY ("accountRef") REFERENCES "NetSuiteAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

