/**
 * Shopify payloads read at the edge (zod) and turned into plain typed models. Orders: the
 * webhook body and the Admin GraphQL order both become one `ShopifyOrder`.
 */
export * from "./model";
export { orderWebhookBody, orderFromWebhook, parseOrderWebhook, moneySet, orderLineItem, type OrderWebhookBody } from "./order";
export { adminOrder, orderFromAdmin, parseAdminOrder, ORDER_GRAPHQL_FIELDS, type AdminOrder } from "./order-graphql";
