import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, DataTable, EmptyState, InlineGrid, InlineStack, Page, Text, TextField } from "@shopify/polaris";
import { db } from "~/db.server";
import { requireAdmin } from "~/shopify/admin.server";
import { dailyReport, parseDay } from "~/reports/daily.server";
import { OWNER_LABEL } from "~/ui/format";
import { RouteErrorPage } from "~/ui/route-error";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const day = parseDay(new URL(request.url).searchParams.get("day"));
  return json(await dailyReport(db(), shop.domain, day, { limit: 200 }));
};

const KIND_LABEL: Record<string, string> = { exception: "Exception", mismatch: "Money mismatch", not_synced: "Not in NetSuite" };

function Figure({ label, value, id }: { label: string; value: number; id: string }) {
  return (
    <BlockStack gap="050">
      <Text as="span" tone="subdued">
        {label}
      </Text>
      <Text as="span" variant="headingLg" id={id}>
        {value}
      </Text>
    </BlockStack>
  );
}

export default function Reports() {
  const r = useLoaderData<typeof loader>();
  const [params, setParams] = useSearchParams();
  const loading = useNavigation().state === "loading";
  const setDay = (day: string) => {
    const p = new URLSearchParams(params);
    p.set("day", day);
    setParams(p);
  };
  const shift = (days: number) => setDay(new Date(Date.parse(`${r.day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10));
  const download = async () => {
    // fetch, not a link: inside the Shopify admin, App Bridge adds the session token to fetch.
    const res = await fetch(`/api/reports/daily.csv?day=${r.day}`);
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement("a");
    a.href = url;
    a.download = `exceptions-${r.day}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Page title="Daily report" subtitle={`Exceptions and mismatches for ${r.day} (UTC)`} primaryAction={{ content: "Download CSV", onAction: () => void download() }}>
      <BlockStack gap="400">
        <InlineStack gap="200" blockAlign="end">
          <Button onClick={() => shift(-1)} accessibilityLabel="Previous day">
            ←
          </Button>
          <div style={{ width: 180 }}>
            <TextField label="Day" type="date" value={r.day} onChange={setDay} autoComplete="off" />
          </div>
          <Button onClick={() => shift(1)} accessibilityLabel="Next day">
            →
          </Button>
        </InlineStack>
        <Card>
          <InlineGrid columns={{ xs: 2, md: 5 }} gap="400">
            <Figure label="Orders received" value={r.orders.received} id="report-received" />
            <Figure label="Orders synced" value={r.orders.synced} id="report-synced" />
            <Figure label="Exceptions opened" value={r.exceptions.opened} id="report-exceptions" />
            <Figure label="Still open" value={r.exceptions.open} id="report-open" />
            <Figure label="Money mismatches" value={r.mismatches} id="report-mismatches" />
          </InlineGrid>
        </Card>
        <Card padding="0">
          {r.rows.length === 0 && !loading ? (
            <EmptyState heading="Nothing to report for this day" image="">
              <p>No exception was opened and every order changed that day is in NetSuite.</p>
            </EmptyState>
          ) : (
            <DataTable
              columnContentTypes={["text", "text", "text", "text", "text", "text"]}
              headings={["When", "What", "Owner", "Object", "Message", "Status"]}
              rows={r.rows.map((x) => [
                x.at.slice(11, 16),
                `${KIND_LABEL[x.kind] ?? x.kind}: ${x.cause}`,
                OWNER_LABEL[x.owner] ?? x.owner,
                x.object,
                x.message,
                <Badge key="s" tone={x.status === "open" || x.status === "exception" ? "critical" : undefined}>{`${x.status}${x.resolvedBy ? ` by ${x.resolvedBy}` : ""}`}</Badge>,
              ])}
            />
          )}
          {r.truncated ? (
            <div style={{ padding: 12 }}>
              <Text as="p" tone="subdued">
                More rows than shown: the CSV has them all.
              </Text>
            </div>
          ) : null}
        </Card>
      </BlockStack>
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage title="Daily report" />;
}
