/**
 * `npm run demo` as a newcomer runs it: the app and the bundled NetSuite simulator from one
 * command; on the dashboard "Place a test order" plays Shopify, and the order is seen synced
 * on its page with its Sales Order; an order with an unmapped SKU waits in the exception inbox
 * until the SKU is mapped on the SKU mapping page, then syncs by itself.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { createTestDatabase, testProvider, type TestDatabase } from "../support/db";
import { artifactPath, isLocal, launchBrowser } from "../support/browser";
import { disconnectDb } from "~/db.server";

const root = path.resolve(import.meta.dirname, "../..");
let tdb: TestDatabase;
let demo: ChildProcess;
let appUrl: string;
let browser: Browser;
let output = "";

beforeAll(async () => {
  tdb = await createTestDatabase("demo_orders");
  demo = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/demo.ts")], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", DATABASE_URL: tdb.url, PORT: "0", NETSUITE_SIM_PORT: "0", LOG_LEVEL: "warn", NETSUITE_RETRY_BASE_MS: "5" } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  appUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${output}`)), 120_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /Connector \(demo mode\):\s+(http:\/\/\S+)\/app/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    demo.stdout!.on("data", onData);
    demo.stderr!.on("data", onData);
    demo.on("exit", (code) => reject(new Error(`demo exited ${code}:\n${output}`)));
  });
  expect(output).toMatch(/NetSuite simulator:\s+http:\/\/127\.0\.0\.1:\d+/);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  if (demo && demo.exitCode === null) {
    demo.kill("SIGTERM");
    await new Promise((r) => demo.once("exit", r));
  }
  await disconnectDb();
  await tdb?.drop();
});

describe(`npm run demo (${testProvider})`, () => {
  it("places an order from the dashboard and shows it synced to the NetSuite simulator, with no accounts", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const outside: string[] = [];
    await context.route("**/*", (route) => (isLocal(route.request().url()) ? route.continue() : (outside.push(route.request().url()), route.abort())));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${appUrl}/app`);
    await page.getByRole("button", { name: "Place a test order" }).click();
    await expect.poll(() => page.locator("#demo-order-result").textContent(), { timeout: 20_000 }).toContain("placed");
    await page.locator("#demo-order-result a").click();
    await page.waitForURL(/\/app\/orders\/\d+$/);
    await expect.poll(async () => (await page.reload(), page.locator("#record-salesOrder").count()), { timeout: 30_000, interval: 1000 }).toBe(1);
    expect(await page.getByText("Written to NetSuite").count()).toBeGreaterThan(0);
    // The dry run of the same order: the upserts the sync just made, nothing sent.
    const preview = (await page.locator("#order-preview").textContent()) ?? "";
    expect(preview).toContain("dry run: nothing was sent");
    expect(preview).toMatch(/PUT \/services\/rest\/record\/v1\/salesOrder\/eid:shopify%3A/);
    await page.screenshot({ path: artifactPath(`demo-order-synced-${testProvider}.png`), fullPage: true });

    // The missed-webhook check runs on demand from the dashboard and finds nothing missing.
    await page.goto(`${appUrl}/app`);
    // (It may already have run on its schedule, which the demo declares at start.)
    await page.getByRole("button", { name: "Check Shopify now" }).click();
    await expect.poll(() => page.getByText("Checking Shopify for missed orders").count()).toBe(1);
    await expect.poll(async () => (await page.reload(), page.locator("#sweep-last").textContent()), { timeout: 30_000, interval: 1000 }).toMatch(/changed order\(s\) in Shopify, 0 had not reached the app/);

    // An unmapped SKU: the inbox names it; mapping it releases the order.
    await page.goto(`${appUrl}/app`);
    await page.getByRole("button", { name: "Place an order with an unmapped SKU" }).click();
    await expect.poll(() => page.locator("#demo-order-result").textContent(), { timeout: 20_000 }).toContain("placed");
    await page.goto(`${appUrl}/app/exceptions`);
    await expect.poll(async () => (await page.reload(), page.getByText("POSTER-LTD-01", { exact: false }).count()), { timeout: 30_000, interval: 1000 }).toBeGreaterThan(0);
    await page.getByRole("link", { name: "Map POSTER-LTD-01" }).first().click();
    await page.waitForURL(/\/app\/mappings\/skus/);
    await page.getByRole("button", { name: "Map POSTER-LTD-01" }).click();
    await page.getByLabel("NetSuite item internal id").fill("1000");
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.locator("#sku-action-result").textContent()).toContain("1 waiting order(s) released");
    await page.goto(`${appUrl}/app/orders?state=synced`);
    await expect.poll(async () => (await page.reload(), page.locator("[data-order-name]").count()), { timeout: 30_000, interval: 1000 }).toBe(2);

    // The catalogue read again from the Shopify simulator, with its progress on the page.
    await page.goto(`${appUrl}/app/mappings/skus`);
    await page.getByRole("button", { name: "Refresh from Shopify" }).click();
    await expect.poll(() => page.locator("#catalogue-refresh").textContent(), { timeout: 30_000 }).toMatch(/^Read \d+ variants from Shopify/);

    // Locations: Shopify's listed from the simulator, NetSuite's offered to pick from.
    await page.goto(`${appUrl}/app/mappings/locations`);
    await expect.poll(() => page.locator("[id^=shopify-location-]").count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const first = page.locator("[id^=shopify-location-]").first();
    const shopifyId = (await first.getAttribute("id"))!.replace("shopify-location-", "");
    const name = ((await first.textContent()) ?? "").replace(/[,(].*$/, "").trim();
    await page.getByRole("button", { name: `Map ${name}` }).first().click();
    const options = await page.getByLabel("NetSuite location", { exact: true }).locator("option").allTextContents();
    expect(options.length).toBeGreaterThan(1);
    await page.getByLabel("NetSuite location", { exact: true }).selectOption({ index: 1 });
    await page.getByRole("button", { name: "Save mapping" }).click();
    await expect.poll(() => page.locator("#location-action-result").textContent()).toContain("Location mapped");
    await expect.poll(() => page.getByText(`(#${shopifyId})`).count()).toBeGreaterThan(1);
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
