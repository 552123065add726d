/**
 * The settings screen's form ↔ the settings document and the NetSuite connection. A form
 * posts flat fields (`storefront.subsidiaryId`, `customers.guestPolicy`…); secrets left blank
 * keep the stored ones, so they are never sent back to the browser.
 */
import { z } from "zod";
import type { Db } from "~/db.server";
import type { KeyRing } from "~/crypto/secrets.server";
import { describeCredentials, loadConnection, normaliseAccountId, saveConnection, type NetSuiteCredentials } from "~/shops/connection.server";
import { AUTH_KIND } from "~/shops/states";
import { loadSettings, saveSettings, shopSettingsSchema, type ShopSettings } from "~/mappings/settings.server";

export interface FieldIssue {
  field: string;
  message: string;
}

/** `a.b` form fields → nested object; empty strings are "not set". */
export function unflatten(form: Record<string, string>, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(form)) {
    if (!key.startsWith(`${prefix}.`)) continue;
    const value = raw.trim();
    if (value === "") continue;
    const path = key.slice(prefix.length + 1).split(".");
    let node = out;
    for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1]!] = value;
  }
  return out;
}

const NUMERIC = new Set(["inventory.safetyBuffer", "inventory.divergenceAlertUnits"]);

/** The settings part of the form: currencies and tax codes are "CODE=id" lines. */
export function settingsFromForm(form: Record<string, string>): unknown {
  const doc = unflatten(form, "s") as Record<string, Record<string, unknown>>;
  for (const key of NUMERIC) {
    const [group, field] = key.split(".") as [string, string];
    const v = doc[group]?.[field];
    if (typeof v === "string") doc[group]![field] = /^\d+$/.test(v) ? Number(v) : v;
  }
  const lines = (text: string | undefined) => (text ?? "").split("\n").map((l) => l.trim()).filter(Boolean);
  doc.storefront ??= {};
  doc.storefront.currencies = Object.fromEntries(lines(form["currencies"]).map((l) => l.split("=").map((p) => p.trim()) as [string, string]));
  doc.tax ??= {};
  doc.tax.codes = lines(form["taxCodes"]).map((l) => {
    const [match, taxCodeId] = l.split("=").map((p) => p.trim());
    const rate = match && /^\d+(\.\d+)?$/.test(match) ? match : undefined;
    return { ...(rate ? { rate } : { title: match }), taxCodeId };
  });
  doc.customers ??= {};
  doc.customers.companies = Object.fromEntries(lines(form["companies"]).map((l) => l.split("=").map((p) => p.trim()) as [string, string]));
  doc.paymentTerms = Object.fromEntries(lines(form["paymentTerms"]).map((l) => l.split("=").map((p) => p.trim()) as [string, string]));
  return doc;
}

export function settingsToForm(s: ShopSettings) {
  return {
    currencies: Object.entries(s.storefront.currencies).map(([k, v]) => `${k}=${v}`).join("\n"),
    taxCodes: s.tax.codes.map((c) => `${c.rate ?? c.title ?? ""}=${c.taxCodeId}`).join("\n"),
    companies: Object.entries(s.customers.companies).map(([k, v]) => `${k}=${v}`).join("\n"),
    paymentTerms: Object.entries(s.paymentTerms).map(([k, v]) => `${k}=${v}`).join("\n"),
  };
}

const connectionForm = z.object({
  accountId: z.string().trim().min(1, "The NetSuite account id is required (Setup › Company › Company Information)"),
  authKind: z.enum([AUTH_KIND.oauth2, AUTH_KIND.tba]),
  clientId: z.string().trim().optional(),
  certificateId: z.string().trim().optional(),
  privateKey: z.string().trim().optional(),
  consumerKey: z.string().trim().optional(),
  consumerSecret: z.string().trim().optional(),
  tokenId: z.string().trim().optional(),
  tokenSecret: z.string().trim().optional(),
  concurrencyLimit: z.coerce.number().int().min(1).max(100).optional(),
});

/** Merges the form over the stored credentials: a blank secret keeps the stored one. */
export function credentialsFromForm(form: Record<string, string>, stored: NetSuiteCredentials | null): { accountId: string; credentials: NetSuiteCredentials; concurrencyLimit?: number } | { issues: FieldIssue[] } {
  const parsed = connectionForm.safeParse(Object.fromEntries(Object.entries(form).filter(([, v]) => v !== "")));
  if (!parsed.success) return { issues: parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })) };
  const f = parsed.data;
  try {
    normaliseAccountId(f.accountId);
  } catch (e) {
    return { issues: [{ field: "accountId", message: (e as Error).message }] };
  }
  const keep = <K extends string>(kind: string, key: K): string | undefined => (stored && stored.kind === kind ? (stored as unknown as Record<K, string>)[key] : undefined);
  const need = (value: string | undefined, field: string, label: string, issues: FieldIssue[]) => {
    if (!value) issues.push({ field, message: `${label} is required` });
    return value ?? "";
  };
  const issues: FieldIssue[] = [];
  let credentials: NetSuiteCredentials;
  if (f.authKind === AUTH_KIND.oauth2) {
    credentials = {
      kind: AUTH_KIND.oauth2,
      clientId: need(f.clientId || keep(AUTH_KIND.oauth2, "clientId"), "clientId", "Client id", issues),
      certificateId: need(f.certificateId || keep(AUTH_KIND.oauth2, "certificateId"), "certificateId", "Certificate id", issues),
      privateKey: need(f.privateKey || keep(AUTH_KIND.oauth2, "privateKey"), "privateKey", "The certificate's private key (PEM)", issues),
    };
    if (f.privateKey && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(f.privateKey)) issues.push({ field: "privateKey", message: "The private key must be PEM (-----BEGIN PRIVATE KEY-----)" });
  } else {
    credentials = {
      kind: AUTH_KIND.tba,
      consumerKey: need(f.consumerKey || keep(AUTH_KIND.tba, "consumerKey"), "consumerKey", "Consumer key", issues),
      consumerSecret: need(f.consumerSecret || keep(AUTH_KIND.tba, "consumerSecret"), "consumerSecret", "Consumer secret", issues),
      tokenId: need(f.tokenId || keep(AUTH_KIND.tba, "tokenId"), "tokenId", "Token id", issues),
      tokenSecret: need(f.tokenSecret || keep(AUTH_KIND.tba, "tokenSecret"), "tokenSecret", "Token secret", issues),
    };
  }
  if (issues.length) return { issues };
  return { accountId: f.accountId, credentials, concurrencyLimit: f.concurrencyLimit };
}

export async function loadSettingsPage(db: Db, ring: KeyRing, shop: { id: string; domain: string }) {
  const [{ settings, version }, connection] = await Promise.all([loadSettings(db, shop.domain), loadConnection(db, ring, shop.id).catch(() => null)]);
  const row = await db.netSuiteConnection.findUnique({ where: { shopId: shop.id } });
  return {
    settings,
    version,
    form: settingsToForm(settings),
    connection: connection
      ? {
          accountId: connection.accountId,
          authKind: connection.authKind,
          concurrencyLimit: connection.concurrencyLimit,
          shown: describeCredentials(connection.credentials),
          lastTestedAt: row?.lastTestedAt?.toISOString() ?? null,
          lastTestOk: row?.lastTestOk ?? null,
          lastTestMessage: row?.lastTestMessage ?? null,
        }
      : null,
  };
}

export async function saveSettingsForm(db: Db, shop: string, form: Record<string, string>, by: string) {
  const doc = settingsFromForm(form) as Record<string, Record<string, unknown>>;
  // A form posts every field it shows (empty = cleared); settings it does not show (set by an
  // import, or added in a later version) keep their stored values.
  const { settings: current } = await loadSettings(db, shop);
  const shown = new Set([...Object.keys(form).filter((k) => k.startsWith("s.")).map((k) => k.slice(2)), "storefront.currencies", "tax.codes", "customers.companies"]);
  for (const [section, fields] of Object.entries(current)) {
    if (section === "paymentTerms" || typeof fields !== "object" || fields === null || Array.isArray(fields)) continue;
    for (const [field, value] of Object.entries(fields)) {
      if (shown.has(`${section}.${field}`) || value === undefined) continue;
      doc[section] ??= {};
      doc[section]![field] ??= value;
    }
  }
  const parsed = shopSettingsSchema.safeParse(doc);
  if (!parsed.success) return { ok: false as const, issues: parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })) };
  const expected = form.version !== undefined ? Number(form.version) : undefined;
  const saved = await saveSettings(db, shop, parsed.data, by, expected);
  return { ok: true as const, version: saved.version };
}

export async function saveConnectionForm(db: Db, ring: KeyRing, shop: { id: string }, form: Record<string, string>) {
  const stored = await loadConnection(db, ring, shop.id).catch(() => null);
  const r = credentialsFromForm(form, stored?.credentials ?? null);
  if ("issues" in r) return { ok: false as const, issues: r.issues };
  await saveConnection(db, ring, shop.id, { accountId: r.accountId, credentials: r.credentials, concurrencyLimit: r.concurrencyLimit, baseUrl: stored?.baseUrl ?? null });
  return { ok: true as const, issues: [] as FieldIssue[] };
}
