/**
 * The OAuth 2.0 client credentials assertion (help sections 162755359851, 162790605110): a JWT
 * with typ JWT, kid = certificate id, PS256 or ES256, iss = client id, aud = the token URL,
 * scope rest_webservices, exp at most an hour after iat. Checked by verifying the signature with
 * the registered public key through node:crypto (not through our own code), and the token cache
 * that shares one token request and renews before expiry.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { clientAssertion, TokenCache } from "~/netsuite/oauth2";
import { NetSuiteError } from "~/netsuite/errors";

const keyDir = new URL("../simulators/netsuite/demo-keys/", import.meta.url);
const ecPrivate = fs.readFileSync(new URL("demo-private.pem", keyDir), "utf8");
const ecPublic = fs.readFileSync(new URL("demo-public.pem", keyDir), "utf8");
const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 3072, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
const TOKEN_URL = "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token";
const NOW = Date.UTC(2026, 11, 5, 10, 0, 0);

function decode(jwt: string) {
  const [h, p, s] = jwt.split(".") as [string, string, string];
  return { header: JSON.parse(Buffer.from(h, "base64url").toString()), claims: JSON.parse(Buffer.from(p, "base64url").toString()), input: `${h}.${p}`, signature: Buffer.from(s, "base64url") };
}

describe("the client assertion", () => {
  it("ES256 with an EC P-256 key: verifies with the registered public key, NetSuite's header and claims", () => {
    const jwt = clientAssertion({ clientId: "demo-client-id", certificateId: "demo-cert-id", privateKeyPem: ecPrivate }, TOKEN_URL, NOW);
    const { header, claims, input, signature } = decode(jwt);
    expect(header).toEqual({ alg: "ES256", typ: "JWT", kid: "demo-cert-id" });
    expect(claims).toMatchObject({ iss: "demo-client-id", aud: TOKEN_URL, scope: "rest_webservices", iat: NOW / 1000 });
    expect(claims.exp).toBeGreaterThan(claims.iat);
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(3600);
    expect(signature).toHaveLength(64); // JOSE's r‖s, not DER
    expect(crypto.verify("sha256", Buffer.from(input), { key: ecPublic, dsaEncoding: "ieee-p1363" }, signature)).toBe(true);
    const other = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" }).publicKey;
    expect(crypto.verify("sha256", Buffer.from(input), { key: other, dsaEncoding: "ieee-p1363" }, signature)).toBe(false);
  });

  it("PS256 with an RSA key: an RSASSA-PSS signature (RS256 is no longer accepted)", () => {
    const jwt = clientAssertion({ clientId: "cid", certificateId: "cert-1", privateKeyPem: rsa.privateKey }, TOKEN_URL, NOW);
    const { header, input, signature } = decode(jwt);
    expect(header).toEqual({ alg: "PS256", typ: "JWT", kid: "cert-1" });
    const pss = { key: rsa.publicKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST };
    expect(crypto.verify("sha256", Buffer.from(input), pss, signature)).toBe(true);
    expect(crypto.verify("sha256", Buffer.from(input), { key: rsa.publicKey, padding: crypto.constants.RSA_PKCS1_PADDING }, signature)).toBe(false);
  });

  it("refuses an unreadable key or a key that does not fit the algorithm, as a configuration error", () => {
    const bad = () => clientAssertion({ clientId: "c", certificateId: "k", privateKeyPem: "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----" }, TOKEN_URL);
    expect(bad).toThrow(NetSuiteError);
    expect(() => clientAssertion({ clientId: "c", certificateId: "k", privateKeyPem: rsa.privateKey, algorithm: "ES256" }, TOKEN_URL)).toThrow(/ES256 needs an EC P-256/);
    try {
      bad();
    } catch (e) {
      expect(e).toMatchObject({ kind: "config", retryable: false });
    }
  });
});

describe("the token cache", () => {
  it("shares one token request among concurrent callers and reuses the token", async () => {
    const cache = new TokenCache();
    let requests = 0;
    const fetchToken = async () => {
      requests++;
      await new Promise((r) => setTimeout(r, 20));
      return { token: `t${requests}`, ttlSeconds: 3600 };
    };
    const tokens = await Promise.all(Array.from({ length: 10 }, () => cache.get("k", fetchToken)));
    expect(new Set(tokens)).toEqual(new Set(["t1"]));
    expect(await cache.get("k", fetchToken)).toBe("t1");
    expect(requests).toBe(1);
  });

  it("renews before the token runs out, and forgets a refused token", async () => {
    let now = 0;
    const cache = new TokenCache(() => now);
    let n = 0;
    const fetchToken = async () => ({ token: `t${++n}`, ttlSeconds: 3600 });
    expect(await cache.get("k", fetchToken)).toBe("t1");
    now = 3600_000 - 61_000; // more than a minute left
    expect(await cache.get("k", fetchToken)).toBe("t1");
    now = 3600_000 - 59_000; // less than a minute left: renewed early
    expect(await cache.get("k", fetchToken)).toBe("t2");
    cache.invalidate("k", "t1"); // an old token's refusal does not drop the new one
    expect(await cache.get("k", fetchToken)).toBe("t2");
    cache.invalidate("k", "t2");
    expect(await cache.get("k", fetchToken)).toBe("t3");
  });

  it("lets the next caller try again after a failed token request", async () => {
    const cache = new TokenCache();
    let n = 0;
    const fetchToken = async () => {
      if (++n === 1) throw new Error("token endpoint down");
      return { token: "ok", ttlSeconds: 60 };
    };
    await expect(cache.get("k", fetchToken)).rejects.toThrow("token endpoint down");
    expect(await cache.get("k", fetchToken)).toBe("ok");
  });
});
