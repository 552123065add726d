/**
 * The simulator's own OAuth 1.0a verifier (RFC 5849 with HMAC-SHA256, as NetSuite's token-based
 * authentication requires). Written apart from the app's signer so each checks the other, and
 * both are checked against RFC 5849's published base string (test/netsuite-sim).
 */
import crypto from "node:crypto";

/** RFC 3986 percent-encoding, as RFC 5849 section 3.6 requires. */
export function pct(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function parseAuthorization(header: string | undefined): Record<string, string> | null {
  if (!header || !/^OAuth\s/i.test(header)) return null;
  const out: Record<string, string> = {};
  for (const m of header.slice(6).matchAll(/([A-Za-z0-9_]+)="([^"]*)"/g)) out[m[1]!] = decodeURIComponent(m[2]!);
  return out;
}

/** RFC 5849 3.4.1: METHOD & base URI & normalised parameters (query + oauth_*, not realm or signature). */
export function baseString(method: string, url: URL, oauth: Record<string, string>, formParams: [string, string][] = []): string {
  const params: [string, string][] = [];
  for (const [k, v] of url.searchParams) params.push([k, v]);
  for (const [k, v] of Object.entries(oauth)) if (k !== "realm" && k !== "oauth_signature") params.push([k, v]);
  params.push(...formParams);
  const normalised = params
    .map(([k, v]) => [pct(k), pct(v)] as const)
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const port = url.port && !((url.protocol === "http:" && url.port === "80") || (url.protocol === "https:" && url.port === "443")) ? `:${url.port}` : "";
  const base = `${url.protocol.toLowerCase()}//${url.hostname.toLowerCase()}${port}${url.pathname}`;
  return `${method.toUpperCase()}&${pct(base)}&${pct(normalised)}`;
}

export function hmacSha256(base: string, consumerSecret: string, tokenSecret: string): string {
  return crypto.createHmac("sha256", `${pct(consumerSecret)}&${pct(tokenSecret)}`).update(base).digest("base64");
}
