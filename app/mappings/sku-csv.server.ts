/**
 * SKU mappings as CSV, for spreadsheets: export every catalogue SKU with its mapping (blank when
 * unmapped), fill in the NetSuite item ids, import. Import maps every valid row and reports each
 * row it did not take with its spreadsheet row number (the header is row 1) and the problem;
 * a row with no NetSuite item id is left as it is.
 *
 * Columns: sku, product, netsuite_item_id, item_kind, item_name, kit_members
 * kit_members: "1001x1; 1036x2" (NetSuite item id x quantity), for item_kind "kit".
 */
import type { Db } from "~/db.server";
import { ITEM_KINDS } from "./item-kinds";
import { listSkus, saveSkuMapping, skuMappingInput, skuMappingsFor } from "./skus.server";
import { parseCsv, toCsv } from "./csv";

export const SKU_CSV_COLUMNS = ["sku", "product", "netsuite_item_id", "item_kind", "item_name", "kit_members"] as const;

export async function exportSkuCsv(db: Db, shop: string): Promise<string> {
  const rows: (string | null)[][] = [[...SKU_CSV_COLUMNS]];
  let after: string | undefined;
  for (;;) {
    const page = await listSkus(db, shop, { filter: "all", limit: 250, ...(after ? { after } : {}) });
    for (const r of page.rows) {
      const m = r.mapping;
      rows.push([r.sku, `${r.productTitle} · ${r.variantTitle}`, m?.netsuiteItemId ?? "", m?.itemKind ?? "", m?.itemName ?? "", m?.kitMembers?.map((k) => `${k.itemId}x${k.quantity}`).join("; ") ?? ""]);
    }
    if (!page.next) break;
    after = page.next;
  }
  return toCsv(rows);
}

export interface CsvImportReport {
  ok: boolean;
  /** Rows mapped (in a check: rows that would be). */
  imported: number;
  /** Of those, rows that change a SKU's existing mapping (the rest are new or the same). */
  changed: number;
  /** Rows with no NetSuite item id: left as they were. */
  skipped: number;
  problems: { row: number; sku: string; problem: string }[];
}

/** Undoes the export's guard against spreadsheet formulas ("'=X" was "=X"). */
const unguard = (s: string) => (/^'[=+\-@]/.test(s) ? s.slice(1) : s);

function parseMembers(text: string): { itemId: string; quantity: number }[] | string {
  const out: { itemId: string; quantity: number }[] = [];
  for (const part of text.split(/[;\n]/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\d+)\s*(?:[x×*]\s*(\d+))?$/i.exec(part);
    if (!m) return `kit member "${part}" is not "<NetSuite item id>x<quantity>"`;
    out.push({ itemId: m[1]!, quantity: Number(m[2] ?? "1") });
  }
  return out;
}

/**
 * Imports the file; with `check`, only reports what an import would do (the page shows this
 * before the merchant confirms).
 */
export async function importSkuCsv(db: Db, shop: string, text: string, by: string, opts: { maxRows?: number; check?: boolean } = {}): Promise<CsvImportReport> {
  const limits = { maxRows: opts.maxRows ?? 100_000 };
  const report: CsvImportReport = { ok: true, imported: 0, changed: 0, skipped: 0, problems: [] };
  const rows = parseCsv(text);
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  if (col("sku") < 0 || col("netsuite_item_id") < 0) {
    return { ok: false, imported: 0, changed: 0, skipped: 0, problems: [{ row: 1, sku: "", problem: `the header must name the columns sku and netsuite_item_id (found: ${header.join(", ") || "nothing"})` }] };
  }
  if (rows.length - 1 > limits.maxRows) return { ok: false, imported: 0, changed: 0, skipped: 0, problems: [{ row: 1, sku: "", problem: `the file has ${rows.length - 1} rows; import at most ${limits.maxRows} at once` }] };
  const seen = new Map<string, number>();
  const get = (r: string[], name: string) => unguard((r[col(name)] ?? "").trim());
  // The file's SKUs' current mappings, to count the rows that change one.
  const existing = await skuMappingsFor(db, shop, rows.slice(1).map((r) => unguard((r[col("sku")] ?? "").trim())).filter(Boolean));
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i]!;
    const rowNo = i + 1;
    if (r.every((f) => f.trim() === "")) continue;
    const sku = get(r, "sku");
    const itemId = get(r, "netsuite_item_id");
    const problem = (p: string) => report.problems.push({ row: rowNo, sku, problem: p });
    if (!sku) {
      problem("the SKU is empty");
      continue;
    }
    if (seen.has(sku)) {
      problem(`SKU ${sku} is already on row ${seen.get(sku)}`);
      continue;
    }
    seen.set(sku, rowNo);
    if (!itemId) {
      report.skipped++;
      continue;
    }
    const kind = get(r, "item_kind") || "inventory";
    if (!(ITEM_KINDS as readonly string[]).includes(kind)) {
      problem(`item kind "${kind}" is not one of ${ITEM_KINDS.join(", ")}`);
      continue;
    }
    const members = kind === "kit" ? parseMembers(get(r, "kit_members")) : undefined;
    if (typeof members === "string") {
      problem(members);
      continue;
    }
    const parsed = skuMappingInput.safeParse({ sku, netsuiteItemId: itemId, itemKind: kind, itemName: get(r, "item_name") || undefined, kitMembers: members });
    if (!parsed.success) {
      problem(parsed.error.issues.map((x) => x.message).join("; "));
      continue;
    }
    const before = existing.get(sku);
    const m = parsed.data;
    if (before && (before.netsuiteItemId !== m.netsuiteItemId || before.itemKind !== m.itemKind || JSON.stringify((before.kitMembers ?? []).map((k) => [k.itemId, k.quantity])) !== JSON.stringify((m.kitMembers ?? []).map((k) => [k.itemId, k.quantity])))) report.changed++;
    if (!opts.check) await saveSkuMapping(db, shop, m, by, "import");
    report.imported++;
  }
  report.ok = report.problems.length === 0;
  return report;
}
