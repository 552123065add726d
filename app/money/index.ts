/**
 * Money as integer minor units (bigint) with its currency: parsed from Shopify's decimal
 * strings, added, subtracted, multiplied by whole quantities and spread exactly, and turned into
 * a JSON number only at NetSuite's wire. No amount is ever a float in between.
 */
const ZERO_DECIMAL = new Set(["JPY", "KRW", "VND", "CLP", "ISK", "UGX", "XAF", "XOF", "XPF"]);
const THREE_DECIMAL = new Set(["BHD", "JOD", "KWD", "OMR", "TND"]);

export function decimalsOf(currency: string): number {
  return ZERO_DECIMAL.has(currency) ? 0 : THREE_DECIMAL.has(currency) ? 3 : 2;
}

/** Always a programming or data error (a malformed amount, mixed currencies): permanent. */
export class MoneyError extends Error {
  override name = "MoneyError";
  readonly retryable = false;
}

export interface Money {
  readonly minor: bigint;
  readonly currency: string;
}

export const money = (minor: bigint, currency: string): Money => ({ minor, currency });

/**
 * "12.30" (USD) → 1230n. More decimals than the currency has is an error, never rounded away;
 * trailing zeros past them are fine ("12.300" USD). Numbers are accepted only because some
 * Shopify fields are JSON numbers; their decimal text is what is parsed.
 */
export function toMinor(amount: string | number, currency: string): bigint {
  const text = typeof amount === "number" ? String(amount) : amount.trim();
  const m = /^([-+])?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new MoneyError(`Not an amount: ${JSON.stringify(amount)}`);
  const d = decimalsOf(currency);
  const frac = (m[3] ?? "").replace(/0+$/, "");
  if (frac.length > d) throw new MoneyError(`${text} has more decimals than ${currency} allows`);
  const minor = BigInt(m[2]!) * 10n ** BigInt(d) + BigInt((frac + "0".repeat(d)).slice(0, d) || "0");
  return m[1] === "-" ? -minor : minor;
}

export const parseMoney = (amount: string | number, currency: string): Money => money(toMinor(amount, currency), currency);

/** 1230n (USD) → "12.30"; 1500n (JPY) → "1500"; 12345n (KWD) → "12.345". */
export function formatMinor(minor: bigint, currency: string): string {
  const d = decimalsOf(currency);
  const neg = minor < 0n;
  const abs = (neg ? -minor : minor).toString().padStart(d + 1, "0");
  const text = d === 0 ? abs : `${abs.slice(0, -d)}.${abs.slice(-d)}`;
  return neg ? `-${text}` : text;
}

export const formatMoney = (m: Money): string => formatMinor(m.minor, m.currency);

const LARGEST_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The JSON number NetSuite's REST API takes. Exact: it is read from the decimal text, and
 * refused where a double could not hold every digit.
 */
export function toWire(minor: bigint, currency: string): number {
  if (minor > LARGEST_EXACT || minor < -LARGEST_EXACT) throw new MoneyError(`${formatMinor(minor, currency)} ${currency} is too large to send exactly`);
  return Number(formatMinor(minor, currency));
}

export const sum = (xs: readonly bigint[]): bigint => xs.reduce((a, b) => a + b, 0n);

function same(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new MoneyError(`Cannot combine ${a.currency} with ${b.currency}`);
}

export function add(a: Money, b: Money): Money {
  same(a, b);
  return money(a.minor + b.minor, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  same(a, b);
  return money(a.minor - b.minor, a.currency);
}

export function multiply(a: Money, quantity: number): Money {
  if (!Number.isSafeInteger(quantity)) throw new MoneyError(`A quantity must be a whole number, not ${quantity}`);
  return money(a.minor * BigInt(quantity), a.currency);
}

export function sumMoney(xs: readonly Money[], currency: string): Money {
  for (const x of xs) same(x, money(0n, currency));
  return money(sum(xs.map((x) => x.minor)), currency);
}

/**
 * Splits `total` in proportion to `weights` with the largest-remainder method: each share is
 * rounded down, then the leftover minor units go one each to the largest remainders (ties to
 * the earlier weight), so the shares always add up to `total` exactly and the result does not
 * depend on anything but its inputs. A negative total is split as its opposite, negated.
 */
export function allocate(total: bigint, weights: readonly (bigint | number)[]): bigint[] {
  if (weights.length === 0) throw new MoneyError("Nothing to allocate to");
  const w = weights.map((x) => {
    if (typeof x === "number" && !Number.isSafeInteger(x)) throw new MoneyError(`A weight must be a whole number, not ${x}`);
    const b = BigInt(x);
    if (b < 0n) throw new MoneyError("Weights cannot be negative");
    return b;
  });
  const whole = sum(w);
  if (whole === 0n) throw new MoneyError("Weights add up to zero");
  if (total < 0n) return allocate(-total, w).map((x) => -x);
  const shares = w.map((x) => (total * x) / whole);
  const remainders = w.map((x, i) => ({ i, r: (total * x) % whole }));
  let left = total - sum(shares);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    shares[i]! += 1n;
    left -= 1n;
  }
  return shares;
}
