/** Shops: install, uninstall, redact. Everything else in the app hangs off a shop row. */
import type { Db } from "~/db.server";
import { canMove, SHOP_STATUS, type ShopStatus } from "./states";

export type ShopRow = Awaited<ReturnType<Db["shop"]["findUniqueOrThrow"]>>;

export function normaliseShopDomain(domain: string): string {
  const d = domain.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(d)) throw new Error(`Not a shop domain: ${domain}`);
  return d;
}

/** Records an install (or a reinstall after uninstall), keeping the shop's id and data. */
export async function recordInstall(db: Db, domain: string, details: { name?: string; currency?: string } = {}): Promise<ShopRow> {
  const d = normaliseShopDomain(domain);
  return db.shop.upsert({
    where: { domain: d },
    create: { domain: d, name: details.name, currency: details.currency, status: SHOP_STATUS.installed },
    update: { ...details, status: SHOP_STATUS.installed, installedAt: new Date(), uninstalledAt: null },
  });
}

export async function findShop(db: Db, domain: string): Promise<ShopRow | null> {
  return db.shop.findUnique({ where: { domain: normaliseShopDomain(domain) } });
}

async function move(db: Db, domain: string, to: ShopStatus, data: Record<string, Date>): Promise<ShopRow | null> {
  const shop = await findShop(db, domain);
  if (!shop) return null;
  if (!canMove(shop.status as ShopStatus, to)) throw new Error(`Shop ${shop.domain} cannot move from ${shop.status} to ${to}`);
  return db.shop.update({ where: { id: shop.id }, data: { status: to, ...data } });
}

export function recordUninstall(db: Db, domain: string): Promise<ShopRow | null> {
  return move(db, domain, SHOP_STATUS.uninstalled, { uninstalledAt: new Date() });
}

export function recordRedacted(db: Db, domain: string): Promise<ShopRow | null> {
  return move(db, domain, SHOP_STATUS.redacted, { redactedAt: new Date() });
}
