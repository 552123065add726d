/** The dashboard's figures for one shop. Flows add their figures here as they land. */
import type { Db } from "~/db.server";

export interface DashboardData {
  shop: { domain: string; name: string; status: string; installedAt: string };
  netsuite: { connected: false } | { connected: true; accountId: string; authKind: string; concurrencyLimit: number; lastTestedAt: string | null; lastTestOk: boolean | null; lastTestMessage: string | null };
}

export async function loadDashboard(db: Db, shopId: string): Promise<DashboardData> {
  const shop = await db.shop.findUniqueOrThrow({ where: { id: shopId }, include: { connection: { include: { account: true } } } });
  const c = shop.connection;
  return {
    shop: { domain: shop.domain, name: shop.name ?? shop.domain, status: shop.status, installedAt: shop.installedAt.toISOString() },
    netsuite: c
      ? {
          connected: true,
          accountId: c.account.accountId,
          authKind: c.authKind,
          concurrencyLimit: c.account.concurrencyLimit,
          lastTestedAt: c.lastTestedAt?.toISOString() ?? null,
          lastTestOk: c.lastTestOk,
          lastTestMessage: c.lastTestMessage,
        }
      : { connected: false },
  };
}
