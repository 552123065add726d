/**
 * What a merchant or checkout does to an order: place it, edit it, cancel it, refund it, change
 * its address. Each returns what changed so the store can raise the webhooks Shopify would.
 */
import { allocate, divRound, parseRate, sum, toCents, type Cents } from "./money";
import type { RestockType, SimAddress, SimEdit, SimLine, SimOrder, SimRefund, SimRefundLine, SimShop } from "./model";
import { nextId } from "./seed";
import { lineAmounts, placedTotals, shippingTax } from "./totals";

export class SimError extends Error {
  constructor(
    message: string,
    readonly status = 422,
  ) {
    super(message);
  }
}

export interface LineSpec {
  sku: string;
  quantity: number;
  /** Overrides the catalogue price (decimal string). */
  price?: string;
}

export interface OrderSpec {
  /** A customer's email or index in the shop's sample customers; omitted: a guest checkout. */
  customer?: string | number;
  email?: string;
  lines: LineSpec[];
  discountCode?: { code: string; type: "percentage" | "fixed_amount"; value: string };
  shipping?: { title: string; code?: string; price: string; taxable?: boolean };
  /** "0.0825"; omitted or "0": untaxed. */
  taxRate?: string;
  taxTitle?: string;
  shippingAddress?: Partial<SimAddress>;
  sourceName?: string;
  note?: string;
}

export function findLine(order: SimOrder, ref: { lineItemId?: number; sku?: string }): SimLine {
  const line = order.lines.find((l) =>
    ref.lineItemId !== undefined ? l.id === ref.lineItemId : l.sku === ref.sku && l.currentQuantity > 0,
  );
  if (!line) throw new SimError(`no line item ${ref.lineItemId ?? ref.sku} on order ${order.name}`);
  return line;
}

function variantBySku(shop: SimShop, sku: string) {
  const v = shop.variantsBySku.get(sku);
  if (!v) throw new SimError(`unknown SKU ${sku}`);
  const p = shop.productsById.get(v.productId);
  if (!p) throw new SimError(`variant ${sku} has no product`);
  return { v, p };
}

/** Expands a spec line into order lines: a bundle becomes its components, grouped. */
function buildLines(shop: SimShop, order: SimOrder, spec: LineSpec, addedByEdit: boolean): SimLine[] {
  if (!Number.isInteger(spec.quantity) || spec.quantity <= 0) throw new SimError(`bad quantity for ${spec.sku}`);
  const { v, p } = variantBySku(shop, spec.sku);
  const price = spec.price !== undefined ? toCents(spec.price) : v.price;
  const base = (sku: string, unitPrice: Cents, quantity: number, groupId: number | null): SimLine => {
    const c = variantBySku(shop, sku);
    return {
      id: nextId(shop, "lineItem"),
      variantId: c.v.id,
      productId: c.p.id,
      sku,
      productTitle: c.p.title,
      variantTitle: c.v.title,
      quantity,
      currentQuantity: quantity,
      unitPrice,
      discount: 0n,
      discountQuantity: quantity,
      taxRate: c.p.giftCard ? null : order.taxRate,
      giftCard: c.p.giftCard,
      grams: c.v.grams,
      groupId,
      addedByEdit,
    };
  };
  if (!p.bundle) return [base(spec.sku, price, spec.quantity, null)];
  const group = {
    id: nextId(shop, "lineItemGroup"),
    title: p.title,
    quantity: spec.quantity,
    productId: p.id,
    variantId: v.id,
    variantSku: v.sku,
  };
  order.groups.push(group);
  const comps = p.bundle.map((c) => ({ ...c, v: variantBySku(shop, c.sku).v }));
  // The bundle's price is spread over its components by their own prices, per bundle unit.
  const parts = allocate(price, comps.map((c) => c.v.price * BigInt(c.quantity)));
  const units = comps.map((c, i) => (parts[i] ?? 0n) / BigInt(c.quantity));
  const drift = price - sum(units.map((u, i) => u * BigInt(comps[i]?.quantity ?? 1)));
  const single = comps.findIndex((c) => c.quantity === 1);
  if (single >= 0) units[single] = (units[single] ?? 0n) + drift;
  return comps.map((c, i) => base(c.sku, units[i] ?? 0n, c.quantity * spec.quantity, group.id));
}

function applyDiscount(order: SimOrder, spec: NonNullable<OrderSpec["discountCode"]>): void {
  const eligible = order.lines.filter((l) => !l.giftCard);
  const gross = eligible.map((l) => l.unitPrice * BigInt(l.quantity));
  let parts: Cents[];
  if (spec.type === "percentage") {
    const pct = parseRate(spec.value);
    parts = gross.map((g) => divRound(g * pct.num, pct.den * 100n));
  } else {
    const cap = sum(gross);
    const value = toCents(spec.value);
    parts = allocate(value < cap ? value : cap, gross);
  }
  eligible.forEach((l, i) => (l.discount = parts[i] ?? 0n));
  order.discount = { code: spec.code, type: spec.type, value: spec.value, amount: sum(parts) };
}

function takeStock(shop: SimShop, line: SimLine, delta: number, locationId?: number | null): void {
  const v = line.variantId === null ? undefined : shop.variantsById.get(line.variantId);
  const loc = locationId ?? shop.locations[0]?.id;
  if (!v || loc === undefined) return;
  const levels = shop.inventory.get(v.inventoryItemId);
  if (levels) levels.set(loc, (levels.get(loc) ?? 0) - delta);
}

export function createOrder(shop: SimShop, spec: OrderSpec, now: Date): SimOrder {
  if (spec.lines.length === 0) throw new SimError("an order needs at least one line");
  const customer =
    spec.customer === undefined
      ? null
      : typeof spec.customer === "number"
        ? shop.customers[spec.customer]
        : shop.customers.find((c) => c.email === spec.customer);
  if (customer === undefined) throw new SimError(`unknown customer ${spec.customer}`);
  const rate = spec.taxRate && !/^0*\.?0*$/.test(spec.taxRate) ? parseRate(spec.taxRate) : null;
  const shipTo = { ...(customer?.address ?? guestAddress()), ...spec.shippingAddress };
  const number = shop.nextOrderNumber++;
  const order: SimOrder = {
    id: nextId(shop, "order"),
    number,
    name: `#${number}`,
    email: spec.email ?? customer?.email ?? "guest@example.com",
    customerId: customer?.id ?? null,
    createdAt: now,
    updatedAt: now,
    cancelledAt: null,
    cancelReason: null,
    currency: shop.currency,
    lines: [],
    groups: [],
    shippingLines: [],
    discount: null,
    taxRate: rate,
    taxTitle: spec.taxTitle ?? "Sales Tax",
    billingAddress: { ...shipTo },
    shippingAddress: shipTo,
    sourceName: spec.sourceName ?? "web",
    note: spec.note ?? null,
    original: { lineItems: 0n, discounts: 0n, subtotal: 0n, shipping: 0n, tax: 0n, total: 0n },
    paid: 0n,
    saleTransactionId: nextId(shop, "transaction"),
    refunds: [],
    edits: [],
  };
  for (const l of spec.lines) order.lines.push(...buildLines(shop, order, l, false));
  if (spec.discountCode) applyDiscount(order, spec.discountCode);
  if (spec.shipping) {
    order.shippingLines.push({
      id: nextId(shop, "shippingLine"),
      title: spec.shipping.title,
      code: spec.shipping.code ?? spec.shipping.title,
      price: toCents(spec.shipping.price),
      taxRate: spec.shipping.taxable === false ? null : rate,
      refunded: 0n,
    });
  }
  order.original = placedTotals(order);
  order.paid = order.original.total;
  for (const l of order.lines) takeStock(shop, l, l.quantity);
  shop.orders.set(order.id, order);
  return order;
}

function guestAddress(): SimAddress {
  return {
    first_name: "Guest",
    last_name: "Shopper",
    company: null,
    address1: "500 Market St",
    address2: null,
    city: "San Francisco",
    province: "California",
    province_code: "CA",
    zip: "94105",
    country: "United States",
    country_code: "US",
    phone: null,
  };
}

export interface EditSpec {
  add?: LineSpec[];
  remove?: { lineItemId?: number; sku?: string; quantity?: number }[];
  setQuantity?: { lineItemId?: number; sku?: string; quantity: number }[];
}

/** An order edit, committed at once: added units are new (undiscounted) lines or more of a line. */
export function editOrder(shop: SimShop, order: SimOrder, spec: EditSpec, now: Date): SimEdit {
  if (order.cancelledAt) throw new SimError("a cancelled order cannot be edited");
  const edit: SimEdit = { id: nextId(shop, "orderEdit"), createdAt: now, committedAt: now, additions: [], removals: [] };
  for (const a of spec.add ?? []) {
    const lines = buildLines(shop, order, a, true);
    order.lines.push(...lines);
    for (const l of lines) {
      edit.additions.push({ id: l.id, delta: l.quantity });
      takeStock(shop, l, l.quantity);
    }
  }
  const change = (line: SimLine, to: number) => {
    if (!Number.isInteger(to) || to < 0) throw new SimError(`bad quantity ${to}`);
    const delta = to - line.currentQuantity;
    if (delta > 0) {
      line.quantity += delta;
      edit.additions.push({ id: line.id, delta });
    } else if (delta < 0) edit.removals.push({ id: line.id, delta: -delta });
    line.currentQuantity = to;
    takeStock(shop, line, delta);
  };
  for (const r of spec.remove ?? []) {
    const line = findLine(order, r);
    change(line, Math.max(0, line.currentQuantity - (r.quantity ?? line.currentQuantity)));
  }
  for (const s of spec.setQuantity ?? []) change(findLine(order, s), s.quantity);
  if (edit.additions.length + edit.removals.length === 0) throw new SimError("the edit changes nothing");
  order.edits.push(edit);
  order.updatedAt = now;
  return edit;
}

export interface RefundSpec {
  lines?: { lineItemId?: number; sku?: string; quantity: number; restockType?: RestockType; locationId?: number }[];
  /** Refund the unrefunded shipping (`full`) or part of it. */
  shipping?: { full?: boolean; amount?: string };
  note?: string;
}

export function refundOrder(shop: SimShop, order: SimOrder, spec: RefundSpec, now: Date): SimRefund {
  const lines: SimRefundLine[] = [];
  for (const r of spec.lines ?? []) {
    const line = findLine(order, r);
    if (!Number.isInteger(r.quantity) || r.quantity <= 0 || r.quantity > line.currentQuantity)
      throw new SimError(`cannot refund ${r.quantity} of line ${line.id} (${line.currentQuantity} left)`);
    // Differences of the current amounts, so refunds and current totals add up to the cent.
    const before = lineAmounts(line, line.currentQuantity);
    const after = lineAmounts(line, line.currentQuantity - r.quantity);
    line.currentQuantity -= r.quantity;
    const restockType = r.restockType ?? "no_restock";
    const locationId = restockType === "no_restock" ? null : (r.locationId ?? shop.locations[0]?.id ?? null);
    if (locationId !== null) takeStock(shop, line, -r.quantity, locationId);
    lines.push({
      id: nextId(shop, "refundLine"),
      lineItemId: line.id,
      quantity: r.quantity,
      restockType,
      locationId,
      subtotal: before.gross - before.discount - (after.gross - after.discount),
      tax: before.tax - after.tax,
    });
  }
  let shipping = { amount: 0n, tax: 0n, shippingLineId: null as number | null };
  const ship = order.shippingLines[0];
  if (spec.shipping && ship) {
    const left = ship.price - ship.refunded;
    const want = spec.shipping.full ? left : toCents(spec.shipping.amount ?? "0");
    if (want < 0n || want > left) throw new SimError(`cannot refund ${want} cents of shipping (${left} left)`);
    const tax = shippingTax(ship, left) - shippingTax(ship, left - want);
    ship.refunded += want;
    shipping = { amount: want, tax, shippingLineId: ship.id };
  }
  const total = sum(lines.map((l) => l.subtotal + l.tax)) + shipping.amount + shipping.tax;
  if (lines.length === 0 && shipping.amount === 0n) throw new SimError("the refund refunds nothing");
  const refund: SimRefund = {
    id: nextId(shop, "refund"),
    createdAt: now,
    note: spec.note ?? null,
    lines,
    shipping,
    transactionId: nextId(shop, "transaction"),
    total,
  };
  order.refunds.push(refund);
  order.updatedAt = now;
  return refund;
}

export interface CancelSpec {
  reason?: "customer" | "fraud" | "inventory" | "declined" | "other";
  /** Refund what is left (default true), restocking it (default true). */
  refund?: boolean;
  restock?: boolean;
}

export function cancelOrder(shop: SimShop, order: SimOrder, spec: CancelSpec, now: Date): SimRefund | null {
  if (order.cancelledAt) throw new SimError(`order ${order.name} is already cancelled`);
  let refund: SimRefund | null = null;
  if (spec.refund !== false) {
    const restockType: RestockType = spec.restock === false ? "no_restock" : "cancel";
    const lines = order.lines
      .filter((l) => l.currentQuantity > 0)
      .map((l) => ({ lineItemId: l.id, quantity: l.currentQuantity, restockType }));
    const hasShipping = order.shippingLines.some((s) => s.price > s.refunded);
    if (lines.length > 0 || hasShipping)
      refund = refundOrder(shop, order, { lines, shipping: hasShipping ? { full: true } : undefined, note: "Order canceled" }, now);
  }
  order.cancelledAt = now;
  order.cancelReason = spec.reason ?? "customer";
  order.updatedAt = now;
  return refund;
}

export function changeShippingAddress(order: SimOrder, address: Partial<SimAddress>, now: Date): void {
  if (!order.shippingAddress) throw new SimError("order has no shipping address");
  order.shippingAddress = { ...order.shippingAddress, ...address };
  order.updatedAt = now;
}
