/**
 * Reading the shop's data from Shopify's Admin GraphQL API, through the library's own client
 * (`admin` from `unauthenticated.admin(shop)` or `authenticate.admin(request)`): cursor paging
 * as async generators, answers checked with zod, Shopify's cost throttling waited out.
 */
export { pageOrders, updatedSinceFilter, type AdminOrderRef, type PageOrdersOptions } from "./orders";
export { readAdminOrder, orderGid } from "./order";
export { pageLocations, type AdminLocation } from "./locations";
export { pageVariants, type AdminVariant, type PageVariantsOptions } from "./variants";
export { AdminReadError, type AdminReadErrorKind } from "./errors";
export { MAX_PAGE_SIZE } from "./paging";
export type { GraphqlAdmin, ReadOptions } from "./reader";
export { readShopProfile, type AdminShopProfile } from "./shop";
