/**
 * The PostgreSQL governor's rules, with two governors standing in for two processes (each has
 * its own connection, so its own advisory-lock session): never more holders than the limit
 * between them, a cancelled waiter leaves, and a dead connection frees its slots.
 * PostgreSQL only; the two-process test (governor.two-process.test.ts) adds real processes.
 */
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { accountLockKey, PgGovernor } from "~/governor";

const URL_ = process.env.TEST_BASE_DATABASE_URL ?? process.env.DATABASE_URL ?? "";
const PG = URL_.startsWith("postgres");
const connection = () => {
  const u = new URL(URL_);
  u.searchParams.delete("schema");
  if (!u.username) u.username = "postgres";
  return { connectionString: u.toString() };
};
// Advisory locks are database-wide: a fresh account key per test keeps other files out.
const account = () => `TEST_${crypto.randomBytes(6).toString("hex")}`;
const governors: PgGovernor[] = [];
const make = () => {
  const g = new PgGovernor({ connection: connection(), pollMs: 50 });
  governors.push(g);
  return g;
};
afterAll(async () => {
  for (const g of governors) await g.close();
});

describe.skipIf(!PG)("PgGovernor", () => {
  it("keeps holders of two governors within the limit, and serves everyone", async () => {
    const [a, b] = [make(), make()];
    const acct = account();
    let holding = 0;
    let peak = 0;
    let served = 0;
    await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const release = await (i % 2 ? a : b).acquire(acct, 4);
        holding++;
        peak = Math.max(peak, holding);
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 10));
        holding--;
        served++;
        await release();
      }),
    );
    expect(peak).toBe(4);
    expect(served).toBe(60);
  });

  it("lets a cancelled waiter go without taking a slot", async () => {
    const g = make();
    const acct = account();
    const held = await g.acquire(acct, 1);
    const ac = new AbortController();
    const waiting = g.acquire(acct, 1, ac.signal);
    ac.abort(new Error("job cancelled"));
    await expect(waiting).rejects.toThrow("job cancelled");
    await held();
    const again = await Promise.race([g.acquire(acct, 1), new Promise<null>((r) => setTimeout(() => r(null), 2000))]);
    expect(again).not.toBeNull();
    await again!();
  });

  it("frees a dead process's slots: its connection's locks go with it", async () => {
    const [dying, other] = [make(), make()];
    const acct = account();
    await dying.acquire(acct, 2);
    await dying.acquire(acct, 2);
    const blocked = await Promise.race([other.acquire(acct, 2).then((r) => r), new Promise<null>((r) => setTimeout(() => r(null), 300))]);
    expect(blocked).toBeNull();
    const admin = new pg.Client(connection());
    await admin.connect();
    // The dying governor's session is the one holding advisory locks on this key.
    const { rows } = await admin.query<{ pid: number }>("SELECT DISTINCT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = $1::bigint::oid", [accountLockKey(acct) >>> 0]);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) await admin.query("SELECT pg_terminate_backend($1)", [r.pid]);
    await admin.end();
    const got = await Promise.race([other.acquire(acct, 2), new Promise<null>((r) => setTimeout(() => r(null), 3000))]);
    expect(got).not.toBeNull();
  });
});
