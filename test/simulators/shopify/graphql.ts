/**
 * `POST /shops/{shop}/admin/api/2026-10/graphql.json`: token check, Shopify's cost and
 * throttling rules, then a real GraphQL execution of the subset schema.
 */
import { execute, GraphQLError, Kind, parse, validate, type DocumentNode, type OperationDefinitionNode } from "graphql";
import { z } from "zod";
import { costContext, operationCost, refill, throttleStatus } from "./cost";
import type { SimShop } from "./model";
import { rootValue } from "./resolvers";
import { schema } from "./schema";
import type { SimState } from "./state";

export interface HttpAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const INVALID_TOKEN_BODY = { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" };
const DOCS = "https://shopify.dev/api/usage/rate-limits";

const requestBody = z.object({
  query: z.string().min(1),
  variables: z.record(z.string(), z.unknown()).nullish(),
  operationName: z.string().nullish(),
});

function pickOperation(doc: DocumentNode, name: string | null | undefined): OperationDefinitionNode | null {
  const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (name) return ops.find((o) => o.name?.value === name) ?? null;
  return ops.length === 1 ? (ops[0] ?? null) : null;
}

export async function handleGraphql(state: SimState, shop: SimShop, token: string | undefined, raw: string): Promise<HttpAnswer> {
  state.stats.graphql++;
  if (!token || !shop.tokens.has(token)) {
    state.stats.unauthorized++;
    return { status: 401, body: INVALID_TOKEN_BODY };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { status: 400, body: { errors: { query: "Required parameter missing or invalid" } } };
  }
  const parsed = requestBody.safeParse(json);
  if (!parsed.success) return { status: 400, body: { errors: { query: "Required parameter missing or invalid" } } };
  const { query, operationName } = parsed.data;
  const variables = parsed.data.variables ?? {};

  let doc: DocumentNode;
  try {
    doc = parse(query);
  } catch (e) {
    return { status: 200, body: { errors: [(e as GraphQLError).toJSON()] } };
  }
  const invalid = validate(schema, doc);
  if (invalid.length > 0) return { status: 200, body: { errors: invalid.map((e) => e.toJSON()) } };
  const op = pickOperation(doc, operationName);
  if (!op) return { status: 200, body: { errors: [{ message: "An operation name is required" }] } };

  const cfg = state.config.bucket;
  const ctx = costContext(schema, doc, variables);
  const requested = operationCost(ctx, op);
  if (requested > cfg.capacity) {
    state.stats.maxCostExceeded++;
    return {
      status: 200,
      body: {
        errors: [
          {
            message: `Query cost is ${requested}, which exceeds the single query max cost limit (${cfg.capacity}).`,
            extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost: cfg.capacity, documentation: DOCS },
          },
        ],
      },
    };
  }
  const available = refill(shop.bucket, cfg, state.nowMs());
  if (requested > available) {
    state.stats.throttled++;
    return {
      status: 200,
      body: {
        errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: DOCS } }],
        extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: throttleStatus(shop.bucket, cfg) } },
      },
    };
  }
  shop.bucket.available -= requested;
  const result = await execute({ schema, document: doc, rootValue: rootValue(shop), variableValues: variables, operationName });
  const actual = result.data ? operationCost(ctx, op, result.data) : requested;
  // Shopify charges the requested cost up front and refunds what the query did not use.
  shop.bucket.available = Math.min(cfg.capacity, shop.bucket.available + Math.max(0, requested - actual));
  return {
    status: 200,
    body: {
      ...(result.errors ? { errors: result.errors.map((e) => e.toJSON()) } : {}),
      data: result.data ?? null,
      extensions: { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: throttleStatus(shop.bucket, cfg) } },
    },
  };
}
