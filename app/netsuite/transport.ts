/**
 * One NetSuite request, start to end: a slot of the account's concurrency pool (the governor),
 * the login (signature or bearer token), a timeout, the retry decision with exponential backoff
 * and full jitter, metrics, and a report of every attempt to the recorder.
 */
import type { Governor } from "~/governor";
import type { Authorizer } from "./auth";
import { fromNetworkError, fromResponse, NetSuiteError, unexpectedAnswer } from "./errors";
import { TOKEN_PATH, tokenRequestBody, tokenResponse } from "./oauth2";
import { redactBody } from "./redact";

/** What the recorder hook receives for every attempt: never the Authorization header. */
export interface NetSuiteCall {
  /** Realm form, e.g. 1234567_SB1. */
  accountId: string;
  method: string;
  /** Path and query, e.g. /services/rest/record/v1/salesOrder/eid:x?replace=item. */
  path: string;
  /** null when no answer came (timeout, dropped connection). */
  status: number | null;
  durationMs: number;
  /** Time spent waiting for a concurrency slot before this attempt. */
  waitedMs: number;
  errorCode?: string;
  attempt: number;
  /** Secrets masked (see redact.ts). */
  requestBody?: string;
  responseBody?: string;
  /** Set on calls the client makes for itself, not for the caller's record: a token request, the governance limits. */
  purpose?: "login" | "limits";
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** INVALID_LOGIN retries during sync: NetSuite has been seen answering overload with it. */
  authRetries: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000, authRetries: 2 };

export interface NetSuiteMetrics {
  /** REST calls made (attempts), token requests apart. */
  calls: number;
  retries: number;
  failures: number;
  tokenRequests: number;
  /** Total time callers waited for a concurrency slot. */
  waitedMs: number;
  /** Callers waiting for a slot now. */
  waiting: number;
  inFlight: number;
}

export interface TransportOptions {
  accountId: string;
  baseUrl: string;
  authorizer: Authorizer;
  governor: Governor;
  /** The account's limit (from the governance-limits call where it answers). */
  limit: () => Promise<number>;
  timeoutMs: number;
  retry: RetryPolicy;
  recorder?: (call: NetSuiteCall) => void | Promise<void>;
  fetch: typeof fetch;
  signal?: AbortSignal;
}

export interface RequestSpec {
  method: string;
  /** Path and query under the base URL. */
  path: string;
  body?: unknown;
  /** Names the call in error messages, e.g. "writing salesOrder shopify:…". */
  what: string;
  /** false for create and transform: repeating one after a lost answer would write twice. */
  idempotent?: boolean;
  /** false in the connection test, where a refused login is the answer. */
  retryAuth?: boolean;
  headers?: Record<string, string>;
  maxAttempts?: number;
  /** Use this limit instead of asking (the governance-limits call itself). */
  limit?: number;
  /** Log in afresh (a new OAuth 2.0 token) before the first attempt: the connection test. */
  fresh?: boolean;
  purpose?: NetSuiteCall["purpose"];
}

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** Failures where NetSuite cannot have acted: a non-idempotent request may be sent again. */
function safeToRepeat(e: NetSuiteError): boolean {
  return e.kind === "throttled" || (e.kind === "network" && e.detail === "ECONNREFUSED");
}

/** Retry-After in seconds, when NetSuite (or a proxy in front of it) sends one. */
function retryAfterMs(headers: Headers): number {
  const s = Number(headers.get("retry-after"));
  return Number.isFinite(s) && s > 0 ? s * 1000 : 0;
}

export class Transport {
  readonly counters: Omit<NetSuiteMetrics, "waiting" | "inFlight"> = { calls: 0, retries: 0, failures: 0, tokenRequests: 0, waitedMs: 0 };
  waiting = 0;
  inFlight = 0;

  constructor(private readonly o: TransportOptions) {}

  /** Exponential backoff with full jitter: uniform in [0, min(max, base·2^(attempt-1))]. */
  backoff(attempt: number, floorMs = 0): number {
    const r = this.o.retry;
    return Math.min(r.maxDelayMs, Math.max(floorMs, Math.floor(Math.random() * Math.min(r.maxDelayMs, r.baseDelayMs * 2 ** (attempt - 1)))));
  }

  private signal(): AbortSignal {
    const timeout = AbortSignal.timeout(this.o.timeoutMs);
    return this.o.signal ? AbortSignal.any([timeout, this.o.signal]) : timeout;
  }

  private aborted(what: string): NetSuiteError {
    return new NetSuiteError(`The NetSuite call for ${what} was cancelled`, { kind: "network", status: null, code: "ABORTED", path: null, retryable: true, cause: this.o.signal?.reason });
  }

  private async report(call: NetSuiteCall): Promise<void> {
    try {
      await this.o.recorder?.(call);
    } catch {
      // The call log never fails the call it records.
    }
  }

  private sleep(ms: number): Promise<void> {
    const signal = this.o.signal;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const t = setTimeout(done, ms);
      signal?.addEventListener("abort", done, { once: true });
    });
  }

  async request(spec: RequestSpec): Promise<RawAnswer> {
    const payload = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const maxAttempts = spec.maxAttempts ?? this.o.retry.maxAttempts;
    let authFailures = 0;
    for (let attempt = 1; ; attempt++) {
      if (this.o.signal?.aborted) throw this.aborted(spec.what);
      const { answer, error, header, retryAfter } = await this.attempt(spec, payload, attempt);
      if (answer) return answer;
      const e = error!;
      if (this.o.signal?.aborted) throw this.aborted(spec.what);
      let again = e.retryable && (spec.idempotent !== false || safeToRepeat(e));
      if (e.kind === "auth") {
        if (header) this.o.authorizer.rejected(header);
        again = spec.retryAuth !== false && authFailures++ < this.o.retry.authRetries;
      }
      if (!again || attempt >= maxAttempts) {
        this.counters.failures++;
        throw e;
      }
      this.counters.retries++;
      await this.sleep(this.backoff(attempt, retryAfter));
    }
  }

  private async attempt(spec: RequestSpec, payload: string | undefined, attempt: number): Promise<{ answer?: RawAnswer; error?: NetSuiteError; header?: string; retryAfter?: number }> {
    try {
      await this.o.authorizer.prepare(spec.fresh === true && attempt === 1);
    } catch (e) {
      return { error: e instanceof NetSuiteError ? e : fromNetworkError(e, spec.what) };
    }
    const limit = spec.limit ?? (await this.o.limit());
    this.waiting++;
    const waitStart = performance.now();
    let release: () => Promise<void>;
    try {
      release = await this.o.governor.acquire(this.o.accountId, limit, this.o.signal);
    } catch (e) {
      if (this.o.signal?.aborted) return { error: this.aborted(spec.what) };
      // The governor's own store (PostgreSQL) failed: nothing reached NetSuite, so try again.
      return { error: new NetSuiteError(`No concurrency slot could be taken for ${spec.what}: ${e instanceof Error ? e.message : String(e)}`, { kind: "unavailable", status: null, code: "GOVERNOR", path: null, retryable: true, cause: e }) };
    } finally {
      this.waiting--;
    }
    const waitedMs = performance.now() - waitStart;
    this.counters.waitedMs += waitedMs;
    this.inFlight++;
    const started = performance.now();
    let status: number | null = null;
    let text: string | undefined;
    let header: string | undefined;
    let error: NetSuiteError | undefined;
    let answer: RawAnswer | undefined;
    let retryAfter = 0;
    try {
      const url = new URL(this.o.baseUrl + spec.path);
      header = await this.o.authorizer.header(spec.method, url);
      const res = await this.o.fetch(url, {
        method: spec.method,
        headers: { Authorization: header, Accept: "application/json", ...(payload !== undefined ? { "Content-Type": "application/json" } : {}), ...spec.headers },
        body: payload,
        signal: this.signal(),
      });
      status = res.status;
      text = await res.text();
      if (res.ok) answer = { status, headers: res.headers, text };
      else {
        error = fromResponse(status, text, spec.what);
        retryAfter = retryAfterMs(res.headers);
      }
    } catch (e) {
      error = e instanceof NetSuiteError ? e : fromNetworkError(e, spec.what);
    } finally {
      this.inFlight--;
      this.counters.calls++;
      await release();
    }
    await this.report({
      accountId: this.o.accountId,
      method: spec.method,
      path: spec.path,
      status,
      durationMs: Math.round(performance.now() - started),
      waitedMs: Math.round(waitedMs),
      attempt,
      ...(error?.code ? { errorCode: error.code } : {}),
      ...(payload !== undefined ? { requestBody: redactBody(payload) } : {}),
      ...(text ? { responseBody: redactBody(text) } : {}),
      ...(spec.purpose ? { purpose: spec.purpose } : {}),
    });
    return { answer, error, header, retryAfter };
  }

  /**
   * One token request (OAuth 2.0): not governed (it is a login, not a web-services call), not
   * retried here (the request that needed the token retries), reported with the assertion and
   * the token masked.
   */
  async fetchToken(tokenUrl: string, assertion: string): Promise<{ token: string; ttlSeconds: number }> {
    const body = tokenRequestBody(assertion);
    const started = performance.now();
    let status: number | null = null;
    let text: string | undefined;
    let error: NetSuiteError | undefined;
    this.counters.tokenRequests++;
    try {
      const res = await this.o.fetch(tokenUrl, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" }, body, signal: this.signal() });
      status = res.status;
      text = await res.text();
      if (!res.ok) throw (error = fromResponse(status, text, "the OAuth 2.0 token request"));
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw (error = unexpectedAnswer("the OAuth 2.0 token request", "not JSON", e));
      }
      const parsed = tokenResponse.safeParse(json);
      if (!parsed.success) throw (error = unexpectedAnswer("the OAuth 2.0 token request", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "), parsed.error));
      return { token: parsed.data.access_token, ttlSeconds: parsed.data.expires_in };
    } catch (e) {
      throw (error = e instanceof NetSuiteError ? e : fromNetworkError(e, "the OAuth 2.0 token request"));
    } finally {
      await this.report({
        accountId: this.o.accountId,
        method: "POST",
        path: TOKEN_PATH,
        status,
        durationMs: Math.round(performance.now() - started),
        waitedMs: 0,
        attempt: 1,
        ...(error?.code ? { errorCode: error.code } : {}),
        requestBody: redactBody(body, "application/x-www-form-urlencoded"),
        ...(text ? { responseBody: redactBody(text) } : {}),
        purpose: "login",
      });
    }
  }

  metrics(): NetSuiteMetrics {
    return { ...this.counters, waitedMs: Math.round(this.counters.waitedMs), waiting: this.waiting, inFlight: this.inFlight };
  }
}
