import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link as RemixLink, useFetcher, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  EmptyState,
  IndexTable,
  InlineGrid,
  InlineStack,
  Modal,
  Page,
  Tabs,
  Text,
  TextField,
  useIndexResourceState,
} from "@shopify/polaris";
import { db } from "~/db.server";
import { jobEngine } from "~/queue.server";
import { requireAdmin } from "~/shopify/admin.server";
import { listExceptions, openByCause } from "~/exceptions/inbox.server";
import { actOnExceptions } from "~/exceptions/actions.server";
import { OWNER_LABEL, when } from "~/ui/format";
import { RouteErrorPage } from "~/ui/route-error";
import { CursorPagination } from "~/ui/list-params";

const STATUSES = ["open", "resolved", "ignored"] as const;
const query = z.object({
  status: z.enum(STATUSES).catch("open"),
  cause: z.string().max(64).optional().catch(undefined),
  after: z.string().max(64).optional().catch(undefined),
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const q = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [page, groups] = await Promise.all([listExceptions(db(), shop.domain, { ...q, limit: 50 }), openByCause(db(), shop.domain)]);
  return json({ ...page, groups, status: q.status, cause: q.cause ?? null });
};

const actionForm = z.object({
  action: z.enum(["retry", "resolve", "ignore"]),
  ids: z.string().transform((s) => s.split(",").filter(Boolean)).pipe(z.array(z.string()).min(1, "Select at least one exception")),
  reason: z.string().trim().max(500).optional(),
});

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await requireAdmin(request);
  const parsed = actionForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ ok: false as const, message: parsed.error.issues.map((i) => i.message).join("; "), results: [] }, { status: 400 });
  const { action: a, ids, reason } = parsed.data;
  if (a === "ignore" && !reason) return json({ ok: false as const, message: "Say why these exceptions are ignored: the reason is kept in the history.", results: [] }, { status: 400 });
  const results = await actOnExceptions(db(), await jobEngine(), shop.domain, ids, { action: a, reason }, actor);
  const done = results.filter((r) => r.ok).length;
  const verb = a === "retry" ? "retried" : a === "resolve" ? "marked resolved" : "ignored";
  return json({ ok: done === results.length, message: `${done} of ${results.length} ${verb}.`, results });
};

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type Item = Loaded["items"][number];

function fixLink(item: Item): { label: string; url: string } | null {
  const detail = (item.detail ?? {}) as { skus?: string[]; locations?: string[] };
  if (item.causeCode === "unmapped_sku" && detail.skus?.length) return { label: `Map ${detail.skus.join(", ")}`, url: `/app/mappings/skus?search=${encodeURIComponent(detail.skus[0]!)}` };
  if (item.causeCode === "unmapped_location") return { label: "Map locations", url: "/app/mappings/locations" };
  if (item.causeCode === "netsuite_auth") return { label: "Open settings", url: "/app/settings" };
  return null;
}

export default function ExceptionInbox() {
  const data = useLoaderData<typeof loader>();
  const [params, setParams] = useSearchParams();
  const navigation = useNavigation();
  const fetcher = useFetcher<typeof action>();
  const [ignoring, setIgnoring] = useState<string[] | null>(null);
  const [reason, setReason] = useState("");
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(data.items);
  const busy = fetcher.state !== "idle";
  const loading = navigation.state === "loading";

  const act = (a: "retry" | "resolve" | "ignore", ids: string[], why?: string) => {
    fetcher.submit({ action: a, ids: ids.join(","), ...(why ? { reason: why } : {}) }, { method: "post" });
    clearSelection();
  };
  const setFilter = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) (v ? p.set(k, v) : p.delete(k));
    p.delete("after");
    setParams(p);
  };
  const tabIndex = Math.max(0, STATUSES.indexOf(data.status));
  const groupTitle = data.cause ? data.groups.find((g) => g.causeCode === data.cause)?.title ?? data.cause : null;

  return (
    <Page title="Exceptions" subtitle="Work that needs a person: what happened, whose it is, and how to fix it">
      <BlockStack gap="400">
        {fetcher.data ? (
          <Banner tone={fetcher.data.ok ? "success" : "warning"} onDismiss={() => undefined}>
            <p id="exception-action-result">{fetcher.data.message}</p>
            {fetcher.data.results
              .filter((r) => !r.ok)
              .map((r) => (
                <p key={r.id}>{r.error}</p>
              ))}
          </Banner>
        ) : null}

        {data.status === "open" && data.groups.length > 0 ? (
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="300">
            {data.groups.map((g) => (
              <Card key={g.causeCode}>
                <BlockStack gap="200">
                  <InlineStack align="space-between" blockAlign="center">
                    <Text as="h3" variant="headingSm">
                      {g.title}
                    </Text>
                    <Badge tone={g.ownerRole === "finance" ? "warning" : g.ownerRole === "cx" ? "info" : "attention"}>{OWNER_LABEL[g.ownerRole] ?? g.ownerRole}</Badge>
                  </InlineStack>
                  <Text as="p" variant="headingLg" id={`group-${g.causeCode}`}>
                    {g.open} open
                  </Text>
                  <Text as="p" tone="subdued">
                    {g.explanation}
                  </Text>
                  <InlineStack gap="200">
                    <Button onClick={() => setFilter({ cause: g.causeCode })}>Show</Button>
                  </InlineStack>
                </BlockStack>
              </Card>
            ))}
          </InlineGrid>
        ) : null}

        <Card padding="0">
          <Tabs
            tabs={STATUSES.map((s) => ({ id: `tab-${s}`, content: s[0]!.toUpperCase() + s.slice(1), panelID: `panel-${s}` }))}
            selected={tabIndex}
            onSelect={(i) => setFilter({ status: STATUSES[i] ?? "open" })}
          />
          {groupTitle ? (
            <div style={{ padding: "8px 16px" }}>
              <InlineStack gap="200" blockAlign="center">
                <Text as="span">Showing: {groupTitle}</Text>
                <Button variant="plain" onClick={() => setFilter({ cause: null })}>
                  Show all causes
                </Button>
              </InlineStack>
            </div>
          ) : null}
          {data.items.length === 0 && !loading ? (
            <EmptyState heading={data.status === "open" ? "No open exceptions" : `No ${data.status} exceptions`} image="">
              <p>{data.status === "open" ? "Everything is flowing: orders, refunds and payouts reach NetSuite without help." : "Exceptions appear here once someone acts on them."}</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: "exception", plural: "exceptions" }}
              itemCount={data.items.length}
              loading={loading || busy}
              selectable={data.status === "open"}
              selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
              onSelectionChange={handleSelectionChange}
              promotedBulkActions={[
                { content: "Retry", onAction: () => act("retry", selectedResources) },
                { content: "Ignore…", onAction: () => setIgnoring(selectedResources) },
              ]}
              bulkActions={[{ content: "Mark resolved (fixed by hand)", onAction: () => act("resolve", selectedResources) }]}
              headings={[{ title: "Problem" }, { title: "Concerns" }, { title: "Owner" }, { title: "Attempts" }, { title: "Last seen" }, { title: data.status === "open" ? "Fix" : "Closed by" }]}
            >
              {data.items.map((item, index) => {
                const fix = fixLink(item);
                return (
                  <IndexTable.Row id={item.id} key={item.id} position={index} selected={selectedResources.includes(item.id)}>
                    <IndexTable.Cell>
                      <BlockStack gap="050">
                        <Text as="span" fontWeight="semibold">
                          {item.title}
                        </Text>
                        <Text as="span" tone="subdued" breakWord>
                          {item.message}
                        </Text>
                        {item.parkedJobs > 0 ? <Text as="span" tone="caution">{`${item.parkedJobs} later change(s) waiting behind it`}</Text> : null}
                      </BlockStack>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{item.objectType ? `${item.objectType} ${item.objectId}` : "—"}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <Badge>{OWNER_LABEL[item.ownerRole] ?? item.ownerRole}</Badge>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{item.attempts}</IndexTable.Cell>
                    <IndexTable.Cell>{when(item.lastSeenAt)}</IndexTable.Cell>
                    <IndexTable.Cell>
                      {data.status === "open" ? (
                        <InlineStack gap="200" wrap={false}>
                          {fix ? (
                            <RemixLink to={fix.url} onClick={(e) => e.stopPropagation()}>
                              {fix.label}
                            </RemixLink>
                          ) : null}
                          <Button size="slim" onClick={() => act("retry", [item.id])} disabled={busy} accessibilityLabel={`Retry ${item.id}`}>
                            Retry
                          </Button>
                        </InlineStack>
                      ) : (
                        <Text as="span" tone="subdued">
                          {`${item.resolvedBy ?? "—"} · ${item.resolution ?? ""} · ${when(item.resolvedAt)}`}
                        </Text>
                      )}
                    </IndexTable.Cell>
                  </IndexTable.Row>
                );
              })}
            </IndexTable>
          )}
          <CursorPagination next={data.next} />
        </Card>
      </BlockStack>

      <Modal
        open={ignoring !== null}
        onClose={() => setIgnoring(null)}
        title={`Ignore ${ignoring?.length ?? 0} exception(s)`}
        primaryAction={{
          content: "Ignore",
          destructive: true,
          disabled: reason.trim() === "",
          onAction: () => {
            if (ignoring) act("ignore", ignoring, reason.trim());
            setIgnoring(null);
            setReason("");
          },
        }}
        secondaryActions={[{ content: "Cancel", onAction: () => setIgnoring(null) }]}
      >
        <Modal.Section>
          <TextField label="Why are these ignored?" helpText="Kept in the history with your name. Later changes waiting behind them will run." value={reason} onChange={setReason} autoComplete="off" multiline={2} />
        </Modal.Section>
      </Modal>
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage title="Exceptions" />;
}
