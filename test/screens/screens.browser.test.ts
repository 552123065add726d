import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createTestDatabase, testProvider, type TestDatabase } from "../support/db";
import { startApp, type RunningApp } from "../support/app";
import { artifactPath, isLocal, launchBrowser } from "../support/browser";
import { db, disconnectDb } from "~/db.server";
import { parseCsv } from "~/mappings/csv";
import { loadSettings, saveSettings } from "~/mappings/settings.server";
import { DEMO_DEFAULTS } from "~/config/demo-defaults";
import { recordInstall } from "~/shops/shops.server";
import { upsertVariants } from "~/catalogue/catalogue.server";
import { raiseException } from "~/exceptions/exceptions.server";
import { JOB_KIND, orderKey } from "~/intake/topics";
import { PRIORITY } from "~/jobs/port";
import { postWebhook } from "../support/webhooks";
import { startNetSuiteSimulator, type NetSuiteSimulator } from "../simulators/netsuite/server";

let tdb: TestDatabase;
let app: RunningApp;
let browser: Browser;
let sim: NetSuiteSimulator;
const SHOP = DEMO_DEFAULTS.shop;

beforeAll(async () => {
  tdb = await createTestDatabase("screens");
  await recordInstall(db(), SHOP, { name: DEMO_DEFAULTS.shopName });
  const variants = ["TSHIRT-BLK-S", "TSHIRT-BLK-M", "TSHIRT-BLK-L", "MUG-12OZ", "POSTER-LTD-01"].map((sku, i) => ({
    variantId: String(44100000000001 + i),
    productId: String(8100000000001 + (sku.startsWith("TSHIRT") ? 0 : i)),
    sku,
    title: sku.startsWith("TSHIRT") ? `Black / ${sku.slice(-1)}` : "Default Title",
    productTitle: sku.startsWith("TSHIRT") ? "Organic Cotton T-Shirt" : sku === "MUG-12OZ" ? "Ceramic Mug" : "Limited Edition Poster",
    inventoryItemId: null,
    giftCard: false,
  }));
  await upsertVariants(db(), SHOP, variants);
  sim = await startNetSuiteSimulator({ port: 0 });
  app = await startApp({ DATABASE_URL: tdb.url, DEMO: "1", NETSUITE_SIMULATOR_URL: sim.url, SWEEP_SCHEDULES: "off" });
  browser = await launchBrowser();
});
afterAll(async () => {
  if (process.env.SHOW_APP_LOGS) console.log(app?.logs());
  await browser?.close();
  await app?.stop();
  await sim?.stop();
  await disconnectDb();
  await tdb?.drop();
});

async function open(path: string): Promise<{ page: Page; errors: string[]; outside: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
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
  const res = await page.goto(`${app.url}${path}`);
  expect(res?.status()).toBe(200);
  await page.waitForLoadState("networkidle");
  return { page, errors, outside, close: () => context.close() };
}

describe(`merchant screens in demo mode (${testProvider})`, () => {
  it("maps a SKU from the unmapped list, and the counts follow", async () => {
    const { page, errors, outside, close } = await open("/app/mappings/skus?filter=unmapped");
    await expect.poll(() => page.getByText("Unmapped (5)").count()).toBeGreaterThan(0);
    await page.getByPlaceholder("Search SKU, product or variant").fill("TSHIRT-BLK-M");
    await expect.poll(() => page.locator("tbody tr").count()).toBe(1);
    await page.getByRole("button", { name: "Map TSHIRT-BLK-M" }).click();
    await page.getByLabel("NetSuite item internal id").fill("abc");
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByText(/netsuiteItemId: NetSuite item id is a number/).count()).toBeGreaterThan(0);
    await page.getByLabel("NetSuite item internal id").fill("101");
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.locator("#sku-action-result").textContent()).toContain("TSHIRT-BLK-M → NetSuite item 101");
    await expect.poll(() => page.getByText("Unmapped (4)").count()).toBeGreaterThan(0);
    const row = await db().skuMapping.findUniqueOrThrow({ where: { shopDomain_sku: { shopDomain: SHOP, sku: "TSHIRT-BLK-M" } } });
    expect(row).toMatchObject({ netsuiteItemId: "101", updatedBy: "demo user" });
    await page.screenshot({ path: artifactPath(`screen-sku-mapping-${testProvider}.png`), fullPage: true });
    // Unmapping is undoable.
    await page.goto(`${app.url}/app/mappings/skus?search=TSHIRT-BLK-M`);
    await page.getByRole("button", { name: "Map TSHIRT-BLK-M" }).click();
    await page.getByRole("button", { name: "Unmap" }).click();
    await expect.poll(() => page.locator("#sku-action-result").textContent()).toBe("TSHIRT-BLK-M is no longer mapped (it was NetSuite item 101).");
    expect(await db().skuMapping.findUnique({ where: { shopDomain_sku: { shopDomain: SHOP, sku: "TSHIRT-BLK-M" } } })).toBeNull();
    await page.locator("#sku-undo").click();
    await expect.poll(() => page.locator("#sku-action-result").textContent()).toContain("TSHIRT-BLK-M → NetSuite item 101");
    expect(await db().skuMapping.findUnique({ where: { shopDomain_sku: { shopDomain: SHOP, sku: "TSHIRT-BLK-M" } } })).toMatchObject({ netsuiteItemId: "101" });
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await close();
  });

  it("exports the SKUs as CSV, imports a CSV naming its one bad row, and auto-matches by NetSuite item name", async () => {
    const exported = await (await fetch(`${app.url}/api/mappings/skus.csv`)).text();
    const rows = parseCsv(exported);
    expect(rows[0]).toEqual(["sku", "product", "netsuite_item_id", "item_kind", "item_name", "kit_members"]);
    const unmapped = rows.slice(1).filter((r) => r[2] === "").map((r) => r[0]!);
    expect(unmapped.length).toBeGreaterThanOrEqual(2);
    const [good, bad] = unmapped;

    const { page, errors, close } = await open("/app/mappings/skus");
    const csv = `sku,netsuite_item_id,item_kind\r\n${good},1000,inventory\r\n${bad},not-an-id,inventory\r\n`;
    await page.getByRole("button", { name: "Import CSV" }).click();
    await page.locator("#csv-file").setInputFiles({ name: "mappings.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    // The file is checked first: the bad row is named and nothing is written until confirmed.
    await page.getByRole("button", { name: "Check file" }).click();
    await expect.poll(() => page.locator("#csv-check-result").textContent()).toBe("1 row(s) will be mapped; 1 row(s) will not be imported.");
    expect(await page.locator(".csv-check-problem").allTextContents()).toEqual([`Row 3 (${bad}): NetSuite item id is a number (the item's internal id)`]);
    expect(await db().skuMapping.findUnique({ where: { shopDomain_sku: { shopDomain: SHOP, sku: good! } } })).toBeNull();
    await page.getByRole("button", { name: "Import 1 row(s)" }).click();
    await expect.poll(() => page.locator("#tool-result").textContent()).toBe("Imported 1 row(s); 1 row(s) not imported.");
    expect(await page.locator(".csv-problem").allTextContents()).toEqual([`Row 3 (${bad}): NetSuite item id is a number (the item's internal id)`]);
    expect(await db().skuMapping.findUnique({ where: { shopDomain_sku: { shopDomain: SHOP, sku: good! } } })).toMatchObject({ netsuiteItemId: "1000", source: "import" });
    expect(await db().skuMapping.findUnique({ where: { shopDomain_sku: { shopDomain: SHOP, sku: bad! } } })).toBeNull();
    await page.screenshot({ path: artifactPath(`screen-sku-csv-import-${testProvider}.png`), fullPage: true });

    // Auto-match: a preview of what NetSuite's item names match, then applied.
    const before = await db().skuMapping.count({ where: { shopDomain: SHOP } });
    await page.getByRole("button", { name: "Auto-match" }).click();
    await expect.poll(() => page.locator("#auto-match-summary").textContent(), { timeout: 30_000 }).toMatch(/^\d+ SKU\(s\) match a NetSuite item by name; \d+ do not\./);
    const proposed = Number(/^(\d+)/.exec((await page.locator("#auto-match-summary").textContent()) ?? "")![1]);
    await page.screenshot({ path: artifactPath(`screen-sku-auto-match-${testProvider}.png`), fullPage: true });
    // The demo catalogue has unmapped SKUs that the NetSuite simulator names as items.
    expect(proposed).toBeGreaterThan(0);
    await page.getByRole("button", { name: `Map ${proposed} SKU(s)` }).click();
    await expect.poll(() => page.locator("#tool-result").textContent()).toContain(`${proposed} SKU(s) auto-matched`);
    expect(await db().skuMapping.count({ where: { shopDomain: SHOP } })).toBe(before + proposed);
    expect(errors).toEqual([]);
    await close();
  });

  it("maps a location", async () => {
    const { page, errors, close } = await open("/app/mappings/locations");
    await expect.poll(() => page.getByText("No locations mapped yet").count()).toBe(1);
    await page.getByLabel("Shopify location id").fill("71100000001");
    await page.getByLabel("Shopify location name").fill("Main Warehouse");
    await page.getByLabel("NetSuite location internal id").fill("1");
    await page.getByRole("button", { name: "Save mapping" }).click();
    await expect.poll(() => page.locator("#location-action-result").textContent()).toContain("Location mapped");
    await expect.poll(() => page.getByText("Main Warehouse (#71100000001)").count()).toBe(1);
    await page.screenshot({ path: artifactPath(`screen-locations-${testProvider}.png`), fullPage: true });
    // Unmapping is undoable: the mapping comes back as it was.
    await page.getByRole("button", { name: "Unmap" }).click();
    await expect.poll(() => page.locator("#location-action-result").textContent()).toBe("Main Warehouse unmapped (it was NetSuite location 1).");
    await expect.poll(() => page.getByText("No locations mapped yet").count()).toBe(1);
    await page.locator("#location-undo").click();
    await expect.poll(() => page.getByText("Main Warehouse (#71100000001)").count()).toBe(1);
    expect(await db().locationMapping.findFirst({ where: { shopDomain: SHOP, shopifyLocationId: "71100000001" } })).toMatchObject({ netsuiteLocationId: "1", shopifyLocationName: "Main Warehouse" });

    // The storefront: subsidiary and default location picked from NetSuite's lists, currencies
    // matched by ISO code from NetSuite's currency list.
    await expect.poll(() => page.getByLabel("Subsidiary").locator("option").count(), { timeout: 20_000 }).toBe(3);
    await page.getByLabel("Subsidiary").selectOption({ label: "Demo Outfitters Inc. (#1)" });
    await page.getByLabel("Default location for online orders").selectOption("1");
    await page.getByRole("button", { name: "Match currencies by ISO code" }).click();
    await page.getByLabel("Price level id").fill("x");
    await page.getByRole("button", { name: "Save storefront" }).click();
    await expect.poll(() => page.locator("#storefront-result").textContent()).toBe("The storefront was not saved.");
    await expect.poll(() => page.getByText("Price level: a NetSuite internal id (digits)").count()).toBe(1);
    await page.getByLabel("Price level id").fill("");
    await page.getByRole("button", { name: "Save storefront" }).click();
    await expect.poll(() => page.locator("#storefront-result").textContent()).toBe("Storefront saved.");
    const { settings } = await loadSettings(db(), SHOP);
    expect(settings.storefront).toMatchObject({ subsidiaryId: "1", defaultLocationId: "1", currencies: { USD: "1", GBP: "2", CAD: "3", EUR: "4" } });
    expect(settings.storefront.priceLevelId).toBeUndefined();
    await page.screenshot({ path: artifactPath(`screen-locations-storefront-${testProvider}.png`), fullPage: true });
    expect(errors).toEqual([]);
    await close();
  });

  it("shows exceptions grouped by cause and retries one", async () => {
    const ex = await raiseException(db(), {
      shop: SHOP,
      causeCode: "netsuite_data",
      message: "NetSuite refused the Sales Order: invalid reference at item.items[0].item",
      objectType: "order",
      objectId: "5900000000001",
      job: { kind: JOB_KIND.orderSync, key: orderKey(SHOP, "5900000000001"), data: { shop: SHOP, objectType: "order", objectId: "5900000000001" }, priority: PRIORITY.orderNew },
      attempts: 5,
    });
    const { page, errors, close } = await open("/app/exceptions");
    await expect.poll(() => page.locator("#group-netsuite_data").textContent()).toBe("1 open");
    await expect.poll(() => page.getByText("NetSuite refused the Sales Order").count()).toBe(1);
    await page.screenshot({ path: artifactPath(`screen-exceptions-${testProvider}.png`), fullPage: true });
    await page.getByRole("button", { name: `Retry ${ex.id}` }).click();
    await expect.poll(() => page.locator("#exception-action-result").textContent()).toBe("1 of 1 retried.");
    await expect.poll(() => page.getByText("No open exceptions").count()).toBe(1);
    expect(await db().syncException.findUniqueOrThrow({ where: { id: ex.id } })).toMatchObject({ status: "resolved", resolvedBy: "demo user" });
    expect(errors).toEqual([]);
    await close();
  });

  it("saves settings, refusing an incomplete shared-guest policy with the field named", async () => {
    // A setting the form does not show (set by a mappings import) survives a save of the form.
    const { settings } = await loadSettings(db(), SHOP);
    await saveSettings(db(), SHOP, { ...settings, journal: { ...settings.journal, giftCardLiabilityAccountId: "77" } }, "import");
    const { page, errors, close } = await open("/app/settings");
    await page.getByLabel("Subsidiary id").fill("1");
    await page.getByLabel("Currencies (ISO=NetSuite id, one per line)").fill("USD=1\nCAD=3");
    await page.getByLabel("Guest checkouts").selectOption("shared");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect.poll(() => page.locator("#settings-result").textContent()).toBe("The settings were not saved.");
    await expect.poll(() => page.getByText("A shared guest customer needs its NetSuite customer id").count()).toBeGreaterThan(0);
    await page.getByLabel("Shared guest customer id").fill("900");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect.poll(() => page.locator("#settings-result").textContent()).toBe("Settings saved.");
    const row = await db().shopSettings.findUniqueOrThrow({ where: { shopDomain: SHOP } });
    expect(JSON.parse(row.data)).toMatchObject({ storefront: { subsidiaryId: "1", currencies: { USD: "1", CAD: "3" } }, customers: { guestPolicy: "shared", sharedGuestCustomerId: "900" }, journal: { giftCardLiabilityAccountId: "77" } });
    expect(row.updatedBy).toBe("demo user");
    await page.screenshot({ path: artifactPath(`screen-settings-${testProvider}.png`), fullPage: true });

    // The journal accounts, checked against NetSuite's chart of accounts (the simulator's seed:
    // 100 is the bank account, 1100 Operating Bank Account).
    const { settings: saved } = await loadSettings(db(), SHOP);
    await saveSettings(db(), SHOP, { ...saved, journal: { bankAccountId: "100", clearingAccountId: "101", feesAccountId: "100", refundsAccountId: "103", adjustmentsAccountId: "106", reservesAccountId: "107", giftCardLiabilityAccountId: "999" } }, "test");
    await page.reload();
    await page.getByRole("button", { name: "Check accounts in NetSuite" }).click();
    await expect.poll(() => page.locator("#settings-result").textContent()).toBe("2 of 7 journal accounts need attention.");
    const lines = await page.locator(".account-check").allTextContents();
    expect(lines).toHaveLength(7);
    expect(lines).toContain("Bank: 1100 Operating Bank Account (Bank).");
    expect(lines).toContain("Fees: 1100 Operating Bank Account (Bank) is a Bank account; usually this is Expense or OthExpense or COGS. Confirm with your accountant.");
    expect(lines).toContain("Gift card liability: NetSuite has no account with internal id 999.");
    await page.screenshot({ path: artifactPath(`screen-settings-accounts-${testProvider}.png`), fullPage: true });

    // The connection form never shows secrets back; a blank secret keeps the stored one.
    await page.getByLabel("Authentication").selectOption("token_based");
    await page.getByLabel("Consumer key").fill("");
    await page.getByRole("button", { name: "Save connection" }).click();
    await expect.poll(() => page.locator("#settings-result").textContent()).toContain("connection");
    expect(await page.content()).not.toContain("demo-consumer-secret");
    expect(errors).toEqual([]);
    await close();
  });

  it("lists orders with their sync state and shows an order's timeline", async () => {
    const body = JSON.stringify({ id: 5900000000777, name: "#1777", updated_at: "2026-12-05T08:00:00Z", current_total_price: "63.50", currency: "USD", line_items: [{ id: 1, sku: "TSHIRT-BLK-M", quantity: 1 }] });
    expect((await postWebhook(app.url, { topic: "orders/create", shop: SHOP, body, secret: DEMO_DEFAULTS.apiSecret })).status).toBe(200);
    const { page, errors, close } = await open("/app/orders?search=%231777");
    await expect.poll(() => page.locator('[data-order-name="#1777"]').count()).toBe(1);
    expect(await page.getByText("63.50 USD").count()).toBe(1);
    await page.locator('[data-order-name="#1777"]').click();
    await page.waitForURL(/\/app\/orders\/5900000000777$/);
    await expect.poll(() => page.getByText("Received from Shopify").count()).toBeGreaterThan(0);
    await page.screenshot({ path: artifactPath(`screen-order-${testProvider}.png`), fullPage: true });
    const missing = await page.goto(`${app.url}/app/orders/123`);
    expect(missing?.status()).toBe(404);
    expect(await page.getByText("No order 123 has reached the app").count()).toBe(1);
    expect(errors).toEqual([]);
    await close();
  });

  it("runs the connection test: passes with the stored credentials, names INVALID_LOGIN with a wrong secret", async () => {
    const { page, errors, close } = await open("/app/settings");
    await page.getByRole("button", { name: "Test the connection" }).click();
    await expect.poll(() => page.locator("#settings-result").textContent()).toBe("Connected to NetSuite account TSTDRV1234567.");
    await expect.poll(() => page.getByText("Connection test passed").count()).toBeGreaterThan(0);
    await page.getByLabel("Authentication").selectOption("token_based");
    await page.getByLabel("Token secret").fill("not-the-secret");
    await page.getByRole("button", { name: "Save connection" }).click();
    await expect.poll(() => page.locator("#settings-result").textContent()).toContain("connection saved");
    await page.getByRole("button", { name: "Test the connection" }).click();
    await expect.poll(() => page.locator("#settings-result").textContent()).toContain("INVALID_LOGIN");
    await page.screenshot({ path: artifactPath(`screen-connection-test-${testProvider}.png`), fullPage: true });
    // What the server sends back never holds a secret (the field above is only what was typed).
    await page.reload();
    await page.waitForLoadState("networkidle");
    expect(await page.content()).not.toContain("not-the-secret");
    expect(errors).toEqual([]);
    await close();
  });

  it("shows the day's exception and mismatch report, and downloads it as CSV", async () => {
    await raiseException(db(), {
      shop: SHOP,
      causeCode: "amount_mismatch",
      message: "The Sales Order would total 101.00 USD in NetSuite but Shopify's order total is 100.00 USD",
      objectType: "order",
      objectId: "5900000000002",
      job: { kind: JOB_KIND.orderSync, key: orderKey(SHOP, "5900000000002"), data: { shop: SHOP, objectType: "order", objectId: "5900000000002" }, priority: PRIORITY.orderNew },
      attempts: 1,
    });
    const { page, errors, close } = await open("/app/reports");
    await expect.poll(() => page.locator("#report-mismatches").textContent()).toBe("1");
    expect(Number(await page.locator("#report-exceptions").textContent())).toBeGreaterThanOrEqual(2);
    expect(await page.getByText("Money mismatch: Amounts do not match").count()).toBe(1);
    await page.screenshot({ path: artifactPath(`screen-report-${testProvider}.png`), fullPage: true });
    const day = new Date().toISOString().slice(0, 10);
    const csv = parseCsv(await (await fetch(`${app.url}/api/reports/daily.csv?day=${day}`)).text());
    expect(csv[0]).toEqual(["day", "kind", "at", "cause", "owner", "object", "message", "status", "resolved_by"]);
    expect(csv.filter((r) => r[1] === "mismatch").map((r) => [r[0], r[5], r[7]])).toEqual([[day, "order 5900000000002", "open"]]);
    // Another day has nothing.
    await page.getByRole("button", { name: "Previous day" }).click();
    await expect.poll(() => page.getByText("Nothing to report for this day").count()).toBe(1);
    expect(errors).toEqual([]);
    await close();
  });
});
