/**
 * The order → NetSuite figures of `npm run bench`, on a database and app of their own, with the
 * NetSuite simulator (in this process) behind a pausable gate (gate.ts):
 *
 * 1. latency: orders at a normal rate (BENCH_SYNC_RPS 2/s for BENCH_SYNC_SECONDS 20 s), each a
 *    new customer (SuiteQL lookup + customer upsert + Sales Order upsert = 3 calls), NetSuite at
 *    300–600 ms per call and a limit of 5. Latency: webhook acknowledged → the order summary's
 *    syncedAt. Floor: the sum of that order's NetSuite call durations (the app's call log).
 * 2. warm caches: orders of one customer already known, NetSuite calls counted per order.
 * 3. burst: BENCH_BURST orders queued while NetSuite is held (as after an outage), then drained
 *    at 100 ms per call: the simulator's busy call-seconds ÷ (limit × elapsed). While it drains,
 *    a change to an order already in NetSuite is sent, and timed until NetSuite has it.
 * 4. memory: the app process's RSS before the burst (after a warm-up burst of a tenth of it),
 *    its peak, and after the drain; and the V8 heap in use after a full GC before and after.
 */
import fs from "node:fs";
import { createTestDatabase } from "../support/db";
import { startApp, testAppEnv, TEST_SECRET } from "../support/app";
import { postWebhook } from "../support/webhooks";
import { storeOfflineSession } from "../support/admin";
import { connectShopToSimulator, orderBody } from "../support/netsuite";
import { demoAccount, startNetSuiteSimulator } from "../simulators/netsuite/server";
import { NetSuiteSimAdmin } from "../simulators/netsuite/admin-client";
import { db, disconnectDb } from "~/db.server";
import { recordInstall } from "~/shops/shops.server";
import { openLoop, percentile } from "./load";
import { startGate } from "./gate";
import type { Figure } from "./suite";

const SHOP = "bench-sync.myshopify.com";
const RPS = Number(process.env.BENCH_SYNC_RPS ?? 2);
const SECONDS = Number(process.env.BENCH_SYNC_SECONDS ?? 20);
// The issue's 10,000: about 15 minutes per database on 2 cores (the app drains ~12 orders/s
// at 100 ms per call and a limit of 5). BENCH_BURST=1500 for a quicker look.
const BURST = Number(process.env.BENCH_BURST ?? 10_000);
const LIMIT = 5;
const WARM_ORDERS = 10;
/** Order id bases per phase; every id has 13 digits, so a phase's ids are a string range. */
const IDS = { warmup: 5_400_000_000_000, latency: 5_500_000_000_000, warm: 5_510_000_000_000, burst: 5_520_000_000_000, warmBurst: 5_530_000_000_000 };
const CUSTOMERS = { warmup: 7_400_000_000_000, latency: 7_500_000_000_000, warm: 7_510_000_000_000, burst: 7_520_000_000_000, warmBurst: 7_530_000_000_000 };

const LINES: [string, string][] = [
  ["TSHIRT-BLK-M", "28.00"],
  ["MUG-12OZ", "18.50"],
  ["TOTE-NAT", "24.00"],
  ["BEANIE-GRY", "32.00"],
];
const tax = (price: string, qty: number) => (Math.round(Math.round(Number(price) * 100) * qty * 0.0825) / 100).toFixed(2);
const BASE_TIME = Date.UTC(2026, 11, 1, 10, 0, 0);

function order(id: number, customerId: number, n: number, extraLine = false) {
  const [sku, price] = LINES[n % LINES.length]!;
  const lines = [{ sku, price, quantity: 1, tax: tax(price, 1) }];
  if (extraLine) lines.push({ sku: "MUG-12OZ", price: "18.50", quantity: 2, tax: tax("18.50", 2) });
  return orderBody({
    id,
    name: `#S${id % 1_000_000}`,
    customerId,
    email: `buyer-${customerId}@example.com`,
    updatedAt: new Date(BASE_TIME + (extraLine ? 3_600_000 : 0)).toISOString(),
    lines,
    shipping: { price: "7.50", tax: "0.62" },
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const range = (base: number, n: number) => ({ gte: String(base), lte: String(base + n - 1) });

function rssMb(pid: number): number {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+)\s+kB/m);
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** The app's V8 heap in use after a full collection (MB), from /healthz?gc=1. */
async function liveHeap(url: string): Promise<number> {
  const body = (await (await fetch(`${url}/healthz?gc=1`)).json()) as { memory?: { heapUsedMb: number; collected: boolean } };
  return body.memory?.collected ? body.memory.heapUsedMb : NaN;
}

export async function syncFigures(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const tdb = await createTestDatabase("bench_sync");
  const sim = await startNetSuiteSimulator({ port: 0, accounts: [{ ...demoAccount(), concurrencyLimit: LIMIT }] });
  const gate = await startGate(sim.url);
  const admin = new NetSuiteSimAdmin(sim.url, demoAccount().accountId);
  await recordInstall(db(), SHOP);
  await storeOfflineSession(db(), SHOP);
  await connectShopToSimulator(db(), SHOP, sim);
  // The app reaches NetSuite through the gate (a pass-through unless closed).
  await db().netSuiteConnection.updateMany({ data: { baseUrl: gate.url } });
  // A NetSuite call held at the closed gate must not time out meanwhile; nothing else is tuned.
  // The app runs with --expose-gc so that /healthz?gc=1 can tell live memory from garbage not
  // yet collected. BENCH_APP_NODE_ARGS adds node options (e.g. --cpu-prof --cpu-prof-dir=/tmp/p);
  // the app's output then goes to bench-results/app-<provider>.log.
  const extraArgs = (process.env.BENCH_APP_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const app = await startApp(testAppEnv(tdb.url, { LOG_LEVEL: "error", NETSUITE_TIMEOUT_MS: String(30 * 60_000) }), { nodeArgs: ["--expose-gc", ...extraArgs] });
  const pid = app.child.pid!;
  const send = (topic: string, body: unknown) => postWebhook(app.url, { topic, shop: SHOP, body: JSON.stringify(body), secret: TEST_SECRET });
  const summaries = (ids: string[]) => db().orderSummary.findMany({ where: { shopDomain: SHOP, orderId: { in: ids } }, select: { orderId: true, state: true, syncedAt: true, lastError: true } });
  /** Until every order is synced or stopped on an exception; gives the summaries. */
  const settle = async (ids: string[], timeoutMs: number) => {
    const start = Date.now();
    for (;;) {
      const rows = await summaries(ids);
      const done = rows.filter((r) => r.state === "synced" || r.state === "exception");
      if (done.length === ids.length || Date.now() - start > timeoutMs) return rows;
      await sleep(200);
    }
  };
  const callsOf = (ids: string[]) => db().netSuiteCall.findMany({ where: { shopDomain: SHOP, objectType: "order", objectId: { in: ids } }, select: { objectId: true, durationMs: true, status: true } });

  try {
    await admin.configure({ latencyMs: 300, jitterMs: 300 });
    // Warm-up (JIT, the governance-limits read, connections): two orders, not measured.
    const warmupIds = [0, 1].map((i) => String(IDS.warmup + i));
    for (let i = 0; i < 2; i++) await send("orders/create", order(IDS.warmup + i, CUSTOMERS.warmup + i, i));
    await settle(warmupIds, 60_000);

    // 1. Latency at normal load, a new customer per order.
    const acked: number[] = [];
    const intake = await openLoop(RPS, SECONDS, (i) =>
      send("orders/create", order(IDS.latency + i, CUSTOMERS.latency + i, i)).then((res) => {
        acked[i] = Date.now();
        return res;
      }),
    );
    const latencyIds = Array.from({ length: intake.sent }, (_, i) => String(IDS.latency + i));
    const rows = await settle(latencyIds, 120_000);
    const calls = await callsOf(latencyIds);
    const floorOf = new Map<string, number>();
    const countOf = new Map<string, number>();
    for (const c of calls) {
      countOf.set(c.objectId!, (countOf.get(c.objectId!) ?? 0) + 1);
      if (c.status !== null && c.status >= 200 && c.status < 300) floorOf.set(c.objectId!, (floorOf.get(c.objectId!) ?? 0) + c.durationMs);
    }
    const synced = rows.filter((r) => r.state === "synced" && r.syncedAt);
    const lat: number[] = [];
    const floors: number[] = [];
    const ratios: number[] = [];
    for (const r of synced) {
      const i = Number(r.orderId) - IDS.latency;
      const l = r.syncedAt!.getTime() - acked[i]!;
      const f = floorOf.get(r.orderId) ?? NaN;
      lat.push(l);
      floors.push(f);
      ratios.push(l / f);
    }
    [lat, floors, ratios].forEach((a) => a.sort((x, y) => x - y));
    const floorP50 = percentile(floors, 50);
    const callCounts = countOf.size ? [...countOf.values()] : [NaN];
    const missing = latencyIds.length - synced.length;
    figures.push(
      { name: "order→SO p50", value: percentile(lat, 50), unit: "ms", target: { op: "<=", value: Math.round(1.2 * floorP50) }, note: `target 1.2 × floor p50; n=${synced.length} (${RPS}/s for ${SECONDS} s), each a new customer; NetSuite 300–600 ms/call, limit ${LIMIT}${missing ? `; ${missing} NOT SYNCED` : ""}` },
      { name: "order→SO p99", value: percentile(lat, 99), unit: "ms", note: `max ${percentile(lat, 100).toFixed(0)} ms; floor p99 ${percentile(floors, 99).toFixed(0)} ms` },
      { name: "order→SO floor p50", value: floorP50, unit: "ms", note: `sum of the order's NetSuite call times (app's call log); ${Math.min(...callCounts) === Math.max(...callCounts) ? Math.min(...callCounts) : `${Math.min(...callCounts)}–${Math.max(...callCounts)}`} calls/order; latency÷floor p50 ${percentile(ratios, 50).toFixed(2)}×` },
    );

    // 2. Warm caches: one customer, already known to NetSuite and to the app.
    await admin.configure({ latencyMs: 100, jitterMs: 0 });
    const warmIds = Array.from({ length: WARM_ORDERS + 1 }, (_, i) => String(IDS.warm + i));
    for (let i = 0; i <= WARM_ORDERS; i++) {
      await send("orders/create", order(IDS.warm + i, CUSTOMERS.warm, i));
      await settle([warmIds[i]!], 60_000);
    }
    const warmCalls = await callsOf(warmIds.slice(1));
    const perOrder = warmIds.slice(1).map((id) => warmCalls.filter((c) => c.objectId === id).length);
    const warmSynced = (await summaries(warmIds)).filter((r) => r.state === "synced").length;
    figures.push({
      name: "NetSuite calls/order (warm)",
      value: perOrder.reduce((a, b) => a + b, 0) / perOrder.length,
      unit: "calls",
      target: { op: "<=", value: 2 },
      note: `mean of ${perOrder.length} orders of one known customer (max ${Math.max(...perOrder)}); first order of that customer not counted${warmSynced < warmIds.length ? `; ${warmIds.length - warmSynced} NOT SYNCED` : ""}`,
    });

    // 3 and 4. The burst, and the app's memory around it.
    /** Sends n new orders from 8 senders, each resent until the app takes it; gives the refusals. */
    const postAll = async (n: number, idBase: number, customerBase: number) => {
      let next = 0;
      let refused = 0;
      const sender = async () => {
        for (let i = next++; i < n; i = next++) {
          const body = order(idBase + i, customerBase + i, i);
          for (let attempt = 0; ; attempt++) {
            const res = await send("orders/create", body).catch(() => null);
            await res?.arrayBuffer();
            if (res?.status === 200) break;
            refused++;
            if (attempt > 50) throw new Error(`the app did not take burst order ${i} (last status ${res?.status ?? "none"})`);
            await sleep(200);
          }
        }
      };
      await Promise.all(Array.from({ length: 8 }, sender));
      return refused;
    };
    // First a warm-up burst through the same path, not measured: a process's first burst grows
    // its caches and the allocator's arenas once. The memory target is after growth that
    // repeats with every burst, which is what a leak does.
    const warmBurst = Math.max(200, Math.round(BURST / 10));
    gate.close();
    await postAll(warmBurst, IDS.warmBurst, CUSTOMERS.warmBurst);
    gate.open();
    const warmStart = Date.now();
    while ((await db().orderSummary.count({ where: { shopDomain: SHOP, orderId: range(IDS.warmBurst, warmBurst), state: "synced" } })) < warmBurst && Date.now() - warmStart < 600_000) await sleep(500);
    await sleep(2_000);

    const probeId = IDS.warm + 1;
    const probeSummary = await db().orderSummary.findUnique({ where: { shopDomain_orderId: { shopDomain: SHOP, orderId: String(probeId) } } });
    const samples: number[] = [];
    const heapStart = await liveHeap(app.url);
    const rssStart = rssMb(pid);
    const sampler = setInterval(() => samples.push(rssMb(pid)), 250);
    gate.close();
    const postStart = Date.now();
    const refused = await postAll(BURST, IDS.burst, CUSTOMERS.burst);
    const postingS = (Date.now() - postStart) / 1000;
    await admin.resetStats();
    const t0 = Date.now();
    gate.open();
    const burstRange = range(IDS.burst, BURST);
    const syncedCount = () => db().orderSummary.count({ where: { shopDomain: SHOP, orderId: burstRange, state: "synced" } });

    // The change to an order already in NetSuite, sent once the drain is under way.
    await sleep(Math.min(5_000, 2 * BURST));
    const ahead = BURST - (await syncedCount());
    const linesOf = async () => ((await admin.record("salesOrder", probeSummary!.salesOrderId!)).item as { items: unknown[] }).items.length;
    const linesBefore = await linesOf();
    const probeRes = await send("orders/updated", order(probeId, CUSTOMERS.warm, 1, true));
    const probeSent = Date.now();
    let probeS = NaN;
    while (probeRes.status === 200 && Date.now() - probeSent < 120_000) {
      if ((await linesOf()) !== linesBefore) {
        probeS = (Date.now() - probeSent) / 1000;
        break;
      }
      await sleep(50);
    }

    // Drain: until every burst order is synced, or nothing moved for a minute.
    let done = 0;
    let lastMove = Date.now();
    for (;;) {
      const n = await syncedCount();
      if (n !== done) lastMove = Date.now();
      done = n;
      if (done >= BURST || Date.now() - lastMove > 60_000) break;
      await sleep(500);
    }
    const stats = await admin.stats();
    const last = await db().orderSummary.aggregate({ where: { shopDomain: SHOP, orderId: burstRange, state: "synced" }, _max: { syncedAt: true } });
    const elapsedS = ((last._max.syncedAt?.getTime() ?? Date.now()) - t0) / 1000;
    const exceptions = await db().syncException.count({ where: { shopDomain: SHOP, status: "open" } });
    const rssDrained = rssMb(pid);
    await sleep(5_000);
    clearInterval(sampler);
    const rssEnd = rssMb(pid);
    const heapEnd = await liveHeap(app.url);
    const rssAfterGc = rssMb(pid);
    const rssPeak = Math.max(rssStart, rssEnd, ...samples.filter((x) => !Number.isNaN(x)));
    const unfinished = (refused ? `; ${refused} webhooks refused and resent` : "") + (done < BURST ? `; ONLY ${done} of ${BURST} synced (${exceptions} exceptions open)` : "");
    figures.push(
      {
        name: "burst NetSuite utilisation",
        value: stats.busyCallSeconds / (stats.limit * elapsedS),
        unit: "ratio",
        target: { op: ">=", value: 0.9 },
        note: `${BURST} orders queued in ${postingS.toFixed(0)} s with NetSuite held, drained in ${elapsedS.toFixed(1)} s (${(done / elapsedS).toFixed(1)}/s); new customer each; 100 ms/call, limit ${stats.limit}, peak in flight ${stats.peakInFlight}, ${stats.calls} calls, ${stats.busyCallSeconds.toFixed(0)} busy call-s, ${stats.tooManyRequests} × 429${unfinished}`,
      },
      {
        name: "order change during burst",
        value: probeS,
        unit: "s",
        target: { op: "<=", value: 10 },
        note: `orders/updated of a synced order, ${ahead} new orders queued ahead; acknowledged → change in NetSuite${probeRes.status !== 200 ? ` (webhook answered ${probeRes.status})` : Number.isNaN(probeS) ? " (not in NetSuite after 120 s)" : ""}`,
      },
    );
    if (!Number.isNaN(rssStart)) {
      figures.push(
        { name: "app RSS before burst", value: rssStart, unit: "MB", note: `app process (VmRSS), after the phases above and a warm-up burst of ${warmBurst} orders` },
        { name: "app RSS peak in burst", value: rssPeak, unit: "MB", note: `sampled every 250 ms while ${BURST} orders were taken in and drained` },
        { name: "app RSS after burst", value: rssEnd, unit: "MB", target: { op: "<=", value: Math.round(rssStart * 1.1 * 10) / 10 }, note: `5 s after the drain (${rssDrained.toFixed(0)} MB at its end); target start + 10 %; ${rssAfterGc.toFixed(0)} MB after a full GC` },
        { name: "app live heap after burst", value: heapEnd, unit: "MB", target: { op: "<=", value: Math.round(heapStart * 1.1 * 10) / 10 }, note: `V8 heap in use after a full GC, ${heapStart.toFixed(1)} MB before the burst: what a leak would grow` },
      );
    }
  } catch (e) {
    process.stderr.write(`app log tail:\n${app.logs().slice(-3000)}\n`);
    throw e;
  } finally {
    if (extraArgs.length) {
      fs.mkdirSync("bench-results", { recursive: true });
      fs.writeFileSync(`bench-results/app-${tdb.url.startsWith("postgres") ? "postgresql" : "sqlite"}.log`, app.logs());
    }
    gate.open();
    await app.stop();
    await gate.stop();
    await sim.stop();
    await disconnectDb();
    await tdb.drop();
  }
  return figures;
}
