/**
 * Per-account configuration and runtime state: governance (calls in flight against the
 * concurrency limit), latency, injected faults, the request log and the statistics tests read.
 */
import { z } from "zod";
import { SimAccount } from "./account";

export interface SimAccountConfig {
  /** "TSTDRV1234567", "1234567_SB1" (realm form: upper case, underscores). */
  accountId: string;
  /** Default 5. */
  concurrencyLimit?: number;
  /** When set, governanceLimits reports it (integrationLimitType "integrationSpecific") and it caps this integration. */
  integrationConcurrencyLimit?: number;
  tba?: { consumerKey: string; consumerSecret: string; tokenId: string; tokenSecret: string };
  oauth2?: { clientId: string; certificateId: string; publicKeyPem: string };
  /** OAuth 2.0 access token lifetime, default 3600. */
  tokenTtlSeconds?: number;
  /** Default true: the demo data. */
  seed?: boolean;
}

export const realmForm = (id: string) => id.trim().toUpperCase().replace(/-/g, "_");

const share = z.number().min(0).max(1);
const phase = z.enum(["before", "after"]);
export const faultSchema = z.object({ kind: z.enum(["429", "500", "503", "401", "timeout", "drop"]), phase: phase.optional() });
export type Fault = z.infer<typeof faultSchema>;

export const configSchema = z.object({
  concurrencyLimit: z.number().int().min(1).optional(),
  integrationConcurrencyLimit: z.number().int().min(1).nullable().optional(),
  latencyMs: z.number().min(0).optional(),
  jitterMs: z.number().min(0).optional(),
  /** How long a "timeout" fault hangs before the connection is dropped. */
  hangMs: z.number().min(0).optional(),
  /**
   * Shares of calls that fail. `phase` puts every fault before or after the call's work; with
   * `afterCommit`, that share of the faults drawn for writes (not GET) strike after the write
   * committed instead, so the caller sees a failure for a write that happened.
   */
  faults: z.object({ serverError: share.optional(), tooManyRequests: share.optional(), timeout: share.optional(), drop: share.optional(), phase: phase.optional(), afterCommit: share.optional() }).optional(),
  failNext: z.array(faultSchema).optional(),
  tokenTtlSeconds: z.number().int().min(1).optional(),
});
export type SimConfigUpdate = z.infer<typeof configSchema>;

export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  at: string;
}

export interface SimStats {
  inFlight: number;
  peakInFlight: number;
  busyCallSeconds: number;
  calls: number;
  tooManyRequests: number;
  limit: number;
  /** Faults injected, by "kind:phase" (e.g. "500:after"). */
  injected: Record<string, number>;
}

const MAX_LOG = 10_000;

export class AccountState {
  readonly data: SimAccount;
  config: SimAccountConfig;
  limit = 5;
  integrationLimit: number | undefined;
  latencyMs = 0;
  jitterMs = 0;
  hangMs = 20_000;
  faults: NonNullable<SimConfigUpdate["faults"]> = {};
  failNext: Fault[] = [];
  tokenTtlSeconds = 3600;
  inFlight = 0;
  peakInFlight = 0;
  busyMs = 0;
  calls = 0;
  tooManyRequests = 0;
  injected: Record<string, number> = {};
  requests: RequestLogEntry[] = [];
  /** TBA nonces seen in the last ten minutes (twice the timestamp window). */
  readonly nonces = new Map<string, number>();

  constructor(config: SimAccountConfig) {
    this.config = { ...config, accountId: realmForm(config.accountId) };
    this.data = new SimAccount(this.config.accountId, config.seed !== false);
    this.resetRuntime();
  }

  get id(): string {
    return this.config.accountId;
  }

  /** The integration's own limit caps it below the account's, as NetSuite allocates it. */
  get effectiveLimit(): number {
    return Math.min(this.limit, this.integrationLimit ?? this.limit);
  }

  resetRuntime(): void {
    this.limit = this.config.concurrencyLimit ?? 5;
    this.integrationLimit = this.config.integrationConcurrencyLimit;
    this.tokenTtlSeconds = this.config.tokenTtlSeconds ?? 3600;
    Object.assign(this, { latencyMs: 0, jitterMs: 0, hangMs: 20_000, faults: {}, failNext: [], requests: [] });
    this.resetStats();
    this.nonces.clear();
  }

  reset(): void {
    this.data.reset(this.config.seed !== false);
    this.resetRuntime();
  }

  resetStats(): void {
    Object.assign(this, { peakInFlight: this.inFlight, busyMs: 0, calls: 0, tooManyRequests: 0, injected: {} });
  }

  configure(u: SimConfigUpdate): void {
    if (u.concurrencyLimit !== undefined) this.limit = u.concurrencyLimit;
    if (u.integrationConcurrencyLimit !== undefined) this.integrationLimit = u.integrationConcurrencyLimit ?? undefined;
    if (u.latencyMs !== undefined) this.latencyMs = u.latencyMs;
    if (u.jitterMs !== undefined) this.jitterMs = u.jitterMs;
    if (u.hangMs !== undefined) this.hangMs = u.hangMs;
    if (u.faults !== undefined) this.faults = u.faults;
    if (u.failNext !== undefined) this.failNext.push(...u.failNext);
    if (u.tokenTtlSeconds !== undefined) this.tokenTtlSeconds = u.tokenTtlSeconds;
  }

  /** The queued fault first, else one drawn from the configured shares. */
  nextFault(write = false): Fault | undefined {
    const queued = this.failNext.shift();
    if (queued) return this.count(queued);
    const f = this.faults;
    const phase = write && f.afterCommit && Math.random() < f.afterCommit ? "after" : (f.phase ?? "before");
    let roll = Math.random();
    for (const [share, kind] of [
      [f.serverError, "500"],
      [f.tooManyRequests, "429"],
      [f.timeout, "timeout"],
      [f.drop, "drop"],
    ] as const) {
      if (!share) continue;
      // NetSuite refuses a call over its concurrency limit before doing any work.
      if (roll < share) return this.count({ kind, phase: kind === "429" ? "before" : phase });
      roll -= share;
    }
    return undefined;
  }

  log(entry: RequestLogEntry): void {
    this.requests.push(entry);
    if (this.requests.length > MAX_LOG) this.requests.shift();
  }

  private count(f: Fault): Fault {
    const key = `${f.kind}:${f.phase ?? "before"}`;
    this.injected[key] = (this.injected[key] ?? 0) + 1;
    return f;
  }

  stats(): SimStats {
    return { inFlight: this.inFlight, peakInFlight: this.peakInFlight, busyCallSeconds: this.busyMs / 1000, calls: this.calls, tooManyRequests: this.tooManyRequests, limit: this.effectiveLimit, injected: { ...this.injected } };
  }
}
