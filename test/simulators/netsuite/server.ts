/**
 * A NetSuite REST web services simulator: the record API and governance as NetSuite behaves
 * (see ../../../../shared/PLATFORMS.md and README.md here for what it knowingly leaves out).
 * Accounts are told apart by the OAuth 1.0a realm, as the local host no longer names them.
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { SimAccount, WRITABLE } from "./account";
import { concurrencyLimit, ERROR_CONTENT_TYPE, invalidLogin, nonexistent, SimNsError } from "./errors";
import { baseString, hmacSha256, parseAuthorization } from "./oauth1";

export interface SimAccountConfig {
  accountId: string;
  concurrencyLimit?: number;
  integrationConcurrencyLimit?: number;
  tba?: { consumerKey: string; consumerSecret: string; tokenId: string; tokenSecret: string };
  seed?: boolean;
}

export interface NetSuiteSimulatorOptions {
  port?: number;
  host?: string;
  accounts?: SimAccountConfig[];
}

export interface NetSuiteSimulator {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export const DEMO_ACCOUNT_ID = "TSTDRV1234567";

export function demoAccount(): SimAccountConfig {
  const e = process.env;
  return {
    accountId: e.NETSUITE_SIM_ACCOUNT ?? DEMO_ACCOUNT_ID,
    concurrencyLimit: e.NETSUITE_SIM_CONCURRENCY ? Number(e.NETSUITE_SIM_CONCURRENCY) : 5,
    tba: {
      consumerKey: e.NETSUITE_SIM_CONSUMER_KEY ?? "demo-consumer-key",
      consumerSecret: e.NETSUITE_SIM_CONSUMER_SECRET ?? "demo-consumer-secret",
      tokenId: e.NETSUITE_SIM_TOKEN_ID ?? "demo-token-id",
      tokenSecret: e.NETSUITE_SIM_TOKEN_SECRET ?? "demo-token-secret",
    },
  };
}

type FaultKind = "429" | "500" | "503" | "401" | "drop";
interface Fault {
  kind: FaultKind;
  /** before: nothing is written; after: the write is committed, then the answer fails. */
  phase?: "before" | "after";
}

interface AccountState {
  config: SimAccountConfig;
  data: SimAccount;
  limit: number;
  latencyMs: number;
  jitterMs: number;
  failNext: Fault[];
  inFlight: number;
  peakInFlight: number;
  busyMs: number;
  calls: number;
  tooManyRequests: number;
  requests: { method: string; path: string; query: string; body: unknown; status: number; at: string }[];
  nonces: Map<string, number>;
}

const REALM_FORM = (id: string) => id.trim().toUpperCase().replace(/-/g, "_");

function send(res: http.ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": headers["Content-Type"] ?? "application/json; charset=utf-8", ...headers });
  res.end(text);
}

function sendError(res: http.ServerResponse, e: SimNsError): void {
  send(res, e.status, e.body(), { "Content-Type": ERROR_CONTENT_TYPE });
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startNetSuiteSimulator(o: NetSuiteSimulatorOptions = {}): Promise<NetSuiteSimulator> {
  const accounts = new Map<string, AccountState>();
  const addAccount = (config: SimAccountConfig) => {
    const id = REALM_FORM(config.accountId);
    accounts.set(id, {
      config: { ...config, accountId: id },
      data: new SimAccount(id, config.seed !== false),
      limit: config.concurrencyLimit ?? 5,
      latencyMs: 0,
      jitterMs: 0,
      failNext: [],
      inFlight: 0,
      peakInFlight: 0,
      busyMs: 0,
      calls: 0,
      tooManyRequests: 0,
      requests: [],
      nonces: new Map(),
    });
  };
  for (const c of o.accounts ?? [demoAccount()]) addAccount(c);
  const sockets = new Set<Socket>();

  const authenticate = (req: http.IncomingMessage, url: URL): AccountState => {
    const oauth = parseAuthorization(req.headers.authorization);
    if (!oauth?.realm) throw invalidLogin();
    const acct = accounts.get(REALM_FORM(oauth.realm));
    const tba = acct?.config.tba;
    if (!acct || !tba) throw invalidLogin();
    if (oauth.oauth_signature_method !== "HMAC-SHA256" || oauth.oauth_consumer_key !== tba.consumerKey || oauth.oauth_token !== tba.tokenId) throw invalidLogin();
    const ts = Number(oauth.oauth_timestamp);
    if (!Number.isFinite(ts) || Math.abs(Date.now() / 1000 - ts) > 300) throw invalidLogin();
    const nonce = oauth.oauth_nonce ?? "";
    const now = Date.now();
    for (const [n, at] of acct.nonces) if (now - at > 600_000) acct.nonces.delete(n);
    if (!nonce || acct.nonces.has(nonce)) throw invalidLogin();
    const expected = hmacSha256(baseString(req.method ?? "GET", url, oauth), tba.consumerSecret, tba.tokenSecret);
    if (expected !== oauth.oauth_signature) throw invalidLogin();
    acct.nonces.set(nonce, now);
    return acct;
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
    try {
      if (url.pathname.startsWith("/__sim/")) return await admin(req, res, url);
      if (!url.pathname.startsWith("/services/rest/")) return sendError(res, new SimNsError(404, "NONEXISTENT_ID", `No such resource: ${url.pathname}`));
      const acct = authenticate(req, url);
      const raw = await readBody(req);
      await governed(acct, req, res, url, raw);
    } catch (e) {
      if (e instanceof SimNsError) return sendError(res, e);
      send(res, 500, new SimNsError(500, "UNEXPECTED_ERROR", e instanceof Error ? e.message : String(e)).body(), { "Content-Type": ERROR_CONTENT_TYPE });
    }
  });

  /** Governance, latency and faults around one REST call. */
  async function governed(acct: AccountState, req: http.IncomingMessage, res: http.ServerResponse, url: URL, raw: string): Promise<void> {
    acct.calls++;
    if (acct.inFlight >= acct.limit) {
      acct.tooManyRequests++;
      record(acct, req, url, raw, 429);
      return sendError(res, concurrencyLimit());
    }
    acct.inFlight++;
    acct.peakInFlight = Math.max(acct.peakInFlight, acct.inFlight);
    const started = performance.now();
    let status = 500;
    try {
      const delay = acct.latencyMs + (acct.jitterMs ? Math.random() * acct.jitterMs : 0);
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      const fault = acct.failNext.shift();
      if (fault && fault.phase !== "after") {
        status = await failWith(fault, res);
        return;
      }
      const answer = await handle(acct, req, url, raw);
      if (fault) {
        status = await failWith(fault, res);
        return;
      }
      status = answer.status;
      send(res, answer.status, answer.body, answer.headers);
    } catch (e) {
      if (!(e instanceof SimNsError)) throw e;
      status = e.status;
      sendError(res, e);
    } finally {
      acct.inFlight--;
      acct.busyMs += performance.now() - started;
      record(acct, req, url, raw, status);
    }
  }

  async function failWith(f: Fault, res: http.ServerResponse): Promise<number> {
    if (f.kind === "drop") {
      res.socket?.destroy();
      return 0;
    }
    const e = f.kind === "429" ? concurrencyLimit() : f.kind === "401" ? invalidLogin() : new SimNsError(Number(f.kind), "UNEXPECTED_ERROR", "An unexpected error occurred.");
    sendError(res, e);
    return e.status;
  }

  function record(acct: AccountState, req: http.IncomingMessage, url: URL, raw: string, status: number): void {
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      /* keep text */
    }
    acct.requests.push({ method: req.method ?? "GET", path: url.pathname, query: url.search, body, status, at: new Date().toISOString() });
    if (acct.requests.length > 5000) acct.requests.shift();
  }

  async function handle(acct: AccountState, req: http.IncomingMessage, url: URL, raw: string): Promise<{ status: number; body?: unknown; headers?: Record<string, string> }> {
    const base = `${url.protocol}//${url.host}/services/rest/record/v1`;
    const method = req.method ?? "GET";
    if (url.pathname === "/services/rest/system/v1/governanceLimits" && method === "GET") {
      const integration = acct.config.integrationConcurrencyLimit;
      return { status: 200, body: { accountConcurrencyLimit: acct.limit, accountUnallocatedConcurrencyLimit: integration ? acct.limit - integration : acct.limit, integrationConcurrencyLimit: integration ?? acct.limit, integrationLimitType: integration ? "integrationSpecific" : "accountLimit" } };
    }
    const m = /^\/services\/rest\/record\/v1\/([A-Za-z]+)(?:\/([^/]+))?(?:\/!transform\/([A-Za-z]+))?$/.exec(url.pathname);
    if (!m) throw new SimNsError(404, "NONEXISTENT_ID", `No such resource: ${url.pathname}`);
    const [, type, rawId, target] = m as unknown as [string, string, string | undefined, string | undefined];
    const data = acct.data;
    const parse = (): Record<string, unknown> => {
      try {
        const v = JSON.parse(raw || "{}") as unknown;
        if (!v || typeof v !== "object" || Array.isArray(v)) throw new Error("not an object");
        return v as Record<string, unknown>;
      } catch {
        throw new SimNsError(400, "INVALID_CONTENT", "The request body is not valid JSON.");
      }
    };
    const decodedId = rawId ? decodeURIComponent(rawId) : undefined;
    const eid = decodedId?.startsWith("eid:") ? decodedId.slice(4) : undefined;
    const idOf = () => (eid !== undefined ? data.idByExternal(type, eid) : decodedId);
    const replace = (url.searchParams.get("replace") ?? "").split(",").filter(Boolean);
    const location = (id: string, t = type) => ({ Location: `${base}/${t}/${id}` });

    if (target) {
      if (method !== "POST") throw new SimNsError(405, "INVALID_REQUEST", "Use POST to transform a record.");
      const id = idOf();
      if (!id || !data.get(type, id)) throw nonexistent(type, decodedId ?? "");
      if (type === "salesOrder" && target === "itemFulfillment") return { status: 204, headers: location(data.fulfil(id, "C", {}).id, target) };
      const source = data.get(type, id)!;
      const created = data.create(target, { entity: source.entity, subsidiary: source.subsidiary, currency: source.currency, createdFrom: { id }, item: source.item, ...parse() });
      return { status: 204, headers: location(created.id, target) };
    }
    if (!rawId) {
      if (method !== "POST") throw new SimNsError(405, "INVALID_REQUEST", `Use POST to create a ${type}.`);
      if (!WRITABLE.has(type)) throw new SimNsError(400, "INVALID_REQUEST", `Records of type ${type} cannot be created through this integration.`);
      return { status: 204, headers: location(data.create(type, parse()).id) };
    }
    if (method === "GET") {
      const id = idOf();
      const r = id ? data.get(type, id) : undefined;
      if (!r) throw nonexistent(type, decodedId ?? "");
      return { status: 200, body: view(r, url.searchParams.get("expandSubResources") === "true", `${base}/${type}/${r.id}`) };
    }
    if (method === "PUT") {
      if (eid === undefined) throw new SimNsError(400, "INVALID_REQUEST", "PUT is only for upsert by external id (…/eid:<externalId>).");
      if (!WRITABLE.has(type)) throw new SimNsError(400, "INVALID_REQUEST", `Records of type ${type} cannot be written through this integration.`);
      const body = { ...parse(), externalId: eid };
      const existing = data.idByExternal(type, eid);
      const r = existing ? data.update(type, existing, body, replace) : data.create(type, body);
      return { status: 204, headers: location(r.id) };
    }
    if (method === "PATCH") {
      const id = idOf();
      if (!id) throw nonexistent(type, decodedId ?? "");
      return { status: 204, headers: location(data.update(type, id, parse(), replace).id) };
    }
    if (method === "DELETE") {
      const id = idOf();
      if (!id) throw nonexistent(type, decodedId ?? "");
      data.delete(type, id);
      return { status: 204 };
    }
    throw new SimNsError(405, "INVALID_REQUEST", `Method ${method} is not allowed here.`);
  }

  function view(r: Record<string, unknown>, expand: boolean, self: string): Record<string, unknown> {
    const out: Record<string, unknown> = { links: [{ rel: "self", href: self }] };
    for (const [k, v] of Object.entries(r)) {
      const isSublist = v !== null && typeof v === "object" && Array.isArray((v as { items?: unknown }).items);
      out[k] = isSublist && !expand ? { links: [{ rel: "self", href: `${self}/${k}` }] } : v;
    }
    return out;
  }

  async function admin(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const parts = url.pathname.split("/").filter(Boolean).slice(1); // after __sim
    const method = req.method ?? "GET";
    const raw = await readBody(req);
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    if (parts[0] === "reset" && method === "POST") {
      for (const a of accounts.values()) {
        a.data.seed();
        Object.assign(a, { failNext: [], latencyMs: 0, jitterMs: 0, peakInFlight: 0, busyMs: 0, calls: 0, tooManyRequests: 0, requests: [], limit: a.config.concurrencyLimit ?? 5 });
      }
      return send(res, 200, { ok: true });
    }
    if (parts[0] === "accounts" && parts.length === 1 && method === "POST") {
      addAccount(body as unknown as SimAccountConfig);
      return send(res, 201, { ok: true });
    }
    const acct = parts[0] === "accounts" && parts[1] ? accounts.get(REALM_FORM(decodeURIComponent(parts[1]))) : undefined;
    if (!acct) return send(res, 404, { error: "no such account" });
    const [, , what, a, b, c] = parts;
    if (what === "records" && a && method === "GET") {
      if (b) {
        const r = acct.data.get(a, b);
        return r ? send(res, 200, r) : send(res, 404, { error: "not found" });
      }
      return send(res, 200, { items: acct.data.list(a) });
    }
    if (what === "items" && a === "by-sku" && method === "GET") return send(res, 200, Object.fromEntries(acct.data.itemIdBySku));
    if (what === "requests") {
      if (method === "DELETE") acct.requests = [];
      return send(res, 200, { items: acct.requests });
    }
    if (what === "stats") {
      if (method === "POST" && a === "reset") Object.assign(acct, { peakInFlight: acct.inFlight, busyMs: 0, calls: 0, tooManyRequests: 0 });
      return send(res, 200, { inFlight: acct.inFlight, peakInFlight: acct.peakInFlight, busyCallSeconds: acct.busyMs / 1000, calls: acct.calls, tooManyRequests: acct.tooManyRequests, limit: acct.limit });
    }
    if (what === "config" && method === "PUT") {
      if (typeof body.concurrencyLimit === "number") acct.limit = body.concurrencyLimit;
      if (typeof body.latencyMs === "number") acct.latencyMs = body.latencyMs;
      if (typeof body.jitterMs === "number") acct.jitterMs = body.jitterMs;
      if (Array.isArray(body.failNext)) acct.failNext.push(...(body.failNext as Fault[]));
      return send(res, 200, { ok: true });
    }
    if (what === "salesOrders" && a && (b === "ship" || b === "pick") && method === "POST") {
      try {
        const f = acct.data.fulfil(a, b === "ship" ? "C" : "A", body as { lines?: { line: number; quantity: number }[]; carrier?: string; trackingNumber?: string });
        return send(res, 201, { itemFulfillmentId: f.id });
      } catch (e) {
        if (e instanceof SimNsError) return sendError(res, e);
        throw e;
      }
    }
    void c;
    return send(res, 404, { error: `unknown admin route ${url.pathname}` });
  }

  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, o.host ?? "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${o.host ?? "127.0.0.1"}:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
