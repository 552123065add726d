/**
 * SuiteQL (help sections 157909186990, 158394344595) on an in-memory SQLite copy of the account,
 * rebuilt when the account changed, with NetSuite's table and column names (lower case), values
 * as strings, `T`/`F` booleans, null columns left out of a row, dates shown as M/D/YYYY, and
 * the Oracle-style helpers clients use (BUILTIN.DF/CF, NVL, TO_CHAR, TO_DATE, SYSDATE).
 */
import Database from "better-sqlite3";
import type { Json, Line, SimAccount } from "./account";
import { invalidParameter, invalidQuery } from "./errors";
import { quantity } from "./money";
import { decimalText, orderQuantities, STATUS_NAMES, TYPE_CODES, TYPE_NAMES } from "./transactions";

type Row = Record<string, string | number | null>;
const MAX_RESULTS = 100_000;

const TABLES: Record<string, string[]> = {
  transaction: ["id", "tranid", "type", "type__df", "status", "status__df", "status__cf", "externalid", "entity", "entity__df", "trandate", "createddate", "lastmodifieddate", "currency", "currency__df", "subsidiary", "subsidiary__df", "location", "memo", "otherrefnum", "foreigntotal", "createdfrom", "shipstatus"],
  transactionline: ["id", "uniquekey", "transaction", "linesequencenumber", "mainline", "taxline", "item", "item__df", "quantity", "rate", "foreignamount", "netamount", "location", "location__df", "isclosed", "quantityshiprecv", "quantitybilled", "createdfrom", "memo", "custcol_shopify_line_id"],
  customer: ["id", "entityid", "externalid", "isperson", "firstname", "lastname", "companyname", "email", "phone", "subsidiary", "currency", "isinactive", "datecreated", "lastmodifieddate"],
  item: ["id", "itemid", "displayname", "itemtype", "isinactive", "externalid", "baseprice", "lastmodifieddate"],
  itemmember: ["id", "parentitem", "item", "quantity", "linenumber"],
  location: ["id", "name", "subsidiary", "isinactive"],
  subsidiary: ["id", "name", "currency", "country", "isinactive"],
  currency: ["id", "symbol", "name", "isbasecurrency", "isinactive"],
  account: ["id", "acctnumber", "acctname", "accttype", "isinactive"],
  salestaxitem: ["id", "itemid", "rate", "isinactive"],
  shipitem: ["id", "itemid", "displayname", "isinactive"],
  inventoryitemlocations: ["item", "item__df", "location", "location__df", "quantityavailable", "quantityonhand"],
};
/** Ids and quantities compare as numbers (NetSuite's are numeric); the rest is text. */
const NUMERIC = new Set(["id", "transaction", "entity", "currency", "subsidiary", "location", "item", "createdfrom", "parentitem", "linesequencenumber", "linenumber", "quantity", "rate", "foreignamount", "netamount", "foreigntotal", "quantityavailable", "quantityonhand", "quantityshiprecv", "quantitybilled", "baseprice"]);
const ITEM_TABLES: Record<string, string> = { inventoryItem: "InvtPart", kitItem: "Kit", nonInventorySaleItem: "NonInvtPart", otherChargeSaleItem: "OthCharge", discountItem: "Discount" };

const tf = (v: unknown) => (v === true || v === "T" ? "T" : "F");
const ref = (v: unknown): string | null => ((v as Json | undefined)?.id === undefined ? null : String((v as Json).id));
const str = (v: unknown): string | null => (v === undefined || v === null ? null : String(v));
const itemsOf = (r: Json, s = "item"): Line[] => ((r[s] as { items?: Line[] } | undefined) ?? {}).items ?? [];

function rows(acct: SimAccount): Record<string, Row[]> {
  const name = (type: string, id: string | null, field = "name") => (id === null ? null : str(acct.get(type, id)?.[field]));
  const itemName = (id: string | null) => (id === null ? null : str(Object.keys(ITEM_TABLES).concat("shipItem").map((t) => acct.get(t, id)?.itemId).find((x) => x !== undefined)));
  const out: Record<string, Row[]> = Object.fromEntries(Object.keys(TABLES).map((t) => [t, []]));
  for (const [type, code] of Object.entries(TYPE_CODES)) {
    for (const r of acct.list(type)) {
      const letter = code === "ItemShip" ? ref(r.shipStatus) : ref(r.status);
      const entity = ref(r.entity ?? r.customer);
      const sign = ["SalesOrd", "CustInvc", "CashSale", "ItemShip"].includes(code) ? -1 : 1; // sales lines are negative in SuiteQL
      out.transaction!.push({
        id: r.id, tranid: str(r.tranId), type: code, type__df: TYPE_NAMES[code]!, status: letter, status__df: letter ? `${TYPE_NAMES[code]} : ${STATUS_NAMES[code]?.[letter] ?? letter}` : null, status__cf: letter ? `${code}:${letter}` : null,
        externalid: str(r.externalId), entity, entity__df: name("customer", entity, "entityId"), trandate: str(r.tranDate), createddate: str(r.createdDate), lastmodifieddate: str(r.lastModifiedDate),
        currency: ref(r.currency), currency__df: name("currency", ref(r.currency), "symbol"), subsidiary: ref(r.subsidiary), subsidiary__df: name("subsidiary", ref(r.subsidiary)), location: ref(r.location), memo: str(r.memo), otherrefnum: str(r.otherRefNum),
        foreigntotal: r.total === undefined ? (r.payment === undefined ? null : decimalText(r.payment)) : decimalText(r.total), createdfrom: ref(r.createdFrom), shipstatus: code === "ItemShip" ? letter : null,
      });
      const q = code === "SalesOrd" ? orderQuantities(acct, r.id) : undefined;
      out.transactionline!.push({ id: 0, uniquekey: `${r.id}-0`, transaction: r.id, linesequencenumber: 0, mainline: "T", taxline: "F", item: null, item__df: null, quantity: null, rate: null, foreignamount: r.total === undefined ? null : decimalText(r.total), netamount: null, location: ref(r.location), location__df: name("location", ref(r.location)), isclosed: "F", quantityshiprecv: null, quantitybilled: null, createdfrom: ref(r.createdFrom), memo: str(r.memo), custcol_shopify_line_id: null });
      for (const l of itemsOf(r, type === "inventoryAdjustment" ? "inventory" : "item")) {
        const item = ref(l.item);
        const qty = l.adjustQtyBy ?? l.quantity;
        const amount = l.amount === undefined ? null : decimalText(l.amount);
        const neg = (v: string | null) => (v === null || sign > 0 ? v : v.startsWith("-") ? v.slice(1) : `-${v}`);
        out.transactionline!.push({
          id: Number(l.line), uniquekey: `${r.id}-${l.line}`, transaction: r.id, linesequencenumber: Number(l.line), mainline: "F", taxline: "F", item, item__df: itemName(item),
          quantity: qty === undefined ? null : neg(String(quantity(qty, "quantity"))), rate: l.rate === undefined || typeof l.rate === "string" ? str(l.rate) : decimalText(l.rate), foreignamount: neg(amount), netamount: neg(amount),
          location: ref(l.location), location__df: name("location", ref(l.location)), isclosed: tf(l.isClosed), quantityshiprecv: q ? String(q.fulfilled.get(Number(l.line)) ?? 0) : null, quantitybilled: q ? String(q.billed.get(Number(l.line)) ?? 0) : null,
          createdfrom: ref(r.createdFrom), memo: str(l.description), custcol_shopify_line_id: str(l.custcol_shopify_line_id),
        });
      }
    }
  }
  for (const c of acct.list("customer")) {
    out.customer!.push({ id: c.id, entityid: str(c.entityId), externalid: str(c.externalId), isperson: tf(c.isPerson), firstname: str(c.firstName), lastname: str(c.lastName), companyname: str(c.companyName), email: str(c.email), phone: str(c.phone), subsidiary: ref(c.subsidiary), currency: ref(c.currency), isinactive: tf(c.isInactive), datecreated: str(c.createdDate), lastmodifieddate: str(c.lastModifiedDate) });
  }
  for (const [type, itemtype] of Object.entries(ITEM_TABLES)) {
    for (const i of acct.list(type)) {
      out.item!.push({ id: i.id, itemid: str(i.itemId), displayname: str(i.displayName), itemtype, isinactive: tf(i.isInactive), externalid: str(i.externalId), baseprice: i.basePrice === undefined ? null : decimalText(i.basePrice), lastmodifieddate: str(i.lastModifiedDate) });
      for (const m of itemsOf(i, "member")) out.itemmember!.push({ id: Number(i.id) * 100 + Number(m.line), parentitem: i.id, item: ref(m.item), quantity: String(m.quantity), linenumber: Number(m.line) });
    }
  }
  for (const l of acct.list("location")) out.location!.push({ id: l.id, name: str(l.name), subsidiary: ref(l.subsidiary), isinactive: tf(l.isInactive) });
  for (const s of acct.list("subsidiary")) out.subsidiary!.push({ id: s.id, name: str(s.name), currency: ref(s.currency), country: str(s.country), isinactive: "F" });
  for (const c of acct.list("currency")) out.currency!.push({ id: c.id, symbol: str(c.symbol), name: str(c.name), isbasecurrency: tf(c.isBaseCurrency), isinactive: "F" });
  for (const a of acct.list("account")) out.account!.push({ id: a.id, acctnumber: str(a.acctNumber), acctname: str(a.acctName), accttype: str(a.acctType), isinactive: tf(a.isInactive) });
  for (const t of acct.list("salesTaxItem")) out.salestaxitem!.push({ id: t.id, itemid: str(t.itemId), rate: `${String(t.rate)}%`, isinactive: "F" });
  for (const s of acct.list("shipItem")) out.shipitem!.push({ id: s.id, itemid: str(s.itemId), displayname: str(s.displayName), isinactive: "F" });
  for (const s of acct.stock) out.inventoryitemlocations!.push({ item: s.item, item__df: itemName(s.item), location: s.location, location__df: name("location", s.location), quantityavailable: String(s.quantityAvailable), quantityonhand: String(s.quantityOnHand) });
  return out;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
function formatDate(iso: string, fmt: string): string {
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return fmt
    .replace(/YYYY/g, String(d.getUTCFullYear()))
    .replace(/MM/g, pad(d.getUTCMonth() + 1))
    .replace(/DD/g, pad(d.getUTCDate()))
    .replace(/HH24/g, pad(d.getUTCHours()))
    .replace(/MI/g, pad(d.getUTCMinutes()))
    .replace(/SS/g, pad(d.getUTCSeconds()));
}
function parseDate(text: string, fmt: string): string {
  const parts: Record<string, number> = { YYYY: 1970, MM: 1, DD: 1, HH24: 0, MI: 0, SS: 0 };
  const tokens = fmt.match(/YYYY|MM|DD|HH24|MI|SS/g) ?? [];
  const numbers = text.match(/\d+/g) ?? [];
  tokens.forEach((t, i) => (parts[t] = Number(numbers[i] ?? parts[t])));
  return new Date(Date.UTC(parts.YYYY!, parts.MM! - 1, parts.DD!, parts.HH24!, parts.MI!, parts.SS!)).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A fresh database per account version, so reads see every committed write. */
export class SuiteQL {
  private db: Database.Database | null = null;
  private version = -1;

  constructor(private readonly acct: SimAccount) {}

  private database(): Database.Database {
    if (this.db && this.version === this.acct.version) return this.db;
    this.db?.close();
    const db = new Database(":memory:");
    db.function("nvl", (a: unknown, b: unknown) => a ?? b);
    db.function("nvl2", (a: unknown, b: unknown, c: unknown) => (a === null ? c : b));
    db.function("to_char", (v: unknown, fmt: unknown) => (v === null ? null : typeof fmt === "string" && typeof v === "string" ? formatDate(v, fmt) : String(v)));
    db.function("to_date", (v: unknown, fmt: unknown) => (v === null ? null : parseDate(String(v), String(fmt ?? "YYYY-MM-DD"))));
    db.function("to_number", (v: unknown) => (v === null ? null : Number(v)));
    db.function("sysdate", () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z"));
    const data = rows(this.acct);
    db.transaction(() => {
      for (const [table, cols] of Object.entries(TABLES)) {
        db.exec(`CREATE TABLE "${table}" (${cols.map((c) => `"${c}" ${NUMERIC.has(c) ? "NUMERIC" : "TEXT"}`).join(", ")})`);
        const insert = db.prepare(`INSERT INTO "${table}" VALUES (${cols.map(() => "?").join(", ")})`);
        for (const r of data[table]!) insert.run(cols.map((c) => r[c] ?? null));
      }
      db.exec("CREATE VIEW aggregateitemlocation AS SELECT item, location, quantityavailable, quantityonhand FROM inventoryitemlocations");
    })();
    this.db = db;
    this.version = this.acct.version;
    return db;
  }

  close(): void {
    this.db?.close();
    this.db = null;
  }

  /** Runs `q` and pages the result as NetSuite does. */
  run(q: unknown, limitParam: string | null, offsetParam: string | null, selfBase: string): Record<string, unknown> {
    const limit = limitParam === null ? 1000 : Number(limitParam);
    const offset = offsetParam === null ? 0 : Number(offsetParam);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw invalidParameter("limit", "Invalid value for the 'limit' query parameter: it must be an integer from 1 to 1000.");
    if (!Number.isInteger(offset) || offset < 0) throw invalidParameter("offset", "Invalid value for the 'offset' query parameter: it must be a non-negative integer.");
    if (typeof q !== "string" || q.trim() === "") throw invalidParameter("q", "The request body must have a 'q' property with the SuiteQL query.");
    const sql = translate(q);
    let all: Row[];
    try {
      const stmt = this.database().prepare(sql);
      if (!stmt.reader) throw new Error("Only SELECT statements are supported.");
      all = (stmt.all() as Row[]).slice(0, MAX_RESULTS);
    } catch (e) {
      throw invalidQuery(describe(e));
    }
    const page = all.slice(offset, offset + limit).map((r) => item(r));
    const total = all.length;
    const link = (o: number) => `${selfBase}?limit=${limit}&offset=${o}`;
    const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
    const links: { rel: string; href: string }[] = [];
    if (offset > 0) links.push({ rel: "previous", href: link(Math.max(0, offset - limit)) }, { rel: "first", href: link(0) });
    if (offset + limit < total) links.push({ rel: "next", href: link(offset + limit) });
    links.push({ rel: "last", href: link(lastOffset) }, { rel: "self", href: link(offset) });
    return { links, count: page.length, hasMore: offset + limit < total, items: page, offset, totalResults: total };
  }
}

/** Oracle-isms SQLite lacks, rewritten outside string literals; everything else passes through. */
function translate(q: string): string {
  const parts = q.trim().replace(/;\s*$/, "").split(/('(?:[^']|'')*')/);
  return parts
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/BUILTIN\.(DF|CF)\s*\(\s*((?:[A-Za-z_][\w]*\.)?[A-Za-z_][\w]*)\s*\)/gi, (_m, fn: string, col: string) => `${col}__${fn.toLowerCase()}`)
            // TRANSACTION is a keyword in SQLite, a table and a column in SuiteQL.
            .replace(/(^|[^\w"])(transaction)(?![\w"])/gi, '$1"$2"')
            .replace(/\bSYSDATE\b/gi, "sysdate()")
            .replace(/\bCURRENT_DATE\b/gi, "substr(sysdate(), 1, 10)")
            .replace(/\bFETCH\s+(?:FIRST|NEXT)\s+(\d+)\s+ROWS?\s+ONLY\b/gi, "LIMIT $1"),
    )
    .join("");
}

function describe(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const table = /no such table: (\w+)/i.exec(message);
  if (table) return `Invalid search type: ${table[1]}.`;
  const column = /no such column: ([\w.]+)/i.exec(message);
  if (column) return `Search error occurred: Unknown identifier '${column[1]!.replace(/__(df|cf)$/, "")}'.`;
  return `Search error occurred: ${message}`;
}

/** A row as NetSuite answers it: lower-case names, string values, nulls left out, dates M/D/YYYY. */
function item(r: Row): Record<string, unknown> {
  const out: Record<string, unknown> = { links: [] };
  let expr = 0;
  for (const [k, v] of Object.entries(r)) {
    const plain = /^[a-z_][a-z0-9_]*$/i.test(k) && !/__(df|cf)$/.test(k);
    const name = plain ? k.toLowerCase() : `expr${++expr}`;
    if (v === null || v === undefined) continue;
    const text = String(v);
    const date = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}:\d{2}(\.\d+)?Z)?$/.exec(text);
    out[name] = date ? `${Number(date[2])}/${Number(date[3])}/${date[1]}` : text;
  }
  return out;
}
