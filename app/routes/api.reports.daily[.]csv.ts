import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { requireAdmin } from "~/shopify/admin.server";
import { dailyReport, parseDay, reportCsv } from "~/reports/daily.server";

// GET ?day=YYYY-MM-DD: the day's exception and mismatch report as CSV (every row).
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const day = parseDay(new URL(request.url).searchParams.get("day"));
  const report = await dailyReport(db(), shop.domain, day, { limit: 100_000 });
  return new Response(reportCsv(report), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="exceptions-${shop.domain}-${day}.csv"` },
  });
};
