/**
 * The NetSuite client for a shop: its connection's account and credentials (decrypted only
 * here, in memory), the process's governor (PostgreSQL advisory locks when the app runs on
 * PostgreSQL, so every process shares the account's limit), and a recorder that keeps each call
 * for the order's timeline.
 */
import type { Db } from "~/db.server";
import { dbProvider } from "~/db.server";
import { env } from "~/config/env.server";
import { parseKeyRing } from "~/crypto/secrets.server";
import { databaseUrl, pgPoolConfig } from "~/db/provider";
import { MemoryGovernor, PgGovernor, type Governor } from "~/governor";
import { loadConnection, type NetSuiteCredentials as StoredCredentials } from "~/shops/connection.server";
import { AUTH_KIND } from "~/shops/states";
import type { NetSuiteCredentials } from "./auth";
import { NetSuiteClient } from "./client";
import type { NetSuiteCall } from "./transport";

let governor: Governor | undefined;

function processGovernor(): Governor {
  if (!governor) {
    if (dbProvider() === "postgresql") {
      governor = new PgGovernor({ connection: pgPoolConfig(databaseUrl(), 1) });
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

/** The stored form (app/shops/connection.server.ts) as the client takes it. */
function clientCredentials(c: StoredCredentials): NetSuiteCredentials {
  return c.kind === AUTH_KIND.oauth2
    ? { kind: "oauth2", clientId: c.clientId, certificateId: c.certificateId, privateKeyPem: c.privateKey }
    : { kind: "tba", consumerKey: c.consumerKey, consumerSecret: c.consumerSecret, tokenId: c.tokenId, tokenSecret: c.tokenSecret };
}

export async function netsuiteFor(db: Db, shopDomain: string, ctx: Omit<CallContext, "shop"> = {}): Promise<NetSuiteClient> {
  const shop = await db.shop.findUnique({ where: { domain: shopDomain } });
  if (!shop) throw new NotConnectedError(`Shop ${shopDomain} is not installed`);
  const c = await loadConnection(db, parseKeyRing(env().encryptionKeys), shop.id);
  if (!c) throw new NotConnectedError("No NetSuite account is connected (Settings › NetSuite connection).");
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
          errorCode: call.errorCode ?? null,
          requestBody: call.requestBody ?? null,
          responseBody: call.responseBody ?? null,
          // A login or a limits read is the client's own business, not the order's.
          objectType: call.purpose ? null : (ctx.objectType ?? null),
          objectId: call.purpose ? null : (ctx.objectId ?? null),
          jobId: ctx.jobId ?? null,
        },
      })
      .catch(() => undefined); // the call log never fails the call it records
  };
  return new NetSuiteClient({
    accountId: c.accountId,
    credentials: clientCredentials(c.credentials),
    baseUrl: c.baseUrl ?? undefined,
    concurrencyLimit: c.concurrencyLimit,
    governor: processGovernor(),
    recorder: record,
    ...(env().tuning.netsuiteTimeoutMs ? { timeoutMs: env().tuning.netsuiteTimeoutMs } : {}),
    retry: process.env.NETSUITE_RETRY_BASE_MS ? { baseDelayMs: Number(process.env.NETSUITE_RETRY_BASE_MS), maxDelayMs: Number(process.env.NETSUITE_RETRY_BASE_MS) * 8 } : undefined,
  });
}
