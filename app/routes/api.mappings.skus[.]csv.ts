import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { jobEngine } from "~/queue.server";
import { requireAdmin } from "~/shopify/admin.server";
import { methodNotAllowed } from "~/http/json.server";
import { exportSkuCsv, importSkuCsv } from "~/mappings/sku-csv.server";
import { releaseFixedExceptions } from "~/mappings/reactions.server";

const MAX_BYTES = 20 * 1024 * 1024;

// GET: every catalogue SKU with its mapping, as CSV.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return new Response(await exportSkuCsv(db(), shop.domain), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="sku-mappings-${shop.domain}.csv"` },
  });
};

// PUT text/csv: maps every valid row; the report names each row not taken (row number, problem).
export const action = async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "PUT" && request.method !== "POST") return methodNotAllowed(["GET", "PUT"]);
  const { shop, actor } = await requireAdmin(request);
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BYTES) return Response.json({ error: `The file is larger than ${MAX_BYTES / 1024 / 1024} MB: split it.` }, { status: 413 });
  const report = await importSkuCsv(db(), shop.domain, await request.text(), actor);
  const released = report.imported ? await releaseFixedExceptions(db(), await jobEngine(), shop.domain, actor) : [];
  return Response.json({ ...report, releasedExceptions: released }, { status: report.imported === 0 && !report.ok ? 400 : 200 });
};
