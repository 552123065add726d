/**
 * The daily exception and mismatch report, for one UTC day: how many orders arrived and reached
 * NetSuite, which exceptions were opened (with cause, owner, object and what became of them),
 * which money did not match, and which orders are still not in NetSuite an hour or more after
 * Shopify's last change. Viewable in the app and downloadable as CSV for finance.
 */
import type { Db } from "~/db.server";
import { causeOf } from "~/exceptions/causes";
import { toCsv } from "~/mappings/csv";
import { ORDER_STATE } from "~/orders/summary.server";

export interface ReportRow {
  kind: "exception" | "mismatch" | "not_synced";
  at: string;
  cause: string;
  owner: string;
  object: string;
  message: string;
  status: string;
  resolvedBy: string | null;
}

export interface DailyReport {
  day: string;
  orders: { received: number; synced: number; notSynced: number };
  exceptions: { opened: number; open: number; resolved: number; ignored: number };
  mismatches: number;
  rows: ReportRow[];
  /** True when more rows exist than the report lists (the CSV has them all). */
  truncated: boolean;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const today = (now = new Date()) => now.toISOString().slice(0, 10);

export function parseDay(s: string | null | undefined, now = new Date()): string {
  if (s && DAY.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`))) return s;
  return today(now);
}

export async function dailyReport(db: Db, shop: string, day: string, opts: { limit?: number; now?: Date } = {}): Promise<DailyReport> {
  const from = new Date(`${day}T00:00:00Z`);
  const to = new Date(from.getTime() + 24 * 3600_000);
  const limit = opts.limit ?? 500;
  const hourAgo = new Date((opts.now ?? new Date()).getTime() - 3600_000);
  const inDay = { gte: from, lt: to };
  const [received, synced, exceptions, behind] = await Promise.all([
    db.orderSummary.count({ where: { shopDomain: shop, createdAt: inDay } }),
    db.orderSummary.count({ where: { shopDomain: shop, syncedAt: inDay } }),
    db.syncException.findMany({ where: { shopDomain: shop, firstSeenAt: inDay }, orderBy: { firstSeenAt: "asc" }, take: limit + 1 }),
    // Orders changed in Shopify that day (an hour or more ago) that NetSuite does not hold yet.
    db.orderSummary.findMany({
      where: { shopDomain: shop, shopifyUpdatedAt: { gte: from, lt: to < hourAgo ? to : hourAgo }, state: { notIn: [ORDER_STATE.synced, ORDER_STATE.cancelled] } },
      orderBy: { shopifyUpdatedAt: "asc" },
      take: limit + 1,
    }),
  ]);
  const rows: ReportRow[] = [];
  for (const e of exceptions.slice(0, limit)) {
    const c = causeOf(e.causeCode);
    rows.push({ kind: e.causeCode === "amount_mismatch" ? "mismatch" : "exception", at: e.firstSeenAt.toISOString(), cause: c.title, owner: e.ownerRole, object: e.objectType ? `${e.objectType} ${e.objectId ?? ""}`.trim() : e.jobKind, message: e.message, status: e.status, resolvedBy: e.resolvedBy });
  }
  for (const o of behind.slice(0, limit)) {
    rows.push({ kind: "not_synced", at: (o.shopifyUpdatedAt ?? o.createdAt).toISOString(), cause: "an hour or more after its last change", owner: "ops", object: `order ${o.name ?? o.orderId}`, message: o.lastError ?? `State: ${o.state}`, status: o.state, resolvedBy: null });
  }
  return {
    day,
    orders: { received, synced, notSynced: behind.length > limit ? limit : behind.length },
    exceptions: {
      opened: exceptions.length > limit ? limit : exceptions.length,
      open: exceptions.filter((e) => e.status === "open").length,
      resolved: exceptions.filter((e) => e.status === "resolved").length,
      ignored: exceptions.filter((e) => e.status === "ignored").length,
    },
    mismatches: exceptions.filter((e) => e.causeCode === "amount_mismatch").length,
    rows,
    truncated: exceptions.length > limit || behind.length > limit,
  };
}

export function reportCsv(r: DailyReport): string {
  return toCsv([["day", "kind", "at", "cause", "owner", "object", "message", "status", "resolved_by"], ...r.rows.map((x) => [r.day, x.kind, x.at, x.cause, x.owner, x.object, x.message, x.status, x.resolvedBy])]);
}
