/**
 * One typed error for every NetSuite failure, parsed from NetSuite's error body (title, status,
 * o:errorDetails[] with detail, o:errorCode, o:errorPath). It says whether a retry can help
 * (throttling, concurrency, 5xx, timeouts, dropped connections) or the data must be fixed, and
 * keeps the field NetSuite named for the exception inbox.
 */
import { z } from "zod";

export const nsErrorBody = z.looseObject({
  title: z.string().optional(),
  status: z.number().optional(),
  "o:errorDetails": z.array(z.looseObject({ detail: z.string().optional(), "o:errorCode": z.string().optional(), "o:errorPath": z.string().optional() })).optional(),
});

export type NetSuiteErrorKind = "auth" | "throttled" | "unavailable" | "network" | "not_found" | "data" | "unexpected";

export class NetSuiteError extends Error {
  override name = "NetSuiteError";
  constructor(
    message: string,
    readonly kind: NetSuiteErrorKind,
    readonly status: number | null,
    readonly code: string | null,
    /** The field NetSuite named, e.g. item.items[0].item. */
    readonly path: string | null,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function fromResponse(status: number, bodyText: string, what: string): NetSuiteError {
  let parsed: z.infer<typeof nsErrorBody> | null = null;
  try {
    const r = nsErrorBody.safeParse(JSON.parse(bodyText));
    parsed = r.success ? r.data : null;
  } catch {
    parsed = null;
  }
  const d = parsed?.["o:errorDetails"]?.[0];
  const code = d?.["o:errorCode"] ?? null;
  const path = d?.["o:errorPath"] ?? null;
  const detail = d?.detail ?? parsed?.title ?? (bodyText.slice(0, 200) || `HTTP ${status}`);
  const message = `NetSuite refused ${what}: ${detail}${path ? ` (field ${path})` : ""}${code ? ` [${code}]` : ""}`;
  if (status === 401 || code === "INVALID_LOGIN") return new NetSuiteError(message, "auth", status, code, path, false);
  if (status === 429 || code === "CONCURRENCY_LIMIT_EXCEEDED") return new NetSuiteError(message, "throttled", status, code, path, true);
  if (status >= 500) return new NetSuiteError(message, "unavailable", status, code, path, true);
  if (status === 404) return new NetSuiteError(message, "not_found", status, code, path, false);
  if (status >= 400) return new NetSuiteError(message, "data", status, code, path, false);
  return new NetSuiteError(message, "unexpected", status, code, path, false);
}

export function fromNetworkError(error: unknown, what: string): NetSuiteError {
  const m = error instanceof Error ? error.message : String(error);
  const timeout = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
  return new NetSuiteError(`NetSuite did not answer ${what}: ${timeout ? "timed out" : m}`, "network", null, timeout ? "TIMEOUT" : "NETWORK", null, true, { cause: error });
}
