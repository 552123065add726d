import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { Banner, Page } from "@shopify/polaris";

/** A page's error state: what failed, in words, with the way back. */
export function RouteErrorPage({ title }: { title: string }) {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}${typeof error.data === "string" && error.data ? `: ${error.data}` : ""}`
    : error instanceof Error
      ? error.message
      : "Something went wrong.";
  return (
    <Page title={title}>
      <Banner tone="critical" title="This page could not be loaded">
        <p>{message}</p>
        <p>Reload the page to try again. Nothing was changed.</p>
      </Banner>
    </Page>
  );
}
