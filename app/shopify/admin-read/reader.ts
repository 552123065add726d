/**
 * Runs one Admin GraphQL query after another for a single read (a paging run), keeping to the
 * shop's bucket: after each answer it knows the points left and the restore rate, so the next
 * request waits until a query of the same cost fits; a THROTTLED answer (the bucket was shared,
 * or this is the first request) is waited out and retried.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { logger as rootLogger, type Logger } from "~/log.server";
import { AdminReadError } from "./errors";
import { classify, parseCost, waitForPoints, type Failure } from "./throttle";

/**
 * What the reader needs of an Admin API context: `admin` from `unauthenticated.admin(shop)` or
 * `authenticate.admin(request)`.
 */
export interface GraphqlAdmin {
  graphql(query: string, options?: { variables?: Record<string, unknown> }): Promise<Response>;
}

export interface ReadOptions {
  /** Throttled answers one request may get (each waited out) before the read gives up. Default 10. */
  maxThrottleWaits?: number;
  log?: Logger;
  signal?: AbortSignal;
}

/** Without a throttle status (a bare 429), Shopify's own advice: try again after a second. */
const DEFAULT_WAIT_MS = 1000;
/** Never sleep longer than this at once, whatever the status implies. */
const MAX_WAIT_MS = 60_000;

function failureError(f: Exclude<Failure, { kind: "throttled" }>, cause: unknown): AdminReadError {
  switch (f.kind) {
    case "max_cost":
      return new AdminReadError(`Shopify refused the query as too costly: ${f.message}`, "query", 200, { cause, code: "MAX_COST_EXCEEDED" });
    case "query":
      return new AdminReadError(`Shopify rejected the query: ${f.message}`, "query", 200, { cause });
    case "http":
      if (f.status === 401 || f.status === 403)
        return new AdminReadError(`Shopify refused the shop's access token (${f.status}): ${f.message}`, "auth", f.status, { cause });
      if (f.status >= 500) return new AdminReadError(`Shopify is unavailable (${f.status}): ${f.message}`, "unavailable", f.status, { cause });
      return new AdminReadError(`Shopify answered ${f.status}: ${f.message}`, "query", f.status, { cause });
    case "network":
      return new AdminReadError(`Shopify did not answer: ${f.message}`, "unavailable", null, { cause });
  }
}

export class Reader {
  /** Throttled answers seen so far in this read. */
  throttled = 0;
  private readyAt = 0;
  private readonly log: Logger;

  constructor(
    private readonly admin: GraphqlAdmin,
    private readonly opts: ReadOptions = {},
  ) {
    this.log = opts.log ?? rootLogger.child({ module: "admin-read" });
  }

  /** Runs the query; resolves with its `data` (unchecked: the caller parses it). */
  async run(query: string, variables: Record<string, unknown>): Promise<unknown> {
    const max = this.opts.maxThrottleWaits ?? 10;
    for (let waits = 0; ; ) {
      const delay = this.readyAt - Date.now();
      if (delay > 0) await sleep(delay, undefined, { signal: this.opts.signal });
      let body: unknown;
      try {
        const res = await this.admin.graphql(query, { variables });
        body = await res.json();
      } catch (error) {
        const f = await classify(error);
        if (f.kind !== "throttled") throw failureError(f, error);
        this.throttled++;
        if (++waits > max) throw new AdminReadError(`Shopify still throttled the read after ${max} waits`, "throttled", null, { cause: error });
        const needed = f.cost?.requestedQueryCost ?? 0;
        const ms = Math.min(MAX_WAIT_MS, f.cost && needed > 0 ? Math.max(waitForPoints(f.cost.throttleStatus, needed), 1) : (f.retryAfterMs ?? DEFAULT_WAIT_MS));
        this.log.info("Shopify throttled a read: waiting", { waitMs: ms, requestedCost: needed, available: f.cost?.throttleStatus.currentlyAvailable ?? null });
        this.readyAt = Date.now() + ms;
        continue;
      }
      const answer = typeof body === "object" && body !== null ? (body as { data?: unknown; extensions?: unknown }) : {};
      const cost = parseCost(answer.extensions);
      // The next page will ask about as much as this one did: wait until the bucket holds it.
      if (cost) this.readyAt = Date.now() + Math.min(MAX_WAIT_MS, waitForPoints(cost.throttleStatus, cost.requestedQueryCost ?? 0));
      return answer.data;
    }
  }
}
