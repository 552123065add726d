/**
 * Webhook intake: verify (HMAC, by the library), store the delivery and its job in one
 * transaction, answer fast. Processing happens later, in the job.
 *
 * - bad signature → 401, nothing stored (the library's answer);
 * - signed but unreadable (not JSON, or failing the topic's schema) → stored as rejected with the
 *   reason, an exception raised, 200 (a retry would bring the same body);
 * - a shop that never installed (or has uninstalled) → 403, except compliance topics, which
 *   arrive after uninstall;
 * - the same event again (Shopify's event id, else the webhook id) → 200, nothing new.
 */
import crypto from "node:crypto";
import type { Db } from "~/db.server";
import type { JobEngine } from "~/jobs/port";
import { PRIORITY } from "~/jobs/port";
import type { Logger } from "~/log.server";
import { findShop, recordUninstall } from "~/shops/shops.server";
import type { ShopStatus } from "~/shops/states";
import { SHOP_STATUS } from "~/shops/states";
import { isSynced, LEDGER_EVENT, recordEvent, recordEvents, type LedgerEntry } from "~/ledger/ledger.server";
import { raiseException } from "~/exceptions/exceptions.server";
import { JOB_KIND, normaliseTopic, TOPICS } from "./topics";
import { ensureOrderSummary, orderFacts } from "~/orders/summary.server";
import { GroupCommit } from "./group-commit";

/** What the library's authenticate.webhook returns, the part intake uses. */
export interface VerifiedWebhook {
  shop: string;
  topic: string;
  webhookId: string;
  eventId?: string;
  triggeredAt?: string;
  apiVersion?: string;
  payload: unknown;
}

export interface IntakeDeps {
  db: Db;
  engine: JobEngine;
  authenticate: (request: Request) => Promise<VerifiedWebhook>;
  log: Logger;
}

export type IntakeOutcome = "stored" | "duplicate" | "rejected" | "refused" | "unauthorized";

const ok = (outcome: IntakeOutcome, status = 200) => ({ outcome, response: new Response(null, { status }) });

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

export async function receiveWebhook(request: Request, deps: IntakeDeps): Promise<{ outcome: IntakeOutcome; response: Response }> {
  const { db, engine, log } = deps;
  const raw = await request.clone().text();
  let verified: VerifiedWebhook;
  let unreadable: string | null = null;
  try {
    verified = await deps.authenticate(request);
  } catch (error) {
    if (error instanceof Response) return { outcome: "unauthorized", response: error };
    // The library checks the signature before it parses the body: a SyntaxError here means a
    // correctly signed body that is not JSON. Take what we need from the headers.
    if (!(error instanceof SyntaxError)) throw error;
    const h = request.headers;
    verified = {
      shop: h.get("x-shopify-shop-domain") ?? "unknown",
      topic: h.get("x-shopify-topic") ?? "unknown",
      webhookId: h.get("x-shopify-webhook-id") ?? crypto.randomUUID(),
      eventId: h.get("x-shopify-event-id") ?? undefined,
      triggeredAt: h.get("x-shopify-triggered-at") ?? undefined,
      apiVersion: h.get("x-shopify-api-version") ?? undefined,
      payload: null,
    };
    unreadable = `body is not JSON (${error.message})`;
  }

  const topic = normaliseTopic(verified.topic);
  const shopDomain = verified.shop.toLowerCase();
  const def = TOPICS[topic];
  const wlog = log.child({ shop: shopDomain, topic, webhookId: verified.webhookId, eventId: verified.eventId });

  const shopStatus = await cachedShopStatus(db, shopDomain);
  if (shopStatus !== SHOP_STATUS.installed && !def?.compliance) {
    wlog.warn("webhook refused: shop not installed", { shopStatus: shopStatus ?? "never installed" });
    return ok("refused", 403);
  }

  if (!def) unreadable ??= `topic ${topic} is not one this app subscribes to`;
  let payload: unknown = verified.payload;
  if (!unreadable && def) {
    const parsed = def.schema.safeParse(payload);
    if (parsed.success) payload = parsed.data;
    else unreadable = `body does not match the ${topic} schema: ${parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`;
  }

  // A repeat is caught by the unique (shop, dedupe key) index when the delivery is inserted (a
  // webhook stored alone), or by one lookup for a whole group commit (see intakeWriter).
  const dedupeKey = verified.eventId || verified.webhookId;

  const subject = !unreadable && def ? def.subject(payload as never) : null;
  const base = {
    shopDomain,
    topic,
    dedupeKey,
    eventId: verified.eventId ?? null,
    webhookId: verified.webhookId,
    triggeredAt: verified.triggeredAt ? new Date(verified.triggeredAt) : null,
    apiVersion: verified.apiVersion ?? null,
    payload: unreadable && verified.payload === null ? raw : JSON.stringify(verified.payload),
  };

  try {
    if (unreadable) {
      const delivery = await db.$transaction(async (tx) => {
        const d = await tx.webhookDelivery.create({ data: { ...base, status: "rejected", rejectReason: unreadable } });
        await raiseException(tx, {
          shop: shopDomain,
          causeCode: "malformed_webhook",
          message: `A ${topic} webhook was rejected: ${unreadable}`,
          job: { kind: JOB_KIND.webhookRejected, key: `delivery:${d.id}`, data: { shop: shopDomain, deliveryId: d.id }, priority: PRIORITY.maintenance },
          attempts: 0,
        });
        return d;
      });
      wlog.warn("webhook rejected", { deliveryId: delivery.id, reason: unreadable });
      return ok("rejected");
    }

    const written = await intakeWriter(db, engine).submit({ base, subject, payload, def: def! });
    if (written.kind === "duplicate") return duplicate(db, shopDomain, written.existing, wlog);
    wlog.info("webhook stored", { deliveryId: written.deliveryId });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const again = await priorDelivery(db, shopDomain, dedupeKey);
      if (again) return duplicate(db, shopDomain, again, wlog);
    }
    throw error;
  }

  if (topic === "app/uninstalled") {
    shopStatusCache.delete(shopDomain);
    // Shopify has already revoked the tokens: drop the sessions now, keep the shop's data until shop/redact.
    await db.session.deleteMany({ where: { shop: shopDomain } });
    await recordUninstall(db, shopDomain);
    wlog.info("app uninstalled");
  }
  return ok("stored");
}

/**
 * Whether a shop is installed, remembered for a few seconds: every webhook asks, and the answer
 * changes only on install and uninstall (this process forgets at once on its own uninstall; a
 * webhook another process accepts in the seconds after is harmless: its job finds no session).
 */
const shopStatusCache = new Map<string, { status: ShopStatus | null; until: number }>();
const SHOP_STATUS_TTL_MS = 5_000;

async function cachedShopStatus(db: Db, domain: string): Promise<ShopStatus | null> {
  const hit = shopStatusCache.get(domain);
  if (hit && hit.until > Date.now()) return hit.status;
  // A database error is not "never installed": it propagates (500) and Shopify delivers again,
  // where a 403 here would refuse a shop's webhook for as long as the database was unreachable.
  const shop = await findShop(db, domain);
  const status = (shop?.status as ShopStatus | undefined) ?? null;
  // Only an installed shop is remembered: a fresh install must be seen at once.
  if (status === SHOP_STATUS.installed) shopStatusCache.set(domain, { status, until: Date.now() + SHOP_STATUS_TTL_MS });
  else shopStatusCache.delete(domain);
  return status;
}

/** One readable webhook to store: its delivery row, order summary, ledger entries and job. */
interface IntakeWrite {
  base: {
    shopDomain: string;
    topic: string;
    dedupeKey: string;
    eventId: string | null;
    webhookId: string;
    triggeredAt: Date | null;
    apiVersion: string | null;
    payload: string;
  };
  subject: { objectType: string; objectId: string; updatedAt: Date | null } | null;
  payload: unknown;
  def: NonNullable<(typeof TOPICS)[keyof typeof TOPICS]>;
}
type Prior = { id: string; objectType: string | null; objectId: string | null };

/** The delivery already stored under this (shop, dedupe key): what a repeat is answered with. */
function priorDelivery(db: Db, shopDomain: string, dedupeKey: string): Promise<Prior | null> {
  return db.webhookDelivery.findUnique({ where: { shopDomain_dedupeKey: { shopDomain, dedupeKey } }, select: { id: true, objectType: true, objectId: true } });
}
type Written = { kind: "stored"; deliveryId: string } | { kind: "duplicate"; existing: Prior };
type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

async function storeOne(tx: Tx, engine: JobEngine, w: IntakeWrite): Promise<string> {
  const { base, subject, payload, def } = w;
  const shopDomain = base.shopDomain;
  const d = await tx.webhookDelivery.create({
    data: { ...base, objectType: subject?.objectType ?? null, objectId: subject?.objectId ?? null, objectUpdatedAt: subject?.updatedAt ?? null },
    select: { id: true },
  });
  const spec = await def.job(payload as never, {
    shop: shopDomain,
    deliveryId: d.id,
    orderInNetSuite: (orderId) => isSynced(tx, { shop: shopDomain, objectType: "order", objectId: orderId }, "salesOrder"),
  });
  // The summary row exists from the first delivery (so the orders list shows the order at
  // once); its state follows in the job, which knows what NetSuite has.
  if (subject?.objectType === "order") await ensureOrderSummary(tx, shopDomain, subject.objectId, { updatedAt: subject.updatedAt, ...orderFacts(payload) });
  const events: LedgerEntry[] = subject ? [{ event: LEDGER_EVENT.received, detail: { topic: base.topic, deliveryId: d.id, updatedAt: subject.updatedAt?.toISOString() ?? null } }] : [];
  if (spec) {
    const jobId = await engine.enqueue(spec, tx);
    if (subject) events.push({ event: LEDGER_EVENT.queued, detail: { kind: spec.kind, jobId, priority: spec.priority } });
  }
  if (subject && events.length) await recordEvents(tx, { shop: shopDomain, ...subject }, events);
  return d.id;
}

const writers = new WeakMap<Db, WeakMap<JobEngine, GroupCommit<IntakeWrite, Written>>>();

/**
 * The process's intake writer for this database and engine: webhooks arriving together are
 * stored in one transaction (group-commit.ts), each acknowledged once it has committed.
 */
function intakeWriter(db: Db, engine: JobEngine): GroupCommit<IntakeWrite, Written> {
  let byEngine = writers.get(db);
  if (!byEngine) writers.set(db, (byEngine = new WeakMap()));
  let writer = byEngine.get(engine);
  if (!writer) {
    writer = new GroupCommit<IntakeWrite, Written>({
      // Alone, the insert itself finds a repeat (unique index): no lookup first.
      single: async (w) => {
        try {
          return { kind: "stored", deliveryId: await db.$transaction((tx) => storeOne(tx, engine, w)) };
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          const existing = await priorDelivery(db, w.base.shopDomain, w.base.dedupeKey);
          if (!existing) throw error;
          return { kind: "duplicate", existing };
        }
      },
      // Together, one lookup finds the repeats (of earlier deliveries, and within the batch) so
      // that no insert fails and takes the others' writes down with it.
      batch: (items) =>
        db.$transaction(async (tx) => {
          const keysByShop = new Map<string, string[]>();
          for (const w of items) keysByShop.set(w.base.shopDomain, [...(keysByShop.get(w.base.shopDomain) ?? []), w.base.dedupeKey]);
          const found = await tx.webhookDelivery.findMany({
            where: { OR: [...keysByShop].map(([shopDomain, keys]) => ({ shopDomain, dedupeKey: { in: keys } })) },
            select: { id: true, objectType: true, objectId: true, shopDomain: true, dedupeKey: true },
          });
          const seen = new Map<string, Prior>(found.map((f) => [`${f.shopDomain} ${f.dedupeKey}`, f]));
          const out: Written[] = [];
          for (const w of items) {
            const key = `${w.base.shopDomain} ${w.base.dedupeKey}`;
            const prior = seen.get(key);
            if (prior) {
              out.push({ kind: "duplicate", existing: prior });
              continue;
            }
            const deliveryId = await storeOne(tx, engine, w);
            seen.set(key, { id: deliveryId, objectType: w.subject?.objectType ?? null, objectId: w.subject?.objectId ?? null });
            out.push({ kind: "stored", deliveryId });
          }
          return out;
        }),
    });
    byEngine.set(engine, writer);
  }
  return writer;
}

async function duplicate(db: Db, shop: string, existing: Prior, log: Logger) {
  if (existing.objectType && existing.objectId) {
    await recordEvent(db, { shop, objectType: existing.objectType, objectId: existing.objectId }, LEDGER_EVENT.skippedDuplicate, { deliveryId: existing.id });
  }
  log.info("duplicate webhook ignored", { deliveryId: existing.id });
  return ok("duplicate");
}
