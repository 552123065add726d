import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Box, Card, DataTable, InlineGrid, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { db } from "~/db.server";
import { requireAdmin } from "~/shopify/admin.server";
import { orderDetail } from "~/orders/order-page.server";
import { orderPreview } from "~/sync/orders/preview.server";
import { RouteErrorPage } from "~/ui/route-error";
import { when } from "~/ui/format";
import { STATE_BADGE } from "~/ui/order-state";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const orderId = params.orderId ?? "";
  if (!/^\d+$/.test(orderId)) throw new Response("Not an order id", { status: 400 });
  const detail = await orderDetail(db(), shop.domain, orderId);
  if (!detail) throw new Response(`No order ${orderId} has reached the app`, { status: 404 });
  const preview = await orderPreview(db(), shop.domain, orderId).catch((e: unknown) => ({ ok: false, lines: [`The preview failed: ${e instanceof Error ? e.message : String(e)}`] }));
  return json({ ...detail, preview });
};

const EVENT_LABEL: Record<string, string> = {
  received: "Received from Shopify",
  queued: "Queued",
  attempted: "Writing to NetSuite",
  written: "Written to NetSuite",
  failed: "Failed (will retry)",
  parked: "Parked behind an exception",
  released: "Released to run again",
  skipped_stale: "Skipped: NetSuite already has a newer state",
  skipped_duplicate: "Skipped: the same webhook again",
  exception: "Exception raised",
  resolved: "Exception closed",
  not_written: "Stored, not written yet",
};

function describe(detail: string | null): string {
  if (!detail) return "";
  try {
    const d = JSON.parse(detail) as Record<string, unknown>;
    return Object.entries(d)
      .filter(([k]) => !["deliveryId", "jobId"].includes(k))
      .map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
      .join(" · ");
  } catch {
    return detail;
  }
}

export default function OrderPage() {
  const d = useLoaderData<typeof loader>();
  const s = d.summary;
  const badge = STATE_BADGE[s.state];
  return (
    <Page title={s.name ?? `Order ${s.orderId}`} backAction={{ content: "Orders", url: "/app/orders" }} titleMetadata={<Badge tone={badge?.tone}>{badge?.label ?? s.state}</Badge>}>
      <Layout>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
            <Card>
              <BlockStack gap="100">
                <Text as="h3" variant="headingSm">
                  Shopify
                </Text>
                <Text as="p">{`Order ${s.orderId}`}</Text>
                <Text as="p">{s.totalAmount ? `${s.totalAmount} ${s.currency ?? ""}` : ""}</Text>
                <Text as="p" tone="subdued">{`Last change ${when(s.shopifyUpdatedAt)}`}</Text>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="100">
                <Text as="h3" variant="headingSm">
                  NetSuite
                </Text>
                {d.records.length === 0 ? <Text as="p" tone="subdued">Nothing written yet</Text> : null}
                {d.records.map((r) => (
                  <Text as="p" key={r.id} id={`record-${r.netsuiteType}`}>{`${r.netsuiteType} #${r.internalId}`}</Text>
                ))}
                <Text as="p" tone="subdued">{`Synced ${when(s.syncedAt)}`}</Text>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="100">
                <Text as="h3" variant="headingSm">
                  Exceptions
                </Text>
                {d.exceptions.length === 0 ? <Text as="p" tone="subdued">None</Text> : null}
                {d.exceptions.map((e) => (
                  <InlineStack key={e.id} gap="200">
                    <Badge tone={e.status === "open" ? "critical" : undefined}>{e.status}</Badge>
                    <Link to={`/app/exceptions?status=${e.status}`}>{e.message}</Link>
                  </InlineStack>
                ))}
              </BlockStack>
            </Card>
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Timeline
              </Text>
              <DataTable columnContentTypes={["text", "text", "text"]} headings={["When", "What", "Detail"]} rows={d.events.map((e) => [when(e.at), EVENT_LABEL[e.event] ?? e.event, describe(e.detail)])} />
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <InlineStack gap="200" blockAlign="center">
                <Text as="h2" variant="headingMd">
                  Dry run: what would be written now
                </Text>
                <Badge tone={d.preview.ok ? "info" : "attention"}>{d.preview.ok ? "requests" : "exceptions"}</Badge>
              </InlineStack>
              <Text as="p" tone="subdued">
                From the newest state the app holds and the current mappings. Nothing is sent.
              </Text>
              <Box background="bg-surface-secondary" padding="300" borderRadius="200" overflowX="scroll">
                <pre id="order-preview" style={{ margin: 0, fontSize: 12, maxHeight: 480, overflowY: "auto" }}>
                  {d.preview.lines.join("\n")}
                </pre>
              </Box>
            </BlockStack>
          </Card>
        </Layout.Section>
        {d.calls.length > 0 ? (
          <Layout.Section>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  NetSuite calls
                </Text>
                <DataTable columnContentTypes={["text", "text", "text", "numeric"]} headings={["When", "Call", "Answer", "ms"]} rows={d.calls.map((c) => [when(c.at), `${c.method} ${c.path}`, `${c.status ?? "no answer"}${c.errorCode ? ` ${c.errorCode}` : ""}`, c.durationMs])} />
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage title="Order" />;
}
