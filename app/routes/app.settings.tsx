import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  useActionData,
  useLoaderData,
  useNavigation,
} from "@remix-run/react";
import { createContext, useContext, useState } from "react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  FormLayout,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { db } from "~/db.server";
import { env } from "~/config/env.server";
import { parseKeyRing } from "~/crypto/secrets.server";
import { requireAdmin } from "~/shopify/admin.server";
import {
  loadSettingsPage,
  saveConnectionForm,
  saveSettingsForm,
  type FieldIssue,
} from "~/settings/settings-form.server";
import { SettingsConflictError } from "~/mappings/settings.server";
import { runConnectionTest } from "~/settings/connection-test.server";
import { checkShopJournalAccounts, type AccountCheck } from "~/settings/journal-accounts.server";
import { scheduleSweep } from "~/sync/sweep/index.server";
import { logger } from "~/log.server";
import { jobEngine } from "~/queue.server";
import { RouteErrorPage } from "~/ui/route-error";
import { when } from "~/ui/format";

const ring = () => parseKeyRing(env().encryptionKeys);

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return json(await loadSettingsPage(db(), ring(), shop));
};

type ActionResult = {
  intent: string;
  ok: boolean;
  message: string;
  issues: FieldIssue[];
  /** "Check accounts in NetSuite": one line per journal role. */
  accounts?: AccountCheck[];
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await requireAdmin(request);
  const form = Object.fromEntries(await request.formData()) as Record<
    string,
    string
  >;
  const intent = form.intent ?? "";
  if (intent === "connection") {
    const r = await saveConnectionForm(db(), ring(), shop, form);
    return json<ActionResult>(
      {
        intent,
        ok: r.ok,
        message: r.ok
          ? "NetSuite connection saved. Run the connection test to check it."
          : "The connection was not saved.",
        issues: r.issues,
      },
      { status: r.ok ? 200 : 400 }
    );
  }
  if (intent === "test") {
    const r = await runConnectionTest(db(), await jobEngine(), shop, actor);
    return json<ActionResult>({ intent, ok: r.ok, message: `${r.message}${r.released ? ` ${r.released} waiting order(s) released.` : ""}`, issues: [] });
  }
  if (intent === "check-accounts") {
    const r = await checkShopJournalAccounts(db(), shop.domain);
    return json<ActionResult>({ intent, ok: r.ok, message: r.message, issues: [], accounts: r.checks });
  }
  if (intent === "settings") {
    try {
      const r = await saveSettingsForm(db(), shop.domain, form, actor);
      // The sweep's schedule is part of the settings: move it to the saved one.
      if (r.ok && env().tuning.sweepSchedules) await scheduleSweep(await jobEngine(), db(), shop.domain).catch((e: unknown) => logger.warn("sweep schedule not moved", { shop: shop.domain, error: String(e) }));
      return json<ActionResult>(
        {
          intent,
          ok: r.ok,
          message: r.ok ? "Settings saved." : "The settings were not saved.",
          issues: r.ok ? [] : r.issues,
        },
        { status: r.ok ? 200 : 400 }
      );
    } catch (e) {
      if (e instanceof SettingsConflictError)
        return json<ActionResult>(
          { intent, ok: false, message: e.message, issues: [] },
          { status: 409 }
        );
      throw e;
    }
  }
  return json<ActionResult>(
    { intent, ok: false, message: "Unknown action", issues: [] },
    { status: 400 }
  );
};

function errorFor(
  issues: FieldIssue[] | undefined,
  name: string
): string | undefined {
  const field = name.replace(/^s\./, "");
  return issues?.find((i) => i.field === field)?.message;
}

const Issues = createContext<FieldIssue[] | undefined>(undefined);

/** A text field that keeps its own value and posts it under `name`. */
function Field({
  name,
  label,
  initial,
  help,
  multiline,
  type,
}: {
  name: string;
  label: string;
  initial?: string | number | null;
  help?: string;
  multiline?: number;
  type?: "text" | "password" | "number";
}) {
  const issues = useContext(Issues);
  const [v, setV] = useState(
    initial === undefined || initial === null ? "" : String(initial)
  );
  return (
    <TextField
      label={label}
      name={name}
      value={v}
      onChange={setV}
      helpText={help}
      multiline={multiline}
      type={type}
      autoComplete="off"
      error={errorFor(issues, name)}
    />
  );
}

function Choice({
  name,
  label,
  initial,
  options,
}: {
  name: string;
  label: string;
  initial: string;
  options: { label: string; value: string }[];
}) {
  const [v, setV] = useState(initial);
  return (
    <Select
      label={label}
      name={name}
      value={v}
      onChange={setV}
      options={options}
    />
  );
}

export default function Settings() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const nav = useNavigation();
  const busy = (intent: string) =>
    nav.state !== "idle" && nav.formData?.get("intent") === intent;
  const c = data.connection;
  const s = data.settings;
  const [authKind, setAuthKind] = useState<string>(
    c?.authKind ?? "oauth2_client_credentials"
  );
  const issues = result?.issues;

  return (
    <Issues.Provider value={issues}>
      <Page
        title="Settings"
        subtitle="The NetSuite connection and how Shopify records are written"
      >
        <BlockStack gap="400">
          {result ? (
            <Banner tone={result.ok ? "success" : "critical"}>
              <p id="settings-result">{result.message}</p>
              {result.issues.map((i) => (
                <p key={i.field + i.message}>{`${i.field}: ${i.message}`}</p>
              ))}
              {result.accounts?.map((a) => (
                <p key={a.role} className={`account-check account-${a.status}`}>
                  {a.message}
                </p>
              ))}
            </Banner>
          ) : null}
          <Layout>
            <Layout.AnnotatedSection
              id="connection"
              title="NetSuite connection"
              description="OAuth 2.0 client credentials (machine to machine, what NetSuite recommends) or token-based authentication. Secrets are stored encrypted and never shown again: leave a secret blank to keep the stored one."
            >
              <Card>
                <Form method="post">
                  <input type="hidden" name="intent" value="connection" />
                  <FormLayout>
                    {c ? (
                      <InlineStack gap="200">
                        <Badge
                          tone={
                            c.lastTestOk
                              ? "success"
                              : c.lastTestedAt
                              ? "critical"
                              : undefined
                          }
                        >
                          {c.lastTestedAt
                            ? c.lastTestOk
                              ? "Connection test passed"
                              : "Connection test failed"
                            : "Not tested yet"}
                        </Badge>
                        {c.lastTestedAt ? (
                          <Text as="span" tone="subdued">{`${when(
                            c.lastTestedAt
                          )}${
                            c.lastTestMessage ? ` · ${c.lastTestMessage}` : ""
                          }`}</Text>
                        ) : null}
                      </InlineStack>
                    ) : null}
                    <Field
                      name="accountId"
                      label="Account id"
                      initial={c?.accountId}
                      help="e.g. 1234567 or 1234567_SB1 for a sandbox"
                    />
                    <Select
                      label="Authentication"
                      name="authKind"
                      value={authKind}
                      onChange={setAuthKind}
                      options={[
                        {
                          label: "OAuth 2.0 client credentials",
                          value: "oauth2_client_credentials",
                        },
                        {
                          label: "Token-based authentication (OAuth 1.0a)",
                          value: "token_based",
                        },
                      ]}
                    />
                    {authKind === "oauth2_client_credentials" ? (
                      <>
                        <Field
                          name="clientId"
                          label="Client id"
                          help={
                            c?.shown.clientId
                              ? `Stored: ${c.shown.clientId}`
                              : undefined
                          }
                        />
                        <Field
                          name="certificateId"
                          label="Certificate id"
                          initial={c?.shown.certificateId}
                        />
                        <Field
                          name="privateKey"
                          label="Certificate private key (PEM)"
                          multiline={4}
                          help={
                            c?.shown.privateKey
                              ? `Stored: ${c.shown.privateKey}`
                              : "PS256 (RSA) or ES256 (EC P-256)"
                          }
                        />
                      </>
                    ) : (
                      <>
                        <Field
                          name="consumerKey"
                          label="Consumer key"
                          help={
                            c?.shown.consumerKey
                              ? `Stored: ${c.shown.consumerKey}`
                              : undefined
                          }
                        />
                        <Field
                          name="consumerSecret"
                          label="Consumer secret"
                          type="password"
                        />
                        <Field
                          name="tokenId"
                          label="Token id"
                          help={
                            c?.shown.tokenId
                              ? `Stored: ${c.shown.tokenId}`
                              : undefined
                          }
                        />
                        <Field
                          name="tokenSecret"
                          label="Token secret"
                          type="password"
                        />
                      </>
                    )}
                    <Field
                      name="concurrencyLimit"
                      label="Concurrent calls allowed"
                      initial={c?.concurrencyLimit ?? 5}
                      type="number"
                      help="NetSuite's limit for the account (5 standard, +10 per SuiteCloud Plus licence), shared by every integration."
                    />
                    <Button
                      submit
                      variant="primary"
                      loading={busy("connection")}
                    >
                      Save connection
                    </Button>
                  </FormLayout>
                </Form>
                {c ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="test" />
                    <div style={{ marginTop: 12 }}>
                      <Button submit loading={busy("test")}>
                        Test the connection
                      </Button>
                    </div>
                  </Form>
                ) : null}
              </Card>
            </Layout.AnnotatedSection>

            <Layout.AnnotatedSection
              id="sync"
              title="How orders are written"
              description="Subsidiary, currencies, tax codes and the NetSuite items that carry shipping, discounts and gift cards."
            >
              <Card>
                <Form method="post">
                  <input type="hidden" name="intent" value="settings" />
                  <input type="hidden" name="version" value={data.version} />
                  <FormLayout>
                    <FormLayout.Group>
                      <Field
                        name="s.storefront.subsidiaryId"
                        label="Subsidiary id"
                        initial={s.storefront.subsidiaryId}
                      />
                      <Field
                        name="s.storefront.priceLevelId"
                        label="Price level id"
                        initial={s.storefront.priceLevelId}
                      />
                      <Field
                        name="s.storefront.defaultLocationId"
                        label="Default NetSuite location id (online orders)"
                        initial={s.storefront.defaultLocationId}
                      />
                      <Field
                        name="s.storefront.timeZone"
                        label="Shop time zone (Sales Order dates)"
                        initial={s.storefront.timeZone}
                        help="IANA name, e.g. America/New_York"
                      />
                    </FormLayout.Group>
                    <Choice
                      label="Amounts written"
                      name="s.storefront.currencySource"
                      initial={s.storefront.currencySource}
                      options={[
                        {
                          label: "The buyer's currency (presentment)",
                          value: "presentment",
                        },
                        { label: "The shop's currency", value: "shop" },
                      ]}
                    />
                    <Field
                      name="currencies"
                      label="Currencies (ISO=NetSuite id, one per line)"
                      initial={data.form.currencies}
                      multiline={3}
                      help="e.g. USD=1"
                    />
                    <Field
                      name="taxCodes"
                      label="Tax codes (Shopify tax title or rate=NetSuite tax code id, one per line)"
                      initial={data.form.taxCodes}
                      multiline={3}
                      help="e.g. NV State Tax=7 or 0.2=12"
                    />
                    <FormLayout.Group>
                      <Field
                        name="s.tax.defaultTaxCodeId"
                        label="Default tax code id"
                        initial={s.tax.defaultTaxCodeId}
                      />
                      <Field
                        name="s.tax.exemptTaxCodeId"
                        label="Untaxed lines: tax code id"
                        initial={s.tax.exemptTaxCodeId}
                      />
                    </FormLayout.Group>
                    <FormLayout.Group>
                      <Field
                        name="s.items.shippingItemId"
                        label="Shipping item id"
                        initial={s.items.shippingItemId}
                      />
                      <Field
                        name="s.items.discountItemId"
                        label="Discount item id"
                        initial={s.items.discountItemId}
                      />
                    </FormLayout.Group>
                    <FormLayout.Group>
                      <Field
                        name="s.items.giftCardItemId"
                        label="Gift card liability item id"
                        initial={s.items.giftCardItemId}
                      />
                      <Field
                        name="s.items.giftCardPaymentMethodId"
                        label="Gift card payment method id"
                        initial={s.items.giftCardPaymentMethodId}
                      />
                    </FormLayout.Group>
                    <FormLayout.Group>
                      <Choice
                        label="Guest checkouts"
                        name="s.customers.guestPolicy"
                        initial={s.customers.guestPolicy}
                        options={[
                          {
                            label: "One customer per email",
                            value: "per-email",
                          },
                          {
                            label: "One shared guest customer",
                            value: "shared",
                          },
                        ]}
                      />
                      <Field
                        name="s.customers.sharedGuestCustomerId"
                        label="Shared guest customer id"
                        initial={s.customers.sharedGuestCustomerId}
                      />
                    </FormLayout.Group>
                    <Field
                      name="companies"
                      label="B2B companies (Shopify company id=NetSuite customer id)"
                      initial={data.form.companies}
                      multiline={2}
                    />
                    <Field
                      name="paymentTerms"
                      label="Payment terms (Shopify terms name=NetSuite terms id, one per line)"
                      initial={data.form.paymentTerms}
                      multiline={2}
                      help="e.g. Net 30=2"
                    />
                    <Choice
                      label="Bundles"
                      name="s.bundles.policy"
                      initial={s.bundles.policy}
                      options={[
                        {
                          label:
                            "Write the kit item (NetSuite relieves the components)",
                          value: "kit",
                        },
                        { label: "Write the components", value: "components" },
                      ]}
                    />
                    <Field
                      name="s.fulfilment.lockField"
                      label="Released-to-warehouse field (optional)"
                      initial={s.fulfilment.lockField}
                      help="A custbody field that locks the order; otherwise any Item Fulfilment locks it."
                    />
                    <FormLayout.Group>
                      <Field
                        name="s.inventory.safetyBuffer"
                        label="Stock safety buffer (units)"
                        initial={s.inventory.safetyBuffer}
                        type="number"
                      />
                      <Field
                        name="s.inventory.schedule"
                        label="Stock schedule (cron, UTC)"
                        initial={s.inventory.schedule}
                      />
                      <Field
                        name="s.sweep.schedule"
                        label="Missed-webhook check (cron, UTC)"
                        initial={s.sweep.schedule}
                      />
                    </FormLayout.Group>
                    <Text as="h3" variant="headingSm">
                      Payout journal accounts
                    </Text>
                    <FormLayout.Group>
                      <Field
                        name="s.journal.bankAccountId"
                        label="Bank"
                        initial={s.journal.bankAccountId}
                      />
                      <Field
                        name="s.journal.clearingAccountId"
                        label="Shopify clearing"
                        initial={s.journal.clearingAccountId}
                      />
                      <Field
                        name="s.journal.feesAccountId"
                        label="Fees"
                        initial={s.journal.feesAccountId}
                      />
                    </FormLayout.Group>
                    <FormLayout.Group>
                      <Field
                        name="s.journal.refundsAccountId"
                        label="Refunds"
                        initial={s.journal.refundsAccountId}
                      />
                      <Field
                        name="s.journal.adjustmentsAccountId"
                        label="Adjustments"
                        initial={s.journal.adjustmentsAccountId}
                      />
                      <Field
                        name="s.journal.reservesAccountId"
                        label="Reserves"
                        initial={s.journal.reservesAccountId}
                      />
                      <Field
                        name="s.journal.giftCardLiabilityAccountId"
                        label="Gift card liability"
                        initial={s.journal.giftCardLiabilityAccountId}
                      />
                    </FormLayout.Group>
                    <Button submit variant="primary" loading={busy("settings")}>
                      Save settings
                    </Button>
                  </FormLayout>
                </Form>
                <div style={{ marginTop: 12 }}>
                  <Form method="post">
                    <input type="hidden" name="intent" value="check-accounts" />
                    <InlineStack gap="200" blockAlign="center">
                      <Button submit loading={busy("check-accounts")}>
                        Check accounts in NetSuite
                      </Button>
                      <Text as="span" tone="subdued">
                        Reads the saved journal accounts from NetSuite&apos;s chart of accounts: each must exist and be active.
                      </Text>
                    </InlineStack>
                  </Form>
                </div>
              </Card>
            </Layout.AnnotatedSection>
          </Layout>
        </BlockStack>
      </Page>
    </Issues.Provider>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage title="Settings" />;
}
