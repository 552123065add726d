/**
 * The order page block: where this order is on its way to NetSuite, its Sales Order, and any
 * exception with who fixes it, with a link to the order's page in the connector. It reads the
 * app's GET /api/orders/:id (the admin adds the session token to fetch; the route answers CORS).
 */
import { useEffect, useState } from "react";
import { reactExtension, useApi, AdminBlock, BlockStack, Badge, Text, Link, ProgressIndicator } from "@shopify/ui-extensions-react/admin";

const TARGET = "admin.order-details.block.render";
export default reactExtension(TARGET, () => <SyncState />);

interface State {
  state: string;
  label: string;
  salesOrderId: string | null;
  syncedAt: string | null;
  exceptions: { id: string; title: string; owner: string; message: string }[];
  appPath: string;
}

const TONE: Record<string, "success" | "info" | "critical" | "warning" | undefined> = { synced: "success", waiting: "info", parked: "warning", exception: "critical" };

function SyncState() {
  const { data } = useApi(TARGET);
  const orderId = String(data.selected[0]?.id ?? "").replace("gid://shopify/Order/", "");
  const [state, setState] = useState<State | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetch(`/api/orders/${orderId}`)
      .then(async (res) => {
        const body = await res.json();
        if (res.ok) setState(body as State);
        else setError(res.status === 404 ? "This order has not reached the connector yet." : (body.error ?? `The connector answered ${res.status}.`));
      })
      .catch(() => setError("The connector could not be reached."));
  }, [orderId]);

  return (
    <AdminBlock title="NetSuite sync">
      {state ? (
        <BlockStack gap>
          <Badge tone={TONE[state.state]}>{state.label}</Badge>
          {state.salesOrderId ? <Text>{`Sales Order #${state.salesOrderId}${state.syncedAt ? ` · synced ${state.syncedAt.slice(0, 16).replace("T", " ")} UTC` : ""}`}</Text> : null}
          {state.exceptions.map((e) => (
            <Text key={e.id}>{`${e.title} (${e.owner}): ${e.message}`}</Text>
          ))}
          <Link href={`app:${state.appPath}`}>Open in the connector</Link>
        </BlockStack>
      ) : error ? (
        <Text>{error}</Text>
      ) : (
        <ProgressIndicator size="small-200" />
      )}
    </AdminBlock>
  );
}
