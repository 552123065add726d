/**
 * Orders from the Admin API, oldest change first, optionally only those changed since an
 * instant: what the reconciliation sweep walks to find orders whose webhooks never came.
 */
import { z } from "zod";
import { instant, legacyId } from "./ids";
import { pageConnection } from "./paging";
import type { GraphqlAdmin, ReadOptions } from "./reader";

export interface AdminOrderRef {
  /** Shopify's numeric order id as a decimal string (the webhook body's `id`). */
  id: string;
  gid: string;
  name: string;
  updatedAt: Date;
  /** The node as Shopify answered it, with any `fields` asked for. */
  node: Record<string, unknown>;
}

export interface PageOrdersOptions extends ReadOptions {
  /** Only orders changed at or after this instant. */
  updatedSince?: Date;
  /** Orders per request (at most 250). Default 100. Halved by itself if Shopify finds a page too costly. */
  pageSize?: number;
  /** More of the Order selection set, e.g. the orders flow's fields, read into `node`. */
  fields?: string;
}

const head = z.looseObject({ id: z.string(), legacyResourceId: legacyId, name: z.string(), updatedAt: instant });

/** The search filter for `updatedSince`, in Shopify's query syntax. */
export function updatedSinceFilter(since: Date): string {
  return `updated_at:>='${since.toISOString()}'`;
}

export async function* pageOrders(admin: GraphqlAdmin, opts: PageOrdersOptions = {}): AsyncGenerator<AdminOrderRef, void, undefined> {
  const query = `query AdminReadOrders($first: Int!, $after: String, $query: String) {
  page: orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    nodes { id legacyResourceId name updatedAt ${opts.fields ?? ""} }
    pageInfo { hasNextPage endCursor }
  }
}`;
  const nodes = pageConnection(
    admin,
    {
      what: "orders",
      query,
      node: head,
      variables: { query: opts.updatedSince ? updatedSinceFilter(opts.updatedSince) : null },
      pageSize: opts.pageSize ?? 100,
    },
    opts,
  );
  for await (const n of nodes) {
    const { id, legacyResourceId, name, updatedAt } = n;
    yield { id: legacyResourceId, gid: id, name, updatedAt, node: { ...n, legacyResourceId, updatedAt: updatedAt.toISOString() } };
  }
}
