/**
 * The webhook topics the app takes in, and for each: the schema its body must pass, which
 * Shopify object it is about (and that object's updated_at, so the newest state wins whatever
 * order deliveries arrive in), and the job it starts.
 */
import { z } from "zod";
import { PRIORITY, type EnqueueSpec } from "~/jobs/port";

const id = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);
const timestamp = z.string().refine((s) => !Number.isNaN(Date.parse(s)), "not a timestamp");

/** The part of an order body intake relies on; the orders flow validates the rest. */
export const orderEnvelope = z.looseObject({
  id,
  admin_graphql_api_id: z.string().optional(),
  name: z.string().optional(),
  updated_at: timestamp,
  line_items: z.array(z.looseObject({})),
});
export const orderEditEnvelope = z.looseObject({
  order_edit: z.looseObject({ id, order_id: id, committed_at: timestamp.optional(), created_at: timestamp.optional() }),
});
export const refundEnvelope = z.looseObject({ id, order_id: id, created_at: timestamp });
const anyObject = z.looseObject({});
const productEnvelope = z.looseObject({ id, updated_at: timestamp.optional() });
const customersRedact = z.looseObject({ shop_domain: z.string().optional(), customer: z.looseObject({ id: id.optional(), email: z.string().nullish() }), orders_to_redact: z.array(id).optional() });
const shopRedact = z.looseObject({ shop_domain: z.string().optional() });

export const JOB_KIND = Object.freeze({
  orderSync: "order.sync",
  refundSync: "refund.sync",
  customerRedact: "compliance.customer_redact",
  shopRedact: "compliance.shop_redact",
  dataRequest: "compliance.data_request",
  catalogueProduct: "catalogue.product",
  webhookRejected: "webhook.rejected",
  ordersSweep: "orders.sweep",
  catalogueRefresh: "catalogue.refresh",
} as const);

export interface Subject {
  objectType: string;
  objectId: string;
  updatedAt: Date | null;
}

export interface TopicContext {
  shop: string;
  deliveryId: string;
  /** Whether this order already has a Sales Order (its changes go before new orders). */
  orderInNetSuite: (orderId: string) => Promise<boolean>;
}

export interface TopicDefinition<S extends z.ZodType = z.ZodType> {
  schema: S;
  /** Compliance topics must be accepted even after the shop uninstalled. */
  compliance?: boolean;
  subject(payload: z.output<S>): Subject | null;
  job(payload: z.output<S>, ctx: TopicContext): Promise<EnqueueSpec | null>;
}

function define<S extends z.ZodType>(d: TopicDefinition<S>): TopicDefinition {
  return d as unknown as TopicDefinition;
}

/** Every job about one order shares a key: customer, create, edits, refunds run in order. */
export const orderKey = (shop: string, orderId: string) => `order:${shop}:${orderId}`;

const orderJob = async (shop: string, orderId: string, ctx: TopicContext, isNew: boolean): Promise<EnqueueSpec> => ({
  kind: JOB_KIND.orderSync,
  key: orderKey(shop, orderId),
  priority: !isNew && (await ctx.orderInNetSuite(orderId)) ? PRIORITY.orderChange : PRIORITY.orderNew,
  data: { shop, objectType: "order", objectId: orderId, deliveryId: ctx.deliveryId },
});

const orderTopic = (isNew: boolean) =>
  define({
    schema: orderEnvelope,
    subject: (p) => ({ objectType: "order", objectId: p.id, updatedAt: new Date(p.updated_at) }),
    job: (p, ctx) => orderJob(ctx.shop, p.id, ctx, isNew),
  });

export const TOPICS: Record<string, TopicDefinition> = {
  "orders/create": orderTopic(true),
  "orders/updated": orderTopic(false),
  "orders/cancelled": orderTopic(false),
  // orders/edited carries only the edit; orders/updated follows with the new state. The edit is
  // kept for the timeline and wakes the order's job, which reads the newest order state.
  "orders/edited": define({
    schema: orderEditEnvelope,
    subject: (p) => ({ objectType: "order", objectId: p.order_edit.order_id, updatedAt: null }),
    job: (p, ctx) => orderJob(ctx.shop, p.order_edit.order_id, ctx, false),
  }),
  "refunds/create": define({
    schema: refundEnvelope,
    subject: (p) => ({ objectType: "order", objectId: p.order_id, updatedAt: null }),
    job: async (p, ctx) => ({
      kind: JOB_KIND.refundSync,
      key: orderKey(ctx.shop, p.order_id),
      priority: PRIORITY.refund,
      data: { shop: ctx.shop, objectType: "order", objectId: p.order_id, refundId: p.id, deliveryId: ctx.deliveryId },
    }),
  }),
  // The variant catalogue (for unmapped counts) follows products; the job reads the newest body.
  ...Object.fromEntries(
    (["products/create", "products/update", "products/delete"] as const).map((topic) => [
      topic,
      define({
        schema: productEnvelope,
        subject: (p) => ({ objectType: "product", objectId: p.id, updatedAt: p.updated_at ? new Date(p.updated_at) : null }),
        job: async (p, ctx) => ({
          kind: JOB_KIND.catalogueProduct,
          key: `product:${ctx.shop}:${p.id}`,
          priority: PRIORITY.maintenance,
          data: { shop: ctx.shop, objectType: "product", objectId: p.id, deliveryId: ctx.deliveryId, deleted: topic === "products/delete" },
        }),
      }),
    ]),
  ),
  "app/uninstalled": define({ schema: anyObject, subject: () => null, job: async () => null }),
  "app/scopes_update": define({ schema: anyObject, subject: () => null, job: async () => null }),
  "customers/data_request": define({
    schema: anyObject,
    compliance: true,
    subject: () => null,
    job: async (_p, ctx) => ({ kind: JOB_KIND.dataRequest, key: `compliance:${ctx.shop}`, priority: PRIORITY.maintenance, data: { shop: ctx.shop, deliveryId: ctx.deliveryId } }),
  }),
  "customers/redact": define({
    schema: customersRedact,
    compliance: true,
    subject: () => null,
    job: async (_p, ctx) => ({ kind: JOB_KIND.customerRedact, key: `compliance:${ctx.shop}`, priority: PRIORITY.maintenance, data: { shop: ctx.shop, deliveryId: ctx.deliveryId } }),
  }),
  "shop/redact": define({
    schema: shopRedact,
    compliance: true,
    subject: () => null,
    job: async (_p, ctx) => ({ kind: JOB_KIND.shopRedact, key: `compliance:${ctx.shop}`, priority: PRIORITY.maintenance, data: { shop: ctx.shop, deliveryId: ctx.deliveryId } }),
  }),
};

/** `ORDERS_CREATE` (the library's form) or `orders/create` → `orders/create`. */
export function normaliseTopic(topic: string): string {
  return topic.includes("/") ? topic.toLowerCase() : topic.toLowerCase().replace("_", "/");
}
