/**
 * The in-process governor: per account, never more holders than the limit, waiters served in
 * the order they came, accounts independent, an aborted waiter leaves the queue.
 */
import { describe, expect, it } from "vitest";
import { MemoryGovernor } from "~/governor/memory";

const tick = () => new Promise((r) => setTimeout(r, Math.random() * 3));

describe("MemoryGovernor", () => {
  it("never lets more than the limit hold a slot, however many acquire at once", async () => {
    const g = new MemoryGovernor();
    let holding = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 200 }, async () => {
        const release = await g.acquire("ACCT", 5);
        holding++;
        peak = Math.max(peak, holding);
        await tick();
        holding--;
        await release();
      }),
    );
    expect(peak).toBe(5);
    expect(g.inFlight("ACCT")).toBe(0);
    expect(g.waiting("ACCT")).toBe(0);
  });

  it("serves waiters first come, first served", async () => {
    const g = new MemoryGovernor();
    const first = await g.acquire("ACCT", 1);
    const order: number[] = [];
    const waiters = Array.from({ length: 20 }, (_, i) =>
      g.acquire("ACCT", 1).then(async (release) => {
        order.push(i);
        await tick();
        await release();
      }),
    );
    expect(g.waiting("ACCT")).toBe(20);
    await first();
    await Promise.all(waiters);
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("hands a released slot to the waiter, not to a newcomer", async () => {
    const g = new MemoryGovernor();
    const held = await g.acquire("ACCT", 1);
    const got: string[] = [];
    const waiter = g.acquire("ACCT", 1).then((r) => (got.push("waiter"), r));
    await held();
    const newcomer = g.acquire("ACCT", 1).then((r) => (got.push("newcomer"), r));
    await (await waiter)();
    await (await newcomer)();
    expect(got).toEqual(["waiter", "newcomer"]);
  });

  it("keeps accounts apart", async () => {
    const g = new MemoryGovernor();
    const a = await g.acquire("A", 1);
    const b = await Promise.race([g.acquire("B", 1), new Promise<null>((r) => setTimeout(() => r(null), 50))]);
    expect(b).not.toBeNull();
    await a();
    await b!();
  });

  it("drops an aborted waiter from the queue and ignores a second release", async () => {
    const g = new MemoryGovernor();
    const held = await g.acquire("ACCT", 1);
    const ac = new AbortController();
    const aborted = g.acquire("ACCT", 1, ac.signal);
    const next = g.acquire("ACCT", 1);
    ac.abort(new Error("job cancelled"));
    await expect(aborted).rejects.toThrow("job cancelled");
    expect(g.waiting("ACCT")).toBe(1);
    await held();
    await held(); // twice must not free a second slot
    const r = await next;
    expect(g.inFlight("ACCT")).toBe(1);
    await r();
    expect(g.inFlight("ACCT")).toBe(0);
  });
});
