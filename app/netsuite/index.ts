/**
 * NetSuite: the REST client (record API, SuiteQL, governance limits, connection test), its one
 * error type, both logins, the call governor's interface, and the record bodies.
 */
import { NetSuiteClient, type NetSuiteClientOptions } from "./client";

/** The client factory: one client per account and credentials; cheap to make (caches are shared). */
export function createNetSuiteClient(options: NetSuiteClientOptions): NetSuiteClient {
  return new NetSuiteClient(options);
}

export { NetSuiteClient, accountHost, accountRealm, type NetSuiteClientOptions } from "./client";
export type { NetSuiteCall, NetSuiteMetrics, RetryPolicy } from "./transport";
export { NetSuiteError, fromResponse, type NetSuiteErrorKind } from "./errors";
export type { NetSuiteCredentials } from "./auth";
export { tbaAuthorization, signatureBaseString, signHmacSha256, percentEncode, type TbaCredentials } from "./oauth1";
export { clientAssertion, TokenCache, type OAuth2Credentials } from "./oauth2";
export { LimitCache, effectiveLimit } from "./limits";
export type { SuiteQlPage, SuiteQlOptions } from "./suiteql";
export { redactBody } from "./redact";
export type { Governor, Release } from "~/governor";
export { MemoryGovernor } from "~/governor/memory";
export * from "./records";
