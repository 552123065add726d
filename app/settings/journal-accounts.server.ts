/**
 * Checks the payout journal's accounts against NetSuite's chart of accounts (SuiteQL), before a
 * payout needs them: each configured account must exist and be active; an account whose type is
 * unusual for its role (fees posted to a bank account) is flagged for the accountant to confirm,
 * not refused, since charts of accounts differ.
 */
import { z } from "zod";
import type { Db } from "~/db.server";
import type { NetSuiteClient } from "~/netsuite";
import { loadSettings, type ShopSettings } from "~/mappings/settings.server";
import { netsuiteFor } from "~/netsuite/for-shop.server";

type JournalKey = keyof ShopSettings["journal"];

/** Each role, what it is for, and the NetSuite account types expected for it. */
export const JOURNAL_ROLES: { key: JournalKey; label: string; types: string[] }[] = [
  { key: "bankAccountId", label: "Bank", types: ["Bank"] },
  { key: "clearingAccountId", label: "Shopify clearing", types: ["Bank", "OthCurrAsset"] },
  { key: "feesAccountId", label: "Fees", types: ["Expense", "OthExpense", "COGS"] },
  { key: "refundsAccountId", label: "Refunds", types: ["Income", "OthIncome", "Expense", "OthExpense"] },
  { key: "adjustmentsAccountId", label: "Adjustments", types: ["Expense", "OthExpense", "Income", "OthIncome", "OthCurrAsset"] },
  { key: "reservesAccountId", label: "Reserves", types: ["OthCurrAsset", "OthAsset", "Bank"] },
  { key: "giftCardLiabilityAccountId", label: "Gift card liability", types: ["OthCurrLiab", "DeferRevenue", "LongTermLiab"] },
];

export type AccountCheckStatus = "ok" | "not_set" | "missing" | "inactive" | "unusual_type";

export interface AccountCheck {
  role: string;
  accountId: string | null;
  status: AccountCheckStatus;
  /** "1100 Operating Bank Account (Bank)" when NetSuite has it. */
  account: string | null;
  message: string;
}

const row = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  acctnumber: z.string().nullish(),
  acctname: z.string(),
  accttype: z.string(),
  isinactive: z.string().nullish(),
});

export async function checkJournalAccounts(ns: NetSuiteClient, journal: ShopSettings["journal"]): Promise<{ ok: boolean; checks: AccountCheck[] }> {
  const ids = [...new Set(JOURNAL_ROLES.map((r) => journal[r.key]).filter((v): v is string => Boolean(v)))];
  // The ids are digits (the settings schema): safe to list in the query.
  const rows = ids.length ? await ns.suiteqlAll(`SELECT id, acctnumber, acctname, accttype, isinactive FROM account WHERE id IN (${ids.join(", ")})`, row) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const checks = JOURNAL_ROLES.map((role): AccountCheck => {
    const id = journal[role.key] ?? null;
    if (!id) return { role: role.label, accountId: null, status: "not_set", account: null, message: `${role.label}: not set. Payouts that need it stop with an exception until it is.` };
    const a = byId.get(id);
    if (!a) return { role: role.label, accountId: id, status: "missing", account: null, message: `${role.label}: NetSuite has no account with internal id ${id}.` };
    const account = `${a.acctnumber ? `${a.acctnumber} ` : ""}${a.acctname} (${a.accttype})`;
    if (a.isinactive === "T") return { role: role.label, accountId: id, status: "inactive", account, message: `${role.label}: ${account} is inactive in NetSuite; a journal cannot post to it.` };
    if (!role.types.includes(a.accttype)) return { role: role.label, accountId: id, status: "unusual_type", account, message: `${role.label}: ${account} is a ${a.accttype} account; usually this is ${role.types.join(" or ")}. Confirm with your accountant.` };
    return { role: role.label, accountId: id, status: "ok", account, message: `${role.label}: ${account}.` };
  });
  return { ok: checks.every((c) => c.status === "ok" || c.status === "unusual_type"), checks };
}

/** The check for a shop's saved settings, with a one-line summary; NetSuite's refusal is the summary. */
export async function checkShopJournalAccounts(db: Db, shop: string): Promise<{ ok: boolean; message: string; checks: AccountCheck[] }> {
  const { settings } = await loadSettings(db, shop);
  let ns: NetSuiteClient;
  try {
    ns = await netsuiteFor(db, shop);
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e), checks: [] };
  }
  try {
    const r = await checkJournalAccounts(ns, settings.journal);
    const bad = r.checks.filter((c) => c.status !== "ok");
    return { ...r, message: bad.length ? `${bad.length} of ${r.checks.length} journal accounts need attention.` : `All ${r.checks.length} journal accounts exist and are active in NetSuite.` };
  } catch (e) {
    return { ok: false, message: `NetSuite's chart of accounts could not be read: ${e instanceof Error ? e.message : String(e)}`, checks: [] };
  }
}
