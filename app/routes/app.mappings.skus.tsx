import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigation, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { z } from "zod";
import { Badge, Banner, BlockStack, Button, Card, EmptyState, IndexTable, InlineStack, Modal, Page, Select, Tabs, Text, TextField } from "@shopify/polaris";
import { db } from "~/db.server";
import { jobEngine } from "~/queue.server";
import { requireAdmin } from "~/shopify/admin.server";
import { ITEM_KINDS } from "~/mappings/item-kinds";
import { deleteSkuMapping, listSkus, saveSkuMapping, skuCounts, skuMappingInput } from "~/mappings/skus.server";
import { releaseFixedExceptions } from "~/mappings/reactions.server";
import { lastCatalogueRun, requestCatalogueRefresh } from "~/catalogue/refresh.server";
import { importSkuCsv } from "~/mappings/sku-csv.server";
import { applyMatches, netsuiteItems, proposeMatches } from "~/mappings/auto-match.server";
import { netsuiteFor } from "~/netsuite/for-shop.server";
import { when } from "~/ui/format";
import { RouteErrorPage } from "~/ui/route-error";
import { CursorPagination, useSearchAsYouType } from "~/ui/list-params";

const FILTERS = ["all", "unmapped", "mapped"] as const;
const query = z.object({
  search: z.string().trim().max(100).optional().catch(undefined),
  filter: z.enum(FILTERS).catch("all"),
  after: z.string().max(255).optional().catch(undefined),
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const q = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [page, counts, refresh] = await Promise.all([listSkus(db(), shop.domain, { ...q, limit: 50 }), skuCounts(db(), shop.domain), lastCatalogueRun(db(), shop.domain)]);
  return json({ ...page, counts, refresh, filter: q.filter, search: q.search ?? "" });
};

/** "123 x 2" per line → kit members. */
function parseMembers(text: string | undefined) {
  if (!text?.trim()) return undefined;
  return text
    .split(/\n|,/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const m = /^(\d+)\s*(?:[x×*]\s*(\d+))?$/.exec(l);
      return m ? { itemId: m[1]!, quantity: Number(m[2] ?? "1") } : { itemId: l, quantity: 0 };
    });
}

interface SkuActionData {
  ok: boolean;
  message: string;
  issues: string[];
  proposals?: { sku: string; product: string; item: string }[];
  proposalCount?: number;
  /** A CSV import's check (nothing written yet): how many rows the import would map. */
  check?: { rows: number };
  /** After an unmap: the form that maps the SKU back as it was. */
  undo?: Editing;
}

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await requireAdmin(request);
  const formData = await request.formData();
  const form = Object.fromEntries([...formData].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  if (form.intent === "import-csv-check" || form.intent === "import-csv") {
    const check = form.intent === "import-csv-check";
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0) return json<SkuActionData>({ ok: false, message: "Choose a CSV file to import.", issues: [] as string[] }, { status: 400 });
    const report = await importSkuCsv(db(), shop.domain, await file.text(), actor, { check });
    const issues = report.problems.map((p) => `Row ${p.row}${p.sku ? ` (${p.sku})` : ""}: ${p.problem}`);
    if (check) {
      return json<SkuActionData>({
        ok: report.ok,
        message: `${report.imported} row(s) will be mapped${report.changed ? `, ${report.changed} of them changing an existing mapping` : ""}${report.skipped ? `; ${report.skipped} without a NetSuite item id left as they are` : ""}${report.problems.length ? `; ${report.problems.length} row(s) will not be imported` : ""}.`,
        issues,
        check: { rows: report.imported },
      });
    }
    const released = report.imported ? await releaseFixedExceptions(db(), await jobEngine(), shop.domain, actor) : [];
    return json<SkuActionData>({
      ok: report.ok,
      message: `Imported ${report.imported} row(s)${report.skipped ? `; ${report.skipped} without a NetSuite item id left as they were` : ""}${report.problems.length ? `; ${report.problems.length} row(s) not imported` : ""}.${released.length ? ` ${released.length} waiting order(s) released.` : ""}`,
      issues,
    });
  }
  if (form.intent === "auto-match-preview" || form.intent === "auto-match-apply") {
    let items;
    try {
      items = await netsuiteItems(await netsuiteFor(db(), shop.domain));
    } catch (e) {
      return json<SkuActionData>({ ok: false, message: `NetSuite's items could not be read: ${e instanceof Error ? e.message : String(e)}`, issues: [] as string[] });
    }
    const { proposals, unmatched } = await proposeMatches(db(), shop.domain, items);
    if (form.intent === "auto-match-preview") {
      return json<SkuActionData>({ ok: true, message: `${proposals.length} SKU(s) match a NetSuite item by name; ${unmatched} do not.`, issues: [] as string[], proposals: proposals.slice(0, 200).map((p) => ({ sku: p.sku, product: p.product, item: `${p.item.itemId} (#${p.item.id}, ${p.item.kind})` })), proposalCount: proposals.length });
    }
    const done = await applyMatches(db(), shop.domain, proposals, actor);
    const released = await releaseFixedExceptions(db(), await jobEngine(), shop.domain, actor);
    return json<SkuActionData>({ ok: true, message: `${done.length} SKU(s) auto-matched.${released.length ? ` ${released.length} waiting order(s) released.` : ""}`, issues: [] as string[] });
  }
  if (form.intent === "refresh") {
    await requestCatalogueRefresh(await jobEngine(), shop.domain, `on demand by ${actor}`);
    return json<SkuActionData>({ ok: true, message: "Reading every variant from Shopify: the count below moves as pages arrive.", issues: [] as string[] });
  }
  if (form.intent === "unmap") {
    const before = await deleteSkuMapping(db(), shop.domain, form.sku ?? "");
    if (!before) return json<SkuActionData>({ ok: false, message: `${form.sku} was not mapped.`, issues: [] as string[] });
    return json<SkuActionData>({
      ok: true,
      message: `${before.sku} is no longer mapped (it was NetSuite item ${before.netsuiteItemId}).`,
      issues: [] as string[],
      undo: { sku: before.sku, netsuiteItemId: before.netsuiteItemId, itemName: before.itemName ?? "", itemKind: before.itemKind, kitMembers: (before.kitMembers ?? []).map((m) => `${m.itemId} x ${m.quantity}`).join("\n") },
    });
  }
  const parsed = skuMappingInput.safeParse({
    sku: form.sku,
    netsuiteItemId: form.netsuiteItemId,
    itemKind: form.itemKind || "inventory",
    itemName: form.itemName || undefined,
    kitMembers: form.itemKind === "kit" ? parseMembers(form.kitMembers) : undefined,
  });
  if (!parsed.success) return json<SkuActionData>({ ok: false, message: "The mapping was not saved.", issues: parsed.error.issues.map((i) => `${i.path.join(".") || "mapping"}: ${i.message}`) }, { status: 400 });
  await saveSkuMapping(db(), shop.domain, parsed.data, actor);
  const released = await releaseFixedExceptions(db(), await jobEngine(), shop.domain, actor);
  return json<SkuActionData>({
    ok: true,
    message: `${parsed.data.sku} → NetSuite item ${parsed.data.netsuiteItemId}.${released.length ? ` ${released.length} waiting order(s) released.` : ""}`,
    issues: [] as string[],
  });
};

interface Editing {
  sku: string;
  netsuiteItemId: string;
  itemName: string;
  itemKind: string;
  kitMembers: string;
}

export default function SkuMapping() {
  const data = useLoaderData<typeof loader>();
  const [params, setParams] = useSearchParams();
  const navigation = useNavigation();
  const fetcher = useFetcher<typeof action>();
  const [search, setSearch] = useSearchAsYouType(data.search);
  const [editing, setEditing] = useState<Editing | null>(null);
  const tools = useFetcher<typeof action>();
  const [tool, setTool] = useState<"import" | "match" | null>(null);
  const [csvFile, setCsvFile] = useState<File | null>(null);
  // The check of the chosen file, shown before the merchant confirms the import.
  const [checked, setChecked] = useState<{ ok: boolean; message: string; issues: string[]; rows: number } | null>(null);
  useEffect(() => {
    if (tools.state === "idle" && tools.data?.check) setChecked({ ok: tools.data.ok, message: tools.data.message, issues: tools.data.issues, rows: tools.data.check.rows });
  }, [tools.state, tools.data]);
  useEffect(() => {
    if (tool !== "import") setChecked(null);
  }, [tool]);
  /** Sends the chosen CSV file: to check it, or to import it. */
  const submitCsv = (intent: "import-csv-check" | "import-csv") => {
    if (!csvFile) return;
    const fd = new FormData();
    fd.set("intent", intent);
    fd.set("file", csvFile);
    tools.submit(fd, { method: "post", encType: "multipart/form-data" });
  };
  const toolBusy = tools.state !== "idle";
  const proposals = tools.data?.proposals ? { proposals: tools.data.proposals, proposalCount: tools.data.proposalCount ?? tools.data.proposals.length } : null;
  const downloadCsv = async () => {
    // fetch, not a link: inside the Shopify admin, App Bridge adds the session token to fetch.
    const res = await fetch("/api/mappings/skus.csv");
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement("a");
    a.href = url;
    a.download = "sku-mappings.csv";
    a.click();
    URL.revokeObjectURL(url);
  };


  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) setEditing(null);
  }, [fetcher.state, fetcher.data]);

  const setFilter = (f: string) => {
    const p = new URLSearchParams(params);
    p.set("filter", f);
    p.delete("after");
    setParams(p);
  };
  const loading = navigation.state === "loading";
  const revalidator = useRevalidator();
  const refreshing = data.refresh !== null && data.refresh.finishedAt === null;
  // After "Refresh from Shopify", and while a refresh runs, reload the page's data every second
  // so its progress shows (the job may take a moment to start).
  const [watchUntil, setWatchUntil] = useState(0);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.message.startsWith("Reading every variant")) setWatchUntil(Date.now() + 10_000);
  }, [fetcher.state, fetcher.data]);
  const watching = refreshing || watchUntil > Date.now();
  useEffect(() => {
    if (!watching) return;
    const t = setInterval(() => revalidator.revalidate(), 1000);
    return () => clearInterval(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [watching]);

  return (
    <Page
      title="SKU mapping"
      secondaryActions={[
        { content: "Auto-match", onAction: () => (setTool("match"), tools.submit({ intent: "auto-match-preview" }, { method: "post" })) },
        { content: "Import CSV", onAction: () => setTool("import") },
        { content: "Export CSV", onAction: () => void downloadCsv() },
      ]}
      primaryAction={{ content: "Refresh from Shopify", loading: refreshing || (fetcher.state !== "idle" && fetcher.formData?.get("intent") === "refresh"), onAction: () => fetcher.submit({ intent: "refresh" }, { method: "post" }) }}
      subtitle={`${data.counts.mapped} of ${data.counts.skus} SKUs mapped · ${data.counts.unmapped} unmapped${data.counts.withoutSku ? ` · ${data.counts.withoutSku} variants without SKU` : ""}`}>
      <BlockStack gap="400">
        {tools.data && tools.state === "idle" && tool === null && !tools.data.check ? (
          <Banner tone={tools.data.ok ? "success" : "warning"}>
            <p id="tool-result">{tools.data.message}</p>
            {tools.data.issues.map((i) => (
              <p key={i} className="csv-problem">
                {i}
              </p>
            ))}
          </Banner>
        ) : null}
        {fetcher.data && fetcher.state === "idle" ? (
          <Banner tone={fetcher.data.ok ? "success" : "critical"}>
            <p id="sku-action-result">{fetcher.data.message}</p>
            {fetcher.data.issues.map((i) => (
              <p key={i}>{i}</p>
            ))}
            {fetcher.data.undo ? (
              <div style={{ marginTop: 8 }}>
                <Button id="sku-undo" size="slim" onClick={() => fetcher.data?.undo && fetcher.submit({ ...fetcher.data.undo }, { method: "post" })}>
                  Undo
                </Button>
              </div>
            ) : null}
          </Banner>
        ) : null}
        <Text as="p" tone="subdued" id="catalogue-refresh">
          {data.refresh === null
            ? "The catalogue has not been read from Shopify yet."
            : data.refresh.error
              ? `The last read from Shopify stopped after ${data.refresh.read} variants: ${data.refresh.error}`
              : data.refresh.finishedAt === null
                ? `Reading variants from Shopify: ${data.refresh.read} so far…`
                : `Read ${data.refresh.read} variants from Shopify ${when(data.refresh.finishedAt)}${data.refresh.deleted ? `; ${data.refresh.deleted} no longer there` : ""}.`}
        </Text>
        <Card padding="0">
          <Tabs
            tabs={FILTERS.map((f) => ({ id: `filter-${f}`, content: f === "all" ? `All (${data.counts.skus})` : f === "unmapped" ? `Unmapped (${data.counts.unmapped})` : `Mapped (${data.counts.mapped})`, panelID: `panel-${f}` }))}
            selected={Math.max(0, FILTERS.indexOf(data.filter))}
            onSelect={(i) => setFilter(FILTERS[i] ?? "all")}
          />
          <div style={{ padding: "8px 12px" }}>
            <TextField label="Search" labelHidden placeholder="Search SKU, product or variant" value={search} onChange={setSearch} autoComplete="off" clearButton onClearButtonClick={() => setSearch("")} />
          </div>
          {data.rows.length === 0 && !loading ? (
            <EmptyState heading={data.search ? `No SKU matches "${data.search}"` : data.filter === "unmapped" ? "Every SKU is mapped" : "No SKUs yet"} image="">
              <p>{data.search ? "Try another search." : "Products appear here as Shopify tells the app about them."}</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: "SKU", plural: "SKUs" }}
              itemCount={data.rows.length}
              selectable={false}
              loading={loading}
              headings={[{ title: "SKU" }, { title: "Product" }, { title: "NetSuite item" }, { title: "" }]}
            >
              {data.rows.map((r, i) => (
                <IndexTable.Row id={r.sku} key={r.sku} position={i}>
                  <IndexTable.Cell>
                    <Text as="span" fontWeight="semibold">
                      {r.sku}
                    </Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    {r.productTitle} · {r.variantTitle}
                    {r.giftCard ? <Badge tone="info">Gift card</Badge> : null}
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    {r.mapping ? (
                      <InlineStack gap="200" blockAlign="center">
                        <Text as="span">{`${r.mapping.itemName ?? "Item"} (#${r.mapping.netsuiteItemId})`}</Text>
                        {r.mapping.itemKind === "kit" ? <Badge tone="info">{`Kit · ${r.mapping.kitMembers?.length ?? 0} items`}</Badge> : null}
                        {r.mapping.source === "auto" ? <Badge>Auto-matched</Badge> : null}
                      </InlineStack>
                    ) : (
                      <Badge tone="attention">Unmapped</Badge>
                    )}
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <Button
                      size="slim"
                      accessibilityLabel={`Map ${r.sku}`}
                      onClick={() =>
                        setEditing({
                          sku: r.sku,
                          netsuiteItemId: r.mapping?.netsuiteItemId ?? "",
                          itemName: r.mapping?.itemName ?? "",
                          itemKind: r.mapping?.itemKind ?? "inventory",
                          kitMembers: (r.mapping?.kitMembers ?? []).map((m) => `${m.itemId} x ${m.quantity}`).join("\n"),
                        })
                      }
                    >
                      {r.mapping ? "Change" : "Map"}
                    </Button>
                  </IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
          <CursorPagination next={data.next} />
        </Card>
      </BlockStack>

      <Modal
        open={tool === "import"}
        onClose={() => setTool(null)}
        title="Import SKU mappings from CSV"
        primaryAction={
          checked
            ? {
                content: `Import ${checked.rows} row(s)`,
                loading: toolBusy,
                disabled: !csvFile || checked.rows === 0,
                onAction: () => {
                  submitCsv("import-csv");
                  setTool(null);
                },
              }
            : { content: "Check file", loading: toolBusy, disabled: !csvFile, onAction: () => submitCsv("import-csv-check") }
        }
        secondaryActions={[{ content: "Cancel", onAction: () => setTool(null) }]}
      >
        <Modal.Section>
          <BlockStack gap="300">
            <Text as="p">
              Columns: sku, netsuite_item_id, and optionally item_kind ({ITEM_KINDS.join(", ")}), item_name, kit_members (e.g. 1001x1; 1036x2). Export CSV gives a file to start from. The file is checked first: nothing changes until you confirm the import. Valid rows are mapped; every other row is named with its problem. Rows without a NetSuite item id are left as they are.
            </Text>
            <input
              id="csv-file"
              type="file"
              accept=".csv,text/csv"
              aria-label="CSV file"
              onChange={(e) => {
                setCsvFile(e.currentTarget.files?.[0] ?? null);
                setChecked(null);
              }}
            />
            {checked ? (
              <Banner tone={checked.ok ? "info" : "warning"}>
                <p id="csv-check-result">{checked.message}</p>
                {checked.issues.map((i) => (
                  <p key={i} className="csv-check-problem">
                    {i}
                  </p>
                ))}
              </Banner>
            ) : null}
          </BlockStack>
        </Modal.Section>
      </Modal>

      <Modal
        open={tool === "match"}
        onClose={() => setTool(null)}
        title="Auto-match SKUs to NetSuite items"
        primaryAction={{
          content: proposals ? `Map ${proposals.proposalCount} SKU(s)` : "Map",
          loading: toolBusy,
          disabled: !proposals || proposals.proposalCount === 0,
          onAction: () => {
            tools.submit({ intent: "auto-match-apply" }, { method: "post" });
            setTool(null);
          },
        }}
        secondaryActions={[{ content: "Cancel", onAction: () => setTool(null) }]}
      >
        <Modal.Section>
          {toolBusy ? (
            <Text as="p">Reading NetSuite's items…</Text>
          ) : tools.data ? (
            <BlockStack gap="200">
              <Text as="p" id="auto-match-summary">
                {tools.data.message} Unmapped SKUs only; existing mappings are never changed.
              </Text>
              {proposals?.proposals.map((p) => (
                <Text as="p" key={p.sku}>{`${p.sku} → ${p.item} · ${p.product}`}</Text>
              ))}
              {proposals && proposals.proposalCount > proposals.proposals.length ? <Text as="p" tone="subdued">{`…and ${proposals.proposalCount - proposals.proposals.length} more`}</Text> : null}
            </BlockStack>
          ) : null}
        </Modal.Section>
      </Modal>

      <Modal
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={`Map ${editing?.sku ?? ""}`}
        primaryAction={{
          content: "Save",
          loading: fetcher.state !== "idle",
          onAction: () => editing && fetcher.submit({ ...editing }, { method: "post" }),
        }}
        secondaryActions={[
          ...(editing?.netsuiteItemId ? [{ content: "Unmap", destructive: true, onAction: () => editing && fetcher.submit({ intent: "unmap", sku: editing.sku }, { method: "post" }) }] : []),
          { content: "Cancel", onAction: () => setEditing(null) },
        ]}
      >
        {editing ? (
          <Modal.Section>
            <BlockStack gap="300">
              <TextField label="NetSuite item internal id" value={editing.netsuiteItemId} onChange={(v) => setEditing({ ...editing, netsuiteItemId: v })} autoComplete="off" helpText="The item's internal id in NetSuite (Lists › Items, the ID column)." />
              <TextField label="NetSuite item name (optional)" value={editing.itemName} onChange={(v) => setEditing({ ...editing, itemName: v })} autoComplete="off" />
              <Select label="Item kind" options={ITEM_KINDS.map((k) => ({ label: k === "kit" ? "Kit (bundle)" : k, value: k }))} value={editing.itemKind} onChange={(v) => setEditing({ ...editing, itemKind: v })} />
              {editing.itemKind === "kit" ? (
                <TextField label="Kit members" helpText="One per line: NetSuite item id x quantity, e.g. 101 x 2" value={editing.kitMembers} onChange={(v) => setEditing({ ...editing, kitMembers: v })} multiline={4} autoComplete="off" />
              ) : null}
              {fetcher.data && !fetcher.data.ok ? (
                <Banner tone="critical">
                  {fetcher.data.issues.map((i) => (
                    <p key={i}>{i}</p>
                  ))}
                </Banner>
              ) : null}
            </BlockStack>
          </Modal.Section>
        ) : null}
      </Modal>
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage title="SKU mapping" />;
}
