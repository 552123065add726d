/**
 * Money in integer minor units: Shopify's decimal strings parsed exactly (0, 2 and 3 decimal
 * currencies), never rounded away; arithmetic that refuses mixed currencies; allocation by the
 * largest remainder that always adds up; the JSON number only at the wire, and exact.
 */
import { describe, expect, it } from "vitest";
import { add, allocate, formatMinor, money, MoneyError, multiply, parseMoney, subtract, sum, sumMoney, toMinor, toWire } from "~/money";

describe("money", () => {
  it("parses and formats USD, JPY and KWD in their own minor units", () => {
    expect([toMinor("12.30", "USD"), toMinor("12.3", "USD"), toMinor("0.05", "USD"), toMinor("-7.50", "USD")]).toEqual([1230n, 1230n, 5n, -750n]);
    expect([toMinor("1500", "JPY"), toMinor("1500.0", "JPY"), toMinor("12.345", "KWD")]).toEqual([1500n, 1500n, 12345n]);
    expect([formatMinor(1230n, "USD"), formatMinor(5n, "USD"), formatMinor(-750n, "USD"), formatMinor(1500n, "JPY"), formatMinor(12345n, "KWD"), formatMinor(7n, "KWD")]).toEqual(["12.30", "0.05", "-7.50", "1500", "12.345", "0.007"]);
  });

  it("refuses more decimals than the currency has, and text that is not an amount", () => {
    expect(() => toMinor("12.345", "USD")).toThrow(MoneyError);
    expect(() => toMinor("1.5", "JPY")).toThrow(/more decimals than JPY/);
    for (const bad of ["", "12,30", "1e3", "12.", ".5", "abc"]) expect(() => toMinor(bad, "USD")).toThrow(MoneyError);
  });

  it("adds, subtracts and multiplies by whole quantities, in one currency only", () => {
    const a = parseMoney("19.99", "USD");
    expect(add(a, parseMoney("0.01", "USD"))).toEqual(money(2000n, "USD"));
    expect(subtract(a, parseMoney("20", "USD"))).toEqual(money(-1n, "USD"));
    expect(multiply(a, 3)).toEqual(money(5997n, "USD"));
    expect(sumMoney([a, a], "USD")).toEqual(money(3998n, "USD"));
    expect(sum([1n, 2n, 3n])).toBe(6n);
    expect(() => add(a, parseMoney("1", "CAD"))).toThrow(/USD with CAD/);
    expect(() => multiply(a, 1.5)).toThrow(MoneyError);
  });

  it("allocates by the largest remainder: shares always add up to the total", () => {
    expect(allocate(100n, [1, 1, 1])).toEqual([34n, 33n, 33n]);
    expect(allocate(12000n, [2800, 2400, 1850])).toEqual([4766n, 4085n, 3149n]);
    expect(allocate(-100n, [1, 1, 1])).toEqual([-34n, -33n, -33n]);
    expect(allocate(5n, [0, 1])).toEqual([0n, 5n]);
    // Remainders 0.6, 0.6 and 0.8 of a cent: the largest first, then the earlier on a tie.
    expect(allocate(2n, [3, 3, 4])).toEqual([1n, 0n, 1n]);
    for (let total = 0n; total < 200n; total += 7n) expect(sum(allocate(total, [3, 5, 7, 11]))).toBe(total);
    expect(() => allocate(1n, [])).toThrow(MoneyError);
    expect(() => allocate(1n, [0, 0])).toThrow(/zero/);
    expect(() => allocate(1n, [-1, 2])).toThrow(/negative/);
  });

  it("turns minor units into the wire's JSON number exactly, and refuses what a double cannot hold", () => {
    expect([toWire(1230n, "USD"), toWire(-5n, "USD"), toWire(1500n, "JPY"), toWire(12345n, "KWD")]).toEqual([12.3, -0.05, 1500, 12.345]);
    expect(toWire(999_999_999_999_99n, "USD")).toBe(999999999999.99);
    expect(() => toWire(2n ** 60n, "USD")).toThrow(/too large/);
  });
});
