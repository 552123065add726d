/**
 * One simulated NetSuite account: its records, external ids and stock, and the rules NetSuite
 * applies on write (references must exist, sublists merge or are replaced, transactions get
 * their totals and statuses computed, journal entries balance).
 */
import { invalidContent, invalidRequest, nonexistent, userError } from "./errors";
import { cents } from "./money";
import { demoSeed, type SimRecord } from "./seed";
import { checkSalesOrderEdit, computeTransaction, refreshSalesOrder, stockOnShip, TRANSACTION_TYPES, TYPE_CODES } from "./transactions";

export type Json = Record<string, unknown>;
export type Line = Json & { line?: number };
export interface StockRow {
  item: string;
  location: string;
  quantityAvailable: number;
  quantityOnHand: number;
}

/** Record types a client may write; the rest are read-only set-up. */
export const WRITABLE = new Set(["customer", "salesOrder", "creditMemo", "cashSale", "invoice", "customerDeposit", "journalEntry", "itemFulfillment", "inventoryAdjustment", "returnAuthorization"]);
export const ITEM_TYPES = ["inventoryItem", "kitItem", "nonInventorySaleItem", "otherChargeSaleItem", "discountItem", "shipItem"];
export const SUBLISTS: Record<string, string[]> = {
  salesOrder: ["item"],
  creditMemo: ["item", "apply"],
  cashSale: ["item"],
  invoice: ["item"],
  returnAuthorization: ["item"],
  journalEntry: ["line"],
  itemFulfillment: ["item", "package"],
  inventoryAdjustment: ["inventory"],
  kitItem: ["member"],
  customer: ["addressBook"],
};
/** Header reference fields and the record types they may name. */
export const REFERENCE_FIELDS: Record<string, string[]> = {
  subsidiary: ["subsidiary"],
  currency: ["currency"],
  location: ["location"],
  adjLocation: ["location"],
  entity: ["customer"],
  customer: ["customer"],
  salesOrder: ["salesOrder"],
  createdFrom: ["salesOrder", "invoice", "cashSale", "returnAuthorization"],
  paymentMethod: ["paymentMethod"],
  shipMethod: ["shipItem"],
  shippingTaxCode: ["salesTaxItem"],
  account: ["account"],
};

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");

export class SimAccount {
  readonly records = new Map<string, Map<string, SimRecord>>();
  readonly externalIds = new Map<string, Map<string, string>>();
  stock: StockRow[] = [];
  itemIdBySku = new Map<string, string>();
  /** Bumped on every change, so SuiteQL knows when to rebuild its tables. */
  version = 0;
  private nextId = 5000;
  private tranNumbers = new Map<string, number>();

  constructor(
    readonly accountId: string,
    seed: boolean,
  ) {
    this.reset(seed);
  }

  reset(seed = true): void {
    this.records.clear();
    this.externalIds.clear();
    this.tranNumbers.clear();
    this.nextId = 5000;
    this.stock = [];
    this.itemIdBySku = new Map();
    if (seed) {
      const s = demoSeed();
      const created = "2026-01-01T00:00:00Z";
      for (const [type, list] of Object.entries(s.records)) for (const r of list) this.put(type, { createdDate: created, lastModifiedDate: created, ...structuredClone(r) });
      this.stock = s.stock.map((x) => ({ ...x }));
      this.itemIdBySku = s.itemIdBySku;
    }
    this.version++;
  }

  private table(type: string): Map<string, SimRecord> {
    let t = this.records.get(type);
    if (!t) this.records.set(type, (t = new Map()));
    return t;
  }

  private put(type: string, r: SimRecord): void {
    this.table(type).set(r.id, r);
    if (typeof r.externalId === "string") {
      let ids = this.externalIds.get(type);
      if (!ids) this.externalIds.set(type, (ids = new Map()));
      ids.set(r.externalId, r.id);
    }
    this.version++;
  }

  /** Stores a record changed in place by the account's own rules (status moves, shipping). */
  save(type: string, r: SimRecord): void {
    r.lastModifiedDate = now();
    this.put(type, r);
  }

  get(type: string, id: string): SimRecord | undefined {
    return this.table(type).get(id);
  }

  idByExternal(type: string, externalId: string): string | undefined {
    return this.externalIds.get(type)?.get(externalId);
  }

  list(type: string): SimRecord[] {
    return [...this.table(type).values()];
  }

  types(): string[] {
    return [...this.records.keys()];
  }

  /** The first of `types` holding `id` (items live in one table per item type). */
  typeOf(id: string, types: string[]): string | undefined {
    return types.find((t) => this.get(t, id));
  }

  /** Finds a referenced record of one of `types`, by internal or external id. */
  resolve(value: unknown, types: string[], path: string): { type: string; id: string } {
    const v = value as { id?: unknown; externalId?: unknown } | null;
    if (typeof value === "string" || typeof value === "number") return this.resolve({ id: String(value) }, types, path);
    if (!v || typeof v !== "object") throw invalidContent(path, `Invalid value for the reference field ${path}.`);
    for (const type of types) {
      const id = typeof v.id === "string" || typeof v.id === "number" ? String(v.id) : typeof v.externalId === "string" ? this.idByExternal(type, v.externalId) : undefined;
      if (id && this.get(type, id)) return { type, id };
    }
    throw invalidContent(path, `Invalid value for the reference field ${path}: ${JSON.stringify(value)} does not name an existing record.`);
  }

  create(type: string, body: Json, opts: { viaTransform?: boolean } = {}): SimRecord {
    if (type === "itemFulfillment" && !opts.viaTransform) throw userError("An item fulfillment is created from its order: POST …/salesOrder/{id}/!transform/itemFulfillment.");
    const id = String(this.nextId++);
    const stamp = now();
    const draft: SimRecord = { ...body, id, createdDate: stamp, lastModifiedDate: stamp };
    const code = TYPE_CODES[type];
    if (code && draft.tranId === undefined) {
      const n = (this.tranNumbers.get(code) ?? 1000) + 1;
      this.tranNumbers.set(code, n);
      draft.tranId = `${TRAN_PREFIX[code] ?? code}${n}`;
    }
    if (code && draft.tranDate === undefined) draft.tranDate = stamp.slice(0, 10);
    const record = this.validate(type, draft, null);
    this.put(type, record);
    this.afterWrite(type, record, null);
    return record;
  }

  /** PATCH: omitted fields stay, null clears; sublists merge by `line` unless replaced. */
  update(type: string, id: string, body: Json, replace: string[]): SimRecord {
    const current = this.get(type, id);
    if (!current) throw nonexistent(type, id);
    if (!WRITABLE.has(type)) throw invalidRequest(`Records of type ${type} cannot be changed through this integration.`);
    const next: Json = structuredClone(current);
    for (const [k, v] of Object.entries(body)) {
      if (k === "id" || k === "links") continue;
      if (v === null) delete next[k];
      else if (SUBLISTS[type]?.includes(k)) next[k] = { items: mergeSublist(((current[k] as { items?: Line[] }) ?? {}).items ?? [], ((v as { items?: Line[] }) ?? {}).items ?? [], replace.includes(k)) };
      else next[k] = v;
    }
    for (const k of replace) if (SUBLISTS[type]?.includes(k) && !(k in body)) next[k] = { items: [] };
    if (type === "salesOrder") checkSalesOrderEdit(this, current, next, body, replace.includes("item"));
    next.lastModifiedDate = now();
    const record = this.validate(type, next as SimRecord, current);
    if (current.externalId && current.externalId !== record.externalId) this.externalIds.get(type)?.delete(current.externalId as string);
    this.put(type, record);
    this.afterWrite(type, record, current);
    return record;
  }

  delete(type: string, id: string): void {
    const r = this.get(type, id);
    if (!r) throw nonexistent(type, id);
    if (!WRITABLE.has(type)) throw invalidRequest(`Records of type ${type} cannot be deleted through this integration.`);
    if (type === "salesOrder" && TRANSACTION_TYPES.some((t) => this.list(t).some((x) => (x.createdFrom as Json | undefined)?.id === id))) {
      throw userError("This record cannot be deleted because it has dependent records.");
    }
    this.table(type).delete(id);
    if (typeof r.externalId === "string") this.externalIds.get(type)?.delete(r.externalId);
    this.version++;
    this.afterWrite(type, null, r);
  }

  stockRow(item: string, location: string): StockRow {
    let row = this.stock.find((s) => s.item === item && s.location === location);
    if (!row) this.stock.push((row = { item, location, quantityAvailable: 0, quantityOnHand: 0 }));
    return row;
  }

  /** Moves on-hand and available stock together (shipping, adjustments); kits move their members. */
  moveStock(item: string, location: string, delta: number): void {
    const kit = this.get("kitItem", item);
    if (kit) {
      for (const m of ((kit.member as { items?: Line[] }) ?? {}).items ?? []) this.moveStock(String((m.item as Json).id), location, delta * Number(m.quantity ?? 1));
      return;
    }
    if (!this.get("inventoryItem", item)) return;
    const row = this.stockRow(item, location);
    row.quantityOnHand += delta;
    row.quantityAvailable += delta;
    this.version++;
  }

  private validate(type: string, r: SimRecord, previous: SimRecord | null): SimRecord {
    if (r.externalId !== undefined && typeof r.externalId !== "string") throw invalidContent("externalId", "Invalid value for field externalId.");
    if (typeof r.externalId === "string") {
      const owner = this.idByExternal(type, r.externalId);
      if (owner && owner !== r.id) throw userError(`A record with external ID ${r.externalId} already exists.`, "externalId");
    }
    for (const [field, types] of Object.entries(REFERENCE_FIELDS)) {
      if (r[field] === undefined || (type === "journalEntry" && field === "account")) continue;
      r[field] = { ...(typeof r[field] === "object" ? (r[field] as Json) : {}), id: this.resolve(r[field], types, field).id };
      delete (r[field] as Json).externalId;
    }
    if (type === "customer") return customer(r);
    if (type === "journalEntry") return this.journal(r);
    if (type === "customerDeposit") {
      if (!r.customer) throw invalidContent("customer", "Please enter value(s) for: Customer");
      if (r.payment === undefined) throw invalidContent("payment", "Please enter value(s) for: Payment Amount");
      if (cents(r.payment, "payment") <= 0) throw invalidContent("payment", "The payment amount must be greater than zero.");
      r.status ??= { id: "A", refName: "Not Deposited" };
      return r;
    }
    if (type === "inventoryAdjustment") return this.adjustment(r, previous);
    return computeTransaction(this, type, r, previous);
  }

  private journal(r: SimRecord): SimRecord {
    const lines = ((r.line as { items?: Line[] }) ?? {}).items ?? [];
    if (lines.length < 2) throw userError("A journal entry needs at least two lines.", "line");
    let debit = 0;
    let credit = 0;
    const used = new Set(lines.map((l) => l.line).filter((n) => n !== undefined).map(Number));
    let next = 0;
    const number = () => {
      while (used.has(next)) next++;
      used.add(next);
      return next;
    };
    r.line = {
      items: lines.map((l, i) => {
        const path = `line.items[${i}]`;
        const account = this.resolve(l.account, ["account"], `${path}.account`);
        const d = l.debit === undefined || l.debit === null ? 0 : cents(l.debit, `${path}.debit`);
        const c = l.credit === undefined || l.credit === null ? 0 : cents(l.credit, `${path}.credit`);
        if (d < 0 || c < 0 || (d > 0 && c > 0)) throw invalidContent(path, "A journal line has either a debit or a credit, not negative.");
        debit += d;
        credit += c;
        return { ...l, line: l.line === undefined ? number() : Number(l.line), account: { ...(l.account as Json), id: account.id } };
      }),
    };
    if (debit !== credit) throw userError(`The transaction is out of balance: total debits and total credits must be equal.`, "line");
    r.status ??= { id: "B", refName: "Approved for Posting" };
    return r;
  }

  private adjustment(r: SimRecord, previous: SimRecord | null): SimRecord {
    if (previous) throw userError("Inventory adjustments cannot be edited in this simulator: create a new one.");
    if (!r.account) throw invalidContent("account", "Please enter value(s) for: Adjustment Account");
    const lines = ((r.inventory as { items?: Line[] }) ?? {}).items ?? [];
    if (lines.length === 0) throw userError("You must enter at least one line item for this transaction.", "inventory");
    r.inventory = {
      items: lines.map((l, i) => {
        const path = `inventory.items[${i}]`;
        const item = this.resolve(l.item, ["inventoryItem"], `${path}.item`);
        const location = this.resolve(l.location ?? r.adjLocation, ["location"], `${path}.location`);
        const by = Number(l.adjustQtyBy);
        if (!Number.isInteger(by) || by === 0) throw invalidContent(`${path}.adjustQtyBy`, "Please enter a non-zero whole quantity to adjust by.");
        return { ...l, line: i + 1, item: { id: item.id }, location: { id: location.id }, adjustQtyBy: by };
      }),
    };
    return r;
  }

  private afterWrite(type: string, record: SimRecord | null, previous: SimRecord | null): void {
    if (type === "inventoryAdjustment" && record && !previous) {
      for (const l of (record.inventory as { items: Line[] }).items) this.moveStock(String((l.item as Json).id), String((l.location as Json).id), Number(l.adjustQtyBy));
    }
    if (type === "itemFulfillment") stockOnShip(this, record, previous);
    if (type === "salesOrder" && record) refreshSalesOrder(this, record.id);
    const from = ((record ?? previous)?.createdFrom as Json | undefined)?.id;
    if (from && type !== "salesOrder" && this.get("salesOrder", String(from))) refreshSalesOrder(this, String(from));
  }
}

const TRAN_PREFIX: Record<string, string> = { SalesOrd: "SO", CustInvc: "INV", CashSale: "CS", CustCred: "CM", CustDep: "DEP", Journal: "JE", ItemShip: "IF", InvAdjst: "ADJ", RtnAuth: "RMA" };

function customer(r: SimRecord): SimRecord {
  const isPerson = r.isPerson === true || r.isPerson === "T";
  if (isPerson && !r.lastName && !r.firstName) throw invalidContent("lastName", "Please enter value(s) for: Last Name");
  if (!isPerson && !r.companyName) throw invalidContent("companyName", "Please enter value(s) for: Company Name");
  if (!r.subsidiary) throw invalidContent("subsidiary", "Please enter value(s) for: Primary Subsidiary");
  if (typeof r.email === "string" && r.email !== "" && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(r.email)) throw invalidContent("email", `Invalid email address: ${r.email}`);
  r.entityId = isPerson ? [r.firstName, r.lastName].filter(Boolean).join(" ") : String(r.companyName);
  return r;
}

/** Without replace: keyed lines (`line`) are updated, other lines appended; with it, replaced. */
function mergeSublist(current: Line[], incoming: Line[], replace: boolean): Line[] {
  if (replace) return incoming.map((l) => ({ ...l }));
  const out = current.map((l) => ({ ...l }));
  for (const l of incoming) {
    const keyed = l.line !== undefined ? out.find((x) => x.line === Number(l.line)) : undefined;
    if (keyed) {
      // A changed quantity or rate without an amount makes NetSuite recompute the amount.
      if (("quantity" in l || "rate" in l) && !("amount" in l)) delete keyed.amount;
      if (("quantity" in l || "rate" in l || "amount" in l || "taxCode" in l) && !("tax1Amt" in l)) delete keyed.tax1Amt;
      Object.assign(keyed, l, { line: keyed.line });
    } else out.push({ ...l, line: undefined });
  }
  return out;
}
