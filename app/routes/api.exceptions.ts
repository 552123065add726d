import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { db } from "~/db.server";
import { jobEngine } from "~/queue.server";
import { requireAdmin } from "~/shopify/admin.server";
import { methodNotAllowed, readJson, readQuery } from "~/http/json.server";
import { listExceptions, openByCause } from "~/exceptions/inbox.server";
import { actOnExceptions, exceptionAction } from "~/exceptions/actions.server";

const listQuery = z.object({
  status: z.enum(["open", "resolved", "ignored"]).default("open"),
  cause: z.string().max(64).optional(),
  owner: z.enum(["finance", "ops", "cx"]).optional(),
  after: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// GET: the inbox (a page of exceptions) and open counts by cause.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const q = readQuery(request, listQuery);
  const [page, groups] = await Promise.all([listExceptions(db(), shop.domain, q), openByCause(db(), shop.domain)]);
  return Response.json({ ...page, groups });
};

// POST { ids: [...], action: retry|resolve|ignore, reason? }: act on one or many (bulk retry).
export const action = async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const { shop, actor } = await requireAdmin(request);
  const input = await readJson(request, exceptionAction.extend({ ids: z.array(z.string().min(1)).min(1).max(500) }));
  const results = await actOnExceptions(db(), await jobEngine(), shop.domain, input.ids, input, actor);
  const failed = results.filter((r) => !r.ok).length;
  return Response.json({ results }, { status: failed === results.length ? 409 : 200 });
};
