/**
 * A thin typed client over fetch for NetSuite's REST web services (see README.md here for why
 * not a library): the record API, SuiteQL, the governance-limits call and a connection test.
 * Every call goes through the transport (governor slot, login, timeout, retries, recorder).
 *
 * Idempotence: a request whose answer was lost may have been carried out. Flows write every
 * record that has an external id with `upsert` (PUT …/eid:), which meets the record on a retry;
 * `create` and `transform` are retried only when NetSuite cannot have acted (429, refused
 * connection), so use them only for records without an external id.
 */
import type { z } from "zod";
import type { Governor } from "~/governor";
import { MemoryGovernor } from "~/governor/memory";
import { normaliseAccountId } from "~/shops/connection.server";
import { oauth2Authorizer, sharedTokenCache, tbaAuthorizer, type NetSuiteCredentials } from "./auth";
import { configError, NetSuiteError, unexpectedAnswer } from "./errors";
import { effectiveLimit, GOVERNANCE_PATH, governanceLimits, LimitCache, sharedLimitCache } from "./limits";
import type { TokenCache } from "./oauth2";
import type { NS_RecordType } from "./records";
import { suiteqlAll, suiteqlPages, type SuiteQlOptions, type SuiteQlPage } from "./suiteql";
import { DEFAULT_RETRY, Transport, type NetSuiteCall, type NetSuiteMetrics, type RetryPolicy } from "./transport";

export interface NetSuiteClientOptions {
  /** Any spelling: 1234567_SB1, 1234567-sb1. */
  accountId: string;
  credentials: NetSuiteCredentials;
  /** Default https://<account-host>.suitetalk.api.netsuite.com; the simulator's URL in demo and tests. */
  baseUrl?: string;
  /** Default: one in-memory governor for the process. */
  governor?: Governor;
  /** The setting: calls in flight for the account when NetSuite does not say (default 5). */
  concurrencyLimit?: number;
  /** Ask NetSuite for the integration's real limit (default true; needs an administrator role, else the setting stands). */
  readGovernanceLimits?: boolean;
  /** Per request (default 120 s; NetSuite itself gives up after 15 minutes). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Told about every attempt (and token request), secrets masked. */
  recorder?: (call: NetSuiteCall) => void | Promise<void>;
  /** Cancels waiting, sleeping and the request in flight (a job's signal). */
  signal?: AbortSignal;
  fetch?: typeof fetch;
  /** Default: shared by the process (tests pass their own). */
  tokenCache?: TokenCache;
  limitCache?: LimitCache;
}

/** 1234567_SB1 → 1234567-sb1, the host form. */
export function accountHost(accountId: string): string {
  return accountRealm(accountId).toLowerCase().replace(/_/g, "-");
}

/** Any accepted spelling → 1234567_SB1, the realm form. */
export function accountRealm(accountId: string): string {
  try {
    return normaliseAccountId(accountId);
  } catch (e) {
    throw configError(`Not a NetSuite account id: ${accountId}`, e);
  }
}

const processGovernor = new MemoryGovernor();
const DEFAULT_LIMIT = 5;
const recordPath = (type: string, id?: string) => `/services/rest/record/v1/${type}${id === undefined ? "" : `/${encodeURIComponent(id)}`}`;
const replaceQuery = (replace?: string[]) => (replace?.length ? `?replace=${replace.map(encodeURIComponent).join(",")}` : "");

export class NetSuiteClient {
  readonly accountId: string;
  readonly baseUrl: string;
  private readonly transport: Transport;
  private readonly setting: number;
  private readonly limitCache: LimitCache;
  private readonly readLimits: boolean;

  constructor(o: NetSuiteClientOptions) {
    this.accountId = accountRealm(o.accountId);
    this.baseUrl = (o.baseUrl ?? `https://${accountHost(o.accountId)}.suitetalk.api.netsuite.com`).replace(/\/+$/, "");
    this.setting = o.concurrencyLimit ?? DEFAULT_LIMIT;
    this.limitCache = o.limitCache ?? sharedLimitCache;
    this.readLimits = o.readGovernanceLimits ?? true;
    const c = o.credentials;
    let transport: Transport | undefined;
    const authorizer =
      c.kind === "oauth2"
        ? oauth2Authorizer(this.baseUrl, c, o.tokenCache ?? sharedTokenCache, (url, assertion) => transport!.fetchToken(url, assertion))
        : tbaAuthorizer(this.accountId, c);
    transport = new Transport({
      accountId: this.accountId,
      baseUrl: this.baseUrl,
      authorizer,
      governor: o.governor ?? processGovernor,
      limit: () => this.concurrencyLimit(),
      timeoutMs: o.timeoutMs ?? 120_000,
      retry: { ...DEFAULT_RETRY, ...o.retry },
      recorder: o.recorder,
      fetch: o.fetch ?? fetch,
      signal: o.signal,
    });
    this.transport = transport;
  }

  /** Counters since this client was made (calls, retries, slot waits, waiters now). */
  metrics(): NetSuiteMetrics {
    return this.transport.metrics();
  }

  private static idFromLocation(headers: Headers, what: string): string {
    const loc = headers.get("location") ?? "";
    const id = /\/([^/?#]+)\/?(?:[?#].*)?$/.exec(loc)?.[1];
    if (!id) throw unexpectedAnswer(what, `no record id in Location (${loc || "none"})`);
    return decodeURIComponent(id);
  }

  private static json(text: string, what: string): unknown {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw unexpectedAnswer(what, "not JSON", e);
    }
  }

  /** A record; with `schema`, parsed by it (unknown fields as the schema decides). */
  async get<T = Record<string, unknown>>(type: NS_RecordType | string, id: string, opts: { expandSubResources?: boolean; schema?: z.ZodType<T> } = {}): Promise<T> {
    const what = `reading ${type} ${id}`;
    const r = await this.transport.request({ method: "GET", path: `${recordPath(type, id)}${opts.expandSubResources ? "?expandSubResources=true" : ""}`, what });
    const body = NetSuiteClient.json(r.text, what);
    if (!opts.schema) {
      if (!body || typeof body !== "object" || Array.isArray(body)) throw unexpectedAnswer(what, "not a record");
      return body as T;
    }
    const parsed = opts.schema.safeParse(body);
    if (!parsed.success) throw unexpectedAnswer(what, parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "), parsed.error);
    return parsed.data;
  }

  /** POST: NetSuite answers 204 with the new record in Location. Not idempotent (see above). */
  async create(type: NS_RecordType | string, body: object): Promise<string> {
    const what = `creating a ${type}`;
    const r = await this.transport.request({ method: "POST", path: recordPath(type), body, what, idempotent: false });
    return NetSuiteClient.idFromLocation(r.headers, what);
  }

  /** PUT …/eid:<externalId>: creates or updates; safe to repeat. `replace` names sublists to replace whole. */
  async upsert(type: NS_RecordType | string, externalId: string, body: object, opts: { replace?: string[] } = {}): Promise<string> {
    const what = `writing ${type} ${externalId}`;
    const r = await this.transport.request({ method: "PUT", path: `${recordPath(type)}/eid:${encodeURIComponent(externalId)}${replaceQuery(opts.replace)}`, body, what });
    return NetSuiteClient.idFromLocation(r.headers, what);
  }

  /** PATCH: omitted fields stay, null clears; sublists merge unless named in `replace`. */
  async update(type: NS_RecordType | string, id: string, body: object, opts: { replace?: string[] } = {}): Promise<void> {
    await this.transport.request({ method: "PATCH", path: `${recordPath(type, id)}${replaceQuery(opts.replace)}`, body, what: `updating ${type} ${id}` });
  }

  async delete(type: NS_RecordType | string, id: string): Promise<void> {
    await this.transport.request({ method: "DELETE", path: recordPath(type, id), what: `deleting ${type} ${id}` });
  }

  /** POST …/{id}/!transform/{target} (e.g. salesOrder → itemFulfillment): the new record's id. Not idempotent. */
  async transform(type: NS_RecordType | string, id: string, target: NS_RecordType | string, body: object = {}): Promise<string> {
    const what = `turning ${type} ${id} into a ${target}`;
    const r = await this.transport.request({ method: "POST", path: `${recordPath(type, id)}/!transform/${target}`, body, what, idempotent: false });
    return NetSuiteClient.idFromLocation(r.headers, what);
  }

  /** SuiteQL, page by page, each row parsed with `rowSchema`. */
  suiteql<S extends z.ZodType>(query: string, rowSchema: S, opts: SuiteQlOptions = {}): AsyncGenerator<SuiteQlPage<z.output<S>>, void, undefined> {
    return suiteqlPages(this.transport, query, rowSchema, opts);
  }

  /** SuiteQL, every row at once. */
  suiteqlAll<S extends z.ZodType>(query: string, rowSchema: S, opts: SuiteQlOptions = {}): Promise<z.output<S>[]> {
    return suiteqlAll(this.transport, query, rowSchema, opts);
  }

  /** The integration's concurrency limit as NetSuite reports it, or null (no answer, no permission). One attempt. */
  async governanceLimit(): Promise<number | null> {
    const what = "reading the governance limits";
    const r = await this.transport.request({ method: "GET", path: GOVERNANCE_PATH, what, maxAttempts: 1, limit: this.setting, purpose: "limits" });
    const parsed = governanceLimits.safeParse(NetSuiteClient.json(r.text, what));
    return parsed.success ? effectiveLimit(parsed.data) : null;
  }

  /** The limit calls count against: NetSuite's answer (cached), else the setting. */
  async concurrencyLimit(): Promise<number> {
    if (!this.readLimits) return this.setting;
    const reported = await this.limitCache.get(`${this.baseUrl}|${this.accountId}`, () => this.governanceLimit());
    return reported ?? this.setting;
  }

  /**
   * The connection test: a fresh login and one call, no retry on a refused login (here it is
   * the answer), and a sentence that says exactly what failed.
   */
  async testConnection(): Promise<{ ok: boolean; message: string }> {
    try {
      await this.transport.request({ method: "GET", path: recordPath("subsidiary", "1"), what: "the connection test", retryAuth: false, maxAttempts: 2, fresh: true, limit: this.setting });
      return { ok: true, message: `Connected to NetSuite account ${this.accountId}.` };
    } catch (e) {
      if (!(e instanceof NetSuiteError)) throw e;
      if (e.kind === "auth") return { ok: false, message: `NetSuite refused the login for account ${this.accountId} (${e.code ?? "INVALID_LOGIN"}): check the account id and the credentials (consumer key/secret and token id/secret, or client id, certificate id and private key), and that the role has the REST Web Services permission.` };
      if (e.kind === "not_found") return { ok: true, message: `Connected to NetSuite account ${this.accountId} (the login works; subsidiary 1 is not visible to this role).` };
      if (e.kind === "network") return { ok: false, message: `NetSuite did not answer at ${this.baseUrl}: ${e.message}` };
      return { ok: false, message: e.message };
    }
  }
}
