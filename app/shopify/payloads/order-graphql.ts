/**
 * The Admin GraphQL `Order` (API 2026-10), the sweep's source when no webhook ever came, and its
 * conversion to the same `ShopifyOrder` model the webhook gives. `ORDER_GRAPHQL_FIELDS` is the
 * selection this schema reads; a query that selects it parses here.
 */
import { z } from "zod";
import { parseMoney } from "~/money";
import { legacyId, utcInstant, type DiscountKind, type MoneyPair, type ShopifyAddress, type ShopifyLineGroup, type ShopifyOrder, type ShopifyTaxLine } from "./model";

const BAG = "{ shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }";
const ADDRESS = "{ firstName lastName name company address1 address2 city provinceCode zip countryCodeV2 phone }";
const TAX = `{ title rate priceSet ${BAG} }`;

/** Lines per request: an order's first page comes with the order, the rest page on their own. */
export const ORDER_LINES_PAGE = 40;

/** One line item, as the order model reads it. */
export const LINE_ITEM_FIELDS = `
    id title variantTitle sku quantity currentQuantity isGiftCard variant { id } product { id }
    originalUnitPriceSet ${BAG}
    discountAllocations { allocatedAmountSet ${BAG} discountApplication { index } }
    taxLines ${TAX}
    lineItemGroup { id title quantity variantSku }
`;

/**
 * The Order selection the orders flow reads (the sweep's source and the gift-card payment read).
 * Sized to stay under Shopify's single-query cost limit (1000): an order with more lines than
 * ORDER_LINES_PAGE has `lineItems.pageInfo.hasNextPage` and the reader fetches the rest.
 */
export const ORDER_GRAPHQL_FIELDS = `
  id name email createdAt updatedAt cancelledAt currencyCode presentmentCurrencyCode taxesIncluded
  currentTotalPriceSet ${BAG} currentSubtotalPriceSet ${BAG} currentTotalTaxSet ${BAG} currentTotalDiscountsSet ${BAG}
  customer { id email firstName lastName phone }
  purchasingEntity { __typename ... on PurchasingCompany { company { id } location { id } } }
  paymentTerms { paymentTermsName dueInDays }
  billingAddress ${ADDRESS} shippingAddress ${ADDRESS}
  retailLocation { id }
  paymentGatewayNames
  lineItems(first: ${ORDER_LINES_PAGE}) { nodes { ${LINE_ITEM_FIELDS} } pageInfo { hasNextPage endCursor } }
  shippingLines(first: 10, includeRemovals: true) { nodes { id title code isRemoved discountedPriceSet ${BAG} taxLines ${TAX} } }
  discountApplications(first: 20) { nodes { __typename index
    ... on DiscountCodeApplication { code } ... on AutomaticDiscountApplication { title }
    ... on ManualDiscountApplication { title } ... on ScriptDiscountApplication { title } } }
  transactions(first: 50) { id kind status gateway processedAt amountSet ${BAG} }
`;

const gid = z.string().min(1);
const v2 = z.looseObject({ amount: z.union([z.string().regex(/^-?\d+(\.\d+)?$/), z.number()]).transform(String), currencyCode: z.string().regex(/^[A-Z]{3}$/) });
const bag = z.looseObject({ shopMoney: v2, presentmentMoney: v2 });
const tax = z.looseObject({ title: z.string().default(""), rate: z.union([z.number(), z.string()]).nullish(), priceSet: bag });
const address = z
  .looseObject({
    firstName: z.string().nullish(),
    lastName: z.string().nullish(),
    name: z.string().nullish(),
    company: z.string().nullish(),
    address1: z.string().nullish(),
    address2: z.string().nullish(),
    city: z.string().nullish(),
    provinceCode: z.string().nullish(),
    zip: z.string().nullish(),
    countryCodeV2: z.string().nullish(),
    phone: z.string().nullish(),
  })
  .nullish();

/** A connection read as a list, whether the query asked for `nodes` or `edges { node }`. */
function connection<T extends z.ZodType>(node: T): z.ZodType<z.output<T>[], unknown> {
  return z.union([z.looseObject({ nodes: z.array(node) }).transform((c) => c.nodes), z.looseObject({ edges: z.array(z.looseObject({ node })) }).transform((c) => c.edges.map((e) => e.node as z.output<T>))]);
}

const lineItem = z.looseObject({
  id: gid,
  title: z.string().default(""),
  variantTitle: z.string().nullish(),
  sku: z.string().nullish(),
  quantity: z.number().int().nonnegative(),
  currentQuantity: z.number().int().nonnegative(),
  isGiftCard: z.boolean().default(false),
  variant: z.looseObject({ id: gid }).nullish(),
  product: z.looseObject({ id: gid }).nullish(),
  originalUnitPriceSet: bag,
  discountAllocations: z.array(z.looseObject({ allocatedAmountSet: bag, discountApplication: z.looseObject({ index: z.number().int().nonnegative() }).nullish() })).default([]),
  taxLines: z.array(tax).default([]),
  lineItemGroup: z.looseObject({ id: gid, title: z.string().default(""), quantity: z.number().int().nonnegative(), variantSku: z.string().nullish() }).nullish(),
});

export const adminOrder = z.looseObject({
  id: gid,
  name: z.string(),
  email: z.string().nullish(),
  createdAt: z.string(),
  updatedAt: z.string(),
  cancelledAt: z.string().nullish(),
  currencyCode: z.string().regex(/^[A-Z]{3}$/),
  presentmentCurrencyCode: z.string().regex(/^[A-Z]{3}$/),
  taxesIncluded: z.boolean(),
  currentTotalPriceSet: bag,
  currentSubtotalPriceSet: bag.nullish(),
  currentTotalTaxSet: bag.nullish(),
  currentTotalDiscountsSet: bag.nullish(),
  customer: z.looseObject({ id: gid, email: z.string().nullish(), firstName: z.string().nullish(), lastName: z.string().nullish(), phone: z.string().nullish() }).nullish(),
  purchasingEntity: z.looseObject({ __typename: z.string().optional(), company: z.looseObject({ id: gid }).optional(), location: z.looseObject({ id: gid }).nullish() }).nullish(),
  paymentTerms: z.looseObject({ paymentTermsName: z.string(), dueInDays: z.number().int().nullish() }).nullish(),
  billingAddress: address,
  shippingAddress: address,
  retailLocation: z.looseObject({ id: gid }).nullish(),
  paymentGatewayNames: z.array(z.string()).default([]),
  lineItems: connection(lineItem),
  shippingLines: connection(z.looseObject({ id: gid.nullish(), title: z.string().default("Shipping"), code: z.string().nullish(), isRemoved: z.boolean().default(false), discountedPriceSet: bag, taxLines: z.array(tax).default([]) })),
  discountApplications: connection(z.looseObject({ __typename: z.string(), index: z.number().int().nonnegative(), code: z.string().nullish(), title: z.string().nullish() })).optional(),
  transactions: z.array(z.looseObject({ id: gid, kind: z.string(), status: z.string(), gateway: z.string().nullish(), processedAt: z.string().nullish(), amountSet: bag })).optional(),
});
export type AdminOrder = z.output<typeof adminOrder>;

const pair = (b: z.output<typeof bag>): MoneyPair => ({
  shop: parseMoney(b.shopMoney.amount, b.shopMoney.currencyCode),
  presentment: parseMoney(b.presentmentMoney.amount, b.presentmentMoney.currencyCode),
});
const taxLine = (t: z.output<typeof tax>): ShopifyTaxLine => ({ title: t.title, rate: t.rate == null ? "0" : String(t.rate), amount: pair(t.priceSet) });

function addressOf(a: z.output<typeof address>): ShopifyAddress | null {
  if (!a) return null;
  return {
    firstName: a.firstName ?? null,
    lastName: a.lastName ?? null,
    name: a.name ?? null,
    company: a.company ?? null,
    address1: a.address1 ?? null,
    address2: a.address2 ?? null,
    city: a.city ?? null,
    provinceCode: a.provinceCode ?? null,
    zip: a.zip ?? null,
    countryCode: a.countryCodeV2 ?? null,
    phone: a.phone ?? null,
  };
}

const KINDS: Record<string, DiscountKind> = { DiscountCodeApplication: "code", AutomaticDiscountApplication: "automatic", ManualDiscountApplication: "manual", ScriptDiscountApplication: "script" };

/** The Admin GraphQL order as the one order model. */
export function orderFromAdmin(o: AdminOrder): ShopifyOrder {
  const groups = new Map<string, ShopifyLineGroup>();
  for (const l of o.lineItems) {
    const g = l.lineItemGroup;
    if (g && !groups.has(legacyId(g.id))) groups.set(legacyId(g.id), { id: legacyId(g.id), title: g.title, quantity: g.quantity, variantSku: g.variantSku ?? null });
  }
  const company = o.purchasingEntity?.company;
  return {
    id: legacyId(o.id),
    name: o.name,
    email: o.email ?? null,
    createdAt: utcInstant(o.createdAt),
    updatedAt: utcInstant(o.updatedAt),
    cancelledAt: o.cancelledAt ? utcInstant(o.cancelledAt) : null,
    shopCurrency: o.currencyCode,
    presentmentCurrency: o.presentmentCurrencyCode,
    taxesIncluded: o.taxesIncluded,
    totals: {
      total: pair(o.currentTotalPriceSet),
      subtotal: o.currentSubtotalPriceSet ? pair(o.currentSubtotalPriceSet) : null,
      tax: o.currentTotalTaxSet ? pair(o.currentTotalTaxSet) : null,
      discounts: o.currentTotalDiscountsSet ? pair(o.currentTotalDiscountsSet) : null,
    },
    lines: o.lineItems.map((l) => ({
      id: legacyId(l.id),
      title: l.title,
      variantTitle: l.variantTitle ?? null,
      sku: l.sku?.trim() || null,
      variantId: l.variant ? legacyId(l.variant.id) : null,
      productId: l.product ? legacyId(l.product.id) : null,
      quantity: l.currentQuantity,
      originalQuantity: l.quantity,
      unitPrice: pair(l.originalUnitPriceSet),
      giftCard: l.isGiftCard,
      taxLines: l.taxLines.map(taxLine),
      discountAllocations: l.discountAllocations.map((d) => ({ applicationIndex: d.discountApplication?.index ?? null, amount: pair(d.allocatedAmountSet) })),
      groupId: l.lineItemGroup ? legacyId(l.lineItemGroup.id) : null,
    })),
    lineGroups: [...groups.values()],
    shippingLines: o.shippingLines.map((s) => ({ id: s.id ? legacyId(s.id) : null, title: s.title, code: s.code ?? null, price: pair(s.discountedPriceSet), taxLines: s.taxLines.map(taxLine), removed: s.isRemoved })),
    discountApplications: (o.discountApplications ?? []).map((d) => ({ index: d.index, kind: KINDS[d.__typename] ?? "manual", label: (d.code ?? d.title) ?? d.__typename })),
    customer: o.customer ? { id: legacyId(o.customer.id), email: o.customer.email ?? null, firstName: o.customer.firstName ?? null, lastName: o.customer.lastName ?? null, phone: o.customer.phone ?? null } : null,
    company: company ? { id: legacyId(company.id), locationId: o.purchasingEntity?.location ? legacyId(o.purchasingEntity.location.id) : null } : null,
    paymentTerms: o.paymentTerms ? { name: o.paymentTerms.paymentTermsName, dueInDays: o.paymentTerms.dueInDays ?? null } : null,
    billingAddress: addressOf(o.billingAddress),
    shippingAddress: addressOf(o.shippingAddress),
    locationId: o.retailLocation ? legacyId(o.retailLocation.id) : null,
    paymentGateways: o.paymentGatewayNames,
    transactions:
      o.transactions?.map((t) => ({
        id: legacyId(t.id),
        kind: t.kind.toLowerCase(),
        status: t.status.toLowerCase(),
        gateway: t.gateway ?? "",
        amount: pair(t.amountSet),
        processedAt: t.processedAt ? utcInstant(t.processedAt) : null,
      })) ?? null,
  };
}

/** Reads an Admin GraphQL order (the `order` or a connection's node) into the model. */
export function parseAdminOrder(json: unknown): { ok: true; order: ShopifyOrder } | { ok: false; issues: string[] } {
  const r = adminOrder.safeParse(json);
  if (!r.success) return { ok: false, issues: r.error.issues.map((i) => `${i.path.join(".") || "(order)"}: ${i.message}`) };
  try {
    return { ok: true, order: orderFromAdmin(r.data) };
  } catch (e) {
    return { ok: false, issues: [e instanceof Error ? e.message : String(e)] };
  }
}
