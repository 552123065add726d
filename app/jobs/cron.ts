/**
 * Cron expressions as both adapters read them: five fields, UTC. pg-boss files an occurrence as
 * due for a minute after it passes; the embedded engine does the same, so a schedule created
 * within a minute of an occurrence fires it, on either adapter.
 */
import { CronExpressionParser } from "cron-parser";

/** How long an occurrence stays due (pg-boss's window). */
export const DUE_WINDOW_MS = 60_000;

export function assertCron(cron: string): void {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`A schedule needs a 5-field cron expression (UTC), got "${cron}"`);
  CronExpressionParser.parse(cron, { tz: "UTC", strict: false });
}

/** The first occurrence strictly after `after`. */
export function nextOccurrence(cron: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { tz: "UTC", currentDate: after }).next().toDate();
}

/** When a new schedule first fires: an occurrence still inside the due window, else the next one. */
export function firstDue(cron: string, now: Date): Date {
  const previous = CronExpressionParser.parse(cron, { tz: "UTC", currentDate: new Date(now.getTime() + 1) }).prev().toDate();
  return now.getTime() - previous.getTime() < DUE_WINDOW_MS ? previous : nextOccurrence(cron, now);
}
