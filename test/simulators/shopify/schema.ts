/**
 * The subset of Shopify's Admin GraphQL schema (2026-10) the connector uses, with Shopify's own
 * type and field names, so the app's queries run here unchanged.
 */
import { buildSchema } from "graphql";

const connection = (t: string) => `
type ${t}Connection { edges: [${t}Edge!]! nodes: [${t}!]! pageInfo: PageInfo! }
type ${t}Edge { cursor: String! node: ${t}! }`;

const page = "first: Int, after: String, last: Int, before: String, reverse: Boolean = false";

export const SDL = `
scalar DateTime
scalar Decimal
scalar Money
scalar UnsignedInt64
scalar URL

type Query {
  shop: Shop!
  order(id: ID!): Order
  orders(${page}, query: String, sortKey: OrderSortKeys = ID): OrderConnection!
  productVariant(id: ID!): ProductVariant
  productVariants(${page}, query: String, sortKey: ProductVariantSortKeys = ID): ProductVariantConnection!
  location(id: ID): Location
  locations(${page}, query: String, sortKey: LocationSortKeys = NAME, includeInactive: Boolean = false): LocationConnection!
  inventoryItem(id: ID!): InventoryItem
  customer(id: ID!): Customer
}

enum OrderSortKeys { CREATED_AT ID ORDER_NUMBER PROCESSED_AT RELEVANCE UPDATED_AT }
enum ProductVariantSortKeys { ID POSITION RELEVANCE SKU TITLE }
enum LocationSortKeys { ID NAME RELEVANCE }
enum CurrencyCode { USD CAD EUR GBP AUD }
enum CountryCode { US CA GB DE FR AU }
enum OrderCancelReason { CUSTOMER DECLINED FRAUD INVENTORY OTHER STAFF }
enum OrderDisplayFinancialStatus { AUTHORIZED EXPIRED PAID PARTIALLY_PAID PARTIALLY_REFUNDED PENDING REFUNDED VOIDED }
enum OrderDisplayFulfillmentStatus { FULFILLED IN_PROGRESS ON_HOLD OPEN PARTIALLY_FULFILLED PENDING_FULFILLMENT REQUEST_DECLINED RESTOCKED SCHEDULED UNFULFILLED }
enum RefundLineItemRestockType { CANCEL LEGACY_RESTOCK NO_RESTOCK RETURN }
enum DiscountApplicationAllocationMethod { ACROSS EACH ONE }
enum DiscountApplicationTargetSelection { ALL ENTITLED EXPLICIT }
enum DiscountApplicationTargetType { LINE_ITEM SHIPPING_LINE }
enum OrderTransactionKind { AUTHORIZATION CAPTURE CHANGE EMV_AUTHORIZATION REFUND SALE SUGGESTED_REFUND VOID }
enum OrderTransactionStatus { AWAITING_RESPONSE ERROR FAILURE PENDING SUCCESS UNKNOWN }

type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }

type Shop {
  id: ID!
  name: String!
  email: String!
  myshopifyDomain: String!
  currencyCode: CurrencyCode!
  ianaTimezone: String!
  primaryDomain: Domain!
  plan: ShopPlan!
}
type Domain { id: ID! host: String! url: URL! }
type ShopPlan { displayName: String! partnerDevelopment: Boolean! shopifyPlus: Boolean! }

type MoneyV2 { amount: Decimal! currencyCode: CurrencyCode! }
type MoneyBag { shopMoney: MoneyV2! presentmentMoney: MoneyV2! }

type MailingAddress {
  id: ID!
  firstName: String
  lastName: String
  name: String
  company: String
  address1: String
  address2: String
  city: String
  province: String
  provinceCode: String
  zip: String
  country: String
  countryCodeV2: CountryCode
  phone: String
}

type Customer {
  id: ID!
  legacyResourceId: UnsignedInt64!
  email: String
  firstName: String
  lastName: String
  displayName: String!
  phone: String
  defaultAddress: MailingAddress
  createdAt: DateTime!
  updatedAt: DateTime!
}

type Order {
  id: ID!
  legacyResourceId: UnsignedInt64!
  name: String!
  email: String
  createdAt: DateTime!
  updatedAt: DateTime!
  processedAt: DateTime!
  cancelledAt: DateTime
  cancelReason: OrderCancelReason
  closed: Boolean!
  edited: Boolean!
  test: Boolean!
  note: String
  tags: [String!]!
  sourceName: String
  currencyCode: CurrencyCode!
  presentmentCurrencyCode: CurrencyCode!
  taxesIncluded: Boolean!
  currentSubtotalLineItemsQuantity: Int!
  currentTotalPriceSet: MoneyBag!
  currentSubtotalPriceSet: MoneyBag!
  currentTotalTaxSet: MoneyBag!
  currentTotalDiscountsSet: MoneyBag!
  currentShippingPriceSet: MoneyBag!
  totalPriceSet: MoneyBag!
  originalTotalPriceSet: MoneyBag!
  subtotalPriceSet: MoneyBag
  totalTaxSet: MoneyBag
  totalDiscountsSet: MoneyBag
  totalShippingPriceSet: MoneyBag!
  totalRefundedSet: MoneyBag!
  totalRefundedShippingSet: MoneyBag!
  totalOutstandingSet: MoneyBag!
  customer: Customer
  billingAddress: MailingAddress
  shippingAddress: MailingAddress
  lineItems(${page}): LineItemConnection!
  shippingLines(${page}, includeRemovals: Boolean = false): ShippingLineConnection!
  discountCode: String
  discountCodes: [String!]!
  discountApplications(${page}): DiscountApplicationConnection!
  taxLines: [TaxLine!]!
  displayFinancialStatus: OrderDisplayFinancialStatus
  displayFulfillmentStatus: OrderDisplayFulfillmentStatus!
  refunds(first: Int): [Refund!]!
  purchasingEntity: PurchasingEntity
  paymentTerms: PaymentTerms
  retailLocation: Location
  paymentGatewayNames: [String!]!
  transactions(first: Int, capturable: Boolean, manuallyResolvable: Boolean): [OrderTransaction!]!
}

union PurchasingEntity = Customer | PurchasingCompany
type PurchasingCompany { company: Company! location: CompanyLocation! }
type Company { id: ID! name: String! }
type CompanyLocation { id: ID! name: String! }
type PaymentTerms { id: ID! paymentTermsName: String! dueInDays: Int }

type LineItem {
  id: ID!
  name: String!
  title: String!
  variantTitle: String
  sku: String
  vendor: String
  quantity: Int!
  currentQuantity: Int!
  unfulfilledQuantity: Int!
  refundableQuantity: Int!
  isGiftCard: Boolean!
  requiresShipping: Boolean!
  taxable: Boolean!
  variant: ProductVariant
  product: Product
  originalUnitPriceSet: MoneyBag!
  discountedUnitPriceSet: MoneyBag!
  discountedUnitPriceAfterAllDiscountsSet: MoneyBag!
  originalTotalSet: MoneyBag!
  discountedTotalSet: MoneyBag!
  totalDiscountSet: MoneyBag!
  discountAllocations: [DiscountAllocation!]!
  taxLines(first: Int): [TaxLine!]!
  lineItemGroup: LineItemGroup
}

type LineItemGroup { id: ID! title: String! quantity: Int! productId: ID variantId: ID variantSku: String }

type TaxLine { title: String! rate: Float ratePercentage: Float priceSet: MoneyBag! channelLiable: Boolean }

type DiscountAllocation { allocatedAmountSet: MoneyBag! discountApplication: DiscountApplication! }

interface DiscountApplication {
  index: Int!
  allocationMethod: DiscountApplicationAllocationMethod!
  targetSelection: DiscountApplicationTargetSelection!
  targetType: DiscountApplicationTargetType!
  value: PricingValue!
}
type DiscountCodeApplication implements DiscountApplication {
  index: Int!
  allocationMethod: DiscountApplicationAllocationMethod!
  targetSelection: DiscountApplicationTargetSelection!
  targetType: DiscountApplicationTargetType!
  value: PricingValue!
  code: String!
}
type AutomaticDiscountApplication implements DiscountApplication {
  index: Int!
  allocationMethod: DiscountApplicationAllocationMethod!
  targetSelection: DiscountApplicationTargetSelection!
  targetType: DiscountApplicationTargetType!
  value: PricingValue!
  title: String!
}
type ManualDiscountApplication implements DiscountApplication {
  index: Int!
  allocationMethod: DiscountApplicationAllocationMethod!
  targetSelection: DiscountApplicationTargetSelection!
  targetType: DiscountApplicationTargetType!
  value: PricingValue!
  title: String!
  description: String
}
type ScriptDiscountApplication implements DiscountApplication {
  index: Int!
  allocationMethod: DiscountApplicationAllocationMethod!
  targetSelection: DiscountApplicationTargetSelection!
  targetType: DiscountApplicationTargetType!
  value: PricingValue!
  title: String!
}
type PricingPercentageValue { percentage: Float! }
union PricingValue = MoneyV2 | PricingPercentageValue

type ShippingLine {
  id: ID!
  title: String!
  code: String
  source: String
  carrierIdentifier: String
  isRemoved: Boolean!
  originalPriceSet: MoneyBag!
  discountedPriceSet: MoneyBag!
  currentDiscountedPriceSet: MoneyBag!
  taxLines: [TaxLine!]!
}

type Product {
  id: ID!
  legacyResourceId: UnsignedInt64!
  title: String!
  handle: String!
  productType: String!
  vendor: String!
  isGiftCard: Boolean!
}

type ProductVariant {
  id: ID!
  legacyResourceId: UnsignedInt64!
  sku: String
  title: String!
  displayName: String!
  price: Money!
  inventoryQuantity: Int
  updatedAt: DateTime!
  product: Product!
  inventoryItem: InventoryItem!
}

type InventoryItem {
  id: ID!
  legacyResourceId: UnsignedInt64!
  sku: String
  tracked: Boolean!
  variant: ProductVariant!
  inventoryLevels(${page}): InventoryLevelConnection!
  inventoryLevel(locationId: ID!): InventoryLevel
}
type InventoryLevel { id: ID! location: Location! item: InventoryItem! quantities(names: [String!]!): [InventoryQuantity!]! }
type InventoryQuantity { id: ID! name: String! quantity: Int! }

type Location {
  id: ID!
  legacyResourceId: UnsignedInt64!
  name: String!
  isActive: Boolean!
  fulfillsOnlineOrders: Boolean!
  address: LocationAddress!
}
type LocationAddress { address1: String city: String country: String countryCode: String zip: String provinceCode: String }

type Refund {
  id: ID!
  legacyResourceId: UnsignedInt64!
  createdAt: DateTime
  note: String
  totalRefundedSet: MoneyBag!
  order: Order!
  refundLineItems(${page}): RefundLineItemConnection!
  refundShippingLines(${page}): RefundShippingLineConnection!
  transactions(${page}): OrderTransactionConnection!
}
type RefundLineItem {
  id: ID
  quantity: Int!
  restockType: RefundLineItemRestockType!
  restocked: Boolean!
  location: Location
  lineItem: LineItem!
  priceSet: MoneyBag!
  subtotalSet: MoneyBag!
  totalTaxSet: MoneyBag!
}
type RefundShippingLine { id: ID! shippingLine: ShippingLine subtotalAmountSet: MoneyBag! taxAmountSet: MoneyBag! }
type OrderTransaction {
  id: ID!
  kind: OrderTransactionKind!
  status: OrderTransactionStatus!
  gateway: String
  amountSet: MoneyBag!
  processedAt: DateTime
}

${["Order", "LineItem", "ShippingLine", "DiscountApplication", "ProductVariant", "Location", "InventoryLevel", "RefundLineItem", "RefundShippingLine", "OrderTransaction"].map(connection).join("\n")}
`;

export const schema = buildSchema(SDL);
