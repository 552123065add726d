import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProvider, type TestDatabase } from "../support/db";
import { db, disconnectDb } from "~/db.server";
import { createJobEngine } from "~/jobs";
import type { JobEngine } from "~/jobs/port";
import { PermanentJobError, PRIORITY } from "~/jobs/port";
import { createLogger } from "~/log.server";
import { deadJobRecorder, ignoreException, retryException } from "~/exceptions/exceptions.server";
import { guarded } from "~/worker/handlers.server";
import { waitFor as waitUntil } from "../support/wait";

let tdb: TestDatabase;
let engine: JobEngine;
const SHOP = "parking.myshopify.com";
const log = createLogger({ test: "parking" }, () => {});
let broken = true;
const ran: string[] = [];

const waitFor = <T,>(read: () => Promise<T>, done: (v: T) => boolean) => waitUntil(read, done, 30_000, 50);

beforeAll(async () => {
  tdb = await createTestDatabase("parking");
  engine = createJobEngine({ hooks: { onDead: deadJobRecorder(db) }, retry: { baseDelayMs: 20, maxDelayMs: 100 }, logger: log });
  await engine.start();
  await engine.work(
    "test.write",
    guarded(async (job) => {
      if (broken && job.data.step === "create") throw new Error("NetSuite is unavailable");
      if (job.data.step === "bad") throw new PermanentJobError("SKU POSTER-LTD-01 is not mapped", "unmapped_sku");
      ran.push(String(job.data.step));
    }, { db, log, engine }),
    { concurrency: 2 },
  );
});
afterAll(async () => {
  await engine?.stop();
  await disconnectDb();
  await tdb?.drop();
});

const spec = (key: string, step: string) => ({ kind: "test.write", key, priority: PRIORITY.orderNew, data: { shop: SHOP, objectType: "order", objectId: key, step }, maxAttempts: 3 });

describe(`exceptions, parking and replay (${testProvider})`, () => {
  it("turns an always-failing job into one open exception, parks the key's next job, and replays both in order once fixed", async () => {
    await engine.enqueue(spec("o-1", "create"));
    const ex = await waitFor(() => db().syncException.findFirst({ where: { jobKey: "o-1" } }), (e) => e !== null);
    expect(ex).toMatchObject({ status: "open", causeCode: "retries_exhausted", attempts: 3, message: "NetSuite is unavailable", objectId: "o-1" });

    await engine.enqueue(spec("o-1", "edit"));
    await waitFor(() => db().parkedJob.count({ where: { jobKey: "o-1" } }), (n) => n === 1);
    expect(ran).toEqual([]);
    // An unrelated key is not held back.
    await engine.enqueue(spec("o-2", "other"));
    await waitFor(async () => ran.slice(), (r) => r.includes("other"));

    broken = false;
    const result = await retryException(db(), engine, SHOP, ex!.id, "ops@merchant");
    expect(result.released).toBe(2);
    await waitFor(async () => ran.slice(), (r) => r.includes("edit"));
    expect(ran.filter((s) => s !== "other")).toEqual(["create", "edit"]);
    expect(await db().syncException.count({ where: { jobKey: "o-1", status: "open" } })).toBe(0);
    expect(await db().parkedJob.count({ where: { jobKey: "o-1" } })).toBe(0);
    const closed = await db().syncException.findUniqueOrThrow({ where: { id: ex!.id } });
    expect(closed).toMatchObject({ status: "resolved", resolvedBy: "ops@merchant" });
  });

  it("dies at once on a permanent error, and ignoring it releases only the parked jobs", async () => {
    await engine.enqueue(spec("o-3", "bad"));
    const ex = await waitFor(() => db().syncException.findFirst({ where: { jobKey: "o-3" } }), (e) => e !== null);
    expect(ex).toMatchObject({ causeCode: "unmapped_sku", attempts: 1, ownerRole: "ops" });
    await engine.enqueue(spec("o-3", "after-bad"));
    await waitFor(() => db().parkedJob.count({ where: { jobKey: "o-3" } }), (n) => n === 1);
    await expect(ignoreException(db(), engine, SHOP, ex!.id, "ops@merchant", "")).rejects.toThrow(/reason/);
    await ignoreException(db(), engine, SHOP, ex!.id, "ops@merchant", "order cancelled by phone");
    await waitFor(async () => ran.slice(), (r) => r.includes("after-bad"));
    expect(ran).not.toContain("bad");
    await expect(retryException(db(), engine, SHOP, ex!.id, "x")).rejects.toThrow(/already ignored/);
  });

  it("refuses to act on another shop's exception", async () => {
    const ex = await db().syncException.findFirstOrThrow({ where: { jobKey: "o-3" } });
    await expect(retryException(db(), engine, "other.myshopify.com", ex.id, "x")).rejects.toThrow(/No exception/);
  });
});
