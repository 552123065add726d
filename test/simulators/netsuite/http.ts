/** Small HTTP helpers shared by the REST and admin handlers. */
import type http from "node:http";
import { ERROR_CONTENT_TYPE, type SimNsError } from "./errors";

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function send(res: http.ServerResponse, a: Answer): void {
  if (res.headersSent || res.destroyed) return;
  if (a.body === undefined) {
    res.writeHead(a.status, a.headers ?? {});
    res.end();
    return;
  }
  res.writeHead(a.status, { "Content-Type": "application/json; charset=utf-8", ...(a.headers ?? {}) });
  res.end(JSON.stringify(a.body));
}

export const errorAnswer = (e: SimNsError): Answer => ({ status: e.status, body: e.body(), headers: { "Content-Type": ERROR_CONTENT_TYPE } });

export async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
