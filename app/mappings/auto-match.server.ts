/**
 * Auto-match: unmapped SKUs against NetSuite's item names (itemid, the "Name/Number" field),
 * read with SuiteQL, compared without regard to case. A preview first: the screen lists what
 * would be mapped (and what stays unmapped); applying maps exactly the previewed pairs that are
 * still unmapped, never overwriting a mapping someone made in between.
 */
import { z } from "zod";
import type { Db } from "~/db.server";
import type { NetSuiteClient } from "~/netsuite";
import type { ItemKind } from "./item-kinds";
import { listSkus, saveSkuMapping, skuMappingsFor, type KitMember } from "./skus.server";

export interface NetSuiteItem {
  id: string;
  itemId: string;
  displayName: string | null;
  kind: ItemKind;
  members?: KitMember[];
}

export interface MatchProposal {
  sku: string;
  product: string;
  item: NetSuiteItem;
}

const KIND_OF: Record<string, ItemKind> = { InvtPart: "inventory", Assembly: "inventory", Kit: "kit", NonInvtPart: "nonInventory", OthCharge: "otherCharge", GiftCert: "giftCard" };
const itemRow = z.looseObject({ id: z.union([z.string(), z.number()]).transform(String), itemid: z.string(), displayname: z.string().nullish(), itemtype: z.string() });
const memberRow = z.looseObject({ parentitem: z.union([z.string(), z.number()]).transform(String), item: z.union([z.string(), z.number()]).transform(String), quantity: z.union([z.string(), z.number()]).transform(Number) });

/** NetSuite's active sellable items, with kits' members. */
export async function netsuiteItems(ns: NetSuiteClient): Promise<NetSuiteItem[]> {
  const rows = await ns.suiteqlAll(`SELECT id, itemid, displayname, itemtype FROM item WHERE isinactive = 'F' ORDER BY id`, itemRow);
  const items = rows.filter((r) => KIND_OF[r.itemtype]).map((r) => ({ id: r.id, itemId: r.itemid, displayName: r.displayname ?? null, kind: KIND_OF[r.itemtype]! }) as NetSuiteItem);
  if (items.some((i) => i.kind === "kit")) {
    const members = await ns.suiteqlAll(`SELECT parentitem, item, quantity FROM itemmember ORDER BY parentitem, linenumber`, memberRow);
    const byKit = new Map<string, KitMember[]>();
    for (const m of members) byKit.set(m.parentitem, [...(byKit.get(m.parentitem) ?? []), { itemId: m.item, quantity: Math.max(1, Math.round(m.quantity)) }]);
    for (const i of items) if (i.kind === "kit") i.members = byKit.get(i.id) ?? [];
  }
  return items;
}

/** What auto-match would map: every unmapped SKU whose text equals an item's name. */
export async function proposeMatches(db: Db, shop: string, items: NetSuiteItem[]): Promise<{ proposals: MatchProposal[]; unmatched: number }> {
  const byName = new Map(items.map((i) => [i.itemId.trim().toUpperCase(), i]));
  const proposals: MatchProposal[] = [];
  let unmatched = 0;
  let after: string | undefined;
  for (;;) {
    const { rows, next } = await listSkus(db, shop, { filter: "unmapped", limit: 250, ...(after ? { after } : {}) });
    for (const r of rows) {
      const item = byName.get(r.sku.toUpperCase());
      // A kit whose members NetSuite does not list cannot be written: leave it to a person.
      if (!item || (item.kind === "kit" && !item.members?.length)) unmatched++;
      else proposals.push({ sku: r.sku, product: `${r.productTitle} · ${r.variantTitle}`, item });
    }
    if (!next) break;
    after = next;
  }
  return { proposals, unmatched };
}

/** Maps the proposals still unmapped; returns the SKUs mapped. */
export async function applyMatches(db: Db, shop: string, proposals: MatchProposal[], by: string): Promise<string[]> {
  const done: string[] = [];
  for (let i = 0; i < proposals.length; i += 500) {
    const chunk = proposals.slice(i, i + 500);
    const existing = await skuMappingsFor(db, shop, chunk.map((p) => p.sku));
    for (const p of chunk) {
      if (existing.has(p.sku)) continue;
      await saveSkuMapping(db, shop, { sku: p.sku, netsuiteItemId: p.item.id, itemKind: p.item.kind, itemName: p.item.displayName ?? p.item.itemId, kitMembers: p.item.members }, by, "auto");
      done.push(p.sku);
    }
  }
  return done;
}
