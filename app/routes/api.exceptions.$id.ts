import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { jobEngine } from "~/queue.server";
import { requireAdmin } from "~/shopify/admin.server";
import { jsonError, methodNotAllowed, readJson } from "~/http/json.server";
import { exceptionWithTimeline } from "~/exceptions/inbox.server";
import { actOnException, exceptionAction } from "~/exceptions/actions.server";

// GET: one exception with its object's timeline.
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const found = await exceptionWithTimeline(db(), shop.domain, params.id ?? "");
  return found ? Response.json(found) : jsonError(404, "No such exception for this shop");
};

// POST { action: retry|resolve|ignore, reason? }
export const action = async ({ request, params }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const { shop, actor } = await requireAdmin(request);
  const a = await readJson(request, exceptionAction);
  const r = await actOnException(db(), await jobEngine(), shop.domain, params.id ?? "", a, actor);
  return r.ok ? Response.json(r) : jsonError(/No exception/.test(r.error ?? "") ? 404 : 409, r.error ?? "Refused");
};
