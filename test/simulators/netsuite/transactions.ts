/**
 * Transactions as NetSuite computes them: line amounts and totals (exactly as
 * app/netsuite/records.ts describes, in cents), Sales Order statuses from what has been
 * fulfilled and billed, and the records a Sales Order turns into (Item Fulfilment, Invoice,
 * Cash Sale).
 */
import type { Json, Line, SimAccount } from "./account";
import { invalidContent, userError } from "./errors";
import { cents, lineAmount, parseDec, percentOf, prorate, quantity, roundTo, wire } from "./money";
import type { SimRecord } from "./seed";

export const TYPE_CODES: Record<string, string> = {
  salesOrder: "SalesOrd",
  invoice: "CustInvc",
  cashSale: "CashSale",
  creditMemo: "CustCred",
  customerDeposit: "CustDep",
  journalEntry: "Journal",
  itemFulfillment: "ItemShip",
  inventoryAdjustment: "InvAdjst",
  returnAuthorization: "RtnAuth",
};
export const TYPE_NAMES: Record<string, string> = { SalesOrd: "Sales Order", CustInvc: "Invoice", CashSale: "Cash Sale", CustCred: "Credit Memo", CustDep: "Customer Deposit", Journal: "Journal", ItemShip: "Item Fulfillment", InvAdjst: "Inventory Adjustment", RtnAuth: "Return Authorization" };
export const TRANSACTION_TYPES = Object.keys(TYPE_CODES);
/** Status letters per transaction type code (SuiteQL shows `SalesOrd:B` through BUILTIN.CF). */
export const STATUS_NAMES: Record<string, Record<string, string>> = {
  SalesOrd: { A: "Pending Approval", B: "Pending Fulfillment", C: "Cancelled", D: "Partially Fulfilled", E: "Pending Billing/Partially Fulfilled", F: "Pending Billing", G: "Billed", H: "Closed" },
  ItemShip: { A: "Picked", B: "Packed", C: "Shipped" },
  CustInvc: { A: "Open", B: "Paid In Full" },
  CashSale: { A: "Unapproved Payment", B: "Not Deposited", C: "Deposited" },
  CustCred: { A: "Open", B: "Fully Applied" },
  CustDep: { A: "Not Deposited", B: "Deposited", C: "Fully Applied" },
  Journal: { A: "Pending Approval", B: "Approved for Posting" },
  RtnAuth: { A: "Pending Approval", B: "Pending Receipt" },
};
const INITIAL_STATUS: Record<string, string> = { CustInvc: "A", CashSale: "B", CustCred: "A", RtnAuth: "B" };
const LINE_TYPES = new Set(["salesOrder", "invoice", "cashSale", "creditMemo", "returnAuthorization"]);
const ITEM_TYPES = ["inventoryItem", "kitItem", "nonInventorySaleItem", "otherChargeSaleItem", "discountItem", "shipItem"];
const FULFILLABLE = ["inventoryItem", "kitItem"];

const status = (code: string, letter: string) => ({ id: letter, refName: STATUS_NAMES[code]?.[letter] ?? letter });
const letterOf = (v: unknown): string | undefined => (typeof v === "string" ? v : (v as { id?: string } | undefined)?.id);
const itemsOf = (r: Json, sublist = "item"): Line[] => ((r[sublist] as { items?: Line[] } | undefined) ?? {}).items ?? [];
const refId = (v: unknown) => String((v as Json | undefined)?.id ?? "");
const closed = (l: Line) => l.isClosed === true || l.isClosed === "T";

/** Lines, line amounts and totals of an item transaction; Item Fulfilments' ship status. */
export function computeTransaction(acct: SimAccount, type: string, r: SimRecord, previous: SimRecord | null): SimRecord {
  const code = TYPE_CODES[type] ?? "";
  if (type === "itemFulfillment") {
    const s = letterOf(r.shipStatus) ?? "C";
    if (!STATUS_NAMES.ItemShip![s]) throw invalidContent("shipStatus", `Invalid ship status ${s}: use A (Picked), B (Packed) or C (Shipped).`);
    if (letterOf(previous?.shipStatus) === "C" && s !== "C") throw userError("A shipped item fulfillment cannot go back to picked or packed.", "shipStatus");
    r.shipStatus = status("ItemShip", s);
    return r;
  }
  if (!LINE_TYPES.has(type)) return r;
  if (!r.entity) throw invalidContent("entity", "Please enter value(s) for: Customer");
  const lines = itemsOf(r);
  if (lines.length === 0) throw userError("You must enter at least one line item for this transaction.", "item");
  let subtotal = 0;
  let discount = 0;
  let tax = 0;
  let previousAmount = 0;
  const used = new Set(lines.map((l) => (l.line === undefined ? undefined : Number(l.line))).filter((n) => n !== undefined));
  let next = 1;
  const out = lines.map((l, i) => {
    const path = `item.items[${i}]`;
    const item = acct.resolve(l.item, ITEM_TYPES, `${path}.item`);
    const line: Line = { ...l, item: { id: item.id, refName: String(acct.get(item.type, item.id)?.itemId ?? "") } };
    if (line.line === undefined) {
      while (used.has(next)) next++;
      line.line = next;
      used.add(next);
    } else line.line = Number(line.line);
    if (l.taxCode !== undefined && l.taxCode !== null) line.taxCode = { id: acct.resolve(l.taxCode, ["salesTaxItem"], `${path}.taxCode`).id };
    if (l.location !== undefined && l.location !== null) line.location = { id: acct.resolve(l.location, ["location"], `${path}.location`).id };
    const isDiscount = item.type === "discountItem";
    let amount: number;
    if (l.amount !== undefined && l.amount !== null) amount = cents(l.amount, `${path}.amount`);
    else if (isDiscount && typeof l.rate === "string" && l.rate.trim().endsWith("%")) amount = percentOf(previousAmount, l.rate.trim().slice(0, -1));
    else if (isDiscount) amount = cents(l.rate ?? 0, `${path}.rate`);
    else {
      if (l.quantity !== undefined && quantity(l.quantity, `${path}.quantity`) < 0) throw invalidContent(`${path}.quantity`, "The quantity cannot be negative.");
      amount = lineAmount(l.quantity ?? 1, l.rate ?? acct.get(item.type, item.id)?.basePrice ?? 0, path);
      if (l.rate === undefined) line.rate = wire(cents(acct.get(item.type, item.id)?.basePrice ?? 0, `${path}.rate`));
      if (l.quantity === undefined) line.quantity = 1;
    }
    if (isDiscount && amount > 0) throw invalidContent(`${path}.amount`, "A discount line's amount must not be positive.");
    line.amount = wire(amount);
    let lineTax = 0;
    if (l.tax1Amt !== undefined && l.tax1Amt !== null) lineTax = cents(l.tax1Amt, `${path}.tax1Amt`);
    else if (line.taxCode) lineTax = percentOf(amount, String(acct.get("salesTaxItem", refId(line.taxCode))?.rate ?? "0"));
    line.tax1Amt = wire(lineTax);
    if (isDiscount) discount += amount;
    else {
      subtotal += amount;
      previousAmount = amount;
    }
    tax += lineTax;
    return line;
  });
  const shipping = r.shippingCost !== undefined && r.shippingCost !== null ? cents(r.shippingCost, "shippingCost") : 0;
  let shippingTax = 0;
  if (r.shippingTax1Amt !== undefined && r.shippingTax1Amt !== null) shippingTax = cents(r.shippingTax1Amt, "shippingTax1Amt");
  else if (r.shippingTaxCode) shippingTax = percentOf(shipping, String(acct.get("salesTaxItem", refId(r.shippingTaxCode))?.rate ?? "0"));
  if (shipping !== 0 || r.shippingCost !== undefined) r.shippingTax1Amt = wire(shippingTax);
  tax += shippingTax;
  const record: SimRecord = { ...r, item: { items: out }, subtotal: wire(subtotal), discountTotal: wire(discount), taxTotal: wire(tax), shippingCost: wire(shipping), total: wire(subtotal + discount + tax + shipping) };
  if (type === "salesOrder") {
    const requested = letterOf(r.orderStatus) ?? "B";
    if (requested !== "A" && requested !== "B") throw invalidContent("orderStatus", `Invalid order status ${requested}: send A (Pending Approval) or B (Pending Fulfillment).`);
    if (requested === "A" && previous && letterOf(previous.orderStatus) === "B") throw userError("An approved order cannot go back to pending approval.", "orderStatus");
    record.orderStatus = status("SalesOrd", requested);
    record.status = previous?.status ?? status("SalesOrd", requested);
  } else if (!record.status && INITIAL_STATUS[code]) record.status = status(code, INITIAL_STATUS[code]!);
  return record;
}

/** Quantities of each Sales Order line fulfilled (any ship status) and billed so far. */
export function orderQuantities(acct: SimAccount, soId: string): { fulfilled: Map<number, number>; billed: Map<number, number>; billedShipping: boolean } {
  const fulfilled = new Map<number, number>();
  const billed = new Map<number, number>();
  const add = (m: Map<number, number>, l: Line) => m.set(Number(l.orderLine), (m.get(Number(l.orderLine)) ?? 0) + quantity(l.quantity ?? 1, "quantity"));
  for (const f of acct.list("itemFulfillment")) if (refId(f.createdFrom) === soId) for (const l of itemsOf(f)) add(fulfilled, l);
  let billedShipping = false;
  for (const t of ["invoice", "cashSale"]) {
    for (const b of acct.list(t)) {
      if (refId(b.createdFrom) !== soId) continue;
      billedShipping = true;
      for (const l of itemsOf(b)) if (l.orderLine !== undefined) add(billed, l);
    }
  }
  return { fulfilled, billed, billedShipping };
}

const fulfillable = (acct: SimAccount, l: Line) => FULFILLABLE.some((t) => acct.get(t, refId(l.item)));
const ordered = (l: Line) => quantity(l.quantity ?? 1, "quantity");

/** Pending Fulfillment → (Pending Billing/)Partially Fulfilled → Pending Billing → Billed; Closed when every line is. */
export function salesOrderStatus(acct: SimAccount, so: SimRecord): string {
  const lines = itemsOf(so);
  if (lines.length > 0 && lines.every(closed)) return "H";
  if (letterOf(so.orderStatus) === "A") return "A";
  const { fulfilled, billed } = orderQuantities(acct, so.id);
  const open = lines.filter((l) => !closed(l));
  const toFulfil = open.filter((l) => fulfillable(acct, l));
  const f = (l: Line) => fulfilled.get(Number(l.line)) ?? 0;
  const b = (l: Line) => billed.get(Number(l.line)) ?? 0;
  const allBilled = open.every((l) => b(l) >= ordered(l));
  if (toFulfil.length === 0) return allBilled ? "G" : "F";
  if (!toFulfil.some((l) => f(l) > 0)) return "B";
  if (toFulfil.every((l) => f(l) >= ordered(l))) return allBilled ? "G" : "F";
  return toFulfil.some((l) => f(l) > b(l)) ? "E" : "D";
}

export function refreshSalesOrder(acct: SimAccount, soId: string): void {
  const so = acct.get("salesOrder", soId);
  if (!so) return;
  const s = salesOrderStatus(acct, so);
  if (letterOf(so.status) !== s) acct.save("salesOrder", { ...so, status: status("SalesOrd", s) });
}

/** NetSuite refuses line edits on a closed order and quantities below what was fulfilled. */
export function checkSalesOrderEdit(acct: SimAccount, current: SimRecord, next: Json, body: Json, replaced: boolean): void {
  if (body.item === undefined && !replaced) return;
  if (letterOf(current.status) === "H") throw userError("You cannot edit the lines of a closed order.", "item");
  const { fulfilled } = orderQuantities(acct, current.id);
  if (replaced && [...fulfilled.values()].some((q) => q > 0)) throw userError("Fulfilled lines cannot be removed: this order's lines cannot be replaced.", "item");
  const lines = itemsOf(next);
  for (const [line, qty] of fulfilled) {
    const i = lines.findIndex((l) => Number(l.line) === line);
    if (i < 0) throw userError(`Line ${line} has been fulfilled and cannot be removed.`, "item");
    if (ordered(lines[i]!) < qty) throw userError(`The quantity of line ${line} cannot be less than the ${qty} already fulfilled.`, `item.items[${i}].quantity`);
  }
}

export interface FulfilOptions {
  shipStatus?: "A" | "B" | "C";
  lines?: { line?: number; orderLine?: number; quantity: number }[];
  carrier?: string;
  trackingNumber?: string;
  fields?: Json;
}

/** A warehouse (or `!transform/itemFulfillment`) fulfils open quantities of a Sales Order. */
export function fulfil(acct: SimAccount, soId: string, o: FulfilOptions): SimRecord {
  const so = acct.get("salesOrder", soId)!;
  const s = letterOf(so.status);
  if (s === "A") throw userError("This order is pending approval and cannot be fulfilled.");
  if (s === "H" || s === "C") throw userError("This order is closed and cannot be fulfilled.");
  const lines = itemsOf(so).filter((l) => !closed(l) && fulfillable(acct, l));
  const { fulfilled } = orderQuantities(acct, soId);
  const remaining = (l: Line) => ordered(l) - (fulfilled.get(Number(l.line)) ?? 0);
  const wanted: { line?: number; orderLine?: number; quantity: number }[] = o.lines ?? lines.map((l) => ({ orderLine: Number(l.line), quantity: remaining(l) }));
  const items = wanted
    .filter((w) => w.quantity > 0)
    .map((w, i) => {
      const key = Number(w.orderLine ?? w.line);
      const l = lines.find((x) => Number(x.line) === key);
      if (!l) throw userError(`Line ${key} of the order cannot be fulfilled.`, `item.items[${i}].orderLine`);
      if (w.quantity > remaining(l)) throw userError(`You cannot fulfil more than the ${remaining(l)} remaining on line ${key}.`, `item.items[${i}].quantity`);
      const location = l.location ?? so.location ?? { id: acct.list("location")[0]?.id };
      return { line: i + 1, orderLine: key, item: l.item, quantity: w.quantity, location, itemReceive: true };
    });
  if (items.length === 0) throw userError("This order has no lines left to fulfill.");
  return acct.create(
    "itemFulfillment",
    {
      ...(o.fields ?? {}),
      createdFrom: { id: soId },
      entity: so.entity,
      subsidiary: so.subsidiary,
      shipStatus: o.shipStatus ?? letterOf(o.fields?.shipStatus) ?? "C",
      item: { items: items },
      ...(o.trackingNumber ? { package: { items: [{ line: 1, packageTrackingNumber: o.trackingNumber, packageDescr: o.carrier ?? "", packageWeight: 1 }] } } : {}),
    },
    { viaTransform: true },
  );
}

/** Shipping moves stock out of the line's location, once, when the status reaches C. */
export function stockOnShip(acct: SimAccount, f: SimRecord | null, previous: SimRecord | null): void {
  const wasShipped = letterOf(previous?.shipStatus) === "C";
  const isShipped = f !== null && letterOf(f.shipStatus) === "C";
  if (wasShipped === isShipped) return;
  const source = (isShipped ? f : previous)!;
  for (const l of itemsOf(source)) acct.moveStock(refId(l.item), refId(l.location), (isShipped ? -1 : 1) * quantity(l.quantity ?? 1, "quantity"));
}

/** `!transform/invoice` or `!transform/cashSale`: bills what is fulfilled and not yet billed. */
export function bill(acct: SimAccount, soId: string, target: "invoice" | "cashSale", fields: Json): SimRecord {
  const so = acct.get("salesOrder", soId)!;
  const s = letterOf(so.status);
  if (s === "A" || s === "H" || s === "C") throw userError(`This order is ${STATUS_NAMES.SalesOrd![s!]} and cannot be billed.`);
  const { fulfilled, billed, billedShipping } = orderQuantities(acct, soId);
  const items: Line[] = [];
  for (const l of itemsOf(so)) {
    if (closed(l)) continue;
    const q = ordered(l);
    const done = billed.get(Number(l.line)) ?? 0;
    const billable = (fulfillable(acct, l) ? (fulfilled.get(Number(l.line)) ?? 0) : q) - done;
    if (billable <= 0) continue;
    const amount = cents(l.amount, "amount");
    const tax = cents(l.tax1Amt ?? 0, "tax1Amt");
    const whole = billable === q;
    const rate = l.rate !== undefined && typeof l.rate !== "string" ? l.rate : undefined;
    const partAmount = whole ? amount : rate !== undefined ? lineAmount(billable, rate, "item") : prorate(amount, billable, q);
    items.push({ orderLine: l.line, item: { id: refId(l.item) }, quantity: billable, ...(rate !== undefined ? { rate } : {}), amount: wire(partAmount), ...(l.taxCode ? { taxCode: l.taxCode } : {}), tax1Amt: wire(whole ? tax : prorate(tax, billable, q)), ...(l.location ? { location: l.location } : {}) });
  }
  if (items.length === 0) throw userError("This order has nothing to bill: fulfil it first.");
  const shipping = billedShipping ? {} : { shippingCost: so.shippingCost, shippingTax1Amt: so.shippingTax1Amt, ...(so.shipMethod ? { shipMethod: so.shipMethod } : {}) };
  const header = Object.fromEntries(["entity", "subsidiary", "currency", "location", "otherRefNum", "memo"].filter((k) => so[k] !== undefined).map((k) => [k, so[k]]));
  return acct.create(target, { ...header, ...shipping, ...fields, createdFrom: { id: soId }, item: { items } });
}

/** A decimal string of a wire amount, for SuiteQL and admin views. */
export const decimalText = (v: unknown): string => {
  const c = roundTo(parseDec(v ?? 0, "amount"), 2);
  const abs = c < 0n ? -c : c;
  return `${c < 0n ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
};
