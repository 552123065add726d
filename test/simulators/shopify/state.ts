/**
 * The simulator's whole state: shops, a controllable clock, request counters, and the events
 * (webhooks) its changes raise, optionally delivered to the app as they happen.
 */
import type { BucketConfig } from "./cost";
import type { SimEvent, SimShop } from "./model";
import {
  cancelOrder,
  changeShippingAddress,
  createOrder,
  editOrder,
  refundOrder,
  SimError,
  type CancelSpec,
  type EditSpec,
  type OrderSpec,
  type RefundSpec,
} from "./orders";
import { createShop, type ShopSeed } from "./seed";
import type { SimAddress, SimOrder } from "./model";
import {
  appUninstalledWebhook,
  complianceWebhook,
  deliverWebhooks,
  orderEditedWebhook,
  orderWebhook,
  refundWebhook,
  type ComplianceTopic,
  type Delivery,
  type DeliveryOptions,
  type WebhookEvent,
} from "./webhooks";

export interface ShopInit {
  domain: string;
  name?: string;
  accessToken?: string;
  scale?: number;
}

export interface SimConfig {
  apiKey: string;
  apiSecret: string;
  scope: string;
  shops: ShopInit[];
  bucket: BucketConfig;
  now: () => number;
}

export interface Stats {
  requests: number;
  graphql: number;
  throttled: number;
  unauthorized: number;
  maxCostExceeded: number;
  tokenExchanges: number;
}

const emptyStats = (): Stats => ({ requests: 0, graphql: 0, throttled: 0, unauthorized: 0, maxCostExceeded: 0, tokenExchanges: 0 });

export class SimState {
  shops = new Map<string, SimShop>();
  stats = emptyStats();
  /** Added to the configured clock by `POST /__sim/clock`. */
  clockOffsetMs = 0;
  webhooks: Omit<DeliveryOptions, "secret"> & { secret?: string } | null = null;
  deliveries: Delivery[] = [];
  private seq = 0;
  private delivering: Promise<unknown> = Promise.resolve();

  constructor(readonly config: SimConfig) {
    this.reset();
  }

  nowMs(): number {
    return this.config.now() + this.clockOffsetMs;
  }

  /** Shopify timestamps have whole seconds. */
  now(): Date {
    return new Date(Math.floor(this.nowMs() / 1000) * 1000);
  }

  reset(): void {
    this.shops.clear();
    this.stats = emptyStats();
    this.deliveries = [];
    for (const s of this.config.shops) this.addShop(s);
  }

  addShop(s: ShopInit): SimShop {
    const seed: ShopSeed = { ...s, scope: this.config.scope, bucketCapacity: this.config.bucket.capacity, now: this.now() };
    const shop = createShop(seed);
    this.shops.set(shop.domain, shop);
    return shop;
  }

  shop(domain: string): SimShop {
    const s = this.shops.get(domain);
    if (!s) throw new SimError(`no shop ${domain}`, 404);
    return s;
  }

  order(shop: SimShop, id: number): SimOrder {
    const o = shop.orders.get(id);
    if (!o) throw new SimError(`no order ${id} in ${shop.domain}`, 404);
    return o;
  }

  private raise(shop: SimShop, events: WebhookEvent[]): SimEvent[] {
    const raised = events.map((e) => ({ ...e, seq: ++this.seq }));
    shop.events.push(...raised);
    const hook = this.webhooks;
    if (hook && raised.length > 0) {
      const opts: DeliveryOptions = { ...hook, secret: hook.secret ?? this.config.apiSecret };
      // One delivery run at a time, so auto-delivered webhooks keep the order they were raised in
      // unless shuffling was asked for.
      this.delivering = this.delivering
        .then(async () => {
          this.deliveries.push(...(await deliverWebhooks(raised, opts)));
        })
        .catch(() => undefined);
    }
    return raised;
  }

  /** Resolves when every auto-delivery started so far has finished. */
  async settled(): Promise<void> {
    await this.delivering;
  }

  createOrder(shop: SimShop, spec: OrderSpec) {
    const order = createOrder(shop, spec, this.now());
    return { order, events: this.raise(shop, [orderWebhook(shop, order, "orders/create", order.createdAt)]) };
  }

  editOrder(shop: SimShop, order: SimOrder, spec: EditSpec) {
    const edit = editOrder(shop, order, spec, this.now());
    return {
      order,
      events: this.raise(shop, [orderEditedWebhook(shop, order, edit), orderWebhook(shop, order, "orders/updated", order.updatedAt)]),
    };
  }

  refundOrder(shop: SimShop, order: SimOrder, spec: RefundSpec) {
    const refund = refundOrder(shop, order, spec, this.now());
    return {
      order,
      refund,
      events: this.raise(shop, [refundWebhook(shop, order, refund), orderWebhook(shop, order, "orders/updated", order.updatedAt)]),
    };
  }

  cancelOrder(shop: SimShop, order: SimOrder, spec: CancelSpec) {
    const refund = cancelOrder(shop, order, spec, this.now());
    const events = [orderWebhook(shop, order, "orders/cancelled", order.updatedAt)];
    if (refund) events.push(refundWebhook(shop, order, refund));
    events.push(orderWebhook(shop, order, "orders/updated", order.updatedAt));
    return { order, refund, events: this.raise(shop, events) };
  }

  changeAddress(shop: SimShop, order: SimOrder, address: Partial<SimAddress>) {
    changeShippingAddress(order, address, this.now());
    return { order, events: this.raise(shop, [orderWebhook(shop, order, "orders/updated", order.updatedAt)]) };
  }

  /** Uninstalling revokes the shop's tokens, as Shopify does. */
  uninstall(shop: SimShop) {
    shop.tokens.clear();
    return { events: this.raise(shop, [appUninstalledWebhook(shop, this.now())]) };
  }

  compliance(shop: SimShop, topic: ComplianceTopic, customerId: number | null) {
    const customer = customerId === null ? null : (shop.customers.find((c) => c.id === customerId) ?? null);
    if (topic !== "shop/redact" && !customer) throw new SimError(`no customer ${customerId}`, 404);
    return { events: this.raise(shop, [complianceWebhook(shop, topic, customer, this.now())]) };
  }
}
