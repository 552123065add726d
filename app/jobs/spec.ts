/** Checks on what callers hand the engine, and the stored form of a schedule's job. */
import { z } from "zod";
import type { EnqueueSpec, JobData } from "./port";

export const DEFAULT_MAX_ATTEMPTS = 5;

export function assertSpec(spec: EnqueueSpec): void {
  if (!spec.kind) throw new Error("A job needs a kind");
  if (!spec.key) throw new Error(`A job of kind ${spec.kind} needs an ordering key`);
  if (!Number.isInteger(spec.priority)) throw new Error(`Job priority must be an integer, got ${spec.priority}`);
  if (spec.maxAttempts !== undefined && (!Number.isInteger(spec.maxAttempts) || spec.maxAttempts < 1)) {
    throw new Error(`maxAttempts must be a positive integer, got ${spec.maxAttempts}`);
  }
}

/** Schedule names as pg-boss accepts them (keys), enforced by both adapters alike. */
export function assertScheduleName(name: string): void {
  if (!/^[A-Za-z0-9_\-./]+$/.test(name)) throw new Error(`A schedule name can only contain letters, digits, _ - . and /, got "${name}"`);
}

/** A schedule's job as stored: no runAt, since each tick runs now. */
const storedSpec = z.object({
  kind: z.string().min(1),
  key: z.string().min(1),
  priority: z.number().int(),
  data: z.record(z.string(), z.unknown()),
  maxAttempts: z.number().int().positive().optional(),
});

export function specToJson(spec: EnqueueSpec): string {
  const { kind, key, priority, data, maxAttempts } = spec;
  return JSON.stringify({ kind, key, priority, data, maxAttempts });
}

export function specFromJson(text: string): EnqueueSpec {
  const parsed = storedSpec.parse(JSON.parse(text));
  return { ...parsed, data: parsed.data as JobData };
}
