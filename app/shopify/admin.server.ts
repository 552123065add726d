/**
 * What an embedded page's loader or action needs to know: which shop is asking.
 * Inside the Shopify admin that comes from `authenticate.admin` (session token, token
 * exchange). In demo mode the pages are served outside the admin for the seeded demo shop.
 */
import { env } from "~/config/env.server";
import { db } from "~/db.server";
import { findShop, type ShopRow } from "~/shops/shops.server";

export interface AdminContext {
  shop: ShopRow;
  demo: boolean;
}

export async function requireAdmin(request: Request): Promise<AdminContext> {
  const config = env();
  let domain: string;
  if (config.demo) {
    domain = config.demoShop;
  } else {
    const { authenticate } = await import("~/shopify.server");
    const { session } = await authenticate.admin(request);
    domain = session.shop;
  }
  const shop = await findShop(db(), domain);
  if (!shop) throw new Response(`Shop ${domain} is not installed`, { status: 404 });
  return { shop, demo: config.demo };
}
