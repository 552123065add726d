/**
 * Shopify's calculated query cost, simplified honestly: scalars and enums 0, an object 1, a
 * connection 2 + first × (cost of one node), a mutation 10. The requested cost is computed from
 * the query before it runs; the actual cost walks the returned data (connections count the
 * nodes they really returned). Each shop has a leaky bucket that must hold the requested cost.
 */
import {
  getNamedType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

export interface CostContext {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

function intArg(field: FieldNode, name: string, vars: Record<string, unknown>): number | null {
  const arg = field.arguments?.find((a) => a.name.value === name);
  if (!arg) return null;
  const v: ValueNode = arg.value;
  if (v.kind === Kind.INT) return Number(v.value);
  if (v.kind === Kind.VARIABLE) {
    const x = vars[v.name.value];
    return typeof x === "number" ? x : null;
  }
  return null;
}

/** Every field node selected on `type`, fragments flattened. */
function fieldsOf(ctx: CostContext, set: SelectionSetNode, type: GraphQLCompositeType): { node: FieldNode; parent: GraphQLCompositeType }[] {
  const out: { node: FieldNode; parent: GraphQLCompositeType }[] = [];
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) out.push({ node: sel, parent: type });
    else {
      const frag = sel.kind === Kind.INLINE_FRAGMENT ? sel : ctx.fragments.get(sel.name.value);
      if (!frag) continue;
      const cond = frag.typeCondition ? ctx.schema.getType(frag.typeCondition.name.value) : type;
      if (cond && isCompositeType(cond)) out.push(...fieldsOf(ctx, frag.selectionSet, cond));
    }
  }
  return out;
}

function fieldType(parent: GraphQLCompositeType, name: string) {
  if (!(isObjectType(parent) || isInterfaceType(parent))) return null;
  const def = parent.getFields()[name];
  return def ? getNamedType(def.type) : null;
}

/**
 * Cost of a selection set. With `data`, the actual cost (connections count what they returned,
 * null objects cost nothing); without, the requested cost.
 */
export function selectionCost(
  ctx: CostContext,
  set: SelectionSetNode,
  type: GraphQLCompositeType,
  data?: unknown,
): number {
  let total = 0;
  const obj = data as Record<string, unknown> | null | undefined;
  for (const { node, parent } of fieldsOf(ctx, set, type)) {
    if (node.name.value.startsWith("__") || !node.selectionSet) continue;
    const t = fieldType(parent, node.name.value);
    if (!t || !isCompositeType(t)) continue;
    const key = node.alias?.value ?? node.name.value;
    const value = data === undefined ? undefined : obj?.[key];
    if (data !== undefined && (value === null || value === undefined)) continue;
    if (t.name.endsWith("Connection")) {
      total += 2 + connectionCost(ctx, node, t, value as Record<string, unknown> | undefined);
    } else if (Array.isArray(value)) {
      for (const item of value) total += 1 + selectionCost(ctx, node.selectionSet, t, item);
    } else {
      total += 1 + selectionCost(ctx, node.selectionSet, t, value);
    }
  }
  return total;
}

function connectionCost(ctx: CostContext, node: FieldNode, conn: GraphQLCompositeType, value?: Record<string, unknown>): number {
  const set = node.selectionSet;
  if (!set) return 0;
  let perNode = 0;
  let actual = 0;
  for (const { node: f } of fieldsOf(ctx, set, conn)) {
    const name = f.name.value;
    if (!f.selectionSet) continue;
    const nodeType = fieldType(conn, name);
    if (name === "nodes" && nodeType && isCompositeType(nodeType)) {
      perNode += 1 + selectionCost(ctx, f.selectionSet, nodeType);
      const items = value?.[f.alias?.value ?? name];
      if (Array.isArray(items)) for (const it of items) actual += 1 + selectionCost(ctx, f.selectionSet, nodeType, it);
    } else if (name === "edges" && nodeType && isCompositeType(nodeType)) {
      for (const { node: ef, parent } of fieldsOf(ctx, f.selectionSet, nodeType)) {
        const t = fieldType(parent, ef.name.value);
        if (ef.name.value !== "node" || !ef.selectionSet || !t || !isCompositeType(t)) continue;
        perNode += 1 + selectionCost(ctx, ef.selectionSet, t);
        const edges = value?.[f.alias?.value ?? name];
        if (Array.isArray(edges))
          for (const e of edges)
            actual += 1 + selectionCost(ctx, ef.selectionSet, t, (e as Record<string, unknown>)[ef.alias?.value ?? "node"]);
      }
    }
  }
  if (value !== undefined) return actual;
  const n = intArg(node, "first", ctx.variables) ?? intArg(node, "last", ctx.variables) ?? 0;
  return n * perNode;
}

export function operationCost(ctx: CostContext, op: OperationDefinitionNode, data?: unknown): number {
  const root = op.operation === "mutation" ? ctx.schema.getMutationType() : ctx.schema.getQueryType();
  if (!root) return 0;
  return (op.operation === "mutation" ? 10 : 0) + selectionCost(ctx, op.selectionSet, root, data);
}

export function costContext(schema: GraphQLSchema, doc: DocumentNode, variables: Record<string, unknown>): CostContext {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  return { schema, fragments, variables };
}

export interface BucketConfig {
  capacity: number;
  restoreRate: number;
}

export interface Bucket {
  available: number;
  atMs: number;
}

/** Refills the bucket up to now; returns the points available. */
export function refill(b: Bucket, cfg: BucketConfig, nowMs: number): number {
  const elapsed = Math.max(0, nowMs - b.atMs) / 1000;
  b.available = Math.min(cfg.capacity, b.available + elapsed * cfg.restoreRate);
  b.atMs = nowMs;
  return b.available;
}

export function throttleStatus(b: Bucket, cfg: BucketConfig) {
  return { maximumAvailable: cfg.capacity, currentlyAvailable: Math.floor(b.available), restoreRate: cfg.restoreRate };
}
