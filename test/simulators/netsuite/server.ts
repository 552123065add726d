/**
 * A NetSuite REST web services simulator, faithful where the connector depends on it (see
 * /work/shared/PLATFORMS.md, and README.md here for what it knowingly does differently).
 * Several accounts live side by side: the local host does not name the account, so a call is
 * told apart by its OAuth 1.0a realm or by its OAuth 2.0 bearer token.
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { handleAdmin } from "./admin";
import { SimAuth, TOKEN_PATH } from "./auth";
import { DEMO_CERTIFICATE_ID, DEMO_CLIENT_ID, demoPublicKeyPem } from "./demo-keys";
import { concurrencyLimit, invalidLogin, SimNsError } from "./errors";
import { errorAnswer, readBody, send, type Answer } from "./http";
import { handleRest } from "./rest";
import { AccountState, realmForm, type Fault, type SimAccountConfig } from "./state";
import { SuiteQL } from "./suiteql";

export type { SimAccountConfig } from "./state";

export interface NetSuiteSimulatorOptions {
  /** 0 = a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: [demoAccount()]. */
  accounts?: SimAccountConfig[];
}

export interface NetSuiteSimulator {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export const DEMO_ACCOUNT_ID = "TSTDRV1234567";

/** The demo account; NETSUITE_SIM_* variables override its credentials. */
export function demoAccount(): SimAccountConfig {
  const e = process.env;
  return {
    accountId: e.NETSUITE_SIM_ACCOUNT ?? DEMO_ACCOUNT_ID,
    concurrencyLimit: e.NETSUITE_SIM_CONCURRENCY ? Number(e.NETSUITE_SIM_CONCURRENCY) : 5,
    tba: {
      consumerKey: e.NETSUITE_SIM_CONSUMER_KEY ?? "demo-consumer-key",
      consumerSecret: e.NETSUITE_SIM_CONSUMER_SECRET ?? "demo-consumer-secret",
      tokenId: e.NETSUITE_SIM_TOKEN_ID ?? "demo-token-id",
      tokenSecret: e.NETSUITE_SIM_TOKEN_SECRET ?? "demo-token-secret",
    },
    oauth2: {
      clientId: e.NETSUITE_SIM_CLIENT_ID ?? DEMO_CLIENT_ID,
      certificateId: e.NETSUITE_SIM_CERTIFICATE_ID ?? DEMO_CERTIFICATE_ID,
      publicKeyPem: e.NETSUITE_SIM_PUBLIC_KEY_PEM ?? demoPublicKeyPem(),
    },
    ...(e.NETSUITE_SIM_TOKEN_TTL ? { tokenTtlSeconds: Number(e.NETSUITE_SIM_TOKEN_TTL) } : {}),
  };
}

export async function startNetSuiteSimulator(o: NetSuiteSimulatorOptions = {}): Promise<NetSuiteSimulator> {
  const accounts = new Map<string, AccountState>();
  const engines = new Map<AccountState, SuiteQL>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const auth = new SimAuth(accounts);

  const addAccount = (c: SimAccountConfig) => {
    const previous = accounts.get(realmForm(c.accountId));
    if (previous) engines.get(previous)?.close();
    const a = new AccountState(c);
    accounts.set(a.id, a);
    engines.set(a, new SuiteQL(a.data));
    return a;
  };
  for (const c of o.accounts ?? [demoAccount()]) addAccount(c);

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const server = http.createServer((req, res) => {
    void serve(req, res).catch((e: unknown) => {
      const err = e instanceof SimNsError ? e : new SimNsError(500, "UNEXPECTED_ERROR", e instanceof Error ? e.message : String(e));
      send(res, errorAnswer(err));
    });
  });

  async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
    const raw = await readBody(req);
    const method = req.method ?? "GET";
    if (url.pathname.startsWith("/__sim/")) {
      const replaceAccounts = (cs: SimAccountConfig[]) => {
        for (const e of engines.values()) e.close();
        engines.clear();
        accounts.clear();
        cs.forEach(addAccount);
      };
      return send(res, handleAdmin({ accounts, addAccount, replaceAccounts }, method, url, raw));
    }
    if (url.pathname === TOKEN_PATH) {
      const answer = auth.token(req, url, raw);
      answer.account?.log({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), body: "(client assertion)", status: answer.status, at: new Date().toISOString() });
      return send(res, { status: answer.status, body: answer.body, headers: { "Cache-Control": "no-store" } });
    }
    if (!url.pathname.startsWith("/services/rest/")) return send(res, errorAnswer(new SimNsError(404, "NONEXISTENT_ID", `No resource at ${url.pathname}.`)));
    let acct: AccountState;
    try {
      acct = auth.authenticate(req, url);
    } catch (e) {
      auth.claimed(req)?.log(entry(req, url, raw, 401));
      throw e;
    }
    await governed(acct, req, res, url, raw);
  }

  function entry(req: http.IncomingMessage, url: URL, raw: string, status: number) {
    let body: unknown = raw === "" ? null : raw;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      /* kept as text */
    }
    return { method: req.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams), body, status, at: new Date().toISOString() };
  }

  /** The concurrency limit, latency and faults around one authenticated REST call. */
  async function governed(acct: AccountState, req: http.IncomingMessage, res: http.ServerResponse, url: URL, raw: string): Promise<void> {
    acct.calls++;
    if (acct.inFlight >= acct.effectiveLimit) {
      acct.tooManyRequests++;
      acct.log(entry(req, url, raw, 429));
      return send(res, errorAnswer(concurrencyLimit()));
    }
    acct.inFlight++;
    acct.peakInFlight = Math.max(acct.peakInFlight, acct.inFlight);
    const started = performance.now();
    let status = 0;
    try {
      const delay = acct.latencyMs + (acct.jitterMs > 0 ? Math.random() * acct.jitterMs : 0);
      if (delay > 0) await sleep(delay);
      const fault = acct.nextFault(req.method !== "GET" && !url.pathname.includes("/query/"));
      if (fault && fault.phase !== "after") {
        status = await failWith(acct, fault, res);
        return;
      }
      let answer: Answer;
      try {
        answer = handleRest({ acct, suiteql: engines.get(acct)!, method: req.method ?? "GET", url, raw, headers: req.headers });
      } catch (e) {
        if (!(e instanceof SimNsError)) throw e;
        answer = errorAnswer(e);
      }
      if (fault) {
        status = await failWith(acct, fault, res);
        return;
      }
      status = answer.status;
      send(res, answer);
    } finally {
      acct.inFlight--;
      acct.busyMs += performance.now() - started;
      acct.log(entry(req, url, raw, status));
    }
  }

  /** A fault: an error answer, a dropped connection, or a hang past the client's timeout. */
  async function failWith(acct: AccountState, f: Fault, res: http.ServerResponse): Promise<number> {
    if (f.kind === "timeout") {
      await sleep(acct.hangMs);
      res.socket?.destroy();
      return 0;
    }
    if (f.kind === "drop") {
      res.socket?.destroy();
      return 0;
    }
    if (f.kind === "429") acct.tooManyRequests++;
    const e = f.kind === "429" ? concurrencyLimit() : f.kind === "401" ? invalidLogin() : new SimNsError(Number(f.kind), "UNEXPECTED_ERROR", "An unexpected error occurred. Error ID: sim-injected-fault");
    send(res, errorAnswer(e));
    return e.status;
  }

  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  const host = o.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port ?? 0, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        for (const e of engines.values()) e.close();
        server.close(() => resolve());
      }),
  };
}
