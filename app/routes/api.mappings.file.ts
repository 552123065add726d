import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { jobEngine } from "~/queue.server";
import { requireAdmin } from "~/shopify/admin.server";
import { jsonError, methodNotAllowed } from "~/http/json.server";
import { exportMappings, importMappings } from "~/mappings/file.server";

// GET: the shop's mappings as one file (the preview's --mappings format), as a download.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const file = await exportMappings(db(), shop.domain);
  return new Response(`${JSON.stringify(file, null, 2)}\n`, {
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="mappings-${shop.domain}.json"` },
  });
};

// PUT the same format: settings merged, SKUs and locations upserted; refused whole with each problem named.
export const action = async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "PUT" && request.method !== "POST") return methodNotAllowed(["GET", "PUT"]);
  const { shop, actor } = await requireAdmin(request);
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    return jsonError(400, "The body is not JSON: send the mappings file as it was exported.");
  }
  const report = await importMappings(db(), await jobEngine(), shop.domain, json, actor);
  return Response.json(report, { status: report.ok ? 200 : 400 });
};
