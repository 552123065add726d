/**
 * A shop's NetSuite connection. Credentials are sealed (AES-GCM, see app/crypto) with the
 * shop id as associated data and are only opened in memory when a NetSuite call needs them.
 * Capacity belongs to the NetSuite account, which several shops may share.
 */
import { z } from "zod";
import type { Db } from "~/db.server";
import { open, seal, needsRotation, type KeyRing } from "~/crypto/secrets.server";
import { AUTH_KIND, type AuthKind } from "./states";

export const oauth2CredentialsSchema = z.object({
  kind: z.literal(AUTH_KIND.oauth2),
  clientId: z.string().min(1),
  certificateId: z.string().min(1),
  /** PEM private key of the integration's certificate (PS256 / ES256). */
  privateKey: z.string().min(1),
});
export const tbaCredentialsSchema = z.object({
  kind: z.literal(AUTH_KIND.tba),
  consumerKey: z.string().min(1),
  consumerSecret: z.string().min(1),
  tokenId: z.string().min(1),
  tokenSecret: z.string().min(1),
});
export const credentialsSchema = z.discriminatedUnion("kind", [oauth2CredentialsSchema, tbaCredentialsSchema]);
export type NetSuiteCredentials = z.infer<typeof credentialsSchema>;

/** NetSuite account ids appear as 1234567, 1234567_SB1 or 1234567-sb1: store the realm form. */
export function normaliseAccountId(raw: string): string {
  const id = raw.trim().toUpperCase().replace(/-/g, "_");
  if (!/^[A-Z0-9]+(_[A-Z0-9]+)?$/.test(id)) throw new Error(`Not a NetSuite account id: ${raw}`);
  return id;
}

const context = (shopId: string) => `netsuite-connection:${shopId}`;

export interface SaveConnectionInput {
  accountId: string;
  credentials: NetSuiteCredentials;
  concurrencyLimit?: number;
  baseUrl?: string | null;
}

export async function saveConnection(db: Db, ring: KeyRing, shopId: string, input: SaveConnectionInput) {
  const credentials = credentialsSchema.parse(input.credentials);
  const accountId = normaliseAccountId(input.accountId);
  const sealed = seal(ring, JSON.stringify(credentials), context(shopId));
  const account = await db.netSuiteAccount.upsert({
    where: { accountId },
    create: { accountId, concurrencyLimit: input.concurrencyLimit ?? 5 },
    update: input.concurrencyLimit ? { concurrencyLimit: input.concurrencyLimit } : {},
  });
  const data = {
    accountRef: account.id,
    authKind: credentials.kind,
    credentials: sealed.value,
    credentialsKeyId: sealed.keyId,
    baseUrl: input.baseUrl ?? null,
  };
  return db.netSuiteConnection.upsert({ where: { shopId }, create: { shopId, ...data }, update: data });
}

export interface LoadedConnection {
  shopId: string;
  accountId: string;
  concurrencyLimit: number;
  authKind: AuthKind;
  credentials: NetSuiteCredentials;
  baseUrl: string | null;
}

export async function loadConnection(db: Db, ring: KeyRing, shopId: string): Promise<LoadedConnection | null> {
  const row = await db.netSuiteConnection.findUnique({ where: { shopId }, include: { account: true } });
  if (!row) return null;
  const credentials = credentialsSchema.parse(JSON.parse(open(ring, row.credentials, context(shopId))));
  return {
    shopId,
    accountId: row.account.accountId,
    concurrencyLimit: row.account.concurrencyLimit,
    authKind: row.authKind as AuthKind,
    credentials,
    baseUrl: row.baseUrl,
  };
}

/** Re-seals rows written under an older key id; returns how many were rewritten. */
export async function rotateConnectionKeys(db: Db, ring: KeyRing): Promise<number> {
  const rows = await db.netSuiteConnection.findMany({ select: { id: true, shopId: true, credentials: true } });
  let rotated = 0;
  for (const row of rows) {
    if (!needsRotation(ring, row.credentials)) continue;
    const sealed = seal(ring, open(ring, row.credentials, context(row.shopId)), context(row.shopId));
    await db.netSuiteConnection.update({ where: { id: row.id }, data: { credentials: sealed.value, credentialsKeyId: sealed.keyId } });
    rotated++;
  }
  return rotated;
}

/** What a screen may show of the credentials: never the secrets, only their tail. */
export function describeCredentials(c: NetSuiteCredentials): Record<string, string> {
  const tail = (s: string) => (s.length <= 4 ? "••••" : `••••${s.slice(-4)}`);
  return c.kind === AUTH_KIND.oauth2
    ? { kind: c.kind, clientId: tail(c.clientId), certificateId: c.certificateId, privateKey: "•••• (stored encrypted)" }
    : { kind: c.kind, consumerKey: tail(c.consumerKey), tokenId: tail(c.tokenId), consumerSecret: "••••", tokenSecret: "••••" };
}
