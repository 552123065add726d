/**
 * An open-loop load generator: requests are sent on a fixed schedule whatever the server does,
 * and each latency is measured from the moment the request was due, so a slow server cannot
 * hide its queueing (no coordinated omission).
 */
export interface LoadResult {
  sent: number;
  ok: number;
  failed: number;
  durationMs: number;
  achievedRps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export async function openLoop(rps: number, seconds: number, request: (i: number) => Promise<Response>): Promise<LoadResult> {
  const total = Math.round(rps * seconds);
  const interval = 1000 / rps;
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inflight.push(
      request(i)
        .then(async (res) => {
          await res.arrayBuffer();
          latencies.push(performance.now() - due);
          if (res.ok) ok++;
          else failed++;
        })
        .catch(() => {
          latencies.push(performance.now() - due);
          failed++;
        }),
    );
  }
  await Promise.all(inflight);
  const durationMs = performance.now() - start;
  latencies.sort((a, b) => a - b);
  return {
    sent: total,
    ok,
    failed,
    durationMs,
    achievedRps: (ok / durationMs) * 1000,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
  };
}

/** Times n sequential calls; returns sorted durations in ms. */
export async function timeSequential(n: number, call: (i: number) => Promise<Response>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await call(i);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`HTTP ${res.status} during timing`);
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}
