/**
 * The orders flow's pure core: Shopify order + mappings → the NetSuite requests (or the
 * problems), the external id scheme, the mapping file format and the dry-run preview.
 * The I/O (reading NetSuite, writing the plan) lives in sync.server.ts.
 */
export { mapOrder, localDate, type MapContext, type MapResult, type NetSuiteRequest, type OrderPlan } from "./map";
export { externalIds, emailHash, upsertPath } from "./external-ids";
export { mappingsFile, parseMappings, toMappingsFile, orderMappingsFromSettings, type OrderMappings, type MappingsFile, type SkuTarget, type KitMember, type TaxRule } from "./mappings";
export { previewOrder, PREVIEW_TOPICS, type PreviewOptions } from "./preview";
export type { OrderProblem, ProblemCause, ProblemOwner } from "./problems";
