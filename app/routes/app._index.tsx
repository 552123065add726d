import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useFetcher, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { Badge, Banner, BlockStack, Button, Card, InlineGrid, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { requireAdmin } from "~/shopify/admin.server";
import { loadDashboard } from "~/dashboard/dashboard.server";
import { db } from "~/db.server";
import { jobEngine } from "~/queue.server";
import { OWNER_LABEL, when } from "~/ui/format";
import type { action as placeOrder } from "./app.demo.place-order";
import { requestSweep } from "~/sync/sweep/index.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, demo } = await requireAdmin(request);
  const engine = await jobEngine();
  return json({ ...(await loadDashboard(db(), shop.id, () => engine.depth())), demo });
};

// POST intent=sweep: check Shopify for orders whose webhooks never arrived, now.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await requireAdmin(request);
  const form = await request.formData();
  if (form.get("intent") !== "sweep") return json({ ok: false, message: "Unknown action." }, { status: 400 });
  await requestSweep(await jobEngine(), shop.domain, actor);
  return json({ ok: true, message: "Checking Shopify for missed orders: the result shows here in a moment." });
};

function Figure({ label, value, id, tone }: { label: string; value: string | number; id?: string; tone?: "critical" | "success" | "subdued" }) {
  return (
    <BlockStack gap="050">
      <Text as="span" tone="subdued">
        {label}
      </Text>
      <Text as="span" variant="headingLg" id={id} tone={tone === "subdued" ? "subdued" : tone}>
        {value}
      </Text>
    </BlockStack>
  );
}

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  const ns = data.netsuite;
  const place = useFetcher<typeof placeOrder>();
  const sweep = useFetcher<typeof action>();
  const revalidator = useRevalidator();
  // After a demo order is placed, refresh a few times so it is seen moving to synced.
  useEffect(() => {
    if ((place.state !== "idle" || !place.data) && (sweep.state !== "idle" || !sweep.data)) return;
    let n = 0;
    const t = setInterval(() => {
      revalidator.revalidate();
      if (++n >= 5) clearInterval(t);
    }, 1000);
    return () => clearInterval(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [place.state, place.data, sweep.state, sweep.data]);
  const queued = data.queue.reduce((a, r) => a + (r.state === "dead" ? 0 : r.count), 0);

  return (
    <Page title="Dashboard" subtitle={data.shop.name}>
      <Layout>
        {data.demo ? (
          <Layout.Section>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Try it
                </Text>
                <Text as="p" tone="subdued">
                  Play Shopify: place an order and watch it reach the bundled NetSuite simulator, or place one with an unmapped SKU and fix it from the exception inbox.
                </Text>
                <InlineStack gap="200">
                  <Button variant="primary" loading={place.state !== "idle" && place.formData?.get("kind") === "normal"} onClick={() => place.submit({ kind: "normal" }, { method: "post", action: "/app/demo/place-order" })}>
                    Place a test order
                  </Button>
                  <Button loading={place.state !== "idle" && place.formData?.get("kind") === "unmapped"} onClick={() => place.submit({ kind: "unmapped" }, { method: "post", action: "/app/demo/place-order" })}>
                    Place an order with an unmapped SKU
                  </Button>
                </InlineStack>
                {place.state === "idle" && place.data ? (
                  <Banner tone={place.data.ok ? "success" : "critical"}>
                    <p id="demo-order-result">
                      {place.data.orderId ? (
                        <>
                          {"Order "}
                          <Link to={`/app/orders/${place.data.orderId}`}>{place.data.name}</Link>
                          {place.data.ok ? " placed: Shopify's webhook was accepted." : ` placed, but its webhook was not accepted: ${place.data.error ?? ""}`}
                        </>
                      ) : (
                        `No order was placed: ${place.data.error ?? ""}`
                      )}
                    </p>
                  </Banner>
                ) : null}
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Shop
                </Text>
                <Text as="p" variant="bodyLg" fontWeight="semibold" id="shop-name">
                  {data.shop.name}
                </Text>
                <Text as="p" tone="subdued">
                  {data.shop.domain}
                </Text>
                <InlineStack>
                  <Badge tone={data.shop.status === "installed" ? "success" : "attention"}>{data.shop.status}</Badge>
                </InlineStack>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  NetSuite connection
                </Text>
                {ns.connected ? (
                  <>
                    <Text as="p" variant="bodyLg" fontWeight="semibold" id="netsuite-account">
                      Account {ns.accountId}
                    </Text>
                    <Text as="p" tone="subdued">
                      {ns.authKind === "token_based" ? "Token-based authentication" : "OAuth 2.0 client credentials"} · up to {ns.concurrencyLimit} calls at once
                    </Text>
                    <InlineStack>
                      {ns.lastTestedAt ? <Badge tone={ns.lastTestOk ? "success" : "critical"}>{ns.lastTestOk ? "Connection test passed" : `Connection test failed: ${ns.lastTestMessage ?? ""}`}</Badge> : <Badge>Not tested yet</Badge>}
                    </InlineStack>
                  </>
                ) : (
                  <InlineStack gap="200">
                    <Badge tone="attention">Not connected</Badge>
                    <Link to="/app/settings">Connect NetSuite</Link>
                  </InlineStack>
                )}
              </BlockStack>
            </Card>
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <InlineStack align="space-between">
                <Text as="h2" variant="headingMd">
                  Orders
                </Text>
                <Link to="/app/orders">All orders</Link>
              </InlineStack>
              <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
                <Figure label="Synced today" value={data.orders.syncedToday} id="orders-synced-today" />
                <Figure label="Waiting" value={data.orders.byState.waiting ?? 0} id="orders-waiting" />
                <Figure label="With an exception" value={data.orders.byState.exception ?? 0} tone={(data.orders.byState.exception ?? 0) > 0 ? "critical" : undefined} />
                <Figure label="Last synced" value={when(data.orders.lastSyncedAt)} tone="subdued" />
              </InlineGrid>
              <InlineStack gap="300" blockAlign="center" align="space-between">
                <Text as="p" tone="subdued" id="sweep-last">
                  {data.sweep?.error
                    ? `Missed-webhook check ${when(data.sweep.finishedAt)} could not finish: ${data.sweep.error} The next run covers the same window.`
                    : data.sweep
                    ? `Missed-webhook check ${when(data.sweep.finishedAt)}: ${data.sweep.seen} changed order(s) in Shopify, ${data.sweep.enqueued.length} had not reached the app and were queued.`
                    : "Missed-webhook check: not run yet (it runs on the schedule in Settings)."}
                </Text>
                <Button id="sweep-now" loading={sweep.state !== "idle"} onClick={() => sweep.submit({ intent: "sweep" }, { method: "post" })}>
                  Check Shopify now
                </Button>
              </InlineStack>
              {sweep.state === "idle" && sweep.data ? <Banner tone={sweep.data.ok ? "info" : "critical"}>{sweep.data.message}</Banner> : null}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
            <Card>
              <BlockStack gap="200">
                <InlineStack align="space-between">
                  <Text as="h2" variant="headingMd">
                    Open exceptions
                  </Text>
                  <Link to="/app/exceptions">Exception inbox</Link>
                </InlineStack>
                {data.exceptions.open === 0 ? (
                  <Text as="p" tone="subdued" id="exceptions-none">
                    None: everything is flowing.
                  </Text>
                ) : (
                  <>
                    <InlineStack gap="200">
                      {Object.entries(data.exceptions.byOwner).map(([owner, n]) => (
                        <Badge key={owner} tone="attention">{`${OWNER_LABEL[owner] ?? owner}: ${n}`}</Badge>
                      ))}
                    </InlineStack>
                    {data.exceptions.byCause.map((g) => (
                      <Text as="p" key={g.causeCode}>
                        <Link to={`/app/exceptions?cause=${g.causeCode}`}>{`${g.open} × ${g.title}`}</Link>
                      </Text>
                    ))}
                  </>
                )}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Work queue
                </Text>
                {queued === 0 ? (
                  <Text as="p" tone="subdued">
                    Idle: nothing waiting.
                  </Text>
                ) : (
                  data.queue.map((r) => <Text as="p" key={`${r.kind}-${r.state}`}>{`${r.kind}: ${r.count} ${r.state}`}</Text>)
                )}
              </BlockStack>
            </Card>
          </InlineGrid>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
