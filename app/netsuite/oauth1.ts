/**
 * NetSuite token-based authentication: OAuth 1.0a (RFC 5849) signed with HMAC-SHA256, the only
 * method NetSuite accepts since 2023.1. The realm is the account id in upper case with
 * underscores; query parameters are part of the signature base string.
 */
import crypto from "node:crypto";

export interface TbaCredentials {
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
}

/** RFC 3986 unreserved characters stay; everything else is %XX (upper case). */
export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

/** RFC 5849 section 3.4.1. */
export function signatureBaseString(method: string, url: URL, oauthParams: Record<string, string>): string {
  const pairs: [string, string][] = [...url.searchParams.entries(), ...Object.entries(oauthParams).filter(([k]) => k !== "realm" && k !== "oauth_signature")].map(([k, v]) => [percentEncode(k), percentEncode(v)]);
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const defaultPort = (url.protocol === "https:" && url.port === "443") || (url.protocol === "http:" && url.port === "80") || url.port === "";
  const baseUri = `${url.protocol.toLowerCase()}//${url.hostname.toLowerCase()}${defaultPort ? "" : `:${url.port}`}${url.pathname}`;
  return [method.toUpperCase(), percentEncode(baseUri), percentEncode(pairs.map(([k, v]) => `${k}=${v}`).join("&"))].join("&");
}

export function signHmacSha256(base: string, consumerSecret: string, tokenSecret: string): string {
  return crypto.createHmac("sha256", `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`).update(base).digest("base64");
}

/** The Authorization header for one request. */
export function tbaAuthorization(method: string, url: URL, realm: string, c: TbaCredentials, now: () => number = Date.now, nonce: () => string = () => crypto.randomBytes(16).toString("hex")): string {
  const params: Record<string, string> = {
    oauth_consumer_key: c.consumerKey,
    oauth_nonce: nonce(),
    oauth_signature_method: "HMAC-SHA256",
    oauth_timestamp: String(Math.floor(now() / 1000)),
    oauth_token: c.tokenId,
    oauth_version: "1.0",
  };
  const signature = signHmacSha256(signatureBaseString(method, url, params), c.consumerSecret, c.tokenSecret);
  const fields = { realm, ...params, oauth_signature: signature };
  return "OAuth " + Object.entries(fields).map(([k, v]) => `${k}="${percentEncode(v)}"`).join(", ");
}
