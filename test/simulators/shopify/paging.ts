/**
 * Shopify's connection paging (opaque base64 cursors of `{last_id, last_value}`, first/last up to
 * 250) and the `query:` search syntax the connector uses (`updated_at:>'2026-01-01T00:00:00Z'`,
 * `sku:ABC`, free text), evaluated over in-memory lists.
 */
import { GraphQLError } from "graphql";

export const MAX_PAGE = 250;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  reverse?: boolean | null;
}

interface CursorBody {
  last_id: number;
  last_value: string | number;
}

export function encodeCursor(id: number, value: string | number): string {
  return Buffer.from(JSON.stringify({ last_id: id, last_value: value } satisfies CursorBody)).toString("base64");
}

function decodeCursor(cursor: string): CursorBody {
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as Partial<CursorBody>;
    if (typeof v.last_id === "number" && v.last_value !== undefined) return { last_id: v.last_id, last_value: v.last_value };
  } catch {
    // fall through to Shopify's error
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort.`, { extensions: { code: "BAD_REQUEST" } });
}

function compare(a: string | number, b: string | number): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

export function requirePageSize(args: PageArgs): void {
  if ((args.first ?? null) === null && (args.last ?? null) === null)
    throw new GraphQLError("you must provide one of first or last", { extensions: { code: "BAD_REQUEST" } });
  const n = args.first ?? args.last ?? 0;
  if (n > MAX_PAGE || n < 0)
    throw new GraphQLError(`The page size (${n}) is outside the allowed range of 0 to ${MAX_PAGE}.`, {
      extensions: { code: "BAD_REQUEST" },
    });
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/**
 * Pages `items` sorted by (key, id); `wrap` turns a raw item into the GraphQL node lazily,
 * so only the returned page is built.
 */
export function paginate<T, N>(
  items: readonly T[],
  args: PageArgs,
  id: (t: T) => number,
  key: (t: T) => string | number,
  wrap: (t: T) => N,
): Connection<N> {
  requirePageSize(args);
  const dir = args.reverse ? -1 : 1;
  const ordered = [...items].sort((a, b) => dir * (compare(key(a), key(b)) || id(a) - id(b)));
  const pos = (c: CursorBody) => (t: T) => dir * (compare(key(t), c.last_value) || id(t) - c.last_id);
  let from = 0;
  let to = ordered.length;
  if (args.after) {
    const p = pos(decodeCursor(args.after));
    while (from < to && p(ordered[from] as T) <= 0) from++;
  }
  if (args.before) {
    const p = pos(decodeCursor(args.before));
    while (to > from && p(ordered[to - 1] as T) >= 0) to--;
  }
  let slice = ordered.slice(from, to);
  let hasNextPage = to < ordered.length;
  let hasPreviousPage = from > 0;
  if (args.first != null) {
    hasNextPage = slice.length > args.first;
    slice = slice.slice(0, args.first);
  } else if (args.last != null) {
    hasPreviousPage = slice.length > args.last;
    slice = slice.slice(Math.max(0, slice.length - args.last));
  }
  const edges = slice.map((t) => ({ cursor: encodeCursor(id(t), key(t)), node: wrap(t) }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

export interface SearchTerm {
  field: string | null;
  op: ":" | ">" | "<" | ">=" | "<=";
  value: string;
  negate: boolean;
}

/** Implicit AND of terms; `AND` is accepted, `OR` and parentheses are not simulated. */
export function parseSearch(query: string | null | undefined): SearchTerm[] {
  if (!query) return [];
  const terms: SearchTerm[] = [];
  const re = /(-)?(?:([a-z_]+):(>=|<=|>|<)?)?(?:'([^']*)'|"([^"]*)"|(\S+))/gi;
  for (const m of query.matchAll(re)) {
    const raw = m[4] ?? m[5] ?? m[6] ?? "";
    if (!m[2] && (raw === "AND" || raw === "")) continue;
    const op = (m[3] ?? ":") as SearchTerm["op"];
    terms.push({ field: m[2]?.toLowerCase() ?? null, op, value: raw, negate: m[1] === "-" });
  }
  return terms;
}

export type FieldValue = string | number | Date | null | undefined | (string | null)[];

function matchOne(term: SearchTerm, v: FieldValue): boolean {
  if (Array.isArray(v)) return v.some((x) => matchOne(term, x));
  if (v === null || v === undefined) return false;
  if (v instanceof Date) {
    const t = Date.parse(term.value);
    if (Number.isNaN(t)) return false;
    const a = v.getTime();
    return term.op === ">" ? a > t : term.op === "<" ? a < t : term.op === ">=" ? a >= t : term.op === "<=" ? a <= t : a === t;
  }
  if (typeof v === "number") {
    const n = Number(term.value);
    return term.op === ">" ? v > n : term.op === "<" ? v < n : term.op === ">=" ? v >= n : term.op === "<=" ? v <= n : v === n;
  }
  const value = term.value.toLowerCase();
  const s = v.toLowerCase();
  return value.endsWith("*") ? s.startsWith(value.slice(0, -1)) : s === value;
}

/** Unknown fields match nothing, like a Shopify search on a field the resource does not index. */
export function matches(terms: SearchTerm[], fields: (name: string | null) => FieldValue): boolean {
  return terms.every((t) => {
    const v = fields(t.field);
    const hit =
      t.field === null
        ? Array.isArray(v) && v.some((x) => x !== null && x.toLowerCase().includes(t.value.toLowerCase()))
        : matchOne(t, v);
    return t.negate ? !hit : hit;
  });
}
