/**
 * What runs beside the web server in the same process: in the SQLite default one process
 * is web and worker; with PostgreSQL, PROCESS_ROLE chooses. The server script calls
 * startBackground() once after the build is loaded.
 */
import { env } from "./config/env.server";
import { db, disconnectDb } from "./db.server";
import { logger } from "./log.server";
import { seedDemo } from "./demo/seed.server";
import { jobEngine, stopJobEngine } from "./queue.server";
import { registerHandlers } from "./worker/handlers.server";
import { scheduleSweeps } from "./sync/sweep/index.server";
import { JOB_KIND } from "./intake/topics";

let started = false;

export async function startBackground(): Promise<void> {
  if (started) return;
  started = true;
  const config = env();
  const log = logger.child({ role: config.processRole, demo: config.demo });
  if (config.demo) {
    const shop = await seedDemo(db(), config);
    log.info("demo shop ready", { shop: shop.domain });
  }
  const engine = await jobEngine();
  if (config.processRole !== "web") {
    await registerHandlers(engine, { db, log }, { [JOB_KIND.orderSync]: config.tuning.orderJobConcurrency });
    await scheduleSweeps(engine, db(), log, config.tuning.sweepSchedules);
    log.info("worker started", { adapter: engine.adapter });
  }
  log.info("background started");
}

export async function stopBackground(): Promise<void> {
  if (!started) return;
  started = false;
  await stopJobEngine();
  await disconnectDb();
}
