/**
 * The exception inbox's reads: open work grouped by cause (with the plain explanation and the
 * owner), and one exception with its object's timeline.
 */
import type { Db } from "~/db.server";
import { timeline } from "~/ledger/ledger.server";
import { causeOf, type OwnerRole } from "./causes";
import { EXCEPTION_STATUS, type ExceptionStatus } from "./states";

export interface InboxQuery {
  status?: ExceptionStatus;
  cause?: string;
  owner?: OwnerRole;
  limit?: number;
  /** id of the last exception of the previous page */
  after?: string;
}

export interface InboxItem {
  id: string;
  causeCode: string;
  title: string;
  explanation: string;
  message: string;
  ownerRole: string;
  objectType: string | null;
  objectId: string | null;
  detail: unknown;
  attempts: number;
  status: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolution: string | null;
  parkedJobs: number;
}

type Row = Awaited<ReturnType<Db["syncException"]["findFirstOrThrow"]>> & { _count?: { parked: number } };

function item(r: Row): InboxItem {
  const cause = causeOf(r.causeCode);
  let detail: unknown = null;
  try {
    detail = r.detail ? JSON.parse(r.detail) : null;
  } catch {
    detail = r.detail;
  }
  return {
    id: r.id,
    causeCode: r.causeCode,
    title: cause.title,
    explanation: cause.explanation,
    message: r.message,
    ownerRole: r.ownerRole,
    objectType: r.objectType,
    objectId: r.objectId,
    detail,
    attempts: r.attempts,
    status: r.status,
    firstSeenAt: r.firstSeenAt,
    lastSeenAt: r.lastSeenAt,
    resolvedAt: r.resolvedAt,
    resolvedBy: r.resolvedBy,
    resolution: r.resolution,
    parkedJobs: r._count?.parked ?? 0,
  };
}

export async function listExceptions(db: Db, shop: string, q: InboxQuery = {}): Promise<{ items: InboxItem[]; next: string | null }> {
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
  const rows = await db.syncException.findMany({
    where: {
      shopDomain: shop,
      status: q.status ?? EXCEPTION_STATUS.open,
      ...(q.cause ? { causeCode: q.cause } : {}),
      ...(q.owner ? { ownerRole: q.owner } : {}),
    },
    orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(q.after ? { cursor: { id: q.after }, skip: 1 } : {}),
    include: { _count: { select: { parked: true } } },
  });
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  return { items: page.map(item), next: more ? page[page.length - 1]!.id : null };
}

export interface CauseGroup {
  causeCode: string;
  title: string;
  explanation: string;
  ownerRole: OwnerRole;
  open: number;
}

export async function openByCause(db: Db, shop: string): Promise<CauseGroup[]> {
  const groups = await db.syncException.groupBy({ by: ["causeCode"], where: { shopDomain: shop, status: EXCEPTION_STATUS.open }, _count: { _all: true } });
  return groups
    .map((g) => {
      const c = causeOf(g.causeCode);
      return { causeCode: g.causeCode, title: c.title, explanation: c.explanation, ownerRole: c.owner, open: g._count._all };
    })
    .sort((a, b) => b.open - a.open || a.causeCode.localeCompare(b.causeCode));
}

export async function exceptionWithTimeline(db: Db, shop: string, id: string) {
  const row = await db.syncException.findFirst({ where: { id, shopDomain: shop }, include: { _count: { select: { parked: true } } } });
  if (!row) return null;
  const events = row.objectType && row.objectId ? await timeline(db, { shop, objectType: row.objectType, objectId: row.objectId }) : [];
  return { exception: item(row), timeline: events };
}
