import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { requireAdmin } from "~/shopify/admin.server";
import { locationSources } from "~/mappings/location-sources.server";

// GET: Shopify's and NetSuite's locations, to pick from when mapping (each side may carry an error instead).
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return Response.json(await locationSources(db(), shop.domain));
};
