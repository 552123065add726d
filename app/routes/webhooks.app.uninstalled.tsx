import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { db } from "~/db.server";
import { recordUninstall } from "~/shops/shops.server";
import { logger } from "~/log.server";

// Sessions are removed (their tokens are dead anyway); the shop's data stays until shop/redact.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic } = await authenticate.webhook(request);
  await db().session.deleteMany({ where: { shop } });
  await recordUninstall(db(), shop);
  logger.info("app uninstalled", { shop, topic });
  return new Response();
};
