/**
 * Money as integer minor units (bigint) with its currency: parsed from Shopify's decimal
 * strings, added and subtracted exactly, and turned into a JSON number only at NetSuite's wire.
 */
const ZERO_DECIMAL = new Set(["JPY", "KRW", "VND", "CLP", "ISK", "UGX", "XAF", "XOF", "XPF"]);
const THREE_DECIMAL = new Set(["BHD", "JOD", "KWD", "OMR", "TND"]);

export function decimalsOf(currency: string): number {
  return ZERO_DECIMAL.has(currency) ? 0 : THREE_DECIMAL.has(currency) ? 3 : 2;
}

export class MoneyError extends Error {
  override name = "MoneyError";
}

/** "12.30" (USD) → 1230n. More decimals than the currency has is an error, never rounded away. */
export function toMinor(amount: string | number, currency: string): bigint {
  const text = typeof amount === "number" ? String(amount) : amount.trim();
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new MoneyError(`Not an amount: ${JSON.stringify(amount)}`);
  const d = decimalsOf(currency);
  const frac = (m[3] ?? "").replace(/0+$/, "");
  if (frac.length > d) throw new MoneyError(`${text} has more decimals than ${currency} allows`);
  const minor = BigInt(m[2]!) * 10n ** BigInt(d) + BigInt((frac + "0".repeat(d)).slice(0, d) || "0");
  return m[1] ? -minor : minor;
}

/** 1230n (USD) → "12.30". */
export function formatMinor(minor: bigint, currency: string): string {
  const d = decimalsOf(currency);
  const neg = minor < 0n;
  const abs = (neg ? -minor : minor).toString().padStart(d + 1, "0");
  const text = d === 0 ? abs : `${abs.slice(0, -d)}.${abs.slice(-d)}`;
  return neg ? `-${text}` : text;
}

/** The JSON number NetSuite's REST API takes; exact, since it is written from the decimal text. */
export function toWire(minor: bigint, currency: string): number {
  return Number(formatMinor(minor, currency));
}

export const sum = (xs: bigint[]): bigint => xs.reduce((a, b) => a + b, 0n);
