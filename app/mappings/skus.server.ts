/**
 * SKU mappings: a Shopify SKU → a NetSuite item (a kit for bundles, with its members). Lists
 * join the local variant catalogue, so "unmapped" is a query.
 */
import { z } from "zod";
import { dbProvider, type Db } from "~/db.server";

/** Case-insensitive "contains" on both databases (SQLite's LIKE already ignores ASCII case). */
export function textContains(text: string): { contains: string; mode?: "insensitive" } {
  return dbProvider() === "postgresql" ? { contains: text, mode: "insensitive" } : { contains: text };
}

import { ITEM_KINDS } from "./item-kinds";

export { ITEM_KINDS };

export const kitMember = z.object({
  itemId: z.string().min(1),
  quantity: z.number().int().positive(),
  sku: z.string().optional(),
  /** Share of the bundle's price this member carries per unit, when bundles are written as components. */
  weight: z.number().int().nonnegative().optional(),
});
export type KitMember = z.infer<typeof kitMember>;

/** What a person (or an import) sends to map one SKU. */
export const skuMappingInput = z
  .object({
    sku: z.string().trim().min(1, "SKU is required").max(255),
    netsuiteItemId: z.string().trim().regex(/^\d+$/, "NetSuite item id is a number (the item's internal id)"),
    itemKind: z.enum(ITEM_KINDS).default("inventory"),
    itemName: z.string().trim().max(255).optional(),
    kitMembers: z.array(kitMember).optional(),
  })
  .refine((m) => m.itemKind !== "kit" || (m.kitMembers?.length ?? 0) > 0, { message: "A kit needs its member items", path: ["kitMembers"] });
export type SkuMappingInput = z.output<typeof skuMappingInput>;

export interface SkuMapping {
  sku: string;
  netsuiteItemId: string;
  itemKind: (typeof ITEM_KINDS)[number];
  itemName: string | null;
  kitMembers: KitMember[] | null;
  source: string;
  updatedBy: string | null;
  updatedAt: Date;
}

type Row = Awaited<ReturnType<Db["skuMapping"]["findFirstOrThrow"]>>;

function fromRow(r: Row): SkuMapping {
  return {
    sku: r.sku,
    netsuiteItemId: r.netsuiteItemId,
    itemKind: (ITEM_KINDS as readonly string[]).includes(r.itemKind) ? (r.itemKind as SkuMapping["itemKind"]) : "inventory",
    itemName: r.itemName,
    kitMembers: r.kitMembers ? z.array(kitMember).parse(JSON.parse(r.kitMembers)) : null,
    source: r.source,
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt,
  };
}

export async function saveSkuMapping(db: Db, shop: string, input: SkuMappingInput, by: string, source: "manual" | "auto" | "import" = "manual"): Promise<SkuMapping> {
  const data = {
    netsuiteItemId: input.netsuiteItemId,
    itemKind: input.itemKind,
    itemName: input.itemName ?? null,
    kitMembers: input.kitMembers ? JSON.stringify(input.kitMembers) : null,
    source,
    updatedBy: by,
  };
  const [row] = await db.$transaction([
    db.skuMapping.upsert({
      where: { shopDomain_sku: { shopDomain: shop, sku: input.sku } },
      create: { shopDomain: shop, sku: input.sku, ...data },
      update: data,
    }),
    db.catalogVariant.updateMany({ where: { shopDomain: shop, sku: input.sku, mapped: false }, data: { mapped: true } }),
  ]);
  return fromRow(row);
}

/** Unmaps a SKU; gives the mapping it had (so the page can offer to undo), or null if it had none. */
export async function deleteSkuMapping(db: Db, shop: string, sku: string): Promise<SkuMapping | null> {
  return db.$transaction(async (tx) => {
    const before = await tx.skuMapping.findUnique({ where: { shopDomain_sku: { shopDomain: shop, sku } } });
    if (!before) return null;
    await tx.skuMapping.delete({ where: { id: before.id } });
    await tx.catalogVariant.updateMany({ where: { shopDomain: shop, sku, mapped: true }, data: { mapped: false } });
    return fromRow(before);
  });
}

export async function skuMappingsFor(db: Db, shop: string, skus: string[]): Promise<Map<string, SkuMapping>> {
  const unique = [...new Set(skus)];
  const out = new Map<string, SkuMapping>();
  // In chunks: databases cap a statement's parameters (a CSV import asks for every row's SKU).
  for (let i = 0; i < unique.length; i += 5_000) {
    const rows = await db.skuMapping.findMany({ where: { shopDomain: shop, sku: { in: unique.slice(i, i + 5_000) } } });
    for (const r of rows) out.set(r.sku, fromRow(r));
  }
  return out;
}

export async function allSkuMappings(db: Db, shop: string): Promise<SkuMapping[]> {
  const rows = await db.skuMapping.findMany({ where: { shopDomain: shop }, orderBy: { sku: "asc" } });
  return rows.map(fromRow);
}

export interface SkuRow {
  sku: string;
  productTitle: string;
  variantTitle: string;
  variantId: string;
  giftCard: boolean;
  mapping: SkuMapping | null;
}

export interface SkuListQuery {
  search?: string;
  filter?: "all" | "unmapped" | "mapped";
  /** The last SKU of the previous page. */
  after?: string;
  limit?: number;
}

/**
 * The catalogue's SKUs with their mappings, a page at a time, ordered by SKU. Variants without
 * SKU are listed apart (they cannot be mapped until they have one): see variantsWithoutSku.
 */
export async function listSkus(db: Db, shop: string, q: SkuListQuery = {}): Promise<{ rows: SkuRow[]; next: string | null }> {
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 250);
  const variants = await db.catalogVariant.findMany({
    where: {
      shopDomain: shop,
      deletedAt: null,
      ...(q.filter === "unmapped" ? { mapped: false } : q.filter === "mapped" ? { mapped: true } : {}),
      sku: { not: null, ...(q.after ? { gt: q.after } : {}) },
      ...(q.search ? { OR: [{ sku: textContains(q.search) }, { title: textContains(q.search) }, { productTitle: textContains(q.search) }] } : {}),
    },
    orderBy: [{ sku: "asc" }, { variantId: "asc" }],
    // One SKU may sit on several variants; take enough to fill a page after folding.
    take: limit * 2 + 1,
  });
  const bySku = new Map<string, (typeof variants)[number]>();
  for (const v of variants) if (v.sku && !bySku.has(v.sku)) bySku.set(v.sku, v);
  const skus = [...bySku.keys()].slice(0, limit + 1);
  const more = skus.length > limit;
  const page = skus.slice(0, limit);
  const mappings = await skuMappingsFor(db, shop, page);
  return {
    rows: page.map((sku) => {
      const v = bySku.get(sku)!;
      return { sku, productTitle: v.productTitle, variantTitle: v.title, variantId: v.variantId, giftCard: v.giftCard, mapping: mappings.get(sku) ?? null };
    }),
    next: more ? (page[page.length - 1] ?? null) : null,
  };
}

export async function skuCounts(db: Db, shop: string): Promise<{ skus: number; mapped: number; unmapped: number; withoutSku: number }> {
  // Distinct SKUs (several variants may share one), counted in the database, not in memory.
  const [row] = await db.$queryRaw<{ skus: bigint | number; mapped: bigint | number; without_sku: bigint | number }[]>`
    SELECT COUNT(DISTINCT "sku") AS skus,
           COUNT(DISTINCT CASE WHEN "mapped" THEN "sku" END) AS mapped,
           SUM(CASE WHEN "sku" IS NULL THEN 1 ELSE 0 END) AS without_sku
    FROM "CatalogVariant"
    WHERE "shopDomain" = ${shop} AND "deletedAt" IS NULL`;
  const skus = Number(row?.skus ?? 0);
  const mapped = Number(row?.mapped ?? 0);
  return { skus, mapped, unmapped: skus - mapped, withoutSku: Number(row?.without_sku ?? 0) };
}

export async function variantsWithoutSku(db: Db, shop: string, limit = 100) {
  return db.catalogVariant.findMany({ where: { shopDomain: shop, deletedAt: null, sku: null }, orderBy: [{ productTitle: "asc" }, { title: "asc" }], take: limit });
}

/**
 * Auto-match: each unmapped catalogue SKU that equals a NetSuite item's name/number (itemid) is
 * mapped to it. Existing mappings are never overwritten. Returns what was matched.
 */
export async function autoMatch(
  db: Db,
  shop: string,
  items: { id: string; itemId: string; kind: SkuMapping["itemKind"]; displayName?: string; members?: KitMember[] }[],
  by: string,
): Promise<{ matched: string[]; unmatched: number }> {
  const byName = new Map(items.map((i) => [i.itemId.trim().toUpperCase(), i]));
  const { rows } = await listSkus(db, shop, { filter: "unmapped", limit: 250 });
  let after: string | null;
  const matched: string[] = [];
  let unmatched = 0;
  let page = rows;
  for (;;) {
    for (const r of page) {
      const item = byName.get(r.sku.toUpperCase());
      if (!item || (item.kind === "kit" && !item.members?.length)) {
        unmatched++;
        continue;
      }
      await saveSkuMapping(db, shop, { sku: r.sku, netsuiteItemId: item.id, itemKind: item.kind, itemName: item.displayName ?? item.itemId, kitMembers: item.members }, by, "auto");
      matched.push(r.sku);
    }
    after = page.length ? page[page.length - 1]!.sku : null;
    if (!after || page.length < 250) break;
    page = (await listSkus(db, shop, { filter: "unmapped", after, limit: 250 })).rows;
  }
  return { matched, unmatched };
}
