/**
 * The account's concurrency limit as NetSuite reports it. `GET /system/v1/governanceLimits`
 * answers (for an administrator role) the account's limit and, when the integration was given
 * its own share, the integration's; the client counts against the integration's when it has one.
 * Other roles get an error: then the setting stands. Cached per account, shared in the process.
 */
import { z } from "zod";

export const GOVERNANCE_PATH = "/services/rest/system/v1/governanceLimits";

export const governanceLimits = z.looseObject({
  accountConcurrencyLimit: z.number().int().positive().optional(),
  accountUnallocatedConcurrencyLimit: z.number().int().nonnegative().optional(),
  integrationConcurrencyLimit: z.number().int().positive().optional(),
  /** "integrationSpecific" when the integration has its own share (article 0625010817). */
  integrationLimitType: z.string().optional(),
});
export type GovernanceLimits = z.infer<typeof governanceLimits>;

/** The limit this integration's calls count against, or null when the answer names none. */
export function effectiveLimit(g: GovernanceLimits): number | null {
  const own = g.integrationLimitType ? /integration/i.test(g.integrationLimitType) : g.integrationConcurrencyLimit !== undefined;
  return (own ? g.integrationConcurrencyLimit : undefined) ?? g.accountConcurrencyLimit ?? null;
}

interface Entry {
  limit: number | null;
  until: number;
}

export interface LimitCacheOptions {
  /** How long a reported limit is trusted (it changes when licences do). */
  ttlMs?: number;
  /** How long to keep using the setting after NetSuite refused the call (no permission). */
  failureTtlMs?: number;
  /** How long after the call failed in a way a retry can help (429, 5xx, timeout). */
  transientTtlMs?: number;
  now?: () => number;
}

export class LimitCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<number | null>>();
  private readonly ttlMs: number;
  private readonly failureTtlMs: number;
  private readonly transientTtlMs: number;
  private readonly now: () => number;

  constructor(o: LimitCacheOptions = {}) {
    this.ttlMs = o.ttlMs ?? 60 * 60_000;
    this.failureTtlMs = o.failureTtlMs ?? 10 * 60_000;
    this.transientTtlMs = o.transientTtlMs ?? 30_000;
    this.now = o.now ?? Date.now;
  }

  /** The reported limit, asking at most once at a time per account; null means "use the setting". */
  async get(key: string, read: () => Promise<number | null>): Promise<number | null> {
    const hit = this.entries.get(key);
    if (hit && this.now() < hit.until) return hit.limit;
    let p = this.pending.get(key);
    if (!p) {
      p = read()
        .then(
          (limit) => ({ limit, ttl: limit === null ? this.failureTtlMs : this.ttlMs }),
          (e: unknown) => ({ limit: null, ttl: (e as { retryable?: boolean }).retryable ? this.transientTtlMs : this.failureTtlMs }),
        )
        .then(({ limit, ttl }) => {
          this.entries.set(key, { limit, until: this.now() + ttl });
          return limit;
        })
        .finally(() => this.pending.delete(key));
      this.pending.set(key, p);
    }
    return p;
  }

  /** The last known answer without asking (metrics, screens). */
  peek(key: string): number | null | undefined {
    return this.entries.get(key)?.limit;
  }
}

export const sharedLimitCache = new LimitCache();
