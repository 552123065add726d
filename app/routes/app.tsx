import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { NavMenu } from "@shopify/app-bridge-react";
import { Box, InlineStack, Text } from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { requireAdmin } from "~/shopify/admin.server";
import { env } from "~/config/env.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, demo } = await requireAdmin(request);
  return json({ apiKey: env().apiKey, demo, shopName: shop.name ?? shop.domain });
};

const NAV = [
  { to: "/app", label: "Dashboard" },
  { to: "/app/orders", label: "Orders" },
  { to: "/app/exceptions", label: "Exceptions" },
  { to: "/app/reports", label: "Reports" },
  { to: "/app/mappings/skus", label: "SKU mapping" },
  { to: "/app/mappings/locations", label: "Locations" },
  { to: "/app/settings", label: "Settings" },
] as const;

export default function AppLayout() {
  const { apiKey, demo, shopName } = useLoaderData<typeof loader>();
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} {...(demo ? { __APP_BRIDGE_URL: "/demo/app-bridge.js" } : {})}>
      <NavMenu>
        {NAV.map((n) => (
          <Link key={n.to} to={n.to} rel={n.to === "/app" ? "home" : undefined}>
            {n.label}
          </Link>
        ))}
      </NavMenu>
      {demo ? (
        // Outside the admin there is no Shopify navigation: show our own, and say it is a demo.
        <Box background="bg-fill-info" padding="300">
          <InlineStack gap="400" blockAlign="center">
            <Text as="span" variant="bodyMd" fontWeight="semibold">
              Demo mode · {shopName}
            </Text>
            {NAV.map((n) => (
              <Link key={n.to} to={n.to}>
                {n.label}
              </Link>
            ))}
          </InlineStack>
        </Box>
      ) : null}
      <Outlet />
    </AppProvider>
  );
}

// Shopify needs Remix to catch some thrown responses, so that their headers are included.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
