/**
 * Cursor paging over one Admin GraphQL connection. The document names the connection `page`
 * (an alias) and takes `$first` and `$after`; nodes are checked with the caller's schema and
 * yielded one at a time, so a consumer can stop early and never holds more than a page.
 */
import { z } from "zod";
import { AdminReadError } from "./errors";
import { Reader, type GraphqlAdmin, type ReadOptions } from "./reader";

export interface ConnectionRead<N> {
  /** What is being read, for error messages ("orders"). */
  what: string;
  /** A query whose connection is aliased `page`, taking `$first: Int!` and `$after: String`. */
  query: string;
  node: z.ZodType<N>;
  variables?: Record<string, unknown>;
  pageSize: number;
}

/** Shopify's largest page. */
export const MAX_PAGE_SIZE = 250;

export async function* pageConnection<N>(admin: GraphqlAdmin, read: ConnectionRead<N>, opts: ReadOptions = {}): AsyncGenerator<N, void, undefined> {
  const pageSchema = z.object({
    page: z.object({
      nodes: z.array(read.node),
      pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullish() }),
    }),
  });
  const reader = new Reader(admin, opts);
  let first = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(read.pageSize)));
  let after: string | null = null;
  for (;;) {
    let data: unknown;
    try {
      data = await reader.run(read.query, { ...read.variables, first, after });
    } catch (error) {
      // A page too costly for the bucket: smaller pages cost less, down to one node.
      if (error instanceof AdminReadError && error.code === "MAX_COST_EXCEEDED" && first > 1) {
        first = Math.max(1, Math.floor(first / 2));
        continue;
      }
      throw error;
    }
    const parsed = pageSchema.safeParse(data);
    if (!parsed.success) {
      throw new AdminReadError(`Shopify's ${read.what} page could not be read: ${z.prettifyError(parsed.error)}`, "shape", 200, { cause: parsed.error });
    }
    const { nodes, pageInfo } = parsed.data.page;
    for (const n of nodes) yield n;
    if (!pageInfo.hasNextPage || !pageInfo.endCursor) return;
    after = pageInfo.endCursor;
  }
}
