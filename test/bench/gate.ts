/**
 * A pass-through HTTP proxy in front of the NetSuite simulator that can be closed: while closed,
 * requests are held (not answered, not forwarded) until it opens again. The burst benchmark
 * closes it while it queues orders, so the queue is full when draining starts, as after a
 * NetSuite outage. The Host header is forwarded unchanged, so OAuth 1.0a signatures (which sign
 * the URL the app called) still verify at the simulator.
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface Gate {
  /** http://127.0.0.1:<port> */
  url: string;
  close(): void;
  open(): void;
  /** Requests waiting at the closed gate. */
  held(): number;
  stop(): Promise<void>;
}

export async function startGate(target: string): Promise<Gate> {
  const to = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const sockets = new Set<Socket>();
  let waiters: (() => void)[] = [];
  let closed = false;

  const server = http.createServer((req, res) => {
    const forward = () => {
      const up = http.request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      // The simulator dropped the connection (an injected fault): drop ours too.
      up.on("error", () => res.socket?.destroy());
      req.pipe(up);
    };
    if (closed) waiters.push(forward);
    else forward();
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      closed = true;
    },
    open: () => {
      closed = false;
      const w = waiters;
      waiters = [];
      for (const f of w) f();
    },
    held: () => waiters.length,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
