/**
 * Starts the built app as a child process (the real server: express + Remix build + the
 * background runtime), on an ephemeral port, and stops it. Tests talk to it over HTTP.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export interface RunningApp {
  url: string;
  child: ChildProcess;
  logs: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export const TEST_SECRET = "test-app-secret-for-signatures";
export const TEST_API_KEY = "test-api-key";
export const TEST_ENCRYPTION_KEYS = "test1:dGVzdC1rZXktMzItYnl0ZXMtbG9uZy0xMjM0NTY3ODk=";

/** The environment a non-demo test app gets: its own secrets, never the demo ones. */
export function testAppEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    SHOPIFY_API_KEY: TEST_API_KEY,
    SHOPIFY_API_SECRET: TEST_SECRET,
    SHOPIFY_APP_URL: "http://127.0.0.1:3000",
    ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    // Test apps talk to no real Shopify: scheduled sweeps off (on-demand sweeps still run).
    SWEEP_SCHEDULES: "off",
    ...extra,
  };
}

export async function startApp(env: Record<string, string>, opts: { timeoutMs?: number; nodeArgs?: string[] } = {}): Promise<RunningApp> {
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), path.join(root, "scripts", "start.mjs")], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", PORT: "0", LOG_LEVEL: "warn", ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start in time:\n${out}`)), opts.timeoutMs ?? 60_000);
    const onData = () => {
      const m = out.match(/"msg":"listening","url":"([^"]+)"/);
      if (m?.[1]) {
        clearTimeout(timer);
        child.stdout!.off("data", onData);
        resolve(m[1]);
      }
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with ${code} before listening:\n${out}`));
    });
  });
  return {
    url,
    child,
    logs: () => out,
    stop: (signal = "SIGTERM") =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once("exit", (code) => resolve(code));
        child.kill(signal);
      }),
  };
}

/** Runs the start script expecting it to fail; resolves with its exit code and output. */
export function startAppExpectingFailure(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", PORT: "0", ...env } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
