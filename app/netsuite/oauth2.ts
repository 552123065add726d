/**
 * NetSuite OAuth 2.0 client credentials (machine to machine): a JWT client assertion signed
 * with the integration certificate's private key is exchanged at the token endpoint for a
 * 60-minute bearer token. NetSuite gives no refresh token, so the client asks again before the
 * token runs out. RS256 is no longer accepted: PS256 for RSA keys, ES256 for P-256 keys.
 */
import crypto from "node:crypto";
import { z } from "zod";
import { configError } from "./errors";

export interface OAuth2Credentials {
  clientId: string;
  /** The certificate id NetSuite shows in the integration's certificate mapping: the JWT `kid`. */
  certificateId: string;
  privateKeyPem: string;
  /** Default from the key: PS256 for RSA, ES256 for EC P-256. */
  algorithm?: "PS256" | "ES256";
}

export const TOKEN_PATH = "/services/rest/auth/oauth2/v1/token";
export const SCOPE = "rest_webservices";
/** The assertion is used once, at once: a short life limits what a leaked one is worth. */
const ASSERTION_TTL_SECONDS = 300;

export const tokenResponse = z.object({
  access_token: z.string().min(1),
  // NetSuite sends a number; some proxies turn it into a string.
  expires_in: z.coerce.number().int().positive(),
  token_type: z.string().regex(/^bearer$/i),
});

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");

function keyAndAlgorithm(c: OAuth2Credentials): { key: crypto.KeyObject; alg: "PS256" | "ES256" } {
  let key: crypto.KeyObject;
  try {
    key = crypto.createPrivateKey(c.privateKeyPem);
  } catch (e) {
    throw configError("The OAuth 2.0 private key cannot be read: paste the PEM private key of the certificate uploaded to the integration.", e);
  }
  const type = key.asymmetricKeyType;
  const alg = c.algorithm ?? (type === "ec" ? "ES256" : "PS256");
  if (alg === "ES256" && (type !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1")) throw configError("ES256 needs an EC P-256 private key.");
  if (alg === "PS256" && type !== "rsa" && type !== "rsa-pss") throw configError("PS256 needs an RSA private key.");
  return { key, alg };
}

/** The signed JWT for one token request. `aud` is the token URL itself. */
export function clientAssertion(c: OAuth2Credentials, tokenUrl: string, nowMs: number = Date.now()): string {
  const { key, alg } = keyAndAlgorithm(c);
  const iat = Math.floor(nowMs / 1000);
  const header = { alg, typ: "JWT", kid: c.certificateId };
  const claims = { iss: c.clientId, scope: SCOPE, aud: tokenUrl, iat, exp: iat + ASSERTION_TTL_SECONDS };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const signature =
    alg === "PS256"
      ? crypto.sign("sha256", Buffer.from(input), { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST })
      : crypto.sign("sha256", Buffer.from(input), { key, dsaEncoding: "ieee-p1363" });
  return `${input}.${b64url(signature)}`;
}

export function tokenRequestBody(assertion: string): string {
  return new URLSearchParams({
    grant_type: "client_credentials",
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: assertion,
  }).toString();
}

interface Entry {
  token: string;
  renewAt: number;
}

/**
 * Access tokens per (token URL, client id), shared by every client in the process: a job makes
 * a client per run, and asking NetSuite for a token per job would double the calls. Concurrent
 * callers share one token request.
 */
export class TokenCache {
  private readonly tokens = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<string>>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(key: string, fetchToken: () => Promise<{ token: string; ttlSeconds: number }>): Promise<string> {
    const hit = this.tokens.get(key);
    if (hit && this.now() < hit.renewAt) return hit.token;
    let p = this.pending.get(key);
    if (!p) {
      const requested = this.now();
      p = fetchToken()
        .then(({ token, ttlSeconds }) => {
          // Renew a minute early (a tenth early for short tokens) so no call carries a token
          // that runs out on its way; the clock starts when we asked, not when NetSuite answered.
          const ttlMs = ttlSeconds * 1000;
          this.tokens.set(key, { token, renewAt: requested + ttlMs - Math.min(60_000, ttlMs / 10) });
          return token;
        })
        .finally(() => this.pending.delete(key));
      this.pending.set(key, p);
    }
    return p;
  }

  /** NetSuite refused this token: forget it unless a newer one already replaced it. */
  invalidate(key: string, token?: string): void {
    const hit = this.tokens.get(key);
    if (hit && (token === undefined || hit.token === token)) this.tokens.delete(key);
  }
}
