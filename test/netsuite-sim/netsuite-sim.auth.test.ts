/**
 * Authentication as NetSuite does it.
 * - Token-based authentication: OAuth 1.0a per RFC 5849 section 3.4 (base string 3.4.1, the
 *   RFC's worked example in 3.4.1.1; HMAC 3.4.2), HMAC-SHA256 only (NetSuite 2023.1), timestamp
 *   within five minutes, nonce not reused, realm = account id in upper case with underscores;
 *   failures are 401 INVALID_LOGIN (help section 156570709583).
 * - OAuth 2.0 client credentials (help sections 162755359851, 162790605110): a JWT client
 *   assertion (PS256/ES256…, RS256 refused), kid = certificate id, iss = client id, aud = token
 *   URL, exp at most an hour after iat, scope rest_webservices; the answer
 *   {access_token, expires_in, token_type: "bearer"}; errors invalid_request 400,
 *   invalid_client 401, invalid_grant 400.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NetSuiteSimAdmin } from "../simulators/netsuite/admin-client";
import { baseString as simBaseString } from "../simulators/netsuite/oauth1";
import { demoAccount, startNetSuiteSimulator, type NetSuiteSimulator } from "../simulators/netsuite/server";
import { SEED } from "../simulators/netsuite/seed";
import { demoAssertion, idFrom, ns, requestToken, rfcBaseString, signAssertion, suiteql, tbaHeader } from "./helpers";

const RFC_EXAMPLE_BASE =
  "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7";
const RFC_OAUTH = { oauth_consumer_key: "9djdj82h48djs9d2", oauth_token: "kkk9d7dh3k39sjv7", oauth_signature_method: "HMAC-SHA1", oauth_timestamp: "137131201", oauth_nonce: "7d8f3e4a" };

const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const second = {
  accountId: "1234567_SB1",
  concurrencyLimit: 2,
  tba: { consumerKey: "sb-consumer", consumerSecret: "sb-consumer-secret", tokenId: "sb-token", tokenSecret: "sb-token-secret" },
  oauth2: { clientId: "sb-client", certificateId: "sb-cert", publicKeyPem: rsa.publicKey.export({ type: "spki", format: "pem" }).toString() },
  tokenTtlSeconds: 1,
};

let sim: NetSuiteSimulator;
let admin: NetSuiteSimAdmin;
beforeAll(async () => {
  sim = await startNetSuiteSimulator({ port: 0, accounts: [demoAccount(), second] });
  admin = new NetSuiteSimAdmin(sim.url);
});
afterAll(async () => sim?.stop());
beforeEach(async () => {
  await admin.reset();
});

const expectInvalidLogin = (r: { status: number; headers: Headers; body: unknown }) => {
  expect(r.status).toBe(401);
  expect(r.headers.get("content-type")).toBe("application/vnd.oracle.resource+json; type=error");
  expect(r.body).toMatchObject({ title: "Unauthorized", status: 401, "o:errorDetails": [{ "o:errorCode": "INVALID_LOGIN" }] });
};

describe("OAuth 1.0a (token-based authentication)", () => {
  it("builds RFC 5849's own example base string, in the test's signer and in the simulator", () => {
    const url = "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b";
    const form: [string, string][] = [["c2", ""], ["a3", "2 q"]];
    expect(rfcBaseString("POST", url, [...Object.entries(RFC_OAUTH), ...form])).toBe(RFC_EXAMPLE_BASE);
    expect(simBaseString("POST", new URL(url), { realm: "Example", ...RFC_OAUTH }, form)).toBe(RFC_EXAMPLE_BASE);
    // RFC 5849 3.4.2 keys the HMAC with both secrets; the RFC's SHA-1 signature of its example.
    expect(crypto.createHmac("sha1", "j49sk3j29djd&dh893hdasih9").update(RFC_EXAMPLE_BASE).digest("base64")).toBe("r6/TJjbCOr97/+UU0NsvSne7s5g=");
  });

  it("accepts a request signed with HMAC-SHA256 by the test's own signer, query parameters included", async () => {
    const r = await ns(sim.url, "GET", `/services/rest/record/v1/location/${SEED.locations.main}?expandSubResources=false&fields=name`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: SEED.locations.main, name: "Main Warehouse" });
  });

  it("refuses a bad signature, HMAC-SHA1, a stale timestamp, a reused nonce and an unknown realm with 401 INVALID_LOGIN", async () => {
    const path = `/services/rest/record/v1/location/${SEED.locations.main}`;
    expectInvalidLogin(await ns(sim.url, "GET", path, undefined, { corrupt: true }));
    expectInvalidLogin(await ns(sim.url, "GET", path, undefined, { signatureMethod: "HMAC-SHA1" }));
    expectInvalidLogin(await ns(sim.url, "GET", path, undefined, { timestamp: Math.floor(Date.now() / 1000) - 301 }));
    expectInvalidLogin(await ns(sim.url, "GET", path, undefined, { realm: "TSTDRV0000000" }));
    expect((await ns(sim.url, "GET", path, undefined, { nonce: "once-only" })).status).toBe(200);
    expectInvalidLogin(await ns(sim.url, "GET", path, undefined, { nonce: "once-only" }));
    // The signature covers the query: changing it after signing fails.
    const url = `${sim.url}${path}?expandSubResources=true`;
    const res = await fetch(`${url}x`, { headers: { Authorization: tbaHeader("GET", url) } });
    expect(res.status).toBe(401);
  });

  it("keeps accounts apart by realm: the sandbox's records are not the demo account's", async () => {
    const sandbox = { realm: "1234567-sb1", tba: second.tba }; // NetSuite's realm is upper case with underscores; lower case with hyphen is the host form
    const created = await ns(sim.url, "POST", "/services/rest/record/v1/customer", { isPerson: true, lastName: "Sandbox", subsidiary: { id: SEED.subsidiaries.us } }, sandbox);
    expect(created.status).toBe(204);
    expect((await ns(sim.url, "GET", `/services/rest/record/v1/customer/${idFrom(created)}`)).status).toBe(404);
    expect((await ns(sim.url, "GET", `/services/rest/record/v1/customer/${idFrom(created)}`, undefined, sandbox)).status).toBe(200);
    expect(await admin.forAccount("1234567_SB1").records("customer")).toHaveLength(1);
  });
});

describe("OAuth 2.0 client credentials", () => {
  it("exchanges an ES256 assertion signed in the test for a bearer token that opens the REST API", async () => {
    const t = await requestToken(sim.url, demoAssertion(sim.url));
    expect(t.status).toBe(200);
    expect(t.body).toMatchObject({ expires_in: 3600, token_type: "bearer" });
    expect(t.body.refresh_token).toBeUndefined();
    const bearer = String(t.body.access_token);
    const r = await suiteql(sim.url, "SELECT id, name FROM location ORDER BY id", "", { bearer });
    expect(r.status).toBe(200);
    expect(r.body.items.map((i) => i.name)).toEqual(["Main Warehouse", "East Coast DC", "Brooklyn Store"]);
    // The token knows its account: the same call signed for another account would see other data.
    expectInvalidLogin(await ns(sim.url, "GET", "/services/rest/system/v1/governanceLimits", undefined, { bearer: `${bearer}x` }));
  });

  it("accepts PS256 from an RSA certificate and refuses RS256 (PKCS#1 v1.5) with invalid_client", async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: "sb-client", scope: "restlets,rest_webservices", aud: `${sim.url}/services/rest/auth/oauth2/v1/token`, iat: now, exp: now + 3600 };
    const ps = await requestToken(sim.url, signAssertion({ alg: "PS256", kid: "sb-cert", privateKey: rsa.privateKey, claims }));
    expect(ps.status).toBe(200);
    const rs = await requestToken(sim.url, signAssertion({ alg: "RS256", kid: "sb-cert", privateKey: rsa.privateKey, claims }));
    expect(rs).toEqual({ status: 401, body: { error: "invalid_client" } });
  });

  it("refuses a wrong kid, a foreign key, a wrong audience, a too long life, a missing scope and a bad grant type", async () => {
    const now = Math.floor(Date.now() / 1000);
    const other = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
    expect(await requestToken(sim.url, demoAssertion(sim.url, {}, { kid: "other-cert" }))).toEqual({ status: 401, body: { error: "invalid_client" } });
    expect(await requestToken(sim.url, signAssertion({ alg: "ES256", kid: "demo-cert-id", privateKey: other.privateKey, claims: { iss: "demo-client-id", scope: "rest_webservices", aud: `${sim.url}/services/rest/auth/oauth2/v1/token`, iat: now, exp: now + 60 } }))).toEqual({ status: 401, body: { error: "invalid_client" } });
    expect(await requestToken(sim.url, demoAssertion(sim.url, { aud: "https://1234567.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token" }))).toEqual({ status: 400, body: { error: "invalid_grant" } });
    expect(await requestToken(sim.url, demoAssertion(sim.url, { iat: now, exp: now + 3601 }))).toEqual({ status: 400, body: { error: "invalid_grant" } });
    expect(await requestToken(sim.url, demoAssertion(sim.url, { scope: "restlets" }))).toEqual({ status: 400, body: { error: "invalid_grant" } });
    expect((await requestToken(sim.url, "not-a-jwt")).body).toEqual({ error: "invalid_request" });
    expect((await requestToken(sim.url, demoAssertion(sim.url), { grant_type: "password" })).status).toBe(400);
  });

  it("expires the bearer token after the account's token lifetime", async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: "sb-client", scope: ["rest_webservices"], aud: `${sim.url}/services/rest/auth/oauth2/v1/token`, iat: now, exp: now + 60 };
    const t = await requestToken(sim.url, signAssertion({ alg: "PS256", kid: "sb-cert", privateKey: rsa.privateKey, claims }));
    expect(t.body.expires_in).toBe(1);
    const bearer = String(t.body.access_token);
    expect((await ns(sim.url, "GET", "/services/rest/system/v1/governanceLimits", undefined, { bearer })).body).toMatchObject({ accountConcurrencyLimit: 2 });
    await new Promise((r) => setTimeout(r, 2100));
    expectInvalidLogin(await ns(sim.url, "GET", "/services/rest/system/v1/governanceLimits", undefined, { bearer }));
  });
});
