/**
 * The dry run: what a payload would make the connector send to NetSuite (method, path, body of
 * each request, in order) or which exceptions it would raise, without writing anything. Pure and
 * shared: the preview CLI (scripts/preview.ts) and the in-app preview print these same lines.
 */
import { parseAdminOrder, parseOrderWebhook, type ShopifyOrder } from "~/shopify/payloads";
import { mapOrder } from "./map";
import type { OrderMappings } from "./mappings";

/** Webhook topics whose body is an order, plus `admin/order` for an Admin GraphQL order. */
export const PREVIEW_TOPICS = ["orders/create", "orders/updated", "orders/paid", "admin/order"] as const;

export interface PreviewOptions {
  shop: string;
  now: Date;
}

export interface Preview {
  /** True when the requests would be sent; false for exceptions or an unreadable payload. */
  ok: boolean;
  lines: string[];
}

function read(topic: string, json: unknown): { ok: true; order: ShopifyOrder } | { ok: false; issues: string[] } {
  return topic === "admin/order" ? parseAdminOrder(json) : parseOrderWebhook(json);
}

export function previewOrder(topic: string, payloadJson: string, mappings: OrderMappings, opts: PreviewOptions): Preview {
  if (!(PREVIEW_TOPICS as readonly string[]).includes(topic)) {
    const note = topic === "orders/cancelled" ? " (a cancellation closes the Sales Order's lines, which depends on NetSuite's current state)" : "";
    return { ok: false, lines: [`No preview for ${topic}${note}. Topics: ${PREVIEW_TOPICS.join(", ")}.`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(payloadJson);
  } catch (e) {
    return { ok: false, lines: [`The payload is not JSON: ${(e as Error).message}`] };
  }
  const parsed = read(topic, json);
  if (!parsed.ok) return { ok: false, lines: ["The payload cannot be read as a Shopify order (malformed_webhook):", ...parsed.issues.map((i) => `  - ${i}`)] };
  return previewMapped(parsed.order, topic, mappings, opts);
}

/** The preview of an order already read (the in-app preview reads the stored state). */
export function previewMapped(order: ShopifyOrder, topic: string, mappings: OrderMappings, opts: PreviewOptions): Preview {
  const result = mapOrder(order, mappings, opts);
  const head = `Shopify order ${order.name} (id ${order.id}, ${topic}) for ${opts.shop}`;
  if (!result.ok) {
    const n = result.problems.length;
    return {
      ok: false,
      lines: [`${head}: ${n} exception${n === 1 ? "" : "s"}; nothing would be written to NetSuite.`, ...result.problems.map((p) => `  - [${p.causeCode}, owner ${p.owner}] ${p.message}`)],
    };
  }
  const lines = [`${head}: ${result.plan.length} request${result.plan.length === 1 ? "" : "s"} to NetSuite, in this order (dry run: nothing was sent).`];
  result.plan.forEach((r, i) => {
    lines.push("", `${i + 1}. ${r.method} ${r.path}`, ...JSON.stringify(r.body, null, 2).split("\n"));
  });
  lines.push("", `NetSuite's Sales Order total will be ${result.total.amount} ${result.total.currency}, Shopify's current_total_price.`);
  return { ok: true, lines };
}
