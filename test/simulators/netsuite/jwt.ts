/**
 * Just enough JWT for NetSuite's OAuth 2.0 client credentials: verifying a client assertion
 * (PS256/384/512, ES256/384/512; NetSuite no longer accepts RS256) and minting the simulator's
 * own access tokens (HS256 with a per-process secret: only the simulator reads them).
 */
import crypto from "node:crypto";

export const ASSERTION_ALGS: Record<string, { hash: string; kind: "pss" | "ec" }> = {
  PS256: { hash: "sha256", kind: "pss" },
  PS384: { hash: "sha384", kind: "pss" },
  PS512: { hash: "sha512", kind: "pss" },
  ES256: { hash: "sha256", kind: "ec" },
  ES384: { hash: "sha384", kind: "ec" },
  ES512: { hash: "sha512", kind: "ec" },
};

export const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

export function decodeJwt(token: string): DecodedJwt | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, "base64url").toString("utf8")) as unknown;
    const payload = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8")) as unknown;
    if (!header || typeof header !== "object" || !payload || typeof payload !== "object") return null;
    return { header: header as Record<string, unknown>, payload: payload as Record<string, unknown>, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2]!, "base64url") };
  } catch {
    return null;
  }
}

/** True when `jwt` is signed by `publicKeyPem` with an algorithm NetSuite accepts. */
export function verifyAssertionSignature(jwt: DecodedJwt, publicKeyPem: string): boolean {
  const alg = ASSERTION_ALGS[String(jwt.header.alg)];
  if (!alg) return false;
  try {
    const key = crypto.createPublicKey(publicKeyPem);
    if ((alg.kind === "ec") !== (key.asymmetricKeyType === "ec")) return false;
    const options = alg.kind === "ec" ? { key, dsaEncoding: "ieee-p1363" as const } : { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST };
    return crypto.verify(alg.hash, Buffer.from(jwt.signingInput), options, jwt.signature);
  } catch {
    return false;
  }
}

export function signHs256(payload: Record<string, unknown>, secret: Buffer): string {
  const input = `${b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${b64url(crypto.createHmac("sha256", secret).update(input).digest())}`;
}

export function verifyHs256(token: string, secret: Buffer): Record<string, unknown> | null {
  const jwt = decodeJwt(token);
  if (!jwt || jwt.header.alg !== "HS256") return null;
  const expected = crypto.createHmac("sha256", secret).update(jwt.signingInput).digest();
  return expected.length === jwt.signature.length && crypto.timingSafeEqual(expected, jwt.signature) ? jwt.payload : null;
}
