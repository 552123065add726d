/**
 * The environment, validated once with zod. Demo mode is an explicit switch (DEMO=1), never
 * inferred from NODE_ENV (remix-serve sets NODE_ENV=production when it is unset).
 */
import { z } from "zod";
import { DEMO_DEFAULTS } from "./demo-defaults";
import { databaseUrl } from "~/db/provider";

const flag = z
  .string()
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");

const schema = z.object({
  DEMO: flag,
  SHOPIFY_API_KEY: z.string().min(1).optional(),
  SHOPIFY_API_SECRET: z.string().min(1).optional(),
  SHOPIFY_APP_URL: z.url().optional(),
  SCOPES: z.string().optional(),
  ENCRYPTION_KEYS: z.string().optional(),
  DATABASE_URL: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Demo and tests only: where the Shopify simulator listens (test/simulators/shopify). */
  SHOPIFY_SIMULATOR_URL: z.url().optional(),
  /** Demo and tests only: where the NetSuite simulator listens. */
  NETSUITE_SIMULATOR_URL: z.url().optional(),
  /** all (web + worker, the SQLite default) | web | worker. */
  PROCESS_ROLE: z.enum(["all", "web", "worker"]).default("all"),
  DEMO_SHOP: z.string().optional(),
  // Tuning, for tests and benchmarks that need faster recovery than production defaults.
  /** First job retry delay (doubles per attempt). Default 2000. */
  JOB_RETRY_BASE_MS: z.coerce.number().int().min(1).optional(),
  /** Embedded engine: how long a running job is held before another worker may take it. Default 60000. */
  JOB_LEASE_MS: z.coerce.number().int().min(100).optional(),
  /** pg-boss: a job whose heartbeat is older than this is retried (minimum 10). Default 30. */
  JOB_HEARTBEAT_SECONDS: z.coerce.number().int().min(10).optional(),
  /** pg-boss: how often expired jobs are looked for. Default 30. */
  JOB_SUPERVISE_SECONDS: z.coerce.number().int().min(1).optional(),
  /** "off": no scheduled sweeps (tests without a Shopify simulator); on-demand runs still work. */
  SWEEP_SCHEDULES: z.enum(["on", "off"]).default("on"),
  /** One NetSuite call's time limit. Default 120000. */
  NETSUITE_TIMEOUT_MS: z.coerce.number().int().min(100).optional(),
  /**
   * Order jobs one worker process runs at once. Above the NetSuite account's concurrency limit,
   * so that while some jobs are between calls (reading and writing the database) others hold
   * every slot; the governor keeps the calls within the limit. Default 12.
   */
  ORDER_JOB_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(12),
});

export interface AppEnv {
  demo: boolean;
  apiKey: string;
  apiSecret: string;
  appUrl: string;
  scopes: string[];
  encryptionKeys: string;
  databaseUrl: string;
  port: number;
  processRole: "all" | "web" | "worker";
  demoShop: string;
  shopifySimulatorUrl?: string;
  netsuiteSimulatorUrl?: string;
  tuning: { jobRetryBaseMs?: number; jobLeaseMs?: number; jobHeartbeatSeconds?: number; jobSuperviseSeconds?: number; netsuiteTimeoutMs?: number; sweepSchedules: boolean; orderJobConcurrency: number };
}

export class EnvError extends Error {
  override name = "EnvError";
}

export const DEFAULT_SCOPES = [
  "read_orders",
  "write_orders",
  "write_order_edits",
  "read_merchant_managed_fulfillment_orders",
  "write_merchant_managed_fulfillment_orders",
  "read_inventory",
  "write_inventory",
  "read_locations",
  "read_products",
  "read_customers",
  "read_shopify_payments_payouts",
];

/** Parses an environment; throws EnvError naming every problem. Pure: pass the env in. */
export function parseEnv(raw: Record<string, string | undefined>): AppEnv {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new EnvError(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const e = parsed.data;
  const demo = e.DEMO;
  const pick = (value: string | undefined, demoValue: string, name: string): string => {
    if (value) return value;
    if (demo) return demoValue;
    throw new EnvError(`${name} is required (set it, or run the demo with DEMO=1)`);
  };
  const env: AppEnv = {
    demo,
    apiKey: pick(e.SHOPIFY_API_KEY, DEMO_DEFAULTS.apiKey, "SHOPIFY_API_KEY"),
    apiSecret: pick(e.SHOPIFY_API_SECRET, DEMO_DEFAULTS.apiSecret, "SHOPIFY_API_SECRET"),
    appUrl: pick(e.SHOPIFY_APP_URL, `http://127.0.0.1:${e.PORT}`, "SHOPIFY_APP_URL"),
    scopes: e.SCOPES ? e.SCOPES.split(",").map((s) => s.trim()).filter(Boolean) : DEFAULT_SCOPES,
    encryptionKeys: pick(e.ENCRYPTION_KEYS, DEMO_DEFAULTS.encryptionKeys, "ENCRYPTION_KEYS"),
    databaseUrl: databaseUrl(raw),
    port: e.PORT,
    processRole: e.PROCESS_ROLE,
    demoShop: e.DEMO_SHOP ?? DEMO_DEFAULTS.shop,
    shopifySimulatorUrl: e.SHOPIFY_SIMULATOR_URL,
    netsuiteSimulatorUrl: e.NETSUITE_SIMULATOR_URL,
    tuning: { jobRetryBaseMs: e.JOB_RETRY_BASE_MS, jobLeaseMs: e.JOB_LEASE_MS, jobHeartbeatSeconds: e.JOB_HEARTBEAT_SECONDS, jobSuperviseSeconds: e.JOB_SUPERVISE_SECONDS, netsuiteTimeoutMs: e.NETSUITE_TIMEOUT_MS, sweepSchedules: e.SWEEP_SCHEDULES === "on", orderJobConcurrency: e.ORDER_JOB_CONCURRENCY },
  };
  if (!demo) {
    const leaked: string[] = [];
    if (env.apiKey === DEMO_DEFAULTS.apiKey) leaked.push("SHOPIFY_API_KEY");
    if (env.apiSecret === DEMO_DEFAULTS.apiSecret) leaked.push("SHOPIFY_API_SECRET");
    if (env.encryptionKeys.split(",").some((k) => DEMO_DEFAULTS.encryptionKeys.split(",").includes(k.trim()))) leaked.push("ENCRYPTION_KEYS");
    if (leaked.length > 0) {
      throw new EnvError(`Refusing to start: ${leaked.join(", ")} use the committed demo values, which are public. Set your own, or run with DEMO=1.`);
    }
  }
  // The simulator answers every shop's Admin API calls and token exchanges: in production that
  // would send a real shop's requests (and tokens) to whatever the URL names.
  if (env.shopifySimulatorUrl && !demo && raw.NODE_ENV !== "test") {
    throw new EnvError(
      "SHOPIFY_SIMULATOR_URL sends every shop's Shopify requests to the simulator: it is accepted only in demo mode (DEMO=1) or under tests (NODE_ENV=test). Unset it.",
    );
  }
  return env;
}

let cached: AppEnv | undefined;
/** The process's environment, parsed on first use. */
export function env(): AppEnv {
  cached ??= parseEnv(process.env);
  return cached;
}
