import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { db, dbProvider } from "~/db.server";

const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;

/**
 * Liveness and database reachability, for deployments and the test harness, with the process's
 * memory in MB. `?gc=1` collects garbage first, only in a process started with --expose-gc
 * (the benchmark does, to tell live memory from memory not yet collected).
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const gc = (globalThis as { gc?: () => void }).gc;
  const collected = new URL(request.url).searchParams.get("gc") === "1" && typeof gc === "function";
  if (collected) gc!();
  const m = process.memoryUsage();
  const memory = { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), externalMb: mb(m.external), collected };
  try {
    await db().shop.count();
    return json({ ok: true, database: dbProvider(), memory });
  } catch (error) {
    return json({ ok: false, database: dbProvider(), memory, error: error instanceof Error ? error.message : String(error) }, { status: 503 });
  }
};
