/**
 * The connection test a merchant runs from Settings: one signed call to their NetSuite account,
 * the result kept on the connection (the dashboard shows it), and, when it passes, the orders
 * that waited for NetSuite's login retried at once.
 */
import type { Db } from "~/db.server";
import type { JobEngine } from "~/jobs/port";
import { netsuiteFor, NotConnectedError } from "~/netsuite/for-shop.server";
import { EXCEPTION_STATUS } from "~/exceptions/states";
import { retryException } from "~/exceptions/exceptions.server";

export async function runConnectionTest(db: Db, engine: JobEngine, shop: { id: string; domain: string }, actor: string): Promise<{ ok: boolean; message: string; released: number }> {
  let result: { ok: boolean; message: string };
  try {
    result = await (await netsuiteFor(db, shop.domain)).testConnection();
  } catch (e) {
    if (!(e instanceof NotConnectedError)) throw e;
    result = { ok: false, message: e.message };
  }
  await db.netSuiteConnection.updateMany({ where: { shopId: shop.id }, data: { lastTestedAt: new Date(), lastTestOk: result.ok, lastTestMessage: result.message } });
  let released = 0;
  if (result.ok) {
    const waiting = await db.syncException.findMany({ where: { shopDomain: shop.domain, status: EXCEPTION_STATUS.open, causeCode: "netsuite_auth" }, select: { id: true } });
    for (const ex of waiting) {
      await retryException(db, engine, shop.domain, ex.id, `${actor} (connection test passed)`).then(
        () => released++,
        () => undefined,
      );
    }
  }
  return { ...result, released };
}
