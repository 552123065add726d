/** NetSuite: the REST client, its errors, token-based signing and the record bodies. */
export { NetSuiteClient, accountHost, accountRealm, redactBody, type NetSuiteCall, type NetSuiteClientOptions, type RetryPolicy } from "./client";
export { NetSuiteError, fromResponse, type NetSuiteErrorKind } from "./errors";
export { tbaAuthorization, signatureBaseString, signHmacSha256, percentEncode, type TbaCredentials } from "./oauth1";
export * from "./records";
