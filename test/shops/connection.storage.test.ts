import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { db, disconnectDb } from "~/db.server";
import { generateKeySpec, parseKeyRing } from "~/crypto/secrets.server";
import { recordInstall, recordRedacted, recordUninstall } from "~/shops/shops.server";
import { loadConnection, normaliseAccountId, rotateConnectionKeys, saveConnection } from "~/shops/connection.server";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase("connection");
});
afterAll(async () => {
  await disconnectDb();
  await tdb.drop();
});

const tba = { kind: "token_based" as const, consumerKey: "ck-1", consumerSecret: "cs-SECRET-1", tokenId: "tid-1", tokenSecret: "ts-SECRET-1" };

describe(`NetSuite connection storage (${process.env.TEST_BASE_DATABASE_URL?.startsWith("postgres") ? "postgresql" : "sqlite"})`, () => {
  it("stores credentials encrypted and loads them back", async () => {
    const keySpec = generateKeySpec("k1");
    const ring = parseKeyRing(keySpec);
    const shop = await recordInstall(db(), "enc-test.myshopify.com", { name: "Enc" });
    await saveConnection(db(), ring, shop.id, { accountId: "1234567-sb1", credentials: tba });
    const row = await db().netSuiteConnection.findUniqueOrThrow({ where: { shopId: shop.id } });
    expect(row.credentials).not.toContain("cs-SECRET-1");
    expect(row.credentials).not.toContain("ts-SECRET-1");
    expect(row.credentialsKeyId).toBe("k1");
    const loaded = await loadConnection(db(), ring, shop.id);
    expect(loaded?.credentials).toEqual(tba);
    expect(loaded?.accountId).toBe("1234567_SB1");

    // Saving the same secret again writes a different ciphertext.
    await saveConnection(db(), ring, shop.id, { accountId: "1234567_SB1", credentials: tba });
    const again = await db().netSuiteConnection.findUniqueOrThrow({ where: { shopId: shop.id } });
    expect(again.credentials).not.toBe(row.credentials);

    // A tampered row fails to open.
    const tampered = again.credentials.slice(0, -3) + (again.credentials.endsWith("AAA") ? "BBB" : "AAA");
    await db().netSuiteConnection.update({ where: { id: again.id }, data: { credentials: tampered } });
    await expect(loadConnection(db(), ring, shop.id)).rejects.toThrow(/integrity/);

    // The wrong key fails to open.
    await saveConnection(db(), ring, shop.id, { accountId: "1234567_SB1", credentials: tba });
    await expect(loadConnection(db(), parseKeyRing(generateKeySpec("k1")), shop.id)).rejects.toThrow(/integrity/);

    // Rotation: a new key in front, the old kept; rows re-sealed under the new id still open.
    const rotated = parseKeyRing(`${generateKeySpec("k2")},${keySpec}`);
    expect((await loadConnection(db(), rotated, shop.id))?.credentials).toEqual(tba);
    expect(await rotateConnectionKeys(db(), rotated)).toBeGreaterThanOrEqual(1);
    const rerow = await db().netSuiteConnection.findUniqueOrThrow({ where: { shopId: shop.id } });
    expect(rerow.credentialsKeyId).toBe("k2");
    expect((await loadConnection(db(), rotated, shop.id))?.credentials).toEqual(tba);
  });

  it("binds a ciphertext to its shop: copied into another shop's row it does not open", async () => {
    const ring = parseKeyRing(generateKeySpec("k1"));
    const a = await recordInstall(db(), "iso-a.myshopify.com");
    const b = await recordInstall(db(), "iso-b.myshopify.com");
    await saveConnection(db(), ring, a.id, { accountId: "7654321", credentials: tba });
    await saveConnection(db(), ring, b.id, { accountId: "7654321", credentials: { ...tba, consumerSecret: "other" } });
    const rowA = await db().netSuiteConnection.findUniqueOrThrow({ where: { shopId: a.id } });
    await db().netSuiteConnection.update({ where: { shopId: b.id }, data: { credentials: rowA.credentials } });
    await expect(loadConnection(db(), ring, b.id)).rejects.toThrow(/integrity/);
  });

  it("lets several shops share one NetSuite account, whose capacity is counted once", async () => {
    const ring = parseKeyRing(generateKeySpec("k1"));
    const us = await recordInstall(db(), "store-us.myshopify.com");
    const eu = await recordInstall(db(), "store-eu.myshopify.com");
    await saveConnection(db(), ring, us.id, { accountId: "5550001", credentials: tba, concurrencyLimit: 15 });
    await saveConnection(db(), ring, eu.id, { accountId: "5550001", credentials: tba });
    const accounts = await db().netSuiteAccount.findMany({ where: { accountId: "5550001" }, include: { connections: true } });
    expect(accounts).toHaveLength(1);
    expect(accounts[0]!.connections).toHaveLength(2);
    expect(accounts[0]!.concurrencyLimit).toBe(15);
  });

  it("moves a shop through install, uninstall, redact and reinstall", async () => {
    await recordInstall(db(), "life.myshopify.com");
    expect((await recordUninstall(db(), "life.myshopify.com"))?.status).toBe("uninstalled");
    expect((await recordRedacted(db(), "life.myshopify.com"))?.status).toBe("redacted");
    const back = await recordInstall(db(), "life.myshopify.com");
    expect(back.status).toBe("installed");
    await expect(recordRedacted(db(), "life.myshopify.com")).rejects.toThrow(/cannot move/);
  });

  it("normalises NetSuite account ids to the realm form", () => {
    expect(normaliseAccountId("1234567-sb1")).toBe("1234567_SB1");
    expect(normaliseAccountId(" 1234567 ")).toBe("1234567");
    expect(() => normaliseAccountId("12 34")).toThrow();
  });
});
