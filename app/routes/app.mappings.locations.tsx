import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Badge, Banner, BlockStack, Button, Card, EmptyState, FormLayout, IndexTable, InlineStack, Page, Select, Spinner, Text, TextField } from "@shopify/polaris";
import type { LocationSources, NetSuiteChoices } from "~/mappings/location-sources.server";
import { db } from "~/db.server";
import { jobEngine } from "~/queue.server";
import { requireAdmin } from "~/shopify/admin.server";
import { allLocationMappings, deleteLocationMapping, locationMappingInput, saveLocationMapping } from "~/mappings/locations.server";
import { releaseFixedExceptions } from "~/mappings/reactions.server";
import { loadStorefront, saveStorefront } from "~/mappings/storefront.server";
import { RouteErrorPage } from "~/ui/route-error";
import { when } from "~/ui/format";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const [mappings, storefront] = await Promise.all([allLocationMappings(db(), shop.domain), loadStorefront(db(), shop.domain)]);
  return json({ mappings, storefront });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await requireAdmin(request);
  const form = Object.fromEntries(await request.formData()) as Record<string, string>;
  if (form.intent === "storefront") {
    const r = await saveStorefront(db(), shop.domain, form, actor);
    if (!r.ok) return json({ ok: false, message: "The storefront was not saved.", issues: r.issues }, { status: r.conflict ? 409 : 400 });
    const released = await releaseFixedExceptions(db(), await jobEngine(), shop.domain, actor);
    return json({ ok: true, message: `Storefront saved.${released.length ? ` ${released.length} waiting order(s) released.` : ""}`, issues: [] as string[] });
  }
  if (form.intent === "unmap") {
    const before = await deleteLocationMapping(db(), shop.domain, form.shopifyLocationId ?? "");
    if (!before) return json({ ok: false, message: "That location was not mapped.", issues: [] as string[] });
    return json({
      ok: true,
      message: `${before.shopifyLocationName ?? before.shopifyLocationId} unmapped (it was NetSuite location ${before.netsuiteLocationName ?? before.netsuiteLocationId}).`,
      issues: [] as string[],
      undo: { shopifyLocationId: before.shopifyLocationId, shopifyLocationName: before.shopifyLocationName ?? "", netsuiteLocationId: before.netsuiteLocationId, netsuiteLocationName: before.netsuiteLocationName ?? "" },
    });
  }
  const parsed = locationMappingInput.safeParse({
    shopifyLocationId: form.shopifyLocationId,
    shopifyLocationName: form.shopifyLocationName || undefined,
    netsuiteLocationId: form.netsuiteLocationId,
    netsuiteLocationName: form.netsuiteLocationName || undefined,
  });
  if (!parsed.success) return json({ ok: false, message: "The location was not mapped.", issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) }, { status: 400 });
  await saveLocationMapping(db(), shop.domain, parsed.data, actor);
  const released = await releaseFixedExceptions(db(), await jobEngine(), shop.domain, actor);
  return json({ ok: true, message: `Location mapped.${released.length ? ` ${released.length} waiting order(s) released.` : ""}`, issues: [] as string[] });
};

const EMPTY = { shopifyLocationId: "", shopifyLocationName: "", netsuiteLocationId: "", netsuiteLocationName: "" };

export default function LocationMapping() {
  const { mappings, storefront } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof action>();
  const [form, setForm] = useState(EMPTY);
  const set = (k: keyof typeof EMPTY) => (v: string) => setForm({ ...form, [k]: v });
  const busy = fetcher.state !== "idle";
  // Both systems' locations, read after the page shows (NetSuite can take a few seconds).
  const sources = useFetcher<LocationSources>();
  useEffect(() => {
    if (sources.state === "idle" && !sources.data) sources.load("/api/locations/sources");
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const mappedTo = new Map(mappings.map((m) => [m.shopifyLocationId, m]));
  const ns = sources.data && "locations" in sources.data.netsuite ? sources.data.netsuite : null;
  const nsLocations = ns?.locations ?? null;

  return (
    <Page title="Location mapping" subtitle="Which NetSuite location fulfils and stocks each Shopify location">
      <BlockStack gap="400">
        {fetcher.data && !busy ? (
          <Banner tone={fetcher.data.ok ? "success" : "critical"}>
            <p id="location-action-result">{fetcher.data.message}</p>
            {fetcher.data.issues.map((i) => (
              <p key={i}>{i}</p>
            ))}
            {"undo" in fetcher.data && fetcher.data.undo ? (
              <div style={{ marginTop: 8 }}>
                <Button id="location-undo" size="slim" onClick={() => fetcher.data && "undo" in fetcher.data && fetcher.data.undo && fetcher.submit({ ...fetcher.data.undo }, { method: "post" })}>
                  Undo
                </Button>
              </div>
            ) : null}
          </Banner>
        ) : null}
        <Card padding="0">
          {mappings.length === 0 ? (
            <EmptyState heading="No locations mapped yet" image="">
              <p>Orders fulfilled from an unmapped Shopify location wait in the exception inbox until it is mapped.</p>
            </EmptyState>
          ) : (
            <IndexTable resourceName={{ singular: "location", plural: "locations" }} itemCount={mappings.length} selectable={false} loading={busy} headings={[{ title: "Shopify location" }, { title: "NetSuite location" }, { title: "Changed" }, { title: "" }]}>
              {mappings.map((m, i) => (
                <IndexTable.Row id={m.shopifyLocationId} key={m.shopifyLocationId} position={i}>
                  <IndexTable.Cell>{`${m.shopifyLocationName ?? "Location"} (#${m.shopifyLocationId})`}</IndexTable.Cell>
                  <IndexTable.Cell>{`${m.netsuiteLocationName ?? "Location"} (#${m.netsuiteLocationId})`}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <Text as="span" tone="subdued">{`${when(m.updatedAt)} · ${m.updatedBy ?? ""}`}</Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <Button size="slim" tone="critical" variant="plain" onClick={() => fetcher.submit({ intent: "unmap", shopifyLocationId: m.shopifyLocationId }, { method: "post" })}>
                      Unmap
                    </Button>
                  </IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
        </Card>
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              Shopify locations
            </Text>
            {!sources.data ? (
              <InlineStack gap="200" blockAlign="center">
                <Spinner size="small" />
                <Text as="span" tone="subdued">
                  Reading locations from Shopify and NetSuite…
                </Text>
              </InlineStack>
            ) : "error" in sources.data.shopify ? (
              <Banner tone="warning">
                <p id="shopify-locations-error">{sources.data.shopify.error} Enter the location id by hand below.</p>
              </Banner>
            ) : sources.data.shopify.locations.length === 0 ? (
              <Text as="p" tone="subdued">
                Shopify lists no active location.
              </Text>
            ) : (
              sources.data.shopify.locations.map((l) => {
                const m = mappedTo.get(l.id);
                return (
                  <InlineStack key={l.id} gap="300" blockAlign="center" align="space-between">
                    <Text as="span" id={`shopify-location-${l.id}`}>{`${l.name}${l.city ? `, ${l.city}` : ""} (#${l.id})`}</Text>
                    <InlineStack gap="200" blockAlign="center">
                      {m ? <Badge tone="success">{`→ ${m.netsuiteLocationName ?? "NetSuite"} #${m.netsuiteLocationId}`}</Badge> : <Badge tone="attention">Not mapped</Badge>}
                      <Button size="slim" accessibilityLabel={`Map ${l.name}`} onClick={() => setForm({ ...form, shopifyLocationId: l.id, shopifyLocationName: l.name })}>
                        {m ? "Change" : "Map"}
                      </Button>
                    </InlineStack>
                  </InlineStack>
                );
              })
            )}
            {sources.data && "error" in sources.data.netsuite ? (
              <Banner tone="warning">
                <p>{sources.data.netsuite.error}</p>
              </Banner>
            ) : null}
          </BlockStack>
        </Card>
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              Map a location
            </Text>
            {nsLocations ? (
              <Select
                label="NetSuite location"
                options={[{ label: "Choose…", value: "" }, ...nsLocations.map((l) => ({ label: `${l.name} (#${l.id})`, value: l.id }))]}
                value={form.netsuiteLocationId}
                onChange={(id) => setForm({ ...form, netsuiteLocationId: id, netsuiteLocationName: nsLocations.find((l) => l.id === id)?.name ?? "" })}
              />
            ) : null}
            <FormLayout>
              <FormLayout.Group>
                <TextField label="Shopify location id" value={form.shopifyLocationId} onChange={set("shopifyLocationId")} autoComplete="off" />
                <TextField label="Shopify location name" value={form.shopifyLocationName} onChange={set("shopifyLocationName")} autoComplete="off" />
              </FormLayout.Group>
              <FormLayout.Group>
                <TextField label="NetSuite location internal id" value={form.netsuiteLocationId} onChange={set("netsuiteLocationId")} autoComplete="off" />
                <TextField label="NetSuite location name" value={form.netsuiteLocationName} onChange={set("netsuiteLocationName")} autoComplete="off" />
              </FormLayout.Group>
              <Button variant="primary" loading={busy} onClick={() => fetcher.submit(form, { method: "post" })}>
                Save mapping
              </Button>
            </FormLayout>
          </BlockStack>
        </Card>
        <StorefrontCard storefront={storefront} ns={ns} />
      </BlockStack>
    </Page>
  );
}

type StorefrontData = ReturnType<typeof useLoaderData<typeof loader>>["storefront"];

/** The storefront's subsidiary, default location, price level and currencies in NetSuite. */
function StorefrontCard({ storefront, ns }: { storefront: StorefrontData; ns: NetSuiteChoices | null }) {
  const fetcher = useFetcher<typeof action>();
  const [f, setF] = useState(storefront);
  // A new saved version (this save, or a colleague's) replaces the form; a refused save keeps
  // what the merchant typed.
  useEffect(() => setF(storefront), [storefront.version]); // eslint-disable-line react-hooks/exhaustive-deps
  const set = (k: "subsidiaryId" | "defaultLocationId" | "priceLevelId" | "currencies") => (v: string) => setF({ ...f, [k]: v });
  const busy = fetcher.state !== "idle";
  const matchCurrencies = () => ns && setF({ ...f, currencies: ns.currencies.map((c) => `${c.symbol.toUpperCase()}=${c.id}`).join("\n") });
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Storefront
        </Text>
        <Text as="p" tone="subdued">
          The subsidiary this store&apos;s orders belong to, where online orders ship from when they name no location, the price level, and which NetSuite currency each currency is. The settings page shows the same values.
        </Text>
        {fetcher.data && !busy ? (
          <Banner tone={fetcher.data.ok ? "success" : "critical"}>
            <p id="storefront-result">{fetcher.data.message}</p>
            {fetcher.data.issues.map((i) => (
              <p key={i}>{i}</p>
            ))}
          </Banner>
        ) : null}
        <FormLayout>
          <FormLayout.Group>
            {ns && ns.subsidiaries.length ? (
              <Select label="Subsidiary" options={[{ label: "None (not OneWorld)", value: "" }, ...ns.subsidiaries.map((s) => ({ label: `${s.name} (#${s.id})`, value: s.id }))]} value={f.subsidiaryId} onChange={set("subsidiaryId")} />
            ) : (
              <TextField label="Subsidiary id" value={f.subsidiaryId} onChange={set("subsidiaryId")} autoComplete="off" />
            )}
            {ns ? (
              <Select label="Default location for online orders" options={[{ label: "None", value: "" }, ...ns.locations.map((l) => ({ label: `${l.name} (#${l.id})`, value: l.id }))]} value={f.defaultLocationId} onChange={set("defaultLocationId")} />
            ) : (
              <TextField label="Default location id for online orders" value={f.defaultLocationId} onChange={set("defaultLocationId")} autoComplete="off" />
            )}
            <TextField label="Price level id" value={f.priceLevelId} onChange={set("priceLevelId")} autoComplete="off" helpText="Optional: the NetSuite price level the order lines carry." />
          </FormLayout.Group>
          <TextField label="Currencies (ISO=NetSuite currency id, one per line)" value={f.currencies} onChange={set("currencies")} multiline={3} autoComplete="off" />
          <InlineStack gap="200">
            <Button variant="primary" loading={busy} onClick={() => fetcher.submit({ intent: "storefront", ...f, version: String(f.version) }, { method: "post" })}>
              Save storefront
            </Button>
            <Button disabled={!ns || ns.currencies.length === 0} onClick={matchCurrencies}>
              Match currencies by ISO code
            </Button>
          </InlineStack>
        </FormLayout>
      </BlockStack>
    </Card>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage title="Location mapping" />;
}
