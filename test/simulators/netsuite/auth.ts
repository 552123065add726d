/**
 * Who is calling: token-based authentication (OAuth 1.0a, HMAC-SHA256 only, account named by
 * the realm) or an OAuth 2.0 bearer token issued by the token endpoint for a client credentials
 * assertion (help sections 162755359851, 162790605110). Every failure on a REST call is NetSuite's
 * 401 INVALID_LOGIN, which says nothing about what was wrong.
 */
import crypto from "node:crypto";
import type http from "node:http";
import { invalidLogin } from "./errors";
import { decodeJwt, signHs256, verifyAssertionSignature, verifyHs256 } from "./jwt";
import { baseString, hmacSha256, parseAuthorization } from "./oauth1";
import { realmForm, type AccountState } from "./state";

export const TOKEN_PATH = "/services/rest/auth/oauth2/v1/token";
const TIMESTAMP_WINDOW_S = 300;
const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const SCOPES = new Set(["restlets", "rest_webservices", "suite_analytics"]);

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
  account?: AccountState;
}

const oauthError = (status: number, error: string): TokenAnswer => ({ status, body: { error } });

export class SimAuth {
  private readonly secret = crypto.randomBytes(32);

  constructor(private readonly accounts: Map<string, AccountState>) {}

  /** Resolves the calling account or throws INVALID_LOGIN. */
  authenticate(req: http.IncomingMessage, url: URL): AccountState {
    const header = req.headers.authorization ?? "";
    if (/^Bearer\s/i.test(header)) return this.bearer(header.slice(7).trim());
    return this.tba(req, url);
  }

  /** The account an Authorization header names, without checking it (for the request log). */
  claimed(req: http.IncomingMessage): AccountState | undefined {
    const header = req.headers.authorization ?? "";
    if (/^Bearer\s/i.test(header)) {
      const acct = decodeJwt(header.slice(7).trim())?.payload.account;
      return typeof acct === "string" ? this.accounts.get(acct) : undefined;
    }
    const realm = parseAuthorization(header)?.realm;
    return realm ? this.accounts.get(realmForm(realm)) : undefined;
  }

  private tba(req: http.IncomingMessage, url: URL): AccountState {
    const oauth = parseAuthorization(req.headers.authorization);
    if (!oauth?.realm) throw invalidLogin();
    const acct = this.accounts.get(realmForm(oauth.realm));
    const tba = acct?.config.tba;
    if (!acct || !tba) throw invalidLogin();
    if (oauth.oauth_signature_method !== "HMAC-SHA256" || (oauth.oauth_version !== undefined && oauth.oauth_version !== "1.0")) throw invalidLogin();
    if (oauth.oauth_consumer_key !== tba.consumerKey || oauth.oauth_token !== tba.tokenId) throw invalidLogin();
    const ts = Number(oauth.oauth_timestamp);
    if (!/^\d+$/.test(oauth.oauth_timestamp ?? "") || Math.abs(Date.now() / 1000 - ts) > TIMESTAMP_WINDOW_S) throw invalidLogin();
    const nonce = oauth.oauth_nonce ?? "";
    const now = Date.now();
    for (const [n, at] of acct.nonces) if (now - at > 2 * TIMESTAMP_WINDOW_S * 1000) acct.nonces.delete(n);
    if (!nonce || acct.nonces.has(`${oauth.oauth_token}:${nonce}`)) throw invalidLogin();
    const expected = Buffer.from(hmacSha256(baseString(req.method ?? "GET", url, oauth), tba.consumerSecret, tba.tokenSecret));
    const given = Buffer.from(oauth.oauth_signature ?? "");
    if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) throw invalidLogin();
    acct.nonces.set(`${oauth.oauth_token}:${nonce}`, now);
    return acct;
  }

  private bearer(token: string): AccountState {
    const claims = verifyHs256(token, this.secret);
    if (!claims || typeof claims.exp !== "number" || claims.exp * 1000 <= Date.now()) throw invalidLogin();
    const acct = this.accounts.get(String(claims.account));
    if (!acct?.config.oauth2 || acct.config.oauth2.clientId !== claims.sub) throw invalidLogin();
    const scopes = String(claims.scope ?? "").split(/[ ,]+/);
    if (!scopes.includes("rest_webservices")) throw invalidLogin();
    return acct;
  }

  /** POST …/auth/oauth2/v1/token with grant_type=client_credentials and a JWT client assertion. */
  token(req: http.IncomingMessage, url: URL, raw: string): TokenAnswer {
    if (req.method !== "POST") return oauthError(400, "invalid_request");
    if (!/^application\/x-www-form-urlencoded/i.test(req.headers["content-type"] ?? "")) return oauthError(400, "invalid_request");
    const form = new URLSearchParams(raw);
    if (form.get("grant_type") !== "client_credentials") return oauthError(400, form.get("grant_type") ? "unsupported_grant_type" : "invalid_request");
    const assertion = form.get("client_assertion");
    if (form.get("client_assertion_type") !== ASSERTION_TYPE || !assertion) return oauthError(400, "invalid_request");
    const jwt = decodeJwt(assertion);
    if (!jwt) return oauthError(400, "invalid_request");
    const { header, payload } = jwt;
    const acct = [...this.accounts.values()].find((a) => a.config.oauth2?.clientId === payload.iss);
    const client = acct?.config.oauth2;
    // Unknown client, wrong certificate, RS256 or a bad signature: the client is not who it says.
    if (!acct || !client || header.kid !== client.certificateId || !verifyAssertionSignature(jwt, client.publicKeyPem)) return { ...oauthError(401, "invalid_client"), account: acct };
    const now = Math.floor(Date.now() / 1000);
    const tokenUrl = `${url.protocol}//${url.host}${TOKEN_PATH}`;
    const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    const iat = payload.iat;
    const exp = payload.exp;
    const scopes = (Array.isArray(payload.scope) ? payload.scope.map(String) : String(payload.scope ?? "").split(/[ ,]+/)).filter(Boolean);
    const claimsOk =
      aud.includes(tokenUrl) &&
      typeof iat === "number" &&
      typeof exp === "number" &&
      iat <= now + TIMESTAMP_WINDOW_S &&
      exp > now &&
      exp - iat <= 3600 &&
      scopes.length > 0 &&
      scopes.every((s) => SCOPES.has(s)) &&
      scopes.includes("rest_webservices");
    if (!claimsOk) return { ...oauthError(400, "invalid_grant"), account: acct };
    const ttl = acct.tokenTtlSeconds;
    const accessToken = signHs256({ iss: "https://system.netsuite.com", sub: client.clientId, account: acct.id, scope: scopes.join(","), iat: now, exp: now + ttl, jti: crypto.randomUUID() }, this.secret);
    return { status: 200, body: { access_token: accessToken, expires_in: ttl, token_type: "bearer" }, account: acct };
  }
}
