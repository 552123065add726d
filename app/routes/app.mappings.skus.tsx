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

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await requireAdmin(request);
  const form = Object.fromEntries(await request.formData()) as Record<string, string>;
  if (form.intent === "refresh") {
    await requestCatalogueRefresh(await jobEngine(), shop.domain, `on demand by ${actor}`);
    return json({ ok: true, message: "Reading every variant from Shopify: the count below moves as pages arrive.", issues: [] as string[] });
  }
  if (form.intent === "unmap") {
    await deleteSkuMapping(db(), shop.domain, form.sku ?? "");
    return json({ ok: true, message: `${form.sku} is no longer mapped.`, issues: [] as string[] });
  }
  const parsed = skuMappingInput.safeParse({
    sku: form.sku,
    netsuiteItemId: form.netsuiteItemId,
    itemKind: form.itemKind || "inventory",
    itemName: form.itemName || undefined,
    kitMembers: form.itemKind === "kit" ? parseMembers(form.kitMembers) : undefined,
  });
  if (!parsed.success) return json({ ok: false, message: "The mapping was not saved.", issues: parsed.error.issues.map((i) => `${i.path.join(".") || "mapping"}: ${i.message}`) }, { status: 400 });
  await saveSkuMapping(db(), shop.domain, parsed.data, actor);
  const released = await releaseFixedExceptions(db(), await jobEngine(), shop.domain, actor);
  return json({
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
      primaryAction={{ content: "Refresh from Shopify", loading: refreshing || (fetcher.state !== "idle" && fetcher.formData?.get("intent") === "refresh"), onAction: () => fetcher.submit({ intent: "refresh" }, { method: "post" }) }}
      subtitle={`${data.counts.mapped} of ${data.counts.skus} SKUs mapped · ${data.counts.unmapped} unmapped${data.counts.withoutSku ? ` · ${data.counts.withoutSku} variants without SKU` : ""}`}>
      <BlockStack gap="400">
        {fetcher.data && fetcher.state === "idle" ? (
          <Banner tone={fetcher.data.ok ? "success" : "critical"}>
            <p id="sku-action-result">{fetcher.data.message}</p>
            {fetcher.data.issues.map((i) => (
              <p key={i}>{i}</p>
            ))}
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
