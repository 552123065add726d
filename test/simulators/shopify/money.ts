/**
 * Integer-cent arithmetic for the simulator. The simulator plays Shopify, so it is the one place
 * totals are computed; amounts leave it as decimal strings ("12.30") like Shopify's.
 */
export type Cents = bigint;

export function toCents(amount: string): Cents {
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!m) throw new Error(`not a money amount: ${amount}`);
  const whole = BigInt(m[2] ?? "0");
  const frac = BigInt((m[3] ?? "").padEnd(2, "0") || "0");
  const v = whole * 100n + frac;
  return m[1] ? -v : v;
}

export function fromCents(c: Cents): string {
  const neg = c < 0n;
  const abs = neg ? -c : c;
  const s = `${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
  return neg ? `-${s}` : s;
}

/** A decimal rate ("0.08875") as an exact fraction, so tax is never computed in floats. */
export interface Rate {
  num: bigint;
  den: bigint;
  text: string;
}

export function parseRate(text: string): Rate {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new Error(`not a rate: ${text}`);
  const frac = m[2] ?? "";
  const den = 10n ** BigInt(frac.length);
  return { num: BigInt(m[1] ?? "0") * den + BigInt(frac || "0"), den, text: normaliseRate(text) };
}

function normaliseRate(text: string): string {
  // Shopify prints rates like 0.0825 without trailing zeros.
  const t = text.trim();
  return t.includes(".") ? t.replace(/0+$/, "").replace(/\.$/, ".0") : `${t}.0`;
}

/** Half-up division for non-negative numerators. */
export function divRound(n: bigint, d: bigint): bigint {
  return (n * 2n + d) / (d * 2n);
}

export function applyRate(base: Cents, rate: Rate): Cents {
  return base <= 0n ? 0n : divRound(base * rate.num, rate.den);
}

/**
 * Splits `total` across `weights` in proportion, by the largest-remainder method, so the parts
 * always add up to the total exactly (Shopify's discount allocations do the same).
 */
export function allocate(total: Cents, weights: Cents[]): Cents[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) return weights.map(() => 0n);
  const parts = weights.map((w) => (total * w) / sum);
  let rest = total - parts.reduce((a, b) => a + b, 0n);
  const order = weights
    .map((w, i) => ({ i, rem: (total * w) % sum }))
    .sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  for (const { i } of order) {
    if (rest <= 0n) break;
    parts[i] = (parts[i] ?? 0n) + 1n;
    rest -= 1n;
  }
  return parts;
}

export function sum(values: Cents[]): Cents {
  return values.reduce((a, b) => a + b, 0n);
}
