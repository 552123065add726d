/**
 * Exceptions: work that failed in a way a person must look at. A dead job becomes one; while it
 * is open, later jobs of the same ordering key are parked behind it (never run out of order);
 * retrying, resolving or ignoring it releases them, in their original order.
 */
import type { Db } from "~/db.server";
import type { DeadJob, EnqueueSpec, JobContext, JobData, JobEngine } from "~/jobs/port";
import { PermanentJobError } from "~/jobs/port";
import { recordEvent, LEDGER_EVENT } from "~/ledger/ledger.server";
import { causeOf } from "./causes";
import { markOrder, ORDER_STATE } from "~/orders/summary.server";
import { canMove, EXCEPTION_STATUS, type ExceptionStatus } from "./states";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Where a job's data says which shop and object it concerns. */
export function jobSubject(data: JobData): { shop: string; objectType: string | null; objectId: string | null } {
  const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : null);
  return { shop: str(data.shop) ?? "unknown", objectType: str(data.objectType), objectId: str(data.objectId) };
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === "string" ? error : JSON.stringify(error);
}

export interface RaiseInput {
  shop: string;
  causeCode: string;
  message: string;
  objectType?: string | null;
  objectId?: string | null;
  job: { kind: string; key: string; data: JobData; priority: number };
  attempts: number;
  /** Structured facts for fixing it (the SKUs to map, the field NetSuite named). */
  detail?: Record<string, unknown>;
}

/** Opens an exception, or refreshes the open one for the same key and cause. */
export async function raiseException(db: Db | Tx, input: RaiseInput) {
  const existing = await db.syncException.findFirst({ where: { jobKey: input.job.key, causeCode: input.causeCode, status: EXCEPTION_STATUS.open } });
  if (existing) {
    return db.syncException.update({
      where: { id: existing.id },
      data: {
        lastSeenAt: new Date(),
        attempts: existing.attempts + input.attempts,
        message: input.message,
        jobData: JSON.stringify(input.job.data),
        ...(input.detail ? { detail: JSON.stringify(input.detail) } : {}),
      },
    });
  }
  const created = await db.syncException.create({
    data: {
      shopDomain: input.shop,
      causeCode: input.causeCode,
      message: input.message,
      ownerRole: causeOf(input.causeCode).owner,
      objectType: input.objectType ?? null,
      objectId: input.objectId ?? null,
      jobKind: input.job.kind,
      jobKey: input.job.key,
      jobData: JSON.stringify(input.job.data),
      jobPriority: input.job.priority,
      attempts: input.attempts,
      detail: input.detail ? JSON.stringify(input.detail) : null,
    },
  });
  if (input.objectType && input.objectId) {
    await recordEvent(db, { shop: input.shop, objectType: input.objectType, objectId: input.objectId }, LEDGER_EVENT.exception, { id: created.id, cause: input.causeCode, message: input.message });
    if (input.objectType === "order") await markOrder(db, input.shop, input.objectId, ORDER_STATE.exception, { lastError: input.message });
  }
  return created;
}

/** The engine's onDead hook: a dead job becomes an exception a person can act on. */
export function deadJobRecorder(db: () => Db) {
  return async (job: DeadJob): Promise<void> => {
    const subject = jobSubject(job.data);
    const causeCode = job.error instanceof PermanentJobError ? job.error.code : "retries_exhausted";
    // Errors may carry structured facts for the inbox (the SKUs to map, the field NetSuite named).
    const detail = (job.error as { detail?: unknown } | null)?.detail;
    await raiseException(db(), {
      shop: subject.shop,
      causeCode,
      message: errorMessage(job.error),
      objectType: subject.objectType,
      objectId: subject.objectId,
      job: { kind: job.kind, key: job.key, data: job.data, priority: job.priority },
      attempts: job.attempts,
      ...(detail && typeof detail === "object" ? { detail: detail as Record<string, unknown> } : {}),
    });
  };
}

/**
 * Parks the job if an open exception holds its key. Returns true when parked (the handler must
 * then do nothing). Runs before every handler.
 */
export async function parkIfBlocked(db: Db, job: JobContext): Promise<boolean> {
  const blocking = await db.syncException.findFirst({ where: { jobKey: job.key, status: EXCEPTION_STATUS.open }, orderBy: { firstSeenAt: "asc" } });
  if (!blocking) return false;
  await db.parkedJob.create({ data: { exceptionId: blocking.id, jobKind: job.kind, jobKey: job.key, jobData: JSON.stringify(job.data), jobPriority: job.priority } });
  const subject = jobSubject(job.data);
  if (subject.objectType && subject.objectId) {
    await recordEvent(db, { shop: subject.shop, objectType: subject.objectType, objectId: subject.objectId }, LEDGER_EVENT.parked, { behind: blocking.id, kind: job.kind });
  }
  return true;
}

export class ExceptionActionError extends Error {
  override name = "ExceptionActionError";
}

type Action = "retry" | "resolve" | "ignore";

/**
 * Closes an exception and releases what waited behind it, in one transaction:
 * retry re-runs the failed job and then the parked ones; resolve and ignore release the parked
 * ones only (the failed work was done by hand, or is not wanted).
 */
async function close(db: Db, engine: JobEngine, shop: string, id: string, action: Action, actor: string, reason?: string) {
  return db.$transaction(async (tx) => {
    const ex = await tx.syncException.findFirst({ where: { id, shopDomain: shop }, include: { parked: { orderBy: { parkedAt: "asc" } } } });
    if (!ex) throw new ExceptionActionError(`No exception ${id} for this shop`);
    const to: ExceptionStatus = action === "ignore" ? EXCEPTION_STATUS.ignored : EXCEPTION_STATUS.resolved;
    if (!canMove(ex.status as ExceptionStatus, to)) throw new ExceptionActionError(`This exception is already ${ex.status}`);
    if (action === "ignore" && !reason?.trim()) throw new ExceptionActionError("Ignoring an exception needs a reason");
    // Compare-and-set on status, so two people acting at once cannot both release the jobs.
    const moved = await tx.syncException.updateMany({
      where: { id: ex.id, status: EXCEPTION_STATUS.open },
      data: { status: to, resolvedAt: new Date(), resolvedBy: actor, resolution: action === "retry" ? `retried${reason ? `: ${reason}` : ""}` : (reason ?? action) },
    });
    if (moved.count !== 1) throw new ExceptionActionError("Someone else acted on this exception first");
    const specs: EnqueueSpec[] = [];
    if (action === "retry") specs.push({ kind: ex.jobKind, key: ex.jobKey, priority: ex.jobPriority, data: JSON.parse(ex.jobData) as JobData });
    for (const p of ex.parked) specs.push({ kind: p.jobKind, key: p.jobKey, priority: p.jobPriority, data: JSON.parse(p.jobData) as JobData });
    for (const spec of specs) await engine.enqueue(spec, tx);
    await tx.parkedJob.deleteMany({ where: { exceptionId: ex.id } });
    if (ex.objectType && ex.objectId) {
      await recordEvent(tx, { shop: ex.shopDomain, objectType: ex.objectType, objectId: ex.objectId }, action === "retry" ? LEDGER_EVENT.released : LEDGER_EVENT.resolved, { exception: ex.id, action, by: actor, released: specs.length });
      // Back in the queue (or let go): the orders list shows it waiting until the flow says more.
      if (ex.objectType === "order") await markOrder(tx, ex.shopDomain, ex.objectId, ORDER_STATE.waiting, { lastError: null });
    }
    return { id: ex.id, status: to, released: specs.length };
  });
}

export const retryException = (db: Db, engine: JobEngine, shop: string, id: string, actor: string) => close(db, engine, shop, id, "retry", actor);
export const resolveException = (db: Db, engine: JobEngine, shop: string, id: string, actor: string, note?: string) => close(db, engine, shop, id, "resolve", actor, note);
export const ignoreException = (db: Db, engine: JobEngine, shop: string, id: string, actor: string, reason: string) => close(db, engine, shop, id, "ignore", actor, reason);

export async function openExceptions(db: Db, shop: string) {
  return db.syncException.findMany({ where: { shopDomain: shop, status: EXCEPTION_STATUS.open }, orderBy: { firstSeenAt: "asc" } });
}
