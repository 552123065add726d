/**
 * Both OAuth 1.0a implementations (the app's signer and the simulator's verifier) against the
 * example in RFC 5849 section 3.4.1.1 (signature base string) and section 3.4.2 (HMAC over it),
 * not only against each other. NetSuite uses HMAC-SHA256; the RFC's example is HMAC-SHA1, so the
 * digest algorithm is the only part not taken from the RFC.
 */
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { percentEncode, signatureBaseString, signHmacSha256, tbaAuthorization } from "~/netsuite/oauth1";
import { baseString as simBaseString, pct } from "../simulators/netsuite/oauth1";

const RFC_BASE_STRING =
  "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7";
const oauth = { realm: "Example", oauth_consumer_key: "9djdj82h48djs9d2", oauth_token: "kkk9d7dh3k39sjv7", oauth_signature_method: "HMAC-SHA1", oauth_timestamp: "137131201", oauth_nonce: "7d8f3e4a" };

describe("OAuth 1.0a signature base string (RFC 5849 3.4.1.1)", () => {
  it("the simulator builds the RFC's base string from the RFC's request (query and form parameters)", () => {
    const url = new URL("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
    expect(simBaseString("POST", url, oauth, [["c2", ""], ["a3", "2 q"]])).toBe(RFC_BASE_STRING);
  });

  it("the app's signer builds the same base string when those parameters travel in the query", () => {
    // NetSuite's REST bodies are JSON and never signed, so the app signs query parameters only.
    const url = new URL("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b&c2=&a3=2%20q");
    expect(signatureBaseString("POST", url, oauth)).toBe(RFC_BASE_STRING);
  });

  it("encodes as RFC 3986 requires, in both", () => {
    for (const s of ["a b", "*", "!", "'()", "~-._", "ü", "=%"]) expect(percentEncode(s)).toBe(pct(s));
    expect(percentEncode("r b!*")).toBe("r%20b%21%2A");
  });

  it("keys the HMAC with the encoded secrets joined by & (RFC 5849 3.4.2, the RFC's own signature)", () => {
    const key = `${percentEncode("j49sk3j29djd")}&${percentEncode("dh893hdasih9")}`;
    expect(crypto.createHmac("sha1", key).update(RFC_BASE_STRING).digest("base64")).toBe("r6/TJjbCOr97/+UU0NsvSne7s5g=");
  });

  it("signs the RFC's base string with HMAC-SHA256 as OpenSSL does (digest computed outside Node, pasted here)", () => {
    // printf '%s' "$BASE" | openssl dgst -sha256 -hmac 'j49sk3j29djd&dh893hdasih9' -binary | base64
    // (the same command with -sha1 gives the RFC's own r6/TJjbCOr97/+UU0NsvSne7s5g=)
    expect(signHmacSha256(RFC_BASE_STRING, "j49sk3j29djd", "dh893hdasih9")).toBe("lIfydhbOitvsm4DvUwgM0NdR1Mzd08HnXI+q+EG0QKo=");
  });
});

describe("NetSuite token-based authentication header", () => {
  // The base string written out by hand from RFC 5849 3.4.1 for this request: query parameters
  // and oauth_* sorted together, the host in NetSuite's lower-case hyphen form, no realm.
  const BASE =
    "GET&https%3A%2F%2F1234567-sb1.suitetalk.api.netsuite.com%2Fservices%2Frest%2Frecord%2Fv1%2Fcustomer&limit%3D2%26oauth_consumer_key%3Dck%26oauth_nonce%3Dn0nce%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000%26oauth_token%3Dtk%26oauth_version%3D1.0%26offset%3D0";
  const url = new URL("https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer?limit=2&offset=0");
  const creds = { consumerKey: "ck", consumerSecret: "cs", tokenId: "tk", tokenSecret: "ts" };

  it("signs query parameters into the base string, HMAC-SHA256 keyed by both secrets", () => {
    expect(signatureBaseString("GET", url, { oauth_consumer_key: "ck", oauth_nonce: "n0nce", oauth_signature_method: "HMAC-SHA256", oauth_timestamp: "1700000000", oauth_token: "tk", oauth_version: "1.0" })).toBe(BASE);
    const header = tbaAuthorization("GET", url, "1234567_SB1", creds, () => 1_700_000_000_123, () => "n0nce");
    const fields = Object.fromEntries([...header.replace(/^OAuth /, "").matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], decodeURIComponent(m[2]!)]));
    // printf '%s' "$BASE" | openssl dgst -sha256 -hmac 'cs&ts' -binary | base64
    expect(fields).toEqual({
      realm: "1234567_SB1",
      oauth_consumer_key: "ck",
      oauth_nonce: "n0nce",
      oauth_signature_method: "HMAC-SHA256",
      oauth_timestamp: "1700000000",
      oauth_token: "tk",
      oauth_version: "1.0",
      oauth_signature: "1a2/lEoSm6WGcNJOhrDcn5roTat86rjdlfQJrLz7/RE=",
    });
  });

  it("uses a new nonce for every request", () => {
    const a = tbaAuthorization("GET", url, "1234567_SB1", creds);
    const b = tbaAuthorization("GET", url, "1234567_SB1", creds);
    const nonce = (h: string) => /oauth_nonce="([^"]+)"/.exec(h)?.[1];
    expect(nonce(a)).toBeTruthy();
    expect(nonce(a)).not.toBe(nonce(b));
  });
});
