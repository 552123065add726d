/**
 * Cron schedules of the embedded engine. Every engine ticks; a tick is claimed by moving
 * nextRunAt with a compare-and-set, in the same transaction as the job it enqueues, so one
 * occurrence enqueues exactly once however many engines share the database.
 */
import { db, type Db } from "~/db.server";
import type { Logger } from "~/log.server";
import type { EnqueueSpec } from "../port";
import { assertCron, firstDue, nextOccurrence } from "../cron";
import { specFromJson, specToJson } from "../spec";
import { errorMessage } from "../runner";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export async function saveSchedule(name: string, cron: string, spec: EnqueueSpec): Promise<void> {
  assertCron(cron);
  const existing = await db().jobSchedule.findUnique({ where: { name } });
  if (!existing) {
    try {
      await db().jobSchedule.create({ data: { name, cron, spec: specToJson(spec), nextRunAt: firstDue(cron, new Date()) } });
      return;
    } catch (error) {
      // Another engine created it first; fall through to update it.
      if (!(await db().jobSchedule.findUnique({ where: { name } }))) throw error;
    }
  }
  // Re-declaring a schedule on every boot must not move its next tick: nextRunAt is written only
  // when the expression changes, so this cannot undo another engine's compare-and-set.
  await db().jobSchedule.updateMany({ where: { name, cron }, data: { spec: specToJson(spec) } });
  await db().jobSchedule.updateMany({ where: { name, NOT: { cron } }, data: { cron, spec: specToJson(spec), nextRunAt: firstDue(cron, new Date()) } });
}

export async function deleteSchedule(name: string): Promise<void> {
  await db().jobSchedule.deleteMany({ where: { name } });
}

/** Enqueues the due occurrences this engine wins; missed occurrences are skipped, as pg-boss does. */
export async function tickSchedules(enqueue: (spec: EnqueueSpec, tx: Tx) => Promise<unknown>, log: Logger): Promise<number> {
  const now = new Date();
  const due = await db().jobSchedule.findMany({ where: { nextRunAt: { lte: now } } });
  let fired = 0;
  for (const schedule of due) {
    try {
      const spec = specFromJson(schedule.spec);
      const next = nextOccurrence(schedule.cron, now);
      const won = await db().$transaction(async (tx) => {
        const { count } = await tx.jobSchedule.updateMany({ where: { name: schedule.name, nextRunAt: schedule.nextRunAt }, data: { nextRunAt: next } });
        if (count === 1) await enqueue(spec, tx);
        return count === 1;
      });
      if (won) fired++;
    } catch (error) {
      log.error("cron schedule tick failed", { schedule: schedule.name, error: errorMessage(error) });
    }
  }
  return fired;
}
