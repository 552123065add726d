/**
 * Test-side NetSuite callers, written apart from both the simulator and the app's client so
 * that each test checks the simulator against an independent reading of the protocol:
 * an OAuth 1.0a signer after RFC 5849 section 3.4 (HMAC-SHA256, as NetSuite requires) and an
 * OAuth 2.0 client assertion signed with node:crypto.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import { DEMO_PRIVATE_KEY_PATH } from "../simulators/netsuite/demo-keys";
import { demoAccount, type SimAccountConfig } from "../simulators/netsuite/server";

/** RFC 3986 unreserved characters stay, everything else is %XX (RFC 5849 3.6). */
export function rfc3986(s: string): string {
  return Array.from(Buffer.from(s, "utf8"))
    .map((b) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`))
    .join("");
}

/** RFC 5849 3.4.1: the signature base string of a request (query and oauth_* parameters). */
export function rfcBaseString(method: string, url: string, params: [string, string][]): string {
  const u = new URL(url);
  const all: [string, string][] = [...params];
  for (const [k, v] of u.searchParams) all.push([k, v]);
  const pairs = all
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort((a, b) => (a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`);
  const baseUri = `${u.protocol}//${u.host}${u.pathname}`;
  return [method.toUpperCase(), rfc3986(baseUri), rfc3986(pairs.join("&"))].join("&");
}

export interface TbaOptions {
  realm?: string;
  tba?: NonNullable<SimAccountConfig["tba"]>;
  timestamp?: number;
  nonce?: string;
  signatureMethod?: string;
  /** Tamper with the signature after computing it. */
  corrupt?: boolean;
}

export function tbaHeader(method: string, url: string, o: TbaOptions = {}): string {
  const tba = o.tba ?? demoAccount().tba!;
  const oauth: Record<string, string> = {
    oauth_consumer_key: tba.consumerKey,
    oauth_token: tba.tokenId,
    oauth_signature_method: o.signatureMethod ?? "HMAC-SHA256",
    oauth_timestamp: String(o.timestamp ?? Math.floor(Date.now() / 1000)),
    oauth_nonce: o.nonce ?? crypto.randomBytes(12).toString("hex"),
    oauth_version: "1.0",
  };
  const base = rfcBaseString(method, url, Object.entries(oauth));
  const algorithm = oauth.oauth_signature_method === "HMAC-SHA1" ? "sha1" : "sha256";
  let signature = crypto.createHmac(algorithm, `${rfc3986(tba.consumerSecret)}&${rfc3986(tba.tokenSecret)}`).update(base).digest("base64");
  if (o.corrupt) signature = `${signature.slice(0, -2)}A=`;
  const fields = { realm: o.realm ?? demoAccount().accountId, ...oauth, oauth_signature: signature };
  return `OAuth ${Object.entries(fields)
    .map(([k, v]) => `${k}="${rfc3986(v)}"`)
    .join(", ")}`;
}

export interface NsResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** One signed REST call (TBA by default, or a bearer token). */
export async function ns<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  o: TbaOptions & { bearer?: string; headers?: Record<string, string> } = {},
): Promise<NsResponse<T>> {
  const url = `${base}${path}`;
  const authorization = o.bearer ? `Bearer ${o.bearer}` : tbaHeader(method, url, o);
  const res = await fetch(url, {
    method,
    headers: { Authorization: authorization, ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...(o.headers ?? {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

export const suiteql = <T = Record<string, unknown>>(base: string, q: string, query = "", o: TbaOptions & { bearer?: string } = {}) =>
  ns<{ links: { rel: string; href: string }[]; count: number; hasMore: boolean; items: T[]; offset: number; totalResults: number }>(base, "POST", `/services/rest/query/v1/suiteql${query}`, { q }, { ...o, headers: { Prefer: "transient" } });

/** The id at the end of a Location header. */
export const idFrom = (r: NsResponse<unknown>) => /\/([^/]+)$/.exec(r.headers.get("location") ?? "")?.[1] ?? "";

const b64url = (x: string | Buffer) => Buffer.from(x).toString("base64url");

/** A client assertion JWT signed here with node:crypto (RFC 7519/7515), not by the app. */
export function signAssertion(o: { alg: string; kid: string; privateKey: crypto.KeyObject | string; claims: Record<string, unknown> }): string {
  const input = `${b64url(JSON.stringify({ typ: "JWT", alg: o.alg, kid: o.kid }))}.${b64url(JSON.stringify(o.claims))}`;
  const hash = `sha${o.alg.slice(2)}`;
  const key = typeof o.privateKey === "string" ? crypto.createPrivateKey(o.privateKey) : o.privateKey;
  const sig = o.alg.startsWith("ES")
    ? crypto.sign(hash, Buffer.from(input), { key, dsaEncoding: "ieee-p1363" })
    : o.alg.startsWith("PS")
      ? crypto.sign(hash, Buffer.from(input), { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST })
      : crypto.sign(hash, Buffer.from(input), { key, padding: crypto.constants.RSA_PKCS1_PADDING });
  return `${input}.${b64url(sig)}`;
}

export const demoPrivateKey = () => fs.readFileSync(DEMO_PRIVATE_KEY_PATH, "utf8");

export async function requestToken(base: string, assertion: string, extra: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base}/services/rest/auth/oauth2/v1/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", client_assertion: assertion, ...extra }).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A valid assertion for the demo client; `over` changes claims. */
export function demoAssertion(base: string, over: Record<string, unknown> = {}, header: { alg?: string; kid?: string } = {}): string {
  const now = Math.floor(Date.now() / 1000);
  return signAssertion({
    alg: header.alg ?? "ES256",
    kid: header.kid ?? "demo-cert-id",
    privateKey: demoPrivateKey(),
    claims: { iss: "demo-client-id", scope: ["rest_webservices"], aud: `${base}/services/rest/auth/oauth2/v1/token`, iat: now, exp: now + 300, ...over },
  });
}
