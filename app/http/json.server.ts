/**
 * JSON routes' edges: parse a body or query with zod into a clear 400, answer JSON. The
 * screens call these routes; so can a merchant's scripts (with a session token).
 */
import type { z } from "zod";

export function jsonError(status: number, error: string, issues?: { path: string; message: string }[]): Response {
  return Response.json({ error, ...(issues ? { issues } : {}) }, { status });
}

function issuesOf(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

/** The request's JSON body, validated; a 400 naming each bad field otherwise. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw jsonError(400, "The body must be JSON");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw jsonError(400, "Some fields are not valid", issuesOf(parsed.error));
  return parsed.data;
}

/** The URL's query parameters, validated. */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw jsonError(400, "Some query parameters are not valid", issuesOf(parsed.error));
  return parsed.data;
}

export function methodNotAllowed(allowed: string[]): Response {
  return new Response(`Method not allowed (use ${allowed.join(", ")})`, { status: 405, headers: { Allow: allowed.join(", ") } });
}
