/**
 * Why reading Shopify's Admin API failed, and whether trying again later can help: a throttle
 * that outlasted our patience, Shopify down or unreachable, are retryable; a refused token, a
 * query Shopify rejects, or an answer we cannot read are permanent until someone acts.
 */
export type AdminReadErrorKind =
  /** Still throttled after the waits allowed for one page. */
  | "throttled"
  /** 5xx, or the request never got an answer. */
  | "unavailable"
  /** 401/403: the shop's token is gone or lacks a scope. */
  | "auth"
  /** GraphQL errors on the query itself (including a page too costly even at size 1). */
  | "query"
  /** The answer did not have the shape the app reads. */
  | "shape";

const RETRYABLE: Record<AdminReadErrorKind, boolean> = { throttled: true, unavailable: true, auth: false, query: false, shape: false };

export class AdminReadError extends Error {
  override name = "AdminReadError";
  readonly retryable: boolean;
  /** Shopify's error code when it gave one, e.g. MAX_COST_EXCEEDED. */
  readonly code: string | null;
  constructor(
    message: string,
    readonly kind: AdminReadErrorKind,
    readonly status: number | null = null,
    options?: { cause?: unknown; code?: string },
  ) {
    super(message, { cause: options?.cause });
    this.retryable = RETRYABLE[kind];
    this.code = options?.code ?? null;
  }
}
