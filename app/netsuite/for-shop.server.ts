/**
 * The NetSuite client for a shop: its connection's account and credentials (decrypted only
 * here, in memory), the process's governor (PostgreSQL advisory locks when the app runs on
 * PostgreSQL, so every process shares the account's limit), and a recorder that keeps each call
 * for the order's timeline.
 */
import pg from "pg";
import type { Db } from "~/db.server";
import { dbProvider } from "~/db.server";
import { env } from "~/config/env.server";
import { parseKeyRing } from "~/crypto/secrets.server";
import { databaseUrl, pgPoolConfig } from "~/db/provider";
import { MemoryGovernor, PgGovernor, type Governor } from "~/governor";
import { loadConnection } from "~/shops/connection.server";
import { AUTH_KIND } from "~/shops/states";
import { NetSuiteClient, type NetSuiteCall } from "./client";

let governor: Governor | undefined;

function processGovernor(): Governor {
  if (!governor) {
    if (dbProvider() === "postgresql") {
      const config = pgPoolConfig(databaseUrl(), 25);
      governor = new PgGovernor({ pool: new pg.Pool(config), listenConfig: config });
    } else governor = new MemoryGovernor();
  }
  return governor;
}

export class NotConnectedError extends Error {
  override name = "NotConnectedError";
}

export interface CallContext {
  shop: string;
  objectType?: string;
  objectId?: string;
  jobId?: string;
}

export async function netsuiteFor(db: Db, shopDomain: string, ctx: Omit<CallContext, "shop"> = {}): Promise<NetSuiteClient> {
  const shop = await db.shop.findUnique({ where: { domain: shopDomain } });
  if (!shop) throw new NotConnectedError(`Shop ${shopDomain} is not installed`);
  const c = await loadConnection(db, parseKeyRing(env().encryptionKeys), shop.id);
  if (!c) throw new NotConnectedError("No NetSuite account is connected (Settings › NetSuite connection).");
  if (c.credentials.kind !== AUTH_KIND.tba) throw new NotConnectedError("OAuth 2.0 client credentials are stored but this version signs with token-based authentication only.");
  const record = async (call: NetSuiteCall) => {
    await db.netSuiteCall
      .create({
        data: {
          shopDomain,
          accountId: call.accountId,
          method: call.method,
          path: call.path,
          status: call.status,
          durationMs: call.durationMs,
          waitedMs: call.waitedMs,
          attempt: call.attempt,
          errorCode: call.errorCode,
          requestBody: call.requestBody,
          objectType: ctx.objectType ?? null,
          objectId: ctx.objectId ?? null,
          jobId: ctx.jobId ?? null,
        },
      })
      .catch(() => undefined); // the call log never fails the call it records
  };
  return new NetSuiteClient({
    accountId: c.accountId,
    credentials: { kind: "tba", consumerKey: c.credentials.consumerKey, consumerSecret: c.credentials.consumerSecret, tokenId: c.credentials.tokenId, tokenSecret: c.credentials.tokenSecret },
    baseUrl: c.baseUrl ?? undefined,
    concurrencyLimit: c.concurrencyLimit,
    governor: processGovernor(),
    recorder: record,
    retry: process.env.NETSUITE_RETRY_BASE_MS ? { baseDelayMs: Number(process.env.NETSUITE_RETRY_BASE_MS), maxDelayMs: Number(process.env.NETSUITE_RETRY_BASE_MS) * 8 } : undefined,
  });
}
