/** The shop's active locations from the Admin API, by name: what the location mapping offers. */
import { z } from "zod";
import { legacyId } from "./ids";
import { pageConnection } from "./paging";
import type { GraphqlAdmin, ReadOptions } from "./reader";

export interface AdminLocation {
  id: string;
  name: string;
  city: string | null;
}

const QUERY = `query AdminReadLocations($first: Int!, $after: String) {
  page: locations(first: $first, after: $after, sortKey: NAME) {
    nodes { legacyResourceId name address { city } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const node = z.object({ legacyResourceId: legacyId, name: z.string(), address: z.object({ city: z.string().nullish() }).nullish() });

export async function* pageLocations(admin: GraphqlAdmin, opts: ReadOptions = {}): AsyncGenerator<AdminLocation, void, undefined> {
  for await (const n of pageConnection(admin, { what: "locations", query: QUERY, node, pageSize: 100 }, opts)) {
    yield { id: n.legacyResourceId, name: n.name, city: n.address?.city ?? null };
  }
}
