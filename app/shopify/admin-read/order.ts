/**
 * One whole order from the Admin API, as the orders flow reads it (ORDER_GRAPHQL_FIELDS): the
 * order with its first page of lines in one request, then the remaining lines page by page, so
 * no single request exceeds Shopify's query cost limit however many lines the order has.
 * The answer is the raw `order` object with every line merged in, for `parseAdminOrder`.
 */
import { z } from "zod";
import { LINE_ITEM_FIELDS, ORDER_GRAPHQL_FIELDS, ORDER_LINES_PAGE } from "~/shopify/payloads/order-graphql";
import { AdminReadError } from "./errors";
import { Reader, type GraphqlAdmin, type ReadOptions } from "./reader";

const ORDER_QUERY = `query AdminReadOrder($id: ID!) { order(id: $id) { ${ORDER_GRAPHQL_FIELDS} } }`;
const LINES_QUERY = `query AdminReadOrderLines($id: ID!, $after: String) {
  order(id: $id) { lineItems(first: ${ORDER_LINES_PAGE}, after: $after) { nodes { ${LINE_ITEM_FIELDS} } pageInfo { hasNextPage endCursor } } }
}`;

const linesPage = z.looseObject({
  nodes: z.array(z.looseObject({})),
  pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullish() }),
});
const orderAnswer = z.object({ order: z.looseObject({ lineItems: linesPage }).nullable() });
const linesAnswer = z.object({ order: z.object({ lineItems: linesPage }).nullable() });

/** The order's Admin GraphQL id from Shopify's numeric id (or an id that already is one). */
export const orderGid = (id: string) => (id.startsWith("gid://") ? id : `gid://shopify/Order/${id}`);

function shapeError(what: string, error: z.ZodError): AdminReadError {
  return new AdminReadError(`Shopify's ${what} could not be read: ${z.prettifyError(error)}`, "shape", 200, { cause: error });
}

/** The order, or null when Shopify has no such order (deleted, or another shop's). */
export async function readAdminOrder(admin: GraphqlAdmin, orderId: string, opts: ReadOptions = {}): Promise<Record<string, unknown> | null> {
  const reader = new Reader(admin, opts);
  const id = orderGid(orderId);
  const first = orderAnswer.safeParse(await reader.run(ORDER_QUERY, { id }));
  if (!first.success) throw shapeError("order", first.error);
  const order = first.data.order;
  if (!order) return null;
  const nodes = [...order.lineItems.nodes];
  let info = order.lineItems.pageInfo;
  while (info.hasNextPage && info.endCursor) {
    const next = linesAnswer.safeParse(await reader.run(LINES_QUERY, { id, after: info.endCursor }));
    if (!next.success) throw shapeError("order lines", next.error);
    if (!next.data.order) return null;
    nodes.push(...next.data.order.lineItems.nodes);
    info = next.data.order.lineItems.pageInfo;
  }
  return { ...order, lineItems: { nodes, pageInfo: { hasNextPage: false, endCursor: null } } };
}
