/**
 * NetSuite's error bodies (help section 156570709583: type, title, status, o:errorDetails[] with
 * detail, o:errorCode, o:errorPath) and the token endpoint's RFC 6749 errors become one typed
 * error that says whether a retry can help, with the field path for the exception inbox.
 */
import { describe, expect, it } from "vitest";
import { fromNetworkError, fromResponse, NetSuiteError } from "~/netsuite/errors";
import { redactBody } from "~/netsuite/redact";

const nsBody = (status: number, title: string, code: string, detail: string, path?: string) =>
  JSON.stringify({
    type: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1",
    title,
    status,
    "o:errorDetails": [{ detail, "o:errorCode": code, ...(path ? { "o:errorPath": path } : {}) }],
  });

describe("NetSuite error bodies", () => {
  it("a bad field value: permanent, with NetSuite's path, code, detail and title, the body kept as cause", () => {
    const e = fromResponse(400, nsBody(400, "Bad Request", "INVALID_CONTENT", "Invalid value for the resource or sub-resource field 'item'. Provide a valid value.", "item.items[0].item"), "writing salesOrder x");
    expect(e).toBeInstanceOf(NetSuiteError);
    expect(e).toMatchObject({ kind: "data", status: 400, code: "INVALID_CONTENT", path: "item.items[0].item", retryable: false, title: "Bad Request" });
    expect(e.detail).toMatch(/Invalid value/);
    expect(e.message).toBe("NetSuite refused writing salesOrder x: Invalid value for the resource or sub-resource field 'item'. Provide a valid value. (field item.items[0].item) [INVALID_CONTENT]");
    expect(e.cause).toMatchObject({ status: 400, title: "Bad Request" });
  });

  it("tells retryable from permanent", () => {
    const cases: [number, string, string, boolean][] = [
      [429, "CONCURRENCY_LIMIT_EXCEEDED", "throttled", true],
      [400, "CONCURRENCY_LIMIT_EXCEEDED", "throttled", true],
      [500, "UNEXPECTED_ERROR", "unavailable", true],
      [503, "UNEXPECTED_ERROR", "unavailable", true],
      [401, "INVALID_LOGIN", "auth", false],
      [404, "NONEXISTENT_ID", "not_found", false],
      [400, "USER_ERROR", "data", false],
    ];
    for (const [status, code, kind, retryable] of cases) expect(fromResponse(status, nsBody(status, "t", code, "d"), "x"), `${status} ${code}`).toMatchObject({ kind, retryable, code });
  });

  it("the token endpoint's errors: invalid_client is a refused login", () => {
    expect(fromResponse(401, JSON.stringify({ error: "invalid_client" }), "the OAuth 2.0 token request")).toMatchObject({ kind: "auth", code: "invalid_client", retryable: false });
    expect(fromResponse(400, JSON.stringify({ error: "invalid_grant", error_description: "exp too far" }), "t")).toMatchObject({ kind: "auth", code: "invalid_grant", detail: "exp too far" });
    expect(fromResponse(400, JSON.stringify({ error: "invalid_request" }), "t")).toMatchObject({ kind: "data", code: "invalid_request" });
  });

  it("an HTML page from a proxy still gives a readable, classified error", () => {
    const e = fromResponse(502, "<html><body>Bad Gateway</body></html>", "reading customer 1");
    expect(e).toMatchObject({ kind: "unavailable", retryable: true, code: null, status: 502 });
    expect(e.message).toContain("Bad Gateway");
  });

  it("no answer: timeouts and resets are retryable, with the original as cause", () => {
    const timeout = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    expect(fromNetworkError(timeout, "x")).toMatchObject({ kind: "network", code: "TIMEOUT", retryable: true, cause: timeout });
    const reset = new TypeError("fetch failed", { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) });
    expect(fromNetworkError(reset, "x")).toMatchObject({ code: "NETWORK", detail: "UND_ERR_SOCKET", retryable: true });
    const refused = new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
    expect(fromNetworkError(refused, "x")).toMatchObject({ code: "NETWORK", detail: "ECONNREFUSED", retryable: true });
    const cert = new TypeError("fetch failed", { cause: Object.assign(new Error("bad cert"), { code: "CERT_HAS_EXPIRED" }) });
    expect(fromNetworkError(cert, "x")).toMatchObject({ code: "NETWORK", detail: "CERT_HAS_EXPIRED", retryable: false });
  });
});

describe("what the recorder may keep", () => {
  it("masks tokens, secrets and the client assertion, in JSON and form bodies", () => {
    const json = redactBody(JSON.stringify({ access_token: "eyJ.secret", expires_in: 3600, nested: { consumerSecret: "cs", items: [{ tokenSecret: "ts", name: "ok" }] } }))!;
    expect(json).not.toMatch(/eyJ\.secret|"cs"|"ts"/);
    expect(JSON.parse(json)).toMatchObject({ access_token: "[redacted]", expires_in: 3600, nested: { items: [{ name: "ok" }] } });
    const form = redactBody("grant_type=client_credentials&client_assertion=eyJhbGc.x.y&client_assertion_type=urn%3Aietf", "application/x-www-form-urlencoded")!;
    expect(form).not.toContain("eyJhbGc");
    expect(form).toContain("grant_type=client_credentials");
    expect(redactBody('not json access_token=abc&x=1')).not.toContain("abc");
  });

  it("cuts long bodies", () => {
    expect(redactBody(JSON.stringify({ memo: "x".repeat(50_000) }))!.length).toBeLessThan(21_000);
  });
});
