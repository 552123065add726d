/**
 * Amounts arrive as JSON numbers (NetSuite's wire format) and are turned into exact decimals
 * before any arithmetic: quantity × rate and tax are computed on scaled integers (bigint) and
 * rounded half away from zero to the currency's minor unit, never in floating point.
 */
import { invalidContent } from "./errors";

/** value = units / 10^scale */
export interface Dec {
  units: bigint;
  scale: number;
}

export function parseDec(v: unknown, path: string): Dec {
  const text = typeof v === "number" && Number.isFinite(v) ? String(v) : typeof v === "string" ? v.trim() : null;
  const m = text === null ? null : /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) throw invalidContent(path, `Invalid number (${JSON.stringify(v)}) for field ${path}.`);
  const frac = m[3] ?? "";
  let units = BigInt(`${m[2] || "0"}${frac}`);
  let scale = frac.length - Number(m[4] ?? 0);
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units: m[1] === "-" ? -units : units, scale };
}

/** Rounds to `scale` decimals, half away from zero (NetSuite's rounding of amounts). */
export function roundTo(d: Dec, scale: number): bigint {
  if (d.scale <= scale) return d.units * 10n ** BigInt(scale - d.scale);
  const div = 10n ** BigInt(d.scale - scale);
  const abs = d.units < 0n ? -d.units : d.units;
  const q = (abs + div / 2n) / div;
  return d.units < 0n ? -q : q;
}

export const mul = (a: Dec, b: Dec): Dec => ({ units: a.units * b.units, scale: a.scale + b.scale });

/** A wire amount → integer minor units (cents). */
export function cents(v: unknown, path: string): number {
  return Number(roundTo(parseDec(v, path), 2));
}

/** quantity × rate → cents. */
export function lineAmount(quantity: unknown, rate: unknown, path: string): number {
  return Number(roundTo(mul(parseDec(quantity, `${path}.quantity`), parseDec(rate, `${path}.rate`)), 2));
}

/** amount (cents) × percentage rate (e.g. "8.25") → tax in cents. */
export function percentOf(amountCents: number, ratePercent: string): number {
  const r = parseDec(ratePercent, "rate");
  return Number(roundTo({ units: BigInt(amountCents) * r.units, scale: r.scale + 2 }, 0));
}

/** part × numerator / denominator in cents, rounded half away from zero (prorating tax on a partial bill). */
export function prorate(partCents: number, numerator: number, denominator: number): number {
  if (denominator === 0) return 0;
  const n = BigInt(partCents) * BigInt(Math.round(numerator * 1000));
  const d = BigInt(Math.round(denominator * 1000));
  const abs = n < 0n ? -n : n;
  const q = (abs * 2n + d) / (2n * d);
  return Number(n < 0n ? -q : q);
}

/** Cents → the JSON number NetSuite answers with (built from the decimal text, no division). */
export function wire(c: number): number {
  const abs = Math.abs(c);
  const text = `${c < 0 ? "-" : ""}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
  return Number(text);
}

/** A quantity as a number (quantities are not money; fractional quantities are allowed). */
export function quantity(v: unknown, path: string): number {
  const d = parseDec(v ?? 1, path);
  return Number(d.units) / 10 ** d.scale;
}
