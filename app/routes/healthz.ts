import { json } from "@remix-run/node";
import { db, dbProvider } from "~/db.server";

// Liveness and database reachability, for deployments and the test harness.
export const loader = async () => {
  try {
    await db().shop.count();
    return json({ ok: true, database: dbProvider() });
  } catch (error) {
    return json({ ok: false, database: dbProvider(), error: error instanceof Error ? error.message : String(error) }, { status: 503 });
  }
};
