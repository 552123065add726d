/**
 * The REST resources of one authenticated call: the record API (help sections 1545141395,
 * 156335203191, 1545295601, 157901123882), SuiteQL and governanceLimits (article 0625010817).
 */
import { REFERENCE_FIELDS, SUBLISTS, WRITABLE, type Json, type Line } from "./account";
import { invalidParameter, invalidRequest, nonexistent, SimNsError } from "./errors";
import type { Answer } from "./http";
import type { SimRecord } from "./seed";
import type { AccountState } from "./state";
import type { SuiteQL } from "./suiteql";
import { bill, fulfil } from "./transactions";

const READ_ONLY = ["inventoryItem", "kitItem", "nonInventorySaleItem", "otherChargeSaleItem", "discountItem", "shipItem", "location", "subsidiary", "account", "currency", "salesTaxItem", "paymentMethod"];
export const RECORD_TYPES = new Set([...WRITABLE, ...READ_ONLY]);
const ITEM_REF_TYPES = ["inventoryItem", "kitItem", "nonInventorySaleItem", "otherChargeSaleItem", "discountItem", "shipItem"];
const RECORD_PATH = /^\/services\/rest\/record\/v1\/([A-Za-z]+)(?:\/([^/]+))?(?:\/(!transform\/[A-Za-z]+|[A-Za-z]+)(?:\/(\d+))?)?$/;

export interface RestCall {
  acct: AccountState;
  suiteql: SuiteQL;
  method: string;
  url: URL;
  raw: string;
  headers: Record<string, string | string[] | undefined>;
}

function parseObject(raw: string): Json {
  try {
    const v = JSON.parse(raw || "{}") as unknown;
    if (v && typeof v === "object" && !Array.isArray(v)) return v as Json;
  } catch {
    /* answered below */
  }
  throw new SimNsError(400, "INVALID_CONTENT", "The request body is not a valid JSON object.");
}

export function handleRest(c: RestCall): Answer {
  const { acct, method, url } = c;
  const origin = `${url.protocol}//${url.host}`;
  if (url.pathname === "/services/rest/system/v1/governanceLimits") {
    if (method !== "GET") throw new SimNsError(405, "INVALID_METHOD", "Use GET for governanceLimits.");
    const integration = acct.integrationLimit;
    return {
      status: 200,
      body: { accountConcurrencyLimit: acct.limit, accountUnallocatedConcurrencyLimit: acct.limit - (integration ?? 0), integrationConcurrencyLimit: integration ?? acct.limit, integrationLimitType: integration ? "integrationSpecific" : "accountLimit" },
    };
  }
  if (url.pathname === "/services/rest/query/v1/suiteql") {
    if (method !== "POST") throw new SimNsError(405, "INVALID_METHOD", "Use POST to run a SuiteQL query.");
    const prefer = String(c.headers.prefer ?? "");
    if (!/\btransient\b/i.test(prefer)) throw new SimNsError(400, "INVALID_HEADER", "SuiteQL queries need the header Prefer: transient.", { header: "Prefer" });
    return { status: 200, body: c.suiteql.run(parseObject(c.raw).q, url.searchParams.get("limit"), url.searchParams.get("offset"), `${origin}/services/rest/query/v1/suiteql`) };
  }
  const m = RECORD_PATH.exec(url.pathname);
  if (!m) throw new SimNsError(404, "NONEXISTENT_ID", `No resource at ${url.pathname}.`);
  const [, type, rawId, sub, lineNo] = m as unknown as [string, string, string | undefined, string | undefined, string | undefined];
  if (!RECORD_TYPES.has(type)) throw new SimNsError(404, "NONEXISTENT_ID", `Record type '${type}' does not exist.`);
  const data = acct.data;
  const base = `${origin}/services/rest/record/v1`;
  const decoded = rawId === undefined ? undefined : decodeURIComponent(rawId);
  const eid = decoded?.startsWith("eid:") ? decoded.slice(4) : undefined;
  const idOf = () => (eid !== undefined ? data.idByExternal(type, eid) : decoded);
  const existing = () => {
    const id = idOf();
    const r = id === undefined ? undefined : data.get(type, id);
    if (!r) throw nonexistent(type, decoded ?? "");
    return r;
  };
  const replace = (url.searchParams.get("replace") ?? "").split(",").filter(Boolean);
  const created = (r: SimRecord, t = type): Answer => ({ status: 204, headers: { Location: `${base}/${t}/${r.id}` } });
  const writable = () => {
    if (!WRITABLE.has(type)) throw invalidRequest(`Records of type ${type} cannot be written through this integration.`);
  };

  if (sub?.startsWith("!transform/")) {
    const target = sub.slice("!transform/".length);
    if (method !== "POST") throw new SimNsError(405, "INVALID_METHOD", "Use POST to transform a record.");
    const source = existing();
    if (type !== "salesOrder" || !["itemFulfillment", "invoice", "cashSale"].includes(target)) throw invalidRequest(`Transforming ${type} into ${target} is not supported.`);
    const body = parseObject(c.raw);
    if (target === "itemFulfillment") {
      const lines = ((body.item as { items?: Line[] } | undefined)?.items ?? undefined)?.map((l) => ({ orderLine: Number(l.orderLine ?? l.line), quantity: Number(l.quantity) }));
      const { item: _ignored, ...fields } = body;
      return created(fulfil(data, source.id, { fields, ...(lines ? { lines } : {}) }), target);
    }
    return created(bill(data, source.id, target as "invoice" | "cashSale", body), target);
  }
  if (sub) {
    if (method !== "GET") throw new SimNsError(405, "INVALID_METHOD", "Sublists are changed through their record.");
    const r = existing();
    if (!SUBLISTS[type]?.includes(sub)) throw new SimNsError(404, "NONEXISTENT_ID", `Record type ${type} has no sublist ${sub}.`);
    const self = `${base}/${type}/${r.id}/${sub}`;
    const lines = ((r[sub] as { items?: Line[] } | undefined)?.items ?? []) as Line[];
    if (lineNo !== undefined) {
      const l = lines.find((x) => String(x.line) === lineNo);
      if (!l) throw nonexistent(`${type}.${sub}`, lineNo);
      return { status: 200, body: { links: [{ rel: "self", href: `${self}/${lineNo}` }], ...refs(data, l, base) } };
    }
    return { status: 200, body: sublist(data, lines, self, base, false) };
  }
  if (rawId === undefined) {
    if (method === "POST") {
      writable();
      return created(data.create(type, parseObject(c.raw)));
    }
    if (method === "GET") return { status: 200, body: list(data.list(type), url, `${base}/${type}`) };
    throw new SimNsError(405, "INVALID_METHOD", `Method ${method} is not allowed on a record collection.`);
  }
  if (method === "GET") return { status: 200, body: view(c.acct, type, existing(), url.searchParams.get("expandSubResources") === "true", base) };
  if (method === "PUT") {
    if (eid === undefined) throw invalidRequest("PUT is only for upsert by external id (…/eid:<externalId>).");
    writable();
    const body = { ...parseObject(c.raw), externalId: eid };
    const id = data.idByExternal(type, eid);
    return created(id ? data.update(type, id, body, replace) : data.create(type, body));
  }
  if (method === "PATCH") {
    writable();
    return created(data.update(type, existing().id, parseObject(c.raw), replace));
  }
  if (method === "DELETE") {
    writable();
    data.delete(type, existing().id);
    return { status: 204 };
  }
  throw new SimNsError(405, "INVALID_METHOD", `Method ${method} is not allowed here.`);
}

function list(records: SimRecord[], url: URL, self: string): Json {
  if (url.searchParams.has("q")) throw invalidParameter("q", "The simulator does not filter record collections: use SuiteQL.");
  const limit = Number(url.searchParams.get("limit") ?? 1000);
  const offset = Number(url.searchParams.get("offset") ?? 0);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw invalidParameter("limit", "Invalid value for the 'limit' query parameter: it must be an integer from 1 to 1000.");
  if (!Number.isInteger(offset) || offset < 0) throw invalidParameter("offset", "Invalid value for the 'offset' query parameter.");
  const page = records.slice(offset, offset + limit);
  const link = (o: number) => `${self}?limit=${limit}&offset=${o}`;
  const hasMore = offset + limit < records.length;
  const links = [...(hasMore ? [{ rel: "next", href: link(offset + limit) }] : []), { rel: "last", href: link(Math.max(0, Math.floor((records.length - 1) / limit) * limit)) }, { rel: "self", href: link(offset) }];
  return { links, count: page.length, hasMore, items: page.map((r) => ({ links: [{ rel: "self", href: `${self}/${r.id}` }], id: r.id })), offset, totalResults: records.length };
}

/** A reference as NetSuite answers it: id, refName and a link to the record. */
function refs(data: AccountState["data"], r: Json, base: string): Json {
  const out: Json = { ...r };
  for (const [field, types] of Object.entries({ ...REFERENCE_FIELDS, item: ITEM_REF_TYPES, taxCode: ["salesTaxItem"] })) {
    const v = r[field] as Json | undefined;
    if (!v || typeof v !== "object" || v.id === undefined) continue;
    const type = data.typeOf(String(v.id), types);
    if (!type) continue;
    const target = data.get(type, String(v.id))!;
    const refName = v.refName ?? target.entityId ?? target.itemId ?? target.name ?? target.tranId ?? target.acctName ?? target.symbol;
    out[field] = { links: [{ rel: "self", href: `${base}/${type}/${v.id}` }], id: String(v.id), ...(refName !== undefined ? { refName } : {}) };
  }
  return out;
}

function sublist(data: AccountState["data"], lines: Line[], self: string, base: string, expand: boolean): Json {
  return {
    links: [{ rel: "self", href: self }],
    items: lines.map((l) => (expand ? { links: [{ rel: "self", href: `${self}/${l.line}` }], ...refs(data, l, base) } : { links: [{ rel: "self", href: `${self}/${l.line}` }] })),
    totalResults: lines.length,
    count: lines.length,
    hasMore: false,
    offset: 0,
  };
}

/** GET: the record with links; sublists as links unless ?expandSubResources=true. */
export function view(acct: AccountState, type: string, r: SimRecord, expand: boolean, base: string): Json {
  const self = `${base}/${type}/${r.id}`;
  const out: Json = { links: [{ rel: "self", href: self }] };
  for (const [k, v] of Object.entries(refs(acct.data, r, base))) {
    const isSublist = SUBLISTS[type]?.includes(k) && v !== null && typeof v === "object";
    out[k] = isSublist ? (expand ? sublist(acct.data, ((v as { items?: Line[] }).items ?? []) as Line[], `${self}/${k}`, base, true) : { links: [{ rel: "self", href: `${self}/${k}` }] }) : v;
  }
  return out;
}
