/** The shop's own profile from the Admin API: its time zone and currency. */
import { z } from "zod";
import { Reader, type GraphqlAdmin, type ReadOptions } from "./reader";
import { AdminReadError } from "./errors";

export interface AdminShopProfile {
  /** IANA zone, e.g. America/New_York: the shop's day boundaries (a Sales Order's date). */
  ianaTimezone: string;
  currencyCode: string;
}

const QUERY = `query AdminReadShop { shop { ianaTimezone currencyCode } }`;
const answer = z.object({ shop: z.object({ ianaTimezone: z.string().min(1), currencyCode: z.string().length(3) }) });

export async function readShopProfile(admin: GraphqlAdmin, opts: ReadOptions = {}): Promise<AdminShopProfile> {
  const data = await new Reader(admin, opts).run(QUERY, {});
  const parsed = answer.safeParse(data);
  if (!parsed.success) throw new AdminReadError(`Shopify's shop profile was not as expected: ${parsed.error.issues[0]?.message ?? "unreadable"}`, "query", 200);
  return parsed.data.shop;
}
