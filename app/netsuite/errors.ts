/**
 * One typed error for every NetSuite failure, parsed from NetSuite's error body (title, status,
 * o:errorDetails[] with detail, o:errorCode, o:errorPath) or from the OAuth 2.0 token endpoint's
 * `{error, error_description}`. It says whether a retry can help (throttling, concurrency, 5xx,
 * timeouts, dropped or refused connections) or the data must be fixed, and keeps the field
 * NetSuite named for the exception inbox.
 */
import { z } from "zod";

export const nsErrorBody = z.looseObject({
  title: z.string().optional(),
  status: z.number().optional(),
  "o:errorDetails": z.array(z.looseObject({ detail: z.string().optional(), "o:errorCode": z.string().optional(), "o:errorPath": z.string().optional() })).optional(),
});

/** RFC 6749 section 5.2, as NetSuite's token endpoint answers. */
export const oauthErrorBody = z.looseObject({ error: z.string(), error_description: z.string().optional() });

/**
 * - auth: the login was refused (INVALID_LOGIN, invalid_client, invalid_grant);
 * - throttled: over the account's concurrency limit (429, CONCURRENCY_LIMIT_EXCEEDED);
 * - unavailable: NetSuite failed (5xx);
 * - network: no answer (timeout, reset, refused);
 * - not_found: NONEXISTENT_ID or 404;
 * - data: NetSuite refused the content (INVALID_CONTENT, USER_ERROR…): the merchant must fix it;
 * - config: our side cannot sign (unreadable key, unsupported algorithm);
 * - unexpected: an answer the client cannot read.
 */
export type NetSuiteErrorKind = "auth" | "throttled" | "unavailable" | "network" | "not_found" | "data" | "config" | "unexpected";

export interface NetSuiteErrorFields {
  kind: NetSuiteErrorKind;
  status: number | null;
  code: string | null;
  /** The field NetSuite named, e.g. item.items[0].item. */
  path: string | null;
  retryable: boolean;
  /** NetSuite's own words (`detail`, else `title`). */
  detail?: string | null;
  title?: string | null;
  cause?: unknown;
}

export class NetSuiteError extends Error {
  override name = "NetSuiteError";
  readonly kind: NetSuiteErrorKind;
  readonly status: number | null;
  readonly code: string | null;
  readonly path: string | null;
  readonly retryable: boolean;
  readonly detail: string | null;
  readonly title: string | null;

  constructor(message: string, f: NetSuiteErrorFields) {
    super(message, f.cause === undefined ? undefined : { cause: f.cause });
    this.kind = f.kind;
    this.status = f.status;
    this.code = f.code;
    this.path = f.path;
    this.retryable = f.retryable;
    this.detail = f.detail ?? null;
    this.title = f.title ?? null;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function kindOf(status: number, code: string | null): { kind: NetSuiteErrorKind; retryable: boolean } {
  // INVALID_LOGIN is permanent here; the client decides when a refused login is worth retrying.
  if (status === 401 || code === "INVALID_LOGIN" || code === "invalid_client" || code === "invalid_grant") return { kind: "auth", retryable: false };
  if (status === 429 || code === "CONCURRENCY_LIMIT_EXCEEDED") return { kind: "throttled", retryable: true };
  if (status >= 500) return { kind: "unavailable", retryable: true };
  if (status === 404 || code === "NONEXISTENT_ID") return { kind: "not_found", retryable: false };
  if (status >= 400) return { kind: "data", retryable: false };
  return { kind: "unexpected", retryable: false };
}

/** An error answer of the REST API or of the token endpoint. `what` names the call for people. */
export function fromResponse(status: number, bodyText: string, what: string): NetSuiteError {
  const json = parseJson(bodyText);
  const ns = nsErrorBody.safeParse(json);
  const oauth = oauthErrorBody.safeParse(json);
  const d = ns.success ? ns.data["o:errorDetails"]?.[0] : undefined;
  const code = d?.["o:errorCode"] ?? (oauth.success ? oauth.data.error : null);
  const path = d?.["o:errorPath"] ?? null;
  const title = ns.success ? (ns.data.title ?? null) : null;
  const detail = d?.detail ?? (oauth.success ? (oauth.data.error_description ?? null) : null) ?? title;
  const said = detail ?? (bodyText.trim().slice(0, 200) || `HTTP ${status}`);
  const message = `NetSuite refused ${what}: ${said}${path ? ` (field ${path})` : ""}${code ? ` [${code}]` : ""}`;
  // The parsed body is the original: callers that need more than the first detail find it there.
  return new NetSuiteError(message, { ...kindOf(status, code), status, code, path, detail, title, cause: json ?? bodyText });
}

/** Socket-level codes worth a retry: the request may not have reached NetSuite, or its answer was lost. */
const TRANSIENT = new Set(["ECONNRESET", "ECONNREFUSED", "ECONNABORTED", "EPIPE", "ETIMEDOUT", "EAI_AGAIN", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_CLOSED"]);

function systemCode(e: unknown): string | null {
  for (let c: unknown = e, depth = 0; c && depth < 4; depth++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === "string") return code;
    c = (c as { cause?: unknown }).cause;
  }
  return null;
}

/** fetch threw: a timeout (our AbortSignal), a dropped or refused connection, or DNS. */
export function fromNetworkError(error: unknown, what: string): NetSuiteError {
  const timeout = error instanceof Error && error.name === "TimeoutError";
  const sys = systemCode(error);
  const retryable = timeout || sys === null || TRANSIENT.has(sys);
  const m = timeout ? "timed out" : `${error instanceof Error ? error.message : String(error)}${sys ? ` (${sys})` : ""}`;
  // Two stable codes for people and exception causes; the socket's own code goes in detail.
  return new NetSuiteError(`NetSuite did not answer ${what}: ${m}`, { kind: "network", status: null, code: timeout ? "TIMEOUT" : "NETWORK", path: null, retryable, detail: sys, cause: error });
}

/** NetSuite answered 2xx with something the client cannot read: never retried. */
export function unexpectedAnswer(what: string, problem: string, cause?: unknown): NetSuiteError {
  return new NetSuiteError(`NetSuite's answer to ${what} cannot be read: ${problem}`, { kind: "unexpected", status: null, code: "UNEXPECTED_ANSWER", path: null, retryable: false, cause });
}

export function configError(message: string, cause?: unknown): NetSuiteError {
  return new NetSuiteError(message, { kind: "config", status: null, code: "CLIENT_CONFIG", path: null, retryable: false, cause });
}
