/**
 * Group commit: writes that arrive while a commit is under way wait and go in the next
 * transaction together, so a burst of webhooks pays for one commit (one fsync on SQLite, one
 * round of WAL flush on PostgreSQL) per batch instead of one per webhook. A lone write waits for
 * nothing: it starts as soon as the event loop has taken in what arrived with it.
 *
 * Each caller is answered only after the transaction holding its write has committed. When a
 * batch's transaction fails as a whole (a unique key taken by another process in the meantime,
 * a dropped connection), each of its writes is tried again alone, so one bad write costs the
 * others nothing and each caller gets its own answer.
 */
export interface GroupCommitOptions<T, R> {
  /** Writes the batch in one transaction; answers each item, in order. */
  batch: (items: T[]) => Promise<R[]>;
  /** Writes one item alone (a batch of one, and the fallback when a batch fails). */
  single: (item: T) => Promise<R>;
  /** The most items in one transaction. */
  maxBatch?: number;
}

interface Pending<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

export class GroupCommit<T, R> {
  private pending: Pending<T, R>[] = [];
  private running = false;
  private readonly maxBatch: number;
  /** Batches and items written, for tests and benchmarks. */
  readonly stats = { batches: 0, items: 0, fallbacks: 0, largest: 0 };

  constructor(private readonly o: GroupCommitOptions<T, R>) {
    this.maxBatch = o.maxBatch ?? 64;
  }

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.running) {
        this.running = true;
        // Let the requests already read in this turn of the event loop join the first batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length) {
        const group = this.pending.splice(0, this.maxBatch);
        await this.write(group);
      }
    } finally {
      this.running = false;
      // A submit that came in while the last batch finished found running = true.
      if (this.pending.length) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    }
  }

  private async write(group: Pending<T, R>[]): Promise<void> {
    this.stats.batches++;
    this.stats.items += group.length;
    this.stats.largest = Math.max(this.stats.largest, group.length);
    if (group.length === 1) return this.alone(group[0]!);
    let answers: R[];
    try {
      answers = await this.o.batch(group.map((p) => p.item));
    } catch {
      this.stats.fallbacks++;
      await Promise.all(group.map((p) => this.alone(p)));
      return;
    }
    group.forEach((p, i) => p.resolve(answers[i]!));
  }

  private async alone(p: Pending<T, R>): Promise<void> {
    try {
      p.resolve(await this.o.single(p.item));
    } catch (error) {
      p.reject(error);
    }
  }
}
