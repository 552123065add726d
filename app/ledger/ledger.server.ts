/**
 * The sync ledger: for each Shopify object, the NetSuite records it became and a timeline of
 * what happened to it (received, queued, attempted, written, failed, parked, skipped…). The
 * flows write it; CX reads it on the order page.
 */
import type { Db } from "~/db.server";

export const LEDGER_EVENT = Object.freeze({
  received: "received",
  queued: "queued",
  attempted: "attempted",
  written: "written",
  failed: "failed",
  parked: "parked",
  released: "released",
  skippedStale: "skipped_stale",
  skippedDuplicate: "skipped_duplicate",
  rejected: "rejected",
  exception: "exception",
  resolved: "resolved",
  redacted: "redacted",
  /** Stored but not written: the flow for it has not landed yet. */
  notWritten: "not_written",
} as const);
export type LedgerEventName = (typeof LEDGER_EVENT)[keyof typeof LEDGER_EVENT];

/** A Prisma client or an interactive-transaction client. */
export type DbOrTx = Pick<Db, "ledgerEvent" | "syncRecord">;

export interface ObjectRef {
  shop: string;
  objectType: string;
  objectId: string;
}

export async function recordEvent(db: DbOrTx, ref: ObjectRef, event: LedgerEventName, detail?: string | Record<string, unknown>): Promise<void> {
  await db.ledgerEvent.create({
    data: {
      shopDomain: ref.shop,
      objectType: ref.objectType,
      objectId: ref.objectId,
      event,
      detail: detail === undefined ? null : typeof detail === "string" ? detail : JSON.stringify(detail),
    },
  });
}

export interface LedgerEntry {
  event: LedgerEventName;
  detail?: Record<string, unknown>;
}

/** Several events about one object in one write. */
export async function recordEvents(db: DbOrTx, ref: ObjectRef, entries: LedgerEntry[]): Promise<void> {
  const base = Date.now();
  await db.ledgerEvent.createMany({
    // Distinct instants keep their order on the timeline.
    data: entries.map((e, i) => ({ shopDomain: ref.shop, objectType: ref.objectType, objectId: ref.objectId, event: e.event, detail: e.detail ? JSON.stringify(e.detail) : null, at: new Date(base + i) })),
  });
}

export interface TimelineEntry {
  event: string;
  detail: string | null;
  at: Date;
}

export async function timeline(db: DbOrTx, ref: ObjectRef, limit = 200): Promise<TimelineEntry[]> {
  return db.ledgerEvent.findMany({
    where: { shopDomain: ref.shop, objectType: ref.objectType, objectId: ref.objectId },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    take: limit,
    select: { event: true, detail: true, at: true },
  });
}

export interface NetSuiteRecordRef {
  netsuiteType: string;
  internalId: string;
  externalId: string;
  syncedUpdatedAt?: Date | null;
}

export async function recordSynced(db: DbOrTx, ref: ObjectRef, rec: NetSuiteRecordRef): Promise<void> {
  const where = { shopDomain_objectType_objectId_netsuiteType: { shopDomain: ref.shop, objectType: ref.objectType, objectId: ref.objectId, netsuiteType: rec.netsuiteType } };
  await db.syncRecord.upsert({
    where,
    create: { shopDomain: ref.shop, objectType: ref.objectType, objectId: ref.objectId, ...rec },
    update: { internalId: rec.internalId, externalId: rec.externalId, syncedUpdatedAt: rec.syncedUpdatedAt ?? null },
  });
}

export async function syncedRecords(db: DbOrTx, ref: ObjectRef) {
  return db.syncRecord.findMany({ where: { shopDomain: ref.shop, objectType: ref.objectType, objectId: ref.objectId } });
}

export async function isSynced(db: DbOrTx, ref: ObjectRef, netsuiteType: string): Promise<boolean> {
  return (await db.syncRecord.count({ where: { shopDomain: ref.shop, objectType: ref.objectType, objectId: ref.objectId, netsuiteType } })) > 0;
}
