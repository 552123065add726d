/**
 * The NetSuite call governor: every call to a NetSuite account holds one of the account's
 * concurrency slots (NetSuite's limit is per account, shared by every integration, process and
 * shop that writes to it). In memory within one process; across processes on PostgreSQL.
 */
export type Release = () => Promise<void>;

export interface Governor {
  /** Waits for a free slot of the account; resolves with its release. */
  acquire(accountKey: string, limit: number, signal?: AbortSignal): Promise<Release>;
  close?(): Promise<void>;
}

export { MemoryGovernor } from "./memory";
export { PgGovernor, accountLockKey } from "./pg-governor.server";
