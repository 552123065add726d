import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { startApp, type RunningApp } from "../support/app";
import { artifactPath, isLocal, launchBrowser } from "../support/browser";
import { disconnectDb } from "~/db.server";
import { DEMO_DEFAULTS } from "~/config/demo-defaults";

let tdb: TestDatabase;
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  tdb = await createTestDatabase("demo_browser");
  app = await startApp({ DATABASE_URL: tdb.url, DEMO: "1" });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await disconnectDb();
  await tdb?.drop();
});

describe("demo mode in a browser", () => {
  it("renders the dashboard for the seeded demo shop with the App Bridge stand-in and no request leaving the machine", async () => {
    const context = await browser.newContext();
    const outside: string[] = [];
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (isLocal(url)) return route.continue();
      outside.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const res = await page.goto(`${app.url}/app`);
    expect(res?.status()).toBe(200);
    await page.waitForLoadState("networkidle");
    await expect.poll(() => page.locator("#shop-name").textContent()).toBe(DEMO_DEFAULTS.shopName);
    expect(await page.locator("#netsuite-account").textContent()).toContain("TSTDRV1234567");
    expect(await page.evaluate(() => document.documentElement.dataset.appBridge)).toBe("stand-in");
    expect(await page.evaluate(() => typeof (window as unknown as { shopify?: { toast?: unknown } }).shopify?.toast)).toBe("object");
    await page.screenshot({ path: artifactPath("demo-dashboard.png"), fullPage: true });
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
