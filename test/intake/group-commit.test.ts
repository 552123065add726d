import { describe, expect, it } from "vitest";
import { GroupCommit } from "~/intake/group-commit";

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("group commit", () => {
  it("writes what arrives together in one batch, and what arrives during a commit in the next", async () => {
    const batches: number[][] = [];
    let commit!: () => void;
    const gc = new GroupCommit<number, string>({
      batch: async (items) => {
        batches.push(items);
        if (batches.length === 1) await new Promise<void>((r) => (commit = r));
        return items.map((i) => `b${i}`);
      },
      single: async (i) => {
        batches.push([i]);
        return `s${i}`;
      },
    });
    const first = [1, 2, 3].map((i) => gc.submit(i));
    await tick();
    // The first batch is committing: these wait and go together afterwards.
    const second = [4, 5].map((i) => gc.submit(i));
    await tick();
    expect(batches).toEqual([[1, 2, 3]]);
    commit();
    expect(await Promise.all([...first, ...second])).toEqual(["b1", "b2", "b3", "b4", "b5"]);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(gc.stats).toMatchObject({ batches: 2, items: 5, fallbacks: 0, largest: 3 });
  });

  it("writes a lone item alone, without waiting", async () => {
    const seen: string[] = [];
    const gc = new GroupCommit<number, number>({ batch: async () => (seen.push("batch"), []), single: async (i) => (seen.push("single"), i * 2) });
    expect(await gc.submit(21)).toBe(42);
    expect(seen).toEqual(["single"]);
  });

  it("when a batch fails, writes each item alone so only the bad one fails", async () => {
    const gc = new GroupCommit<number, number>({
      batch: async () => {
        throw new Error("unique constraint");
      },
      single: async (i) => {
        if (i === 2) throw new Error(`item ${i} is bad`);
        return i;
      },
    });
    const results = await Promise.allSettled([1, 2, 3].map((i) => gc.submit(i)));
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual([1, "item 2 is bad", 3]);
    expect(gc.stats.fallbacks).toBe(1);
  });

  it("caps a batch and keeps the arrival order", async () => {
    const batches: number[][] = [];
    const gc = new GroupCommit<number, number>({ maxBatch: 4, batch: async (items) => (batches.push(items), items), single: async (i) => (batches.push([i]), i) });
    const all = await Promise.all(Array.from({ length: 10 }, (_, i) => gc.submit(i)));
    expect(all).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(batches).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
  });
});
