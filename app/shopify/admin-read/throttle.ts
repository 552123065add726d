/**
 * Shopify's cost-based throttling as the reader sees it. Every GraphQL answer reports the shop's
 * bucket (`extensions.cost.throttleStatus`); a query the bucket cannot cover answers 200 with a
 * `THROTTLED` error. The library does not retry that (its retries cover HTTP 429/503 only, and
 * `admin.graphql` turns any GraphQL error into a thrown GraphqlQueryError), so the wait is ours:
 * the points missing divided by the restore rate.
 *
 * What `admin.graphql` throws depends on how the context was made: `unauthenticated.admin` lets
 * the library's errors through; `authenticate.admin` turns HTTP errors into a thrown Response.
 * Both are read here by shape (zod), not by class, so two copies of the library cannot confuse us.
 */
import { z } from "zod";

export const throttleStatus = z.object({
  maximumAvailable: z.number(),
  currentlyAvailable: z.number(),
  restoreRate: z.number().positive(),
});
export type ThrottleStatus = z.infer<typeof throttleStatus>;

export const costExtension = z.object({
  cost: z.object({
    requestedQueryCost: z.number().nullish(),
    actualQueryCost: z.number().nullish(),
    throttleStatus,
  }),
});
export type Cost = z.infer<typeof costExtension>["cost"];

const graphqlError = z.looseObject({
  message: z.string(),
  extensions: z.looseObject({ code: z.string().optional() }).nullish(),
});

/** GraphqlQueryError: the client's whole answer is its `body`. */
const queryErrorShape = z.object({
  body: z.looseObject({
    errors: z.looseObject({ graphQLErrors: z.array(graphqlError).optional(), message: z.string().optional() }),
    extensions: z.unknown().optional(),
  }),
});
/** HttpResponseError and its subclasses (HttpThrottlingError adds `retryAfter`, in seconds). */
const httpErrorShape = z.object({
  response: z.looseObject({ code: z.number().int(), retryAfter: z.number().nullish() }),
});

/** What a failed call means for the reader. */
export type Failure =
  | { kind: "throttled"; cost: Cost | null; retryAfterMs: number | null }
  | { kind: "max_cost"; message: string }
  | { kind: "query"; message: string }
  | { kind: "http"; status: number; message: string }
  | { kind: "network"; message: string };

export function parseCost(extensions: unknown): Cost | null {
  const r = costExtension.safeParse(extensions);
  return r.success ? r.data.cost : null;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function classify(error: unknown): Promise<Failure> {
  if (error instanceof Response) {
    if (error.status === 429) {
      const after = Number(error.headers.get("Retry-After"));
      return { kind: "throttled", cost: null, retryAfterMs: Number.isFinite(after) && after > 0 ? after * 1000 : null };
    }
    const text = await error.text().catch(() => "");
    return { kind: "http", status: error.status, message: text.slice(0, 300) || `HTTP ${error.status}` };
  }
  const q = queryErrorShape.safeParse(error);
  if (q.success) {
    const errors = q.data.body.errors.graphQLErrors ?? [];
    const codes = errors.map((e) => e.extensions?.code);
    const message = errors.map((e) => e.message).join("; ") || (q.data.body.errors.message ?? messageOf(error));
    if (codes.includes("THROTTLED")) return { kind: "throttled", cost: parseCost(q.data.body.extensions), retryAfterMs: null };
    if (codes.includes("MAX_COST_EXCEEDED")) return { kind: "max_cost", message };
    return { kind: "query", message };
  }
  const h = httpErrorShape.safeParse(error);
  if (h.success) {
    const { code, retryAfter } = h.data.response;
    if (code === 429) return { kind: "throttled", cost: null, retryAfterMs: retryAfter ? retryAfter * 1000 : null };
    return { kind: "http", status: code, message: messageOf(error) };
  }
  return { kind: "network", message: messageOf(error) };
}

/** A little over the exact refill time: timers may fire early and the reported points are floored. */
const MARGIN_MS = 25;

/** How long until the bucket holds `needed` points (0 when it already does). */
export function waitForPoints(status: ThrottleStatus, needed: number): number {
  const missing = Math.min(needed, status.maximumAvailable) - status.currentlyAvailable;
  if (missing <= 0) return 0;
  return Math.ceil((missing / status.restoreRate) * 1000) + MARGIN_MS;
}
