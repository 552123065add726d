/** The dashboard's figures for one shop. Flows add their figures here as they land. */
import type { Db } from "~/db.server";
import type { DepthRow } from "~/jobs/port";
import { openByCause, type CauseGroup } from "~/exceptions/inbox.server";
import { orderCounts } from "~/orders/summary.server";
import { lastSweep, type SweepRun } from "~/sync/sweep/orders-sweep.server";

export interface DashboardData {
  shop: { domain: string; name: string; status: string; installedAt: string };
  exceptions: { byCause: CauseGroup[]; byOwner: Record<string, number>; open: number };
  orders: { byState: Record<string, number>; syncedToday: number; lastSyncedAt: string | null };
  /** Jobs queued, running or waiting to retry, per kind (the whole app's queue, not per shop). */
  queue: { kind: string; state: string; count: number }[];
  /** The last reconciliation sweep (missed webhooks), null before the first. */
  sweep: SweepRun | null;
  netsuite: { connected: false } | { connected: true; accountId: string; authKind: string; concurrencyLimit: number; lastTestedAt: string | null; lastTestOk: boolean | null; lastTestMessage: string | null };
}

export async function loadDashboard(db: Db, shopId: string, depth?: () => Promise<DepthRow[]>): Promise<DashboardData> {
  const shop = await db.shop.findUniqueOrThrow({ where: { id: shopId }, include: { connection: { include: { account: true } } } });
  const c = shop.connection;
  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  const [byCause, orders, last, queue, sweep] = await Promise.all([
    openByCause(db, shop.domain),
    orderCounts(db, shop.domain, today),
    db.orderSummary.findFirst({ where: { shopDomain: shop.domain, syncedAt: { not: null } }, orderBy: { syncedAt: "desc" }, select: { syncedAt: true } }),
    depth ? depth().catch(() => [] as DepthRow[]) : Promise.resolve([] as DepthRow[]),
    lastSweep(db, shop.domain),
  ]);
  const byOwner: Record<string, number> = {};
  for (const g of byCause) byOwner[g.ownerRole] = (byOwner[g.ownerRole] ?? 0) + g.open;
  return {
    shop: { domain: shop.domain, name: shop.name ?? shop.domain, status: shop.status, installedAt: shop.installedAt.toISOString() },
    exceptions: { byCause, byOwner, open: byCause.reduce((a, g) => a + g.open, 0) },
    orders: { byState: orders.byState, syncedToday: orders.syncedSince, lastSyncedAt: last?.syncedAt?.toISOString() ?? null },
    sweep,
    queue: queue.filter((r) => r.state !== "completed" && r.count > 0).map((r) => ({ kind: r.kind, state: r.state, count: r.count })),
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
