/** What a person can do to exceptions from the inbox, one or many at a time. */
import { z } from "zod";
import type { Db } from "~/db.server";
import type { JobEngine } from "~/jobs/port";
import { ExceptionActionError, ignoreException, resolveException, retryException } from "./exceptions.server";

export const exceptionAction = z.object({
  action: z.enum(["retry", "resolve", "ignore"]),
  reason: z.string().trim().max(500).optional(),
});
export type ExceptionAction = z.output<typeof exceptionAction>;

export interface ActionResult {
  id: string;
  ok: boolean;
  status?: string;
  released?: number;
  error?: string;
}

export async function actOnException(db: Db, engine: JobEngine, shop: string, id: string, a: ExceptionAction, actor: string): Promise<ActionResult> {
  try {
    const r =
      a.action === "retry"
        ? await retryException(db, engine, shop, id, actor)
        : a.action === "resolve"
          ? await resolveException(db, engine, shop, id, actor, a.reason)
          : await ignoreException(db, engine, shop, id, actor, a.reason ?? "");
    return { id, ok: true, status: r.status, released: r.released };
  } catch (error) {
    if (error instanceof ExceptionActionError) return { id, ok: false, error: error.message };
    throw error;
  }
}

export async function actOnExceptions(db: Db, engine: JobEngine, shop: string, ids: string[], a: ExceptionAction, actor: string): Promise<ActionResult[]> {
  const out: ActionResult[] = [];
  for (const id of ids) out.push(await actOnException(db, engine, shop, id, a, actor));
  return out;
}
