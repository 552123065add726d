/** Location mappings: a Shopify location → the NetSuite location that fulfils from it. */
import { z } from "zod";
import type { Db } from "~/db.server";

export const locationMappingInput = z.object({
  shopifyLocationId: z.string().trim().regex(/^\d+$/, "Shopify location id is a number"),
  shopifyLocationName: z.string().trim().max(255).optional(),
  netsuiteLocationId: z.string().trim().regex(/^\d+$/, "NetSuite location id is a number (the location's internal id)"),
  netsuiteLocationName: z.string().trim().max(255).optional(),
});
export type LocationMappingInput = z.output<typeof locationMappingInput>;

export interface LocationMapping {
  shopifyLocationId: string;
  shopifyLocationName: string | null;
  netsuiteLocationId: string;
  netsuiteLocationName: string | null;
  updatedBy: string | null;
  updatedAt: Date;
}

const pick = (r: LocationMapping & Record<string, unknown>): LocationMapping => ({
  shopifyLocationId: r.shopifyLocationId,
  shopifyLocationName: r.shopifyLocationName,
  netsuiteLocationId: r.netsuiteLocationId,
  netsuiteLocationName: r.netsuiteLocationName,
  updatedBy: r.updatedBy,
  updatedAt: r.updatedAt,
});

export async function saveLocationMapping(db: Db, shop: string, input: LocationMappingInput, by: string): Promise<LocationMapping> {
  const data = {
    shopifyLocationName: input.shopifyLocationName ?? null,
    netsuiteLocationId: input.netsuiteLocationId,
    netsuiteLocationName: input.netsuiteLocationName ?? null,
    updatedBy: by,
  };
  const row = await db.locationMapping.upsert({
    where: { shopDomain_shopifyLocationId: { shopDomain: shop, shopifyLocationId: input.shopifyLocationId } },
    create: { shopDomain: shop, shopifyLocationId: input.shopifyLocationId, ...data },
    update: data,
  });
  return pick(row);
}

/** Unmaps a location; gives the mapping it had (so the page can offer to undo), or null. */
export async function deleteLocationMapping(db: Db, shop: string, shopifyLocationId: string): Promise<LocationMapping | null> {
  return db.$transaction(async (tx) => {
    const before = await tx.locationMapping.findFirst({ where: { shopDomain: shop, shopifyLocationId } });
    if (!before) return null;
    await tx.locationMapping.delete({ where: { id: before.id } });
    return pick(before);
  });
}

export async function allLocationMappings(db: Db, shop: string): Promise<LocationMapping[]> {
  const rows = await db.locationMapping.findMany({ where: { shopDomain: shop }, orderBy: { shopifyLocationName: "asc" } });
  return rows.map(pick);
}
