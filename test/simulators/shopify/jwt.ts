/**
 * HS256 JWTs, as App Bridge session tokens are: signed with the app's client secret. Written on
 * node:crypto so the simulator needs no JWT library.
 */
import crypto from "node:crypto";

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");

export function signHs256(payload: Record<string, unknown>, secret: string): string {
  const head = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = b64url(JSON.stringify(payload));
  const sig = crypto.createHmac("sha256", secret).update(`${head}.${body}`).digest("base64url");
  return `${head}.${body}.${sig}`;
}

export class JwtError extends Error {}

/** Verifies signature, alg, exp and nbf (10 s leeway, like Shopify's library). */
export function verifyHs256(token: string, secret: string, nowMs: number): Record<string, unknown> {
  const parts = token.split(".");
  if (parts.length !== 3) throw new JwtError("malformed token");
  const [head, body, sig] = parts as [string, string, string];
  let header: { alg?: unknown };
  let payload: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(head, "base64url").toString("utf8")) as { alg?: unknown };
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    throw new JwtError("malformed token");
  }
  if (header.alg !== "HS256") throw new JwtError("unexpected algorithm");
  const want = crypto.createHmac("sha256", secret).update(`${head}.${body}`).digest();
  const got = Buffer.from(sig, "base64url");
  if (got.length !== want.length || !crypto.timingSafeEqual(got, want)) throw new JwtError("signature verification failed");
  const now = nowMs / 1000;
  if (typeof payload.exp === "number" && now > payload.exp + 10) throw new JwtError("token expired");
  if (typeof payload.nbf === "number" && now < payload.nbf - 10) throw new JwtError("token not yet valid");
  return payload;
}

export interface SessionTokenInput {
  shop: string;
  apiKey: string;
  apiSecret: string;
  userId?: number | string;
  /** Seconds since the epoch; default now. */
  issuedAt?: number;
  ttlSeconds?: number;
}

/** An App Bridge–style session token (what the embedded app's frontend sends as a Bearer). */
export function makeSessionToken(i: SessionTokenInput): string {
  const iat = i.issuedAt ?? Math.floor(Date.now() / 1000);
  return signHs256(
    {
      iss: `https://${i.shop}/admin`,
      dest: `https://${i.shop}`,
      aud: i.apiKey,
      sub: String(i.userId ?? 1),
      exp: iat + (i.ttlSeconds ?? 60),
      nbf: iat,
      iat,
      jti: crypto.randomUUID(),
      sid: crypto.createHash("sha256").update(`${i.shop}:${i.userId ?? 1}`).digest("hex").slice(0, 32),
    },
    i.apiSecret,
  );
}
