/** Engine settings for tests: tiny retry delays, fast polling, short leases and cron passes. */
import { createLogger, type Logger } from "~/log.server";
import type { EngineOptions } from "~/jobs";

export function testEngineOptions(bossSchema: string | undefined, extra: EngineOptions = {}, logger?: Logger): EngineOptions {
  return {
    retry: { baseDelayMs: 200, maxDelayMs: 2_000 },
    pollIntervalMs: 50,
    graceMs: 2_000,
    logger: logger ?? createLogger({ test: "jobs" }, process.env.JOBS_TEST_LOG ? undefined : () => {}),
    sqlite: { leaseMs: 1_500, cronIntervalMs: 200 },
    // pg-boss will not go below a 10 s heartbeat; its supervisor and cron passes can run every second.
    pgboss: { schema: bossSchema, heartbeatSeconds: 10, superviseIntervalSeconds: 1, cronIntervalSeconds: 1, poolMax: 4 },
    ...extra,
  };
}
