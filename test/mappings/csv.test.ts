/** The CSV reader and writer the SKU import and export use: what spreadsheets write and read. */
import { describe, expect, it } from "vitest";
import { csvField, parseCsv, toCsv } from "~/mappings/csv";

describe("CSV", () => {
  it("reads quoted fields with commas, quotes and line breaks, CRLF or LF, and a BOM", () => {
    const text = '\uFEFFsku,name\r\nA-1,"Mug, 12 oz"\r\nB-2,"The ""Big"" one"\nC-3,"two\nlines"\n';
    expect(parseCsv(text)).toEqual([
      ["sku", "name"],
      ["A-1", "Mug, 12 oz"],
      ["B-2", 'The "Big" one'],
      ["C-3", "two\nlines"],
    ]);
  });

  it("keeps empty fields and a last line without a line break", () => {
    expect(parseCsv("a,,c\n,,\nx,y,z")).toEqual([["a", "", "c"], ["", "", ""], ["x", "y", "z"]]);
  });

  it("writes what it reads back, quoting only when needed, and disarms formulas", () => {
    const rows = [["sku", "name"], ["A-1", "Mug, 12 oz"], ["B-2", 'say "hi"']];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
    expect(csvField("plain")).toBe("plain");
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
  });
});
