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
  /** Who is acting, for "resolved by" and "mapped by": the staff member's Shopify user id. */
  actor: string;
  /** Adds the CORS headers an admin UI extension's request needs (identity otherwise). */
  cors: (response: Response) => Response;
}

export async function requireAdmin(request: Request): Promise<AdminContext> {
  const config = env();
  let domain: string;
  let actor: string;
  let cors = (r: Response) => r;
  if (config.demo) {
    domain = config.demoShop;
    actor = "demo user";
  } else {
    const { authenticate } = await import("~/shopify.server");
    const ctx = await authenticate.admin(request);
    const { session, sessionToken } = ctx;
    if (typeof ctx.cors === "function") cors = (r) => ctx.cors(r);
    domain = session.shop;
    actor = sessionToken?.sub ? `shopify-user:${sessionToken.sub}` : "staff";
  }
  const shop = await findShop(db(), domain);
  if (!shop) throw new Response(`Shop ${domain} is not installed`, { status: 404 });
  return { shop, demo: config.demo, actor, cors };
}
