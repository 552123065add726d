import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { startApp, startAppExpectingFailure, testAppEnv, TEST_SECRET, type RunningApp } from "../support/app";
import { postWebhook } from "../support/webhooks";
import { DEMO_DEFAULTS } from "~/config/demo-defaults";
import { db, disconnectDb } from "~/db.server";
import { recordInstall } from "~/shops/shops.server";

let tdb: TestDatabase;
let app: RunningApp;

beforeAll(async () => {
  tdb = await createTestDatabase("server");
  app = await startApp(testAppEnv(tdb.url));
});
afterAll(async () => {
  await app?.stop();
  await disconnectDb();
  await tdb?.drop();
});

describe("the app server", () => {
  it("answers its health check with the database it uses and its memory", async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; database: string; memory: { rssMb: number; heapUsedMb: number; collected: boolean } };
    expect(body).toMatchObject({ ok: true, database: tdb.provider, memory: { collected: false } });
    expect(body.memory.rssMb).toBeGreaterThan(body.memory.heapUsedMb);
    // ?gc=1 collects only in a process started with --expose-gc (the benchmark's), not here.
    expect(((await (await fetch(`${app.url}/healthz?gc=1`)).json()) as typeof body).memory.collected).toBe(false);
  });

  it("does not serve the App Bridge stand-in outside demo mode", async () => {
    expect((await fetch(`${app.url}/demo/app-bridge.js`)).status).toBe(404);
  });

  it("sends a browser outside the admin to authenticate instead of serving pages", async () => {
    const res = await fetch(`${app.url}/app`, { redirect: "manual" });
    expect([302, 401, 410]).toContain(res.status);
    expect(res.status).not.toBe(200);
  });

  it("handles a signed app/uninstalled webhook: sessions removed, shop marked uninstalled", async () => {
    const shop = "uninstall-me.myshopify.com";
    await recordInstall(db(), shop, { name: "Uninstall Me" });
    await db().session.create({ data: { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: "shpat_x" } });
    const res = await postWebhook(app.url, { topic: "app/uninstalled", shop, body: JSON.stringify({ id: 1, domain: shop }), secret: TEST_SECRET });
    expect(res.status).toBe(200);
    expect(await db().session.count({ where: { shop } })).toBe(0);
    expect((await db().shop.findUniqueOrThrow({ where: { domain: shop } })).status).toBe("uninstalled");
  });

  it("answers 401 to a webhook with a bad signature and changes nothing", async () => {
    const shop = "bad-hmac.myshopify.com";
    await recordInstall(db(), shop);
    const res = await postWebhook(app.url, { topic: "app/uninstalled", shop, body: "{}", secret: "wrong-secret" });
    expect(res.status).toBe(401);
    expect((await db().shop.findUniqueOrThrow({ where: { domain: shop } })).status).toBe("installed");
  });
});

describe("demo defaults", () => {
  it("are refused when demo mode is off", async () => {
    const { code, output } = await startAppExpectingFailure({ ...testAppEnv(tdb.url), SHOPIFY_API_SECRET: DEMO_DEFAULTS.apiSecret });
    expect(code).not.toBe(0);
    expect(output).toMatch(/Refusing to start: SHOPIFY_API_SECRET use the committed demo values/);
  });
});
