/**
 * One provider's benchmark run (the database DATABASE_URL names). `npm run bench` runs it once
 * per provider in a child process and prints the table; this prints one JSON line of figures.
 */
import crypto from "node:crypto";
import { createTestDatabase } from "../support/db";
import { startApp, testAppEnv, TEST_SECRET } from "../support/app";
import { signBody } from "../support/webhooks";
import { adminClient, storeOfflineSession } from "../support/admin";
import { db, disconnectDb } from "~/db.server";
import { recordInstall } from "~/shops/shops.server";
import { openLoop, percentile, timeSequential } from "./load";
import { syncFigures } from "./sync";
import { NetSuiteSimAdmin } from "../simulators/netsuite/admin-client";
import { connectShopToSimulator, orderBody as nsOrderBody } from "../support/netsuite";
import { demoAccount, startNetSuiteSimulator } from "../simulators/netsuite/server";

export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: { op: "<=" | ">="; value: number };
  note?: string;
}

const SHOP = "bench-shop.myshopify.com";
const RPS = Number(process.env.BENCH_RPS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const VARIANTS = Number(process.env.BENCH_VARIANTS ?? 50_000);
const EXCEPTIONS = Number(process.env.BENCH_EXCEPTIONS ?? 10_000);
/** Which parts run: "web" (intake and list pages), "sync" (orders to NetSuite, see sync.ts). */
const PARTS = new Set((process.env.BENCH_PARTS ?? "web,sync").split(",").map((p) => p.trim()));

/** A full orders/create body (what Shopify sends), new customer each, SKUs the simulator knows. */
function orderBody(i: number): string {
  const id = 7_000_000_000_000 + i;
  return JSON.stringify(nsOrderBody({ id, name: `#B${i}`, customerId: 7_900_000_000_000 + i, email: `bench-${i}@example.com`, updatedAt: new Date(Date.UTC(2026, 11, 1, 10, 0, 0) + i * 1000).toISOString(), lines: [{ sku: "TSHIRT-BLK-M", price: "28.00", quantity: 1, tax: "2.31" }], shipping: { price: "7.50", tax: "0.62" } }));
}

async function seedLists(): Promise<void> {
  const batch = 2_000;
  for (let start = 0; start < VARIANTS; start += batch) {
    const rows = Array.from({ length: Math.min(batch, VARIANTS - start) }, (_, k) => {
      const i = start + k;
      return { shopDomain: SHOP, variantId: String(44_000_000_000_000 + i), productId: String(8_000_000_000_000 + Math.floor(i / 4)), sku: `GEN-${String(i).padStart(6, "0")}`, title: `Size ${i % 4}`, productTitle: `Generated product ${Math.floor(i / 4)}`, mapped: i % 3 === 0 };
    });
    await db().catalogVariant.createMany({ data: rows });
    await db().skuMapping.createMany({ data: rows.filter((r) => r.mapped).map((r, k) => ({ shopDomain: SHOP, sku: r.sku, netsuiteItemId: String(1000 + start + k) })) });
  }
  for (let start = 0; start < EXCEPTIONS; start += batch) {
    const rows = Array.from({ length: Math.min(batch, EXCEPTIONS - start) }, (_, k) => {
      const i = start + k;
      const cause = ["unmapped_sku", "netsuite_data", "retries_exhausted", "order_locked"][i % 4]!;
      return { shopDomain: SHOP, causeCode: cause, message: `Generated exception ${i}`, ownerRole: cause === "order_locked" ? "cx" : "ops", objectType: "order", objectId: String(6_000_000_000_000 + i), jobKind: "order.sync", jobKey: `order:${SHOP}:${6_000_000_000_000 + i}`, jobData: "{}", jobPriority: 40, attempts: 1 };
    });
    await db().syncException.createMany({ data: rows });
  }
}

/** Signed orders/create webhooks into the app: i numbers the order. */
function intakePoster(url: string) {
  return (i: number) => {
    const body = orderBody(i);
    return fetch(`${url}/webhooks/orders/create`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Shopify-Topic": "orders/create",
        "X-Shopify-Shop-Domain": SHOP,
        "X-Shopify-Hmac-Sha256": signBody(body, TEST_SECRET),
        "X-Shopify-Webhook-Id": crypto.randomUUID(),
        "X-Shopify-Event-Id": crypto.randomUUID(),
        "X-Shopify-Triggered-At": new Date().toISOString(),
        "X-Shopify-API-Version": "2026-10",
      },
      body,
    });
  };
}

/**
 * Intake at the offered load, beside the bare route of the same server. `role` web: a process
 * that only takes webhooks in (the PostgreSQL deployment's web processes); all: the one-process
 * default, its worker meanwhile syncing the orders to the NetSuite simulator (300 ms per call,
 * limit 5), as after a flash sale.
 */
async function intakeFigures(role: "web" | "all", idBase: number): Promise<Figure[]> {
  const tdb = await createTestDatabase(`bench_intake_${role}`);
  const sim = await startNetSuiteSimulator({ port: 0, accounts: [{ ...demoAccount(), concurrencyLimit: 5 }] });
  await recordInstall(db(), SHOP);
  await storeOfflineSession(db(), SHOP);
  await connectShopToSimulator(db(), SHOP, sim, { skus: ["TSHIRT-BLK-M"] });
  await new NetSuiteSimAdmin(sim.url, demoAccount().accountId).configure({ latencyMs: 300, jitterMs: 0 });
  const app = await startApp(testAppEnv(tdb.url, { LOG_LEVEL: "error", PROCESS_ROLE: role }));
  const label = role === "web" ? "web process" : "one process, worker busy";
  try {
    const post = intakePoster(app.url);
    // Warm both routes (JIT, connection pools) before measuring; the warm-up's orders are not counted.
    await openLoop(50, 2, () => fetch(`${app.url}/livez`));
    await openLoop(50, 2, (i) => post(idBase + 900_000 + i));
    const before = await db().webhookDelivery.count({ where: { shopDomain: SHOP } });
    const bare = await openLoop(RPS, SECONDS, () => fetch(`${app.url}/livez`));
    const intake = await openLoop(RPS, SECONDS, (i) => post(idBase + i));
    const stored = (await db().webhookDelivery.count({ where: { shopDomain: SHOP } })) - before;
    return [
      { name: `intake p50 (${role})`, value: intake.p50, unit: "ms", note: label },
      { name: `intake p99 (${role})`, value: intake.p99, unit: "ms", target: { op: "<=", value: 20 }, note: `${RPS} req/s offered for ${SECONDS} s, ${intake.achievedRps.toFixed(0)} answered/s, ${intake.failed} failed` },
      { name: `bare route p99 (${role})`, value: bare.p99, unit: "ms", note: `${bare.achievedRps.toFixed(0)} answered/s` },
      { name: `intake/bare p99 (${role})`, value: intake.p99 / Math.max(bare.p99, 0.001), unit: "×", target: { op: "<=", value: 2 } },
      { name: `stored/acknowledged (${role})`, value: stored / Math.max(1, intake.ok), unit: "ratio", target: { op: ">=", value: 1 }, note: "every webhook answered 200 is in the database" },
    ];
  } catch (e) {
    process.stderr.write(`app log tail:\n${app.logs().slice(-3000)}\n`);
    throw e;
  } finally {
    await app.stop();
    await sim.stop();
    await disconnectDb();
    await tdb.drop();
  }
}

async function listFigures(): Promise<Figure[]> {
  const tdb = await createTestDatabase("bench_lists");
  await recordInstall(db(), SHOP);
  await storeOfflineSession(db(), SHOP);
  const app = await startApp(testAppEnv(tdb.url, { LOG_LEVEL: "error" }));
  try {
    await seedLists();
    const admin = adminClient(app.url, SHOP);
    const runs = 15;
    const page = await timeSequential(runs, (i) => admin.get(`/api/mappings/skus?limit=50${i % 2 ? "&filter=unmapped" : ""}`));
    const search = await timeSequential(runs, (i) => admin.get(`/api/mappings/skus?limit=50&search=GEN-0${(i * 7919) % 49999}`));
    const inbox = await timeSequential(runs, (i) => admin.get(`/api/exceptions?limit=50${i % 2 ? "&cause=netsuite_data" : ""}`));
    const scale = `${VARIANTS} variants, ${EXCEPTIONS} exceptions`;
    return [
      { name: "SKU list page p90", value: percentile(page, 90), unit: "ms", target: { op: "<=", value: 300 }, note: scale },
      { name: "SKU search p90", value: percentile(search, 90), unit: "ms", target: { op: "<=", value: 300 } },
      { name: "exception inbox page p90", value: percentile(inbox, 90), unit: "ms", target: { op: "<=", value: 300 } },
    ];
  } finally {
    await app.stop();
    await disconnectDb();
    await tdb.drop();
  }
}

async function main(): Promise<void> {
  const figures: Figure[] = [];
  if (PARTS.has("web")) {
    figures.push(...(await intakeFigures("web", 0)));
    figures.push(...(await intakeFigures("all", 100_000)));
    figures.push(...(await listFigures()));
  }
  // On a database and app of their own: the intake above leaves order jobs behind.
  if (PARTS.has("sync")) figures.push(...(await syncFigures()));
  process.stdout.write(`BENCH_JSON ${JSON.stringify(figures)}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
