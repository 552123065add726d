/**
 * GraphQL objects over the in-memory shop. graphql-js's default resolver calls function-valued
 * properties with the field's arguments, so connections here are functions of their paging args.
 */
import { GraphQLError } from "graphql";
import { fromCents, sum, type Cents } from "./money";
import type { SimAddress, SimLine, SimLocation, SimOrder, SimRefund, SimShippingLine, SimShop, SimVariant } from "./model";
import { paginate, type PageArgs } from "./paging";
import { gid } from "./rest";
import { currentTotals, financialStatus, lineAmounts, orderTotals, refundedTotal, shippingTax } from "./totals";

export function gqlTime(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

export function bag(c: Cents, currency: string) {
  const m = { amount: fromCents(c), currencyCode: currency };
  return { shopMoney: m, presentmentMoney: m };
}

/** `gid://shopify/Order/123` → 123, or a GraphQL error Shopify-style. */
export function parseGid(id: string, type: string): number {
  const m = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)$/.exec(id);
  if (!m || m[1] !== type) throw new GraphQLError(`Invalid global id '${id}'`, { extensions: { code: "argumentLiteralsIncompatible" } });
  return Number(m[2]);
}

const one = <T>(items: T[], args: PageArgs, id: (t: T) => number, wrap: (t: T) => unknown) =>
  paginate(items, args, id, id, wrap);

function addressView(a: SimAddress | null, id: number) {
  if (!a) return null;
  return {
    id: gid("MailingAddress", id),
    firstName: a.first_name,
    lastName: a.last_name,
    name: `${a.first_name} ${a.last_name}`,
    company: a.company,
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    province: a.province,
    provinceCode: a.province_code,
    zip: a.zip,
    country: a.country,
    countryCodeV2: a.country_code,
    phone: a.phone,
  };
}

function taxLineView(title: string, rateText: string, c: Cents, currency: string) {
  const rate = Number(rateText);
  return { title, rate, ratePercentage: Math.round(rate * 1e6) / 1e4, priceSet: bag(c, currency), channelLiable: false };
}

export function locationView(l: SimLocation) {
  return {
    id: gid("Location", l.id),
    legacyResourceId: String(l.id),
    name: l.name,
    isActive: true,
    fulfillsOnlineOrders: true,
    address: { address1: null, city: l.city, country: "United States", countryCode: l.countryCode, zip: null, provinceCode: null },
  };
}

export function productView(shop: SimShop, productId: number) {
  const p = shop.productsById.get(productId);
  if (!p) return null;
  return {
    id: gid("Product", p.id),
    legacyResourceId: String(p.id),
    title: p.title,
    handle: p.handle,
    productType: p.productType,
    vendor: shop.name,
    isGiftCard: p.giftCard,
  };
}

export function inventoryItemView(shop: SimShop, v: SimVariant): Record<string, unknown> {
  const levels = () => {
    const byLoc = shop.inventory.get(v.inventoryItemId) ?? new Map<number, number>();
    return shop.locations.filter((l) => byLoc.has(l.id)).map((l) => ({ l, qty: byLoc.get(l.id) ?? 0 }));
  };
  const levelView = (x: { l: SimLocation; qty: number }) => ({
    id: `${gid("InventoryLevel", x.l.id * 1000 + (v.inventoryItemId % 1000))}?inventory_item_id=${v.inventoryItemId}`,
    location: locationView(x.l),
    item: () => inventoryItemView(shop, v),
    quantities: ({ names }: { names: string[] }) =>
      names.map((name) => ({
        id: `${gid("InventoryQuantity", x.l.id)}?inventory_item_id=${v.inventoryItemId}&name=${name}`,
        name,
        // Only "available" moves in the simulator; the other quantity names read as zero.
        quantity: name === "available" || name === "on_hand" ? x.qty : 0,
      })),
  });
  return {
    id: gid("InventoryItem", v.inventoryItemId),
    legacyResourceId: String(v.inventoryItemId),
    sku: v.sku,
    tracked: true,
    variant: () => variantView(shop, v),
    inventoryLevels: (args: PageArgs) => paginate(levels(), args, (x) => x.l.id, (x) => x.l.id, levelView),
    inventoryLevel: ({ locationId }: { locationId: string }) => {
      const lid = parseGid(locationId, "Location");
      const x = levels().find((y) => y.l.id === lid);
      return x ? levelView(x) : null;
    },
  };
}

export function variantView(shop: SimShop, v: SimVariant): Record<string, unknown> {
  const p = shop.productsById.get(v.productId);
  return {
    id: gid("ProductVariant", v.id),
    legacyResourceId: String(v.id),
    sku: v.sku,
    title: v.title,
    displayName: `${p?.title ?? ""} - ${v.title}`,
    price: fromCents(v.price),
    inventoryQuantity: [...(shop.inventory.get(v.inventoryItemId)?.values() ?? [])].reduce((a, b) => a + b, 0),
    updatedAt: gqlTime(v.updatedAt),
    product: () => productView(shop, v.productId),
    inventoryItem: () => inventoryItemView(shop, v),
  };
}

function lineView(shop: SimShop, o: SimOrder, l: SimLine) {
  const cur = o.currency;
  const placed = lineAmounts(l, l.discountQuantity);
  const full = lineAmounts(l, l.quantity);
  const qty = BigInt(Math.max(1, l.quantity));
  // Per-unit after the allocated discount: approximate, as Shopify documents it.
  const unitAfter = l.unitPrice - (placed.discount * 2n + qty) / (qty * 2n);
  const group = l.groupId === null ? undefined : o.groups.find((g) => g.id === l.groupId);
  const variant = l.variantId === null ? undefined : shop.variantsById.get(l.variantId);
  return {
    id: gid("LineItem", l.id),
    name: l.variantTitle === "Default Title" ? l.productTitle : `${l.productTitle} - ${l.variantTitle}`,
    title: l.productTitle,
    variantTitle: l.variantTitle,
    sku: l.sku,
    vendor: shop.name,
    quantity: l.quantity,
    currentQuantity: l.currentQuantity,
    unfulfilledQuantity: l.currentQuantity,
    refundableQuantity: l.currentQuantity,
    isGiftCard: l.giftCard,
    requiresShipping: !l.giftCard,
    taxable: l.taxRate !== null,
    variant: () => (variant ? variantView(shop, variant) : null),
    product: () => (l.productId === null ? null : productView(shop, l.productId)),
    originalUnitPriceSet: bag(l.unitPrice, cur),
    discountedUnitPriceSet: bag(unitAfter, cur),
    discountedUnitPriceAfterAllDiscountsSet: bag(unitAfter, cur),
    originalTotalSet: bag(full.gross, cur),
    discountedTotalSet: bag(full.gross - placed.discount, cur),
    totalDiscountSet: bag(placed.discount, cur),
    discountAllocations:
      placed.discount > 0n && o.discount
        ? [{ allocatedAmountSet: bag(placed.discount, cur), discountApplication: discountApplicationView(o) }]
        : [],
    taxLines: () => (l.taxRate && full.tax > 0n ? [taxLineView(o.taxTitle, l.taxRate.text, full.tax, cur)] : []),
    lineItemGroup: group
      ? {
          id: gid("LineItemGroup", group.id),
          title: group.title,
          quantity: group.quantity,
          productId: gid("Product", group.productId),
          variantId: gid("ProductVariant", group.variantId),
          variantSku: group.variantSku,
        }
      : null,
  };
}

function discountApplicationView(o: SimOrder) {
  const d = o.discount;
  if (!d) return null;
  return {
    __typename: "DiscountCodeApplication",
    index: 0,
    allocationMethod: "ACROSS",
    targetSelection: "ALL",
    targetType: "LINE_ITEM",
    code: d.code,
    value:
      d.type === "percentage"
        ? { __typename: "PricingPercentageValue", percentage: Number(d.value) }
        : { __typename: "MoneyV2", amount: d.value, currencyCode: o.currency },
  };
}

function shippingLineView(o: SimOrder, s: SimShippingLine) {
  const tax = shippingTax(s, s.price);
  return {
    id: gid("ShippingLine", s.id),
    title: s.title,
    code: s.code,
    source: "shopify",
    carrierIdentifier: null,
    isRemoved: false,
    originalPriceSet: bag(s.price, o.currency),
    discountedPriceSet: bag(s.price, o.currency),
    currentDiscountedPriceSet: bag(s.price - s.refunded, o.currency),
    taxLines: s.taxRate && tax > 0n ? [taxLineView(o.taxTitle, s.taxRate.text, tax, o.currency)] : [],
  };
}

function refundView(shop: SimShop, o: SimOrder, r: SimRefund) {
  const cur = o.currency;
  const ship = o.shippingLines.find((s) => s.id === r.shipping.shippingLineId);
  return {
    id: gid("Refund", r.id),
    legacyResourceId: String(r.id),
    createdAt: gqlTime(r.createdAt),
    note: r.note,
    totalRefundedSet: bag(r.total, cur),
    order: () => orderView(shop, o),
    refundLineItems: (args: PageArgs) =>
      one(r.lines, args, (x) => x.id, (x) => {
        const line = o.lines.find((l) => l.id === x.lineItemId);
        const loc = shop.locations.find((l) => l.id === x.locationId);
        return {
          id: gid("RefundLineItem", x.id),
          quantity: x.quantity,
          restockType: x.restockType.toUpperCase(),
          restocked: x.restockType !== "no_restock",
          location: loc ? locationView(loc) : null,
          lineItem: line ? lineView(shop, o, line) : null,
          priceSet: bag(line?.unitPrice ?? 0n, cur),
          subtotalSet: bag(x.subtotal, cur),
          totalTaxSet: bag(x.tax, cur),
        };
      }),
    refundShippingLines: (args: PageArgs) =>
      one(ship && r.shipping.amount > 0n ? [r] : [], args, (x) => x.id, (x) => ({
        id: gid("RefundShippingLine", x.id),
        shippingLine: ship ? shippingLineView(o, ship) : null,
        subtotalAmountSet: bag(x.shipping.amount, cur),
        taxAmountSet: bag(x.shipping.tax, cur),
      })),
    transactions: (args: PageArgs) =>
      one([r], args, (x) => x.transactionId, (x) => ({
        id: gid("OrderTransaction", x.transactionId),
        kind: "REFUND",
        status: "SUCCESS",
        gateway: "shopify_payments",
        amountSet: bag(x.total, cur),
        processedAt: gqlTime(x.createdAt),
      })),
  };
}

export function customerView(shop: SimShop, id: number) {
  const c = shop.customers.find((x) => x.id === id);
  if (!c) return null;
  return {
    id: gid("Customer", c.id),
    legacyResourceId: String(c.id),
    email: c.email,
    firstName: c.firstName,
    lastName: c.lastName,
    displayName: `${c.firstName} ${c.lastName}`,
    phone: c.phone,
    defaultAddress: addressView(c.address, c.id + 1),
    createdAt: gqlTime(c.createdAt),
    updatedAt: gqlTime(c.createdAt),
  };
}

export function orderView(shop: SimShop, o: SimOrder): Record<string, unknown> {
  const cur = o.currency;
  const now = currentTotals(o);
  const refunded = refundedTotal(o);
  const refundedShipping = sum(o.refunds.map((r) => r.shipping.amount));
  const outstanding = now.total - (o.paid - refunded);
  const total = orderTotals(o);
  const taxTotal = total.tax;
  return {
    id: gid("Order", o.id),
    legacyResourceId: String(o.id),
    name: o.name,
    email: o.email,
    createdAt: gqlTime(o.createdAt),
    updatedAt: gqlTime(o.updatedAt),
    processedAt: gqlTime(o.createdAt),
    cancelledAt: o.cancelledAt ? gqlTime(o.cancelledAt) : null,
    cancelReason: o.cancelReason?.toUpperCase() ?? null,
    closed: false,
    edited: o.edits.length > 0,
    test: false,
    note: o.note,
    tags: [],
    sourceName: o.sourceName,
    currencyCode: cur,
    presentmentCurrencyCode: cur,
    taxesIncluded: false,
    currentSubtotalLineItemsQuantity: o.lines.reduce((n, l) => n + l.currentQuantity, 0),
    currentTotalPriceSet: bag(now.total, cur),
    currentSubtotalPriceSet: bag(now.subtotal, cur),
    currentTotalTaxSet: bag(now.tax, cur),
    currentTotalDiscountsSet: bag(now.discounts, cur),
    currentShippingPriceSet: bag(now.shipping, cur),
    totalPriceSet: bag(total.total, cur),
    originalTotalPriceSet: bag(o.original.total, cur),
    subtotalPriceSet: bag(total.subtotal, cur),
    totalTaxSet: bag(taxTotal, cur),
    totalDiscountsSet: bag(total.discounts, cur),
    totalShippingPriceSet: bag(total.shipping, cur),
    totalRefundedSet: bag(refunded, cur),
    totalRefundedShippingSet: bag(refundedShipping, cur),
    totalOutstandingSet: bag(outstanding > 0n ? outstanding : 0n, cur),
    customer: () => (o.customerId === null ? null : customerView(shop, o.customerId)),
    billingAddress: addressView(o.billingAddress, o.id * 10 + 1),
    shippingAddress: addressView(o.shippingAddress, o.id * 10 + 2),
    lineItems: (args: PageArgs) => one(o.lines, args, (l) => l.id, (l) => lineView(shop, o, l)),
    shippingLines: (args: PageArgs) => one(o.shippingLines, args, (s) => s.id, (s) => shippingLineView(o, s)),
    discountCode: o.discount?.code ?? null,
    discountCodes: o.discount ? [o.discount.code] : [],
    discountApplications: (args: PageArgs) =>
      paginate(o.discount ? [0] : [], args, (i) => i, (i) => i, () => discountApplicationView(o)),
    taxLines:
      o.taxRate && taxTotal > 0n ? [taxLineView(o.taxTitle, o.taxRate.text, taxTotal, cur)] : [],
    displayFinancialStatus: financialStatus(o).toUpperCase(),
    displayFulfillmentStatus: "UNFULFILLED",
    refunds: ({ first }: { first?: number | null }) =>
      o.refunds.slice(0, first ?? undefined).map((r) => refundView(shop, o, r)),
    // The simulator has no B2B companies, payment terms or point of sale.
    purchasingEntity: () => (o.customerId === null ? null : { __typename: "Customer", ...customerView(shop, o.customerId) }),
    paymentTerms: null,
    retailLocation: null,
    paymentGatewayNames: ["shopify_payments"],
    transactions: ({ first }: { first?: number | null }) =>
      [
        { id: gid("OrderTransaction", o.saleTransactionId), kind: "SALE", status: "SUCCESS", gateway: "shopify_payments", amountSet: bag(o.paid, cur), processedAt: gqlTime(o.createdAt) },
        ...o.refunds.map((r) => ({ id: gid("OrderTransaction", r.transactionId), kind: "REFUND", status: "SUCCESS", gateway: "shopify_payments", amountSet: bag(r.total, cur), processedAt: gqlTime(r.createdAt) })),
      ].slice(0, first ?? undefined),
  };
}
