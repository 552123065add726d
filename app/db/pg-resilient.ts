/**
 * PostgreSQL through the Prisma pg adapter, surviving connections the server drops (restart,
 * failover, pg_terminate_backend). When the connection under an open interactive transaction
 * dies, the next statement fails, so does Prisma's ROLLBACK, and the adapter never hands the
 * client back to the pool: each such drop leaked one connection until the pool was empty and
 * every request waited forever. Here a transaction whose client is no longer usable releases it
 * to the pool at once, marked broken (the pool discards it and opens a new one), and commit or
 * rollback afterwards do nothing more.
 */
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import { bindAll } from "./sqlite-serial";

interface PoolClient {
  release(err?: Error | boolean): void;
  _queryable?: boolean;
  _ending?: boolean;
}

function resilientTransaction(tx: Transaction): Transaction {
  const client = (tx as unknown as { client?: PoolClient }).client;
  const cleanup = (tx as unknown as { cleanup?: () => void }).cleanup;
  if (!client || typeof client.release !== "function") return tx;
  let released = false;
  const broken = () => client._queryable === false || client._ending === true;
  const guard =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      try {
        return await fn(...a);
      } catch (error) {
        if (!released && broken()) {
          released = true;
          cleanup?.();
          client.release(error instanceof Error ? error : true);
        }
        throw error;
      }
    };
  return bindAll(tx, {
    queryRaw: guard((q: Parameters<Transaction["queryRaw"]>[0]) => tx.queryRaw(q)),
    executeRaw: guard((q: Parameters<Transaction["executeRaw"]>[0]) => tx.executeRaw(q)),
    commit: async () => {
      if (released) return;
      released = true;
      await tx.commit();
    },
    rollback: async () => {
      if (released) return;
      released = true;
      await tx.rollback();
    },
  });
}

function resilientAdapter(inner: SqlDriverAdapter): SqlDriverAdapter {
  return bindAll(inner, {
    startTransaction: async (level?: Parameters<SqlDriverAdapter["startTransaction"]>[0]) => resilientTransaction(await inner.startTransaction(level)),
  });
}

export function resilientPg<F extends SqlDriverAdapterFactory>(factory: F): F {
  return bindAll(factory, {
    connect: async () => resilientAdapter(await factory.connect()),
  } as Partial<Record<keyof F, unknown>>);
}
