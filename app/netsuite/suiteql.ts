/**
 * SuiteQL over REST: `POST /query/v1/suiteql?limit=&offset=` with `Prefer: transient` and
 * `{"q": …}`, paged until `hasMore` is false (sections 158394344595, 157909186990). Pages are
 * at most 1,000 rows, the offset moves by whole pages, and one query reaches at most 100,000
 * rows: past that the caller must narrow the query (e.g. by id ranges). Column names come back
 * in lower case; values mostly as strings, so row schemas should coerce.
 */
import { z } from "zod";
import { NetSuiteError, unexpectedAnswer } from "./errors";
import type { Transport } from "./transport";

export const SUITEQL_PATH = "/services/rest/query/v1/suiteql";
export const MAX_PAGE_SIZE = 1000;
export const MAX_ROWS = 100_000;

export const suiteqlPage = z.looseObject({
  items: z.array(z.record(z.string(), z.unknown())),
  hasMore: z.boolean(),
  offset: z.number().int().optional(),
  count: z.number().int().optional(),
  totalResults: z.number().int().optional(),
});

export interface SuiteQlPage<T> {
  rows: T[];
  offset: number;
  hasMore: boolean;
  /** As NetSuite counts it, when it says. */
  totalResults: number | null;
}

export interface SuiteQlOptions {
  /** Rows per page, 1 to 1,000 (default 1,000). */
  pageSize?: number;
  /** Start here (a multiple of pageSize), e.g. to resume. */
  offset?: number;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw unexpectedAnswer(what, "not JSON", e);
  }
}

export async function* suiteqlPages<S extends z.ZodType>(t: Transport, query: string, rowSchema: S, o: SuiteQlOptions = {}): AsyncGenerator<SuiteQlPage<z.output<S>>, void, undefined> {
  const pageSize = o.pageSize ?? MAX_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw new RangeError(`SuiteQL pageSize must be 1–${MAX_PAGE_SIZE}, not ${pageSize}`);
  const what = "the SuiteQL query";
  for (let offset = o.offset ?? 0; ; offset += pageSize) {
    if (offset >= MAX_ROWS) {
      throw new NetSuiteError(`The SuiteQL query has more than ${MAX_ROWS} rows, NetSuite's limit for one query: narrow it (for example by id ranges)`, { kind: "data", status: null, code: "SUITEQL_TOO_MANY_ROWS", path: null, retryable: false });
    }
    const r = await t.request({ method: "POST", path: `${SUITEQL_PATH}?limit=${pageSize}&offset=${offset}`, body: { q: query }, what, headers: { Prefer: "transient" } });
    const page = suiteqlPage.safeParse(parseJson(r.text, what));
    if (!page.success) throw unexpectedAnswer(what, page.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "), page.error);
    const rows = page.data.items.map((raw, i) => {
      const { links: _links, ...row } = raw;
      const parsed = rowSchema.safeParse(row);
      if (!parsed.success) throw unexpectedAnswer(what, `row ${offset + i}: ${parsed.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ")}`, parsed.error);
      return parsed.data as z.output<S>;
    });
    yield { rows, offset, hasMore: page.data.hasMore, totalResults: page.data.totalResults ?? null };
    if (!page.data.hasMore || rows.length === 0) return;
  }
}

/** Every row of the query (mind the memory: for large results, iterate the pages). */
export async function suiteqlAll<S extends z.ZodType>(t: Transport, query: string, rowSchema: S, o: SuiteQlOptions = {}): Promise<z.output<S>[]> {
  const all: z.output<S>[] = [];
  for await (const page of suiteqlPages(t, query, rowSchema, o)) all.push(...page.rows);
  return all;
}
