/**
 * A worker process for the lease-expiry test: runs jobs of kind t.lease, each of which POSTs to
 * RECEIVER_URL with the job id as idempotency key. The test SIGKILLs it mid-call.
 */
import { createJobEngine } from "~/jobs";
import { testEngineOptions } from "./engine-options";

const receiver = process.env.RECEIVER_URL;
if (!receiver) throw new Error("RECEIVER_URL is required");
const engine = createJobEngine(testEngineOptions(process.env.PGBOSS_SCHEMA));
await engine.start();
await engine.work("t.lease", async (job) => {
  const res = await fetch(receiver, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": job.id },
    body: JSON.stringify({ attempt: job.attempt }),
    signal: job.signal,
  });
  if (!res.ok) throw new Error(`receiver answered ${res.status}`);
});
process.stdout.write("lease worker ready\n");
process.on("SIGTERM", () => void engine.stop({ graceMs: 500 }).finally(() => process.exit(0)));
