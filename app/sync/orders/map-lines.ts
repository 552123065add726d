/**
 * Shopify order lines → Sales Order item lines, with Shopify's own amounts (never recomputed).
 *
 * Tax-exclusive shops: each line carries quantity × unit price and Shopify's tax on it; each
 * discount allocated to the line follows it as a discount line (one per discount application,
 * named after the code or title), so finance sees every discount in NetSuite.
 * Tax-inclusive shops: Shopify computes the included tax on the discounted price, so no split of
 * a discount into net and tax would be Shopify's; the line carries its net amount after discounts
 * (price × quantity − discounts − tax) and Shopify's tax beside it, and the description names the
 * discounts. Either way NetSuite's total (records.ts) is Shopify's to the cent.
 *
 * Bundles: a bundle SKU mapped to a kit is written as the kit (NetSuite relieves the members) or,
 * by setting, as its members with the bundle's amount and tax spread by weight (largest
 * remainder, so the parts add up exactly). Native bundles arrive as their components already and
 * are written as such, each naming its bundle (line item group).
 */
import { allocate, sum, toWire } from "~/money";
import type { NS_Ref, NS_SalesOrderLine } from "~/netsuite/records";
import type { MoneyPair, ShopifyLine, ShopifyOrder, ShopifyTaxLine } from "~/shopify/payloads/model";
import type { OrderMappings, SkuTarget, TaxRule } from "./mappings";
import { problem, type OrderProblem } from "./problems";

export interface MoneyView {
  currency: string;
  /** The pair's amount on the side the Sales Order uses, in minor units. */
  amt: (p: MoneyPair) => bigint;
}

export interface MappedLines {
  lines: NS_SalesOrderLine[];
  /** Σ item-line amounts, Σ discount-line amounts (≤ 0), Σ line tax: the parts of NetSuite's total. */
  subtotal: bigint;
  discountTotal: bigint;
  taxTotal: bigint;
  problems: OrderProblem[];
}

function ruleMatches(rule: TaxRule, t: ShopifyTaxLine): boolean {
  if (rule.title !== undefined && rule.title.trim().toLowerCase() !== t.title.trim().toLowerCase()) return false;
  if (rule.rate !== undefined && Number(rule.rate) !== Number(t.rate)) return false;
  return true;
}

/**
 * The NetSuite tax code for a line's (or the shipping's) Shopify tax lines: the first rule, in
 * the mapping's order, that matches any of them; else the default code. Untaxed: the exempt code.
 */
export function taxCodeFor(taxLines: ShopifyTaxLine[], m: OrderMappings): { ref?: NS_Ref; problem?: OrderProblem } {
  if (taxLines.length === 0) return m.tax.exemptTaxCodeId ? { ref: { id: m.tax.exemptTaxCodeId } } : {};
  const rule = m.tax.rules.find((r) => taxLines.some((t) => ruleMatches(r, t)));
  const id = rule?.taxCodeId ?? m.tax.defaultTaxCodeId;
  if (id) return { ref: { id } };
  const named = taxLines.map((t) => `"${t.title}" at ${t.rate}`).join(", ");
  return { problem: problem("unmapped_tax", `No NetSuite tax code matches Shopify's tax ${named}: add a tax rule or a default tax code.`) };
}

const label = (l: ShopifyLine) => `${l.title}${l.variantTitle && l.variantTitle !== "Default Title" ? ` (${l.variantTitle})` : ""}`;

/** `rate` only where NetSuite's quantity × rate gives the amount exactly. */
function rateFor(amount: bigint, quantity: number, currency: string): { rate?: number } {
  return quantity > 0 && amount % BigInt(quantity) === 0n ? { rate: toWire(amount / BigInt(quantity), currency) } : {};
}

function target(l: ShopifyLine, m: OrderMappings): { target?: SkuTarget; problem?: OrderProblem } {
  if (l.giftCard) {
    // Gift cards sold are a liability until redeemed, whatever their SKU says.
    if (m.items.giftCardItemId) return { target: { itemId: m.items.giftCardItemId, kind: "giftCard" } };
    return { problem: problem("mapping_missing", `"${label(l)}" is a gift card and no gift card liability item is set (items.giftCard).`, { owner: "finance", lineId: l.id }) };
  }
  if (!l.sku) return { problem: problem("missing_sku", `The line "${label(l)}" has no SKU, so it cannot be matched to a NetSuite item: give the variant a SKU and map it.`, { lineId: l.id }) };
  const t = m.skus.get(l.sku);
  if (!t) return { problem: problem("unmapped_sku", `SKU ${l.sku} ("${label(l)}") has no NetSuite item: map the SKU.`, { sku: l.sku, lineId: l.id }) };
  return { target: t };
}

export function mapLines(order: ShopifyOrder, m: OrderMappings, v: MoneyView): MappedLines {
  const out: MappedLines = { lines: [], subtotal: 0n, discountTotal: 0n, taxTotal: 0n, problems: [] };
  const inclusive = order.taxesIncluded;
  const groups = new Map(order.lineGroups.map((g) => [g.id, g]));
  const applications = new Map(order.discountApplications.map((d) => [d.index, d]));
  let warnedDiscountItem = false;

  for (const l of order.lines) {
    if (l.quantity <= 0) continue;
    const { target: t, problem: p } = target(l, m);
    const tax = taxCodeFor(l.taxLines, m);
    if (p) out.problems.push(p);
    if (tax.problem) out.problems.push(tax.problem);
    if (!t) continue;

    const unit = v.amt(l.unitPrice);
    const gross = unit * BigInt(l.quantity);
    const lineTax = sum(l.taxLines.map((x) => v.amt(x.amount)));
    // One entry per discount application, in Shopify's order, so each keeps its name.
    const discounts = new Map<number | null, bigint>();
    for (const d of l.discountAllocations) discounts.set(d.applicationIndex, (discounts.get(d.applicationIndex) ?? 0n) + v.amt(d.amount));
    const discount = sum([...discounts.values()]);
    const discountNames = [...discounts.keys()].map((i) => (i === null ? "discount" : (applications.get(i)?.label ?? `discount ${i}`)));
    const amount = inclusive ? gross - discount - lineTax : gross;
    const group = l.groupId ? groups.get(l.groupId) : undefined;
    const describe = `${label(l)}${group ? ` (bundle: ${group.title})` : ""}${inclusive && discount !== 0n ? ` after ${discountNames.join(", ")}` : ""}`;
    const common = { ...(tax.ref ? { taxCode: tax.ref } : {}), ...(l.groupId ? { custcol_shopify_bundle: l.groupId } : {}) };

    if (t.kind === "kit" && m.bundlePolicy === "components" && t.members?.length) {
      const weights = t.members.map((x) => BigInt(x.weight ?? 1) * BigInt(x.quantity));
      const amounts = allocate(amount, weights);
      const taxes = allocate(lineTax, weights);
      t.members.forEach((x, i) => {
        const qty = x.quantity * l.quantity;
        out.lines.push({ item: { id: x.itemId }, quantity: qty, ...rateFor(amounts[i]!, qty, v.currency), amount: toWire(amounts[i]!, v.currency), ...common, tax1Amt: toWire(taxes[i]!, v.currency), description: `${describe}: member ${i + 1} of ${l.sku}`, custcol_shopify_line_id: `${l.id}:${i + 1}` });
      });
    } else {
      const rate = inclusive ? rateFor(amount, l.quantity, v.currency) : { rate: toWire(unit, v.currency) };
      out.lines.push({ item: { id: t.itemId }, quantity: l.quantity, ...rate, amount: toWire(amount, v.currency), ...common, tax1Amt: toWire(lineTax, v.currency), description: describe, custcol_shopify_line_id: l.id });
    }
    out.subtotal += amount;
    out.taxTotal += lineTax;

    if (inclusive) continue;
    for (const [index, value] of discounts) {
      if (value === 0n) continue;
      if (!m.items.discountItemId) {
        if (!warnedDiscountItem) out.problems.push(problem("mapping_missing", "The order has discounts and no NetSuite discount item is set (items.discount)."));
        warnedDiscountItem = true;
        continue;
      }
      const name = index === null ? "Discount" : (applications.get(index)?.label ?? `Discount ${index}`);
      // Tax stays on the item line as Shopify computed it (after this discount): none here.
      out.lines.push({ item: { id: m.items.discountItemId }, amount: toWire(-value, v.currency), ...(tax.ref ? { taxCode: tax.ref } : {}), tax1Amt: 0, description: `${name} on ${label(l)}`, custcol_shopify_line_id: `discount:${l.id}:${index ?? "-"}` });
      out.discountTotal -= value;
    }
  }
  return out;
}
