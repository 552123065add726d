import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Card, EmptyState, InlineGrid, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { requireAdmin } from "~/shopify/admin.server";
import { loadDashboard } from "~/dashboard/dashboard.server";
import { db } from "~/db.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return json(await loadDashboard(db(), shop.id));
};

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  const ns = data.netsuite;
  return (
    <Page title="Dashboard" subtitle={data.shop.name}>
      <Layout>
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
                      {ns.lastTestedAt ? (
                        <Badge tone={ns.lastTestOk ? "success" : "critical"}>{ns.lastTestOk ? "Connection test passed" : `Connection test failed: ${ns.lastTestMessage ?? ""}`}</Badge>
                      ) : (
                        <Badge>Not tested yet</Badge>
                      )}
                    </InlineStack>
                  </>
                ) : (
                  <InlineStack>
                    <Badge tone="attention">Not connected</Badge>
                  </InlineStack>
                )}
              </BlockStack>
            </Card>
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <EmptyState heading="No orders synced yet" image="">
              <p>Orders placed in Shopify appear here as they are written to NetSuite.</p>
            </EmptyState>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
