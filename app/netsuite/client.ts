/**
 * A thin typed client over fetch for NetSuite's REST record API (see README.md here for why not
 * a library). Every call holds a governor slot of its account, is signed, times out, is retried
 * with exponential backoff and full jitter when a retry can help, and is reported to a recorder
 * (method, path, status, duration, wait, error code; never the Authorization header).
 */
import type { Governor } from "~/governor";
import { MemoryGovernor } from "~/governor/memory";
import { fromNetworkError, fromResponse, NetSuiteError } from "./errors";
import { tbaAuthorization, type TbaCredentials } from "./oauth1";
import type { NS_RecordType } from "./records";

export interface NetSuiteCall {
  accountId: string;
  method: string;
  path: string;
  status: number | null;
  durationMs: number;
  waitedMs: number;
  attempt: number;
  errorCode: string | null;
  requestBody: string | null;
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** INVALID_LOGIN during sync: NetSuite has been seen answering overload with it. */
  authRetries: number;
}

export interface NetSuiteClientOptions {
  /** Realm form, e.g. 1234567_SB1. */
  accountId: string;
  credentials: { kind: "tba" } & TbaCredentials;
  /** Default https://<account-host>.suitetalk.api.netsuite.com; the simulator's URL in demo and tests. */
  baseUrl?: string;
  governor?: Governor;
  concurrencyLimit?: number;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  recorder?: (call: NetSuiteCall) => void | Promise<void>;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

/** 1234567_SB1 → 1234567-sb1, the host form. */
export function accountHost(accountId: string): string {
  return accountId.trim().toLowerCase().replace(/_/g, "-");
}

/** Any accepted spelling → 1234567_SB1, the realm form. */
export function accountRealm(accountId: string): string {
  return accountId.trim().toUpperCase().replace(/-/g, "_");
}

const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 250, maxDelayMs: 15_000, authRetries: 2 };
const SECRET_KEYS = /("(?:consumerSecret|tokenSecret|client_assertion|access_token|privateKey)"\s*:\s*)"[^"]*"/g;

export function redactBody(body: string | null): string | null {
  return body === null ? null : body.replace(SECRET_KEYS, '$1"[redacted]"').slice(0, 20_000);
}

const sharedGovernor = new MemoryGovernor();

export class NetSuiteClient {
  readonly accountId: string;
  readonly baseUrl: string;
  private readonly retry: RetryPolicy;
  private readonly governor: Governor;
  private readonly doFetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  readonly metrics = { calls: 0, retries: 0, waitedMs: 0 };

  constructor(private readonly o: NetSuiteClientOptions) {
    this.accountId = accountRealm(o.accountId);
    this.baseUrl = (o.baseUrl ?? `https://${accountHost(o.accountId)}.suitetalk.api.netsuite.com`).replace(/\/$/, "");
    this.retry = { ...DEFAULT_RETRY, ...o.retry };
    this.governor = o.governor ?? sharedGovernor;
    this.doFetch = o.fetch ?? fetch;
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Exponential backoff with full jitter: uniform in [0, min(max, base·2^(n-1))]. */
  backoff(attempt: number): number {
    return Math.floor(Math.random() * Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1)));
  }

  /** One request with governor, signing, timeout, retries. Returns the raw response parts. */
  async request(method: string, path: string, body?: unknown, opts: { what?: string; retryAuth?: boolean } = {}): Promise<{ status: number; headers: Headers; text: string }> {
    const what = opts.what ?? `${method} ${path}`;
    const payload = body === undefined ? null : JSON.stringify(body);
    let authFailures = 0;
    for (let attempt = 1; ; attempt++) {
      const waitStart = performance.now();
      const release = await this.governor.acquire(this.accountId, this.o.concurrencyLimit ?? 5);
      const waitedMs = performance.now() - waitStart;
      this.metrics.waitedMs += waitedMs;
      const started = performance.now();
      let status: number | null = null;
      let error: NetSuiteError | null = null;
      let result: { status: number; headers: Headers; text: string } | null = null;
      try {
        const url = new URL(this.baseUrl + path);
        const res = await this.doFetch(url, {
          method,
          headers: {
            Authorization: tbaAuthorization(method, url, this.accountId, this.o.credentials),
            Accept: "application/json",
            ...(payload !== null ? { "Content-Type": "application/json" } : {}),
            ...(path.startsWith("/services/rest/query/") ? { Prefer: "transient" } : {}),
          },
          body: payload,
          signal: AbortSignal.timeout(this.o.timeoutMs ?? 60_000),
        });
        status = res.status;
        const text = await res.text();
        if (res.ok) result = { status: res.status, headers: res.headers, text };
        else error = fromResponse(res.status, text, what);
      } catch (e) {
        error = e instanceof NetSuiteError ? e : fromNetworkError(e, what);
      } finally {
        await release();
        this.metrics.calls++;
        await this.o.recorder?.({ accountId: this.accountId, method, path, status, durationMs: Math.round(performance.now() - started), waitedMs: Math.round(waitedMs), attempt, errorCode: error?.code ?? null, requestBody: redactBody(payload) });
      }
      if (result) return result;
      const e = error!;
      const authRetry = e.kind === "auth" && opts.retryAuth !== false && authFailures++ < this.retry.authRetries;
      if ((!e.retryable && !authRetry) || attempt >= this.retry.maxAttempts) throw e;
      this.metrics.retries++;
      await this.sleep(this.backoff(attempt));
    }
  }

  private static idFromLocation(headers: Headers): string {
    const loc = headers.get("location") ?? "";
    const id = /\/([^/]+)$/.exec(loc)?.[1];
    if (!id) throw new NetSuiteError(`NetSuite answered without a Location for the new record (${loc || "none"})`, "unexpected", 204, null, null, false);
    return decodeURIComponent(id);
  }

  async get<T = Record<string, unknown>>(type: NS_RecordType | string, id: string, opts: { expandSubResources?: boolean } = {}): Promise<T> {
    const r = await this.request("GET", `/services/rest/record/v1/${type}/${encodeURIComponent(id)}${opts.expandSubResources ? "?expandSubResources=true" : ""}`, undefined, { what: `reading ${type} ${id}` });
    return JSON.parse(r.text) as T;
  }

  /** Create (204 + Location). Not idempotent: flows write records with external ids by upsert. */
  async create(type: NS_RecordType | string, body: object): Promise<string> {
    const r = await this.request("POST", `/services/rest/record/v1/${type}`, body, { what: `creating a ${type}` });
    return NetSuiteClient.idFromLocation(r.headers);
  }

  /** PUT …/eid:<externalId>: creates or updates; safe to repeat. `replace` names sublists to replace whole. */
  async upsert(type: NS_RecordType | string, externalId: string, body: object, opts: { replace?: string[] } = {}): Promise<string> {
    const q = opts.replace?.length ? `?replace=${opts.replace.join(",")}` : "";
    const r = await this.request("PUT", `/services/rest/record/v1/${type}/eid:${encodeURIComponent(externalId)}${q}`, body, { what: `writing ${type} ${externalId}` });
    return NetSuiteClient.idFromLocation(r.headers);
  }

  async update(type: NS_RecordType | string, id: string, body: object, opts: { replace?: string[] } = {}): Promise<void> {
    const q = opts.replace?.length ? `?replace=${opts.replace.join(",")}` : "";
    await this.request("PATCH", `/services/rest/record/v1/${type}/${encodeURIComponent(id)}${q}`, body, { what: `updating ${type} ${id}` });
  }

  async delete(type: NS_RecordType | string, id: string): Promise<void> {
    await this.request("DELETE", `/services/rest/record/v1/${type}/${encodeURIComponent(id)}`, undefined, { what: `deleting ${type} ${id}` });
  }

  async transform(type: NS_RecordType | string, id: string, target: NS_RecordType | string, body: object = {}): Promise<string> {
    const r = await this.request("POST", `/services/rest/record/v1/${type}/${encodeURIComponent(id)}/!transform/${target}`, body, { what: `turning ${type} ${id} into a ${target}` });
    return NetSuiteClient.idFromLocation(r.headers);
  }

  /** The integration's concurrency limit as NetSuite reports it (its own, else the account's). */
  async governanceLimit(): Promise<number | null> {
    try {
      const r = await this.request("GET", "/services/rest/system/v1/governanceLimits", undefined, { what: "reading the governance limits" });
      const j = JSON.parse(r.text) as { integrationConcurrencyLimit?: number; accountConcurrencyLimit?: number };
      return j.integrationConcurrencyLimit ?? j.accountConcurrencyLimit ?? null;
    } catch {
      return null;
    }
  }

  /**
   * The connection test: one signed call, no retry on a refused login (here it is the answer),
   * and a sentence that says exactly what failed.
   */
  async testConnection(): Promise<{ ok: true; message: string } | { ok: false; message: string }> {
    try {
      await this.request("GET", "/services/rest/record/v1/subsidiary/1", undefined, { what: "the connection test", retryAuth: false });
      return { ok: true, message: `Connected to NetSuite account ${this.accountId}.` };
    } catch (e) {
      if (!(e instanceof NetSuiteError)) throw e;
      if (e.kind === "auth") return { ok: false, message: `NetSuite refused the login for account ${this.accountId} (INVALID_LOGIN): check the account id, consumer key/secret and token id/secret, and that the token's role has REST web services permission.` };
      if (e.kind === "not_found") return { ok: true, message: `Connected to NetSuite account ${this.accountId} (the login works; subsidiary 1 is not visible to this role).` };
      if (e.kind === "network") return { ok: false, message: `NetSuite did not answer at ${this.baseUrl}: ${e.message}` };
      return { ok: false, message: e.message };
    }
  }
}
