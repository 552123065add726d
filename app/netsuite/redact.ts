/**
 * What the call recorder may keep of a request or response body: secrets masked (tokens,
 * secrets, the client assertion, private keys), long bodies cut. The Authorization header is
 * never handed to the recorder at all.
 */
const SECRET_KEY = /(secret|token|password|assertion|private.?key|signature|authorization|credential)/i;
const MAX_CHARS = 20_000;
const MASK = "[redacted]";

function mask(value: unknown, depth: number): unknown {
  if (depth > 12) return "[depth]";
  if (Array.isArray(value)) return value.map((v) => mask(v, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? MASK : mask(v, depth + 1);
    return out;
  }
  return value;
}

function cut(text: string): string {
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…[${text.length - MAX_CHARS} more characters]` : text;
}

/** A JSON body with secret-looking keys masked at any depth. */
export function redactJson(text: string): string {
  try {
    return cut(JSON.stringify(mask(JSON.parse(text), 0)));
  } catch {
    // Not JSON (an HTML error page from a proxy, say): keep it, minus anything token-shaped.
    return cut(text.replace(/("?(?:access_token|client_assertion|[A-Za-z]*[Ss]ecret)"?\s*[:=]\s*)"?[^"&,\s}]+"?/g, `$1${MASK}`));
  }
}

/** An application/x-www-form-urlencoded body (the token request) with secret fields masked. */
export function redactForm(text: string): string {
  const params = new URLSearchParams(text);
  for (const k of [...params.keys()]) if (SECRET_KEY.test(k)) params.set(k, MASK);
  return cut(params.toString());
}

export function redactBody(text: string | null | undefined, contentType = "application/json"): string | undefined {
  if (text === null || text === undefined || text === "") return undefined;
  return contentType.includes("x-www-form-urlencoded") ? redactForm(text) : redactJson(text);
}
