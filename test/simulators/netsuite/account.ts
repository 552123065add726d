/**
 * One simulated NetSuite account: its records, external ids, and the rules NetSuite applies on
 * write (references must exist, sublists merge or are replaced, Sales Order totals computed,
 * journal entries balance).
 */
import { invalidContent, nonexistent, userError } from "./errors";
import { demoSeed, type SimRecord } from "./seed";

/** Record types a client may write; the rest are read-only set-up. */
export const WRITABLE = new Set(["customer", "salesOrder", "creditMemo", "cashSale", "invoice", "customerDeposit", "journalEntry", "itemFulfillment", "inventoryAdjustment", "returnAuthorization"]);
const ITEM_TYPES = ["inventoryItem", "kitItem", "shipItem", "discountItem", "otherChargeSaleItem", "nonInventorySaleItem"];
const SUBLISTS: Record<string, string[]> = { salesOrder: ["item"], creditMemo: ["item"], cashSale: ["item"], invoice: ["item"], journalEntry: ["line"], itemFulfillment: ["item"], inventoryAdjustment: ["inventory"], returnAuthorization: ["item"] };
const STATUS_NAMES: Record<string, string> = { A: "Pending Approval", B: "Pending Fulfillment", C: "Cancelled", D: "Partially Fulfilled", E: "Pending Billing/Partially Fulfilled", F: "Pending Billing", G: "Billed", H: "Closed" };

type Json = Record<string, unknown>;
type Line = Json & { line?: number };

/** A JSON number (as NetSuite sends amounts) → integer cents, without float arithmetic. */
export function cents(v: unknown, path: string): number {
  const text = typeof v === "number" ? String(v) : typeof v === "string" ? v : null;
  if (text === null || !/^-?\d+(\.\d+)?(e-?\d+)?$/i.test(text)) throw invalidContent(path, `Invalid number: ${JSON.stringify(v)}`);
  if (/e/i.test(text)) return Math.round(Number(text) * 100);
  const neg = text.startsWith("-");
  const [i, f = ""] = text.replace("-", "").split(".");
  const frac = (f + "000").slice(0, 3);
  let c = Number(i) * 100 + Number(frac.slice(0, 2));
  if (Number(frac[2]) >= 5) c += 1; // half-up at the third decimal
  return neg ? -c : c;
}
const money = (c: number) => Number((c / 100).toFixed(2));

export class SimAccount {
  readonly records = new Map<string, Map<string, SimRecord>>();
  readonly externalIds = new Map<string, Map<string, string>>();
  stock: { item: string; location: string; quantityAvailable: number; quantityOnHand: number }[] = [];
  itemIdBySku = new Map<string, string>();
  private nextId = 5000;

  constructor(
    readonly accountId: string,
    seed: boolean,
  ) {
    if (seed) this.seed();
  }

  seed(): void {
    this.records.clear();
    this.externalIds.clear();
    const s = demoSeed();
    for (const [type, list] of Object.entries(s.records)) for (const r of list) this.put(type, structuredClone(r));
    this.stock = s.stock;
    this.itemIdBySku = s.itemIdBySku;
    this.nextId = 5000;
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

  /** Finds a referenced record of one of `types`, by internal or external id. */
  private resolve(value: unknown, types: string[], path: string): { type: string; id: string } {
    const v = value as { id?: unknown; externalId?: unknown } | null;
    if (!v || typeof v !== "object") throw invalidContent(path, `Invalid reference for field ${path}.`);
    for (const type of types) {
      const id = typeof v.id === "string" || typeof v.id === "number" ? String(v.id) : typeof v.externalId === "string" ? this.idByExternal(type, v.externalId) : undefined;
      if (id && this.get(type, id)) return { type, id };
    }
    throw invalidContent(path, `Invalid value for the reference field ${path}: ${JSON.stringify(value)} does not name an existing record.`);
  }

  create(type: string, body: Json): SimRecord {
    const id = String(this.nextId++);
    const record = this.validate(type, { ...body, id }, null);
    this.put(type, record);
    return record;
  }

  /** PATCH: omitted fields stay, null clears; sublists merge by `line` unless replaced. */
  update(type: string, id: string, body: Json, replace: string[]): SimRecord {
    const current = this.get(type, id);
    if (!current) throw nonexistent(type, id);
    if (type === "salesOrder" && (current.status as { id?: string })?.id === "H" && body.item) throw userError("You cannot change the lines of a closed order.", "item");
    const next: Json = structuredClone(current);
    for (const [k, v] of Object.entries(body)) {
      if (k === "id") continue;
      if (v === null) delete next[k];
      else if (SUBLISTS[type]?.includes(k)) next[k] = { items: this.mergeSublist(((current[k] as { items?: Line[] }) ?? {}).items ?? [], ((v as { items?: Line[] }) ?? {}).items ?? [], replace.includes(k)) };
      else next[k] = v;
    }
    const record = this.validate(type, next as SimRecord, current);
    if (current.externalId && current.externalId !== record.externalId) this.externalIds.get(type)?.delete(current.externalId as string);
    this.put(type, record);
    return record;
  }

  private mergeSublist(current: Line[], incoming: Line[], replace: boolean): Line[] {
    if (replace) return incoming.map((l) => ({ ...l }));
    const out = current.map((l) => ({ ...l }));
    for (const l of incoming) {
      const keyed = typeof l.line === "number" ? out.find((x) => x.line === l.line) : undefined;
      if (keyed) Object.assign(keyed, l);
      else out.push({ ...l, line: undefined });
    }
    return out;
  }

  delete(type: string, id: string): void {
    const r = this.get(type, id);
    if (!r) throw nonexistent(type, id);
    this.table(type).delete(id);
    if (typeof r.externalId === "string") this.externalIds.get(type)?.delete(r.externalId);
  }

  private validate(type: string, r: SimRecord, previous: SimRecord | null): SimRecord {
    if (r.externalId !== undefined && typeof r.externalId !== "string") throw invalidContent("externalId", "Invalid value for field externalId.");
    if (typeof r.externalId === "string") {
      const owner = this.idByExternal(type, r.externalId);
      if (owner && owner !== r.id) throw userError(`A record with external ID ${r.externalId} already exists.`, "externalId");
    }
    for (const [field, types] of [["subsidiary", ["subsidiary"]], ["currency", ["currency"]], ["location", ["location"]], ["entity", ["customer"]], ["customer", ["customer"]], ["salesOrder", ["salesOrder"]], ["createdFrom", ["salesOrder", "invoice", "cashSale"]], ["paymentMethod", ["paymentMethod"]], ["shipMethod", ["shipItem"]], ["shippingTaxCode", ["salesTaxItem"]], ["terms", ["term"]]] as const) {
      if (r[field] !== undefined && field !== "terms") r[field] = { ...(r[field] as Json), id: this.resolve(r[field], [...types], field).id };
    }
    if (type === "salesOrder" || type === "creditMemo" || type === "cashSale" || type === "invoice") return this.transaction(type, r, previous);
    if (type === "journalEntry") return this.journal(r);
    if (type === "customerDeposit" && r.payment !== undefined) cents(r.payment, "payment");
    return r;
  }

  private transaction(type: string, r: SimRecord, previous: SimRecord | null): SimRecord {
    if (!r.entity) throw invalidContent("entity", "Please enter value(s) for: Customer");
    const lines = ((r.item as { items?: Line[] }) ?? {}).items ?? [];
    if (lines.length === 0) throw userError("You must enter at least one line item for this transaction.", "item");
    let subtotal = 0;
    let discount = 0;
    let tax = 0;
    let next = 1;
    const used = new Set(lines.map((l) => l.line).filter((n): n is number => typeof n === "number"));
    const out = lines.map((l, i) => {
      const path = `item.items[${i}]`;
      const item = this.resolve(l.item, ITEM_TYPES, `${path}.item`);
      const line: Line = { ...l, item: { ...(l.item as Json), id: item.id } };
      if (typeof line.line !== "number") {
        while (used.has(next)) next++;
        line.line = next;
        used.add(next);
      }
      if (l.taxCode !== undefined) line.taxCode = { ...(l.taxCode as Json), id: this.resolve(l.taxCode, ["salesTaxItem"], `${path}.taxCode`).id };
      if (l.location !== undefined) line.location = { ...(l.location as Json), id: this.resolve(l.location, ["location"], `${path}.location`).id };
      const isDiscount = item.type === "discountItem";
      let amount: number;
      if (l.amount !== undefined) amount = cents(l.amount, `${path}.amount`);
      else if (isDiscount) amount = cents(l.rate ?? 0, `${path}.rate`);
      else {
        const qty = l.quantity === undefined ? 1 : Number(l.quantity);
        if (!Number.isInteger(qty)) throw invalidContent(`${path}.quantity`, "Invalid quantity.");
        // quantity × rate in cents: rate parsed to 1/1000 cent precision, rounded half-up once.
        const rateMilli = Math.round(cents(l.rate ?? 0, `${path}.rate`) * 1000);
        amount = Math.round((qty * rateMilli) / 1000);
      }
      line.amount = money(amount);
      if (!line.isClosed) {
        if (isDiscount) discount += amount;
        else subtotal += amount;
      }
      if (l.tax1Amt !== undefined) {
        const t = cents(l.tax1Amt, `${path}.tax1Amt`);
        line.tax1Amt = money(t);
        if (!line.isClosed) tax += t;
      }
      return line;
    });
    const shipping = r.shippingCost !== undefined && r.shippingCost !== null ? cents(r.shippingCost, "shippingCost") : 0;
    if (r.shippingTax1Amt !== undefined) tax += cents(r.shippingTax1Amt, "shippingTax1Amt");
    const record: SimRecord = { ...r, item: { items: out }, subtotal: money(subtotal), discountTotal: money(discount), taxTotal: money(tax), shippingCost: money(shipping), total: money(subtotal + discount + tax + shipping) };
    if (type === "salesOrder") {
      const prevStatus = (previous?.status as { id?: string } | undefined)?.id;
      const requested = typeof r.orderStatus === "string" ? r.orderStatus : (r.orderStatus as { id?: string } | undefined)?.id;
      const allClosed = out.every((l) => l.isClosed === true);
      const status = allClosed ? "H" : prevStatus && prevStatus !== "A" && prevStatus !== "B" ? prevStatus : requested === "A" ? "A" : "B";
      record.orderStatus = status === "A" ? "A" : "B";
      record.status = { id: status, refName: STATUS_NAMES[status] };
    }
    return record;
  }

  private journal(r: SimRecord): SimRecord {
    const lines = ((r.line as { items?: Line[] }) ?? {}).items ?? [];
    let debit = 0;
    let credit = 0;
    lines.forEach((l, i) => {
      this.resolve(l.account, ["account"], `line.items[${i}].account`);
      if (l.debit !== undefined) debit += cents(l.debit, `line.items[${i}].debit`);
      if (l.credit !== undefined) credit += cents(l.credit, `line.items[${i}].credit`);
    });
    if (debit !== credit) throw userError(`The transaction is out of balance: debits ${money(debit)} and credits ${money(credit)} must be equal.`, "line");
    return r;
  }

  /** The warehouse picks or ships a Sales Order: an Item Fulfilment for its open quantities. */
  fulfil(salesOrderId: string, shipStatus: "A" | "B" | "C", opts: { lines?: { line: number; quantity: number }[]; carrier?: string; trackingNumber?: string }): SimRecord {
    const so = this.get("salesOrder", salesOrderId);
    if (!so) throw nonexistent("salesOrder", salesOrderId);
    const lines = ((so.item as { items: Line[] }).items ?? []).filter((l) => !l.isClosed && this.get("discountItem", String((l.item as Json).id)) === undefined);
    const already = new Map<number, number>();
    for (const f of this.list("itemFulfillment").filter((f) => (f.createdFrom as Json)?.id === salesOrderId)) for (const l of (f.item as { items: Line[] }).items) already.set(Number(l.orderLine), (already.get(Number(l.orderLine)) ?? 0) + Number(l.quantity));
    const wanted = opts.lines ?? lines.map((l) => ({ line: l.line!, quantity: Number(l.quantity ?? 1) - (already.get(l.line!) ?? 0) }));
    const items = wanted.filter((w) => w.quantity > 0).map((w) => {
      const l = lines.find((x) => x.line === w.line);
      if (!l) throw userError(`Line ${w.line} cannot be fulfilled.`);
      return { orderLine: w.line, item: l.item, quantity: w.quantity, location: l.location ?? so.location };
    });
    if (items.length === 0) throw userError("There are no lines to fulfill on this order.");
    const f = this.create("itemFulfillment", {
      createdFrom: { id: salesOrderId },
      entity: so.entity,
      shipStatus: { id: shipStatus, refName: { A: "Picked", B: "Packed", C: "Shipped" }[shipStatus] },
      item: { items: items.map((i, n) => ({ ...i, line: n + 1 })) },
      ...(opts.trackingNumber ? { packageList: { items: [{ packageTrackingNumber: opts.trackingNumber, packageDescr: opts.carrier ?? "" }] }, shipCarrier: opts.carrier ?? null } : {}),
    });
    for (const i of items) already.set(i.orderLine, (already.get(i.orderLine) ?? 0) + i.quantity);
    const complete = lines.every((l) => (already.get(l.line!) ?? 0) >= Number(l.quantity ?? 1));
    so.status = complete ? { id: "F", refName: STATUS_NAMES.F } : { id: "D", refName: STATUS_NAMES.D };
    return f;
  }
}
