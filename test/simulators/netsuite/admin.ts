/**
 * The simulator's own control API under /__sim/ (JSON, no auth): reset, accounts, records,
 * request log, configuration (latency, faults, limits), statistics, and warehouse actions
 * (pick, ship) and stock changes as NetSuite users would make them.
 */
import { z } from "zod";
import { nonexistent, SimNsError, userError } from "./errors";
import { errorAnswer, type Answer } from "./http";
import { configSchema, realmForm, type AccountState, type SimAccountConfig } from "./state";
import { fulfil } from "./transactions";

const accountSchema = z.object({
  accountId: z.string().min(1),
  concurrencyLimit: z.number().int().min(1).optional(),
  integrationConcurrencyLimit: z.number().int().min(1).optional(),
  tba: z.object({ consumerKey: z.string(), consumerSecret: z.string(), tokenId: z.string(), tokenSecret: z.string() }).optional(),
  oauth2: z.object({ clientId: z.string(), certificateId: z.string(), publicKeyPem: z.string() }).optional(),
  tokenTtlSeconds: z.number().int().min(1).optional(),
  seed: z.boolean().optional(),
});
const resetSchema = z.object({ accounts: z.array(accountSchema).optional() });
const fulfilSchema = z.object({
  lines: z.array(z.object({ line: z.number().int(), quantity: z.number().positive() })).optional(),
  carrier: z.string().optional(),
  trackingNumber: z.string().optional(),
});
const stockSchema = z
  .object({ sku: z.string().optional(), item: z.string().optional(), location: z.string(), quantityAvailable: z.number().int(), quantityOnHand: z.number().int().optional() })
  .refine((s) => s.sku !== undefined || s.item !== undefined, "sku or item is required");

export interface AdminContext {
  accounts: Map<string, AccountState>;
  addAccount(c: SimAccountConfig): AccountState;
  replaceAccounts(cs: SimAccountConfig[]): void;
}

const ok = (body: unknown, status = 200): Answer => ({ status, body });
const notFound = (what: string): Answer => ({ status: 404, body: { error: what } });

export function handleAdmin(ctx: AdminContext, method: string, url: URL, raw: string): Answer {
  let body: unknown = {};
  if (raw.trim()) {
    try {
      body = JSON.parse(raw);
    } catch {
      return { status: 400, body: { error: "the body is not JSON" } };
    }
  }
  const parts = url.pathname.split("/").filter(Boolean).slice(1).map(decodeURIComponent);
  const parse = <T>(schema: z.ZodType<T>): T => {
    const r = schema.safeParse(body);
    if (!r.success) throw new AdminBadRequest(r.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
    return r.data;
  };
  try {
    if (parts[0] === "reset" && method === "POST") {
      const { accounts } = parse(resetSchema);
      if (accounts) ctx.replaceAccounts(accounts);
      else for (const a of ctx.accounts.values()) a.reset();
      return ok({ ok: true, accounts: [...ctx.accounts.keys()] });
    }
    if (parts[0] !== "accounts") return notFound(`unknown admin route ${url.pathname}`);
    if (parts.length === 1) {
      if (method === "POST") return ok({ ok: true, accountId: ctx.addAccount(parse(accountSchema)).id }, 201);
      if (method === "GET") return ok({ items: [...ctx.accounts.keys()] });
    }
    const acct = ctx.accounts.get(realmForm(parts[1] ?? ""));
    if (!acct) return notFound(`no account ${parts[1]}`);
    return accountRoute(acct, method, parts.slice(2), parse);
  } catch (e) {
    if (e instanceof AdminBadRequest) return { status: 400, body: { error: e.message } };
    if (e instanceof SimNsError) return errorAnswer(e);
    throw e;
  }
}

class AdminBadRequest extends Error {}

function accountRoute(acct: AccountState, method: string, p: string[], parse: <T>(s: z.ZodType<T>) => T): Answer {
  const [what, a, b] = p;
  const data = acct.data;
  if (what === "records" && a && method === "GET") {
    if (b === undefined) return ok({ items: data.list(a) });
    const r = data.get(a, b);
    return r ? ok(r) : notFound(`no ${a} ${b}`);
  }
  if (what === "items" && a === "by-sku" && method === "GET") return ok(Object.fromEntries(data.itemIdBySku));
  if (what === "requests") {
    if (method === "DELETE") acct.requests = [];
    return ok({ items: acct.requests });
  }
  if (what === "stats") {
    if (method === "POST" && a === "reset") acct.resetStats();
    return ok(acct.stats());
  }
  if (what === "config" && method === "PUT") {
    acct.configure(parse(configSchema));
    return ok({ ok: true, limit: acct.effectiveLimit, failNext: acct.failNext });
  }
  if (what === "config" && method === "GET") return ok({ limit: acct.limit, integrationLimit: acct.integrationLimit ?? null, latencyMs: acct.latencyMs, jitterMs: acct.jitterMs, hangMs: acct.hangMs, faults: acct.faults, failNext: acct.failNext, tokenTtlSeconds: acct.tokenTtlSeconds });
  if (what === "salesOrders" && a && (b === "pick" || b === "ship") && method === "POST") {
    if (!data.get("salesOrder", a)) throw nonexistent("salesOrder", a);
    const o = parse(fulfilSchema);
    const f = fulfil(data, a, { shipStatus: b === "ship" ? "C" : "A", ...o });
    return ok({ itemFulfillmentId: f.id, salesOrderStatus: data.get("salesOrder", a)!.status }, 201);
  }
  if (what === "itemFulfillments" && a && (b === "pack" || b === "ship") && method === "POST") {
    const f = data.get("itemFulfillment", a);
    if (!f) throw nonexistent("itemFulfillment", a);
    const o = parse(fulfilSchema);
    const pkg = o.trackingNumber ? { package: { items: [{ packageTrackingNumber: o.trackingNumber, packageDescr: o.carrier ?? "", packageWeight: 1 }] } } : {};
    const r = data.update("itemFulfillment", a, { shipStatus: b === "ship" ? "C" : "B", ...pkg }, []);
    return ok({ itemFulfillmentId: r.id, shipStatus: r.shipStatus });
  }
  if (what === "stock") {
    if (method === "GET") return ok({ items: data.stock });
    if (method === "PUT") {
      const s = parse(stockSchema);
      const item = s.item ?? data.itemIdBySku.get(s.sku!);
      if (!item || !data.get("inventoryItem", item)) throw userError(`No inventory item for ${s.sku ?? s.item}.`);
      if (!data.get("location", s.location)) throw nonexistent("location", s.location);
      const row = data.stockRow(item, s.location);
      const onHand = s.quantityOnHand ?? row.quantityOnHand + (s.quantityAvailable - row.quantityAvailable);
      Object.assign(row, { quantityAvailable: s.quantityAvailable, quantityOnHand: onHand });
      data.version++;
      return ok(row);
    }
  }
  return notFound(`unknown admin route /${p.join("/")}`);
}
