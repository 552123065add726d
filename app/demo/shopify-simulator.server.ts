/**
 * Demo only: the few calls the demo makes to the bundled Shopify simulator's control API
 * (`/__sim/`, see test/simulators/shopify/README.md), standing in for a shopper and for
 * Shopify's install. The app's own Admin API calls never come here: they go through the
 * library, whose fetch is pointed at the simulator (app/shopify/simulator-fetch.server.ts).
 */
import { z } from "zod";
import { DemoSimulatorError } from "./errors";

const shopSummary = z.object({ domain: z.string(), accessTokens: z.array(z.string()) });
const placed = z.object({
  order: z.looseObject({ id: z.number().int(), name: z.string() }),
  events: z.array(z.object({ seq: z.number().int(), eventId: z.string(), topic: z.string() })),
});
const deliveries = z.array(
  z.object({
    topic: z.string(),
    eventId: z.string(),
    ok: z.boolean(),
    attempts: z.array(z.object({ status: z.number().nullable(), error: z.string().optional() })),
  }),
);

export interface SimOrderSpec {
  customer?: number | string;
  lines: { sku: string; quantity: number }[];
  shipping?: { title: string; price: string; taxable?: boolean };
  taxRate?: string;
  taxTitle?: string;
}

async function call<T>(simulatorUrl: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
  const url = `${simulatorUrl.replace(/\/+$/, "")}/__sim/${path}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: body === undefined ? "GET" : "POST",
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new DemoSimulatorError(`The Shopify simulator at ${simulatorUrl} did not answer`, null, { cause: error });
  }
  const text = await res.text();
  if (!res.ok) throw new DemoSimulatorError(`The Shopify simulator refused ${path} (${res.status}): ${text.slice(0, 300)}`, res.status);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DemoSimulatorError(`The Shopify simulator's answer to ${path} is not JSON`, res.status, { cause: error });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new DemoSimulatorError(`Unexpected answer from the Shopify simulator to ${path}: ${z.prettifyError(parsed.error)}`, res.status, { cause: parsed.error });
  return parsed.data;
}

/** The offline token the simulator holds for an installed app on this shop. */
export async function simulatorAccessToken(simulatorUrl: string, shop: string): Promise<string> {
  const s = await call(simulatorUrl, `shops/${encodeURIComponent(shop)}`, shopSummary);
  const token = s.accessTokens[0];
  if (!token) throw new DemoSimulatorError(`The Shopify simulator holds no access token for ${shop}`, 200);
  return token;
}

/** Places an order as a shopper would; resolves with it and the events (webhooks) it raised. */
export function createSimulatorOrder(simulatorUrl: string, shop: string, spec: SimOrderSpec) {
  return call(simulatorUrl, `shops/${encodeURIComponent(shop)}/orders`, placed, spec);
}

/** Has the simulator deliver the shop's events after `afterSeq` to the app, signed with `secret`. */
export function deliverSimulatorEvents(simulatorUrl: string, shop: string, afterSeq: number, app: { appUrl: string; secret: string }) {
  return call(simulatorUrl, `shops/${encodeURIComponent(shop)}/events/deliver?after=${afterSeq}`, deliveries, { appUrl: app.appUrl, secret: app.secret, attempts: 3, retryDelayMs: 200 });
}
