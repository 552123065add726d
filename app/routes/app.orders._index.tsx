import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Badge, Card, EmptyState, IndexTable, Page, Tabs, Text, TextField } from "@shopify/polaris";
import { db } from "~/db.server";
import { requireAdmin } from "~/shopify/admin.server";
import { listOrders, orderCounts } from "~/orders/summary.server";
import { RouteErrorPage } from "~/ui/route-error";
import { CursorPagination, useSearchAsYouType } from "~/ui/list-params";
import { when } from "~/ui/format";
import { STATE_BADGE, STATE_TABS } from "~/ui/order-state";

const query = z.object({
  search: z.string().trim().max(100).optional().catch(undefined),
  state: z.enum(["waiting", "synced", "exception", "parked", "cancelled"]).optional().catch(undefined),
  after: z.string().max(64).optional().catch(undefined),
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const q = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  const [page, counts] = await Promise.all([listOrders(db(), shop.domain, q), orderCounts(db(), shop.domain, today)]);
  return json({ ...page, counts, state: q.state ?? null, search: q.search ?? "" });
};

export default function Orders() {
  const data = useLoaderData<typeof loader>();
  const [params, setParams] = useSearchParams();
  const navigation = useNavigation();
  const [search, setSearch] = useSearchAsYouType(data.search);
  const tab = Math.max(0, STATE_TABS.findIndex((t) => t.state === data.state));
  const total = Object.values(data.counts.byState).reduce((a, b) => a + b, 0);

  return (
    <Page title="Orders" subtitle={`${data.counts.syncedSince} synced today · ${data.counts.byState.waiting ?? 0} waiting · ${data.counts.byState.exception ?? 0} with an exception`}>
      <Card padding="0">
        <Tabs
          tabs={STATE_TABS.map((t) => ({ id: `orders-${t.state ?? "all"}`, content: `${t.label} (${t.state ? data.counts.byState[t.state] ?? 0 : total})`, panelID: "orders" }))}
          selected={tab}
          onSelect={(i) => {
            const p = new URLSearchParams(params);
            const s = STATE_TABS[i]?.state;
            if (s) p.set("state", s);
            else p.delete("state");
            p.delete("after");
            setParams(p);
          }}
        />
        <div style={{ padding: "8px 12px" }}>
          <TextField label="Search" labelHidden placeholder="Order name (#1001) or id" value={search} onChange={setSearch} autoComplete="off" clearButton onClearButtonClick={() => setSearch("")} />
        </div>
        {data.orders.length === 0 && navigation.state === "idle" ? (
          <EmptyState heading={data.search ? `No order matches "${data.search}"` : "No orders yet"} image="">
            <p>Orders appear here as soon as Shopify sends them.</p>
          </EmptyState>
        ) : (
          <IndexTable resourceName={{ singular: "order", plural: "orders" }} itemCount={data.orders.length} selectable={false} loading={navigation.state === "loading"} headings={[{ title: "Order" }, { title: "State" }, { title: "Total" }, { title: "NetSuite" }, { title: "Last change in Shopify" }, { title: "Synced" }]}>
            {data.orders.map((o, i) => (
              <IndexTable.Row id={o.id} key={o.id} position={i}>
                <IndexTable.Cell>
                  <Link to={`/app/orders/${o.orderId}`} data-order-name={o.name ?? o.orderId}>
                    <Text as="span" fontWeight="semibold">
                      {o.name ?? `Order ${o.orderId}`}
                    </Text>
                  </Link>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <Badge tone={STATE_BADGE[o.state]?.tone}>{STATE_BADGE[o.state]?.label ?? o.state}</Badge>
                </IndexTable.Cell>
                <IndexTable.Cell>{o.totalAmount ? `${o.totalAmount} ${o.currency ?? ""}` : "—"}</IndexTable.Cell>
                <IndexTable.Cell>{o.salesOrderId ? `Sales Order #${o.salesOrderId}` : "—"}</IndexTable.Cell>
                <IndexTable.Cell>{when(o.shopifyUpdatedAt)}</IndexTable.Cell>
                <IndexTable.Cell>{when(o.syncedAt)}</IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        )}
        <CursorPagination next={data.next} />
      </Card>
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage title="Orders" />;
}
