/**
 * A typed client for the simulator's /__sim/ control API, for tests and the demo.
 */
import type { RequestLogEntry, SimAccountConfig, SimConfigUpdate, SimStats } from "./state";

export interface SimFulfilOptions {
  lines?: { line: number; quantity: number }[];
  carrier?: string;
  trackingNumber?: string;
}

export class NetSuiteSimAdmin {
  constructor(
    readonly baseUrl: string,
    readonly accountId: string = "TSTDRV1234567",
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}/__sim${path}`, { method, headers: body === undefined ? {} : { "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`simulator admin ${method} ${path} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  private get acct(): string {
    return `/accounts/${encodeURIComponent(this.accountId)}`;
  }

  /** Another account's view of the same simulator. */
  forAccount(accountId: string): NetSuiteSimAdmin {
    return new NetSuiteSimAdmin(this.baseUrl, accountId);
  }

  reset(accounts?: SimAccountConfig[]): Promise<{ ok: true; accounts: string[] }> {
    return this.call("POST", "/reset", accounts ? { accounts } : {});
  }

  addAccount(config: SimAccountConfig): Promise<{ ok: true; accountId: string }> {
    return this.call("POST", "/accounts", config);
  }

  async records<T = Record<string, unknown>>(type: string): Promise<(T & { id: string })[]> {
    return (await this.call<{ items: (T & { id: string })[] }>("GET", `${this.acct}/records/${type}`)).items;
  }

  record<T = Record<string, unknown>>(type: string, id: string): Promise<T & { id: string }> {
    return this.call("GET", `${this.acct}/records/${type}/${encodeURIComponent(id)}`);
  }

  itemIdsBySku(): Promise<Record<string, string>> {
    return this.call("GET", `${this.acct}/items/by-sku`);
  }

  async requests(): Promise<RequestLogEntry[]> {
    return (await this.call<{ items: RequestLogEntry[] }>("GET", `${this.acct}/requests`)).items;
  }

  async clearRequests(): Promise<void> {
    await this.call("DELETE", `${this.acct}/requests`);
  }

  async configure(update: SimConfigUpdate): Promise<void> {
    await this.call("PUT", `${this.acct}/config`, update);
  }

  stats(): Promise<SimStats> {
    return this.call("GET", `${this.acct}/stats`);
  }

  resetStats(): Promise<SimStats> {
    return this.call("POST", `${this.acct}/stats/reset`);
  }

  pick(salesOrderId: string, o: SimFulfilOptions = {}): Promise<{ itemFulfillmentId: string; salesOrderStatus: { id: string; refName: string } }> {
    return this.call("POST", `${this.acct}/salesOrders/${salesOrderId}/pick`, o);
  }

  ship(salesOrderId: string, o: SimFulfilOptions = {}): Promise<{ itemFulfillmentId: string; salesOrderStatus: { id: string; refName: string } }> {
    return this.call("POST", `${this.acct}/salesOrders/${salesOrderId}/ship`, o);
  }

  shipFulfillment(itemFulfillmentId: string, o: Pick<SimFulfilOptions, "carrier" | "trackingNumber"> = {}): Promise<{ itemFulfillmentId: string; shipStatus: { id: string; refName: string } }> {
    return this.call("POST", `${this.acct}/itemFulfillments/${itemFulfillmentId}/ship`, o);
  }

  async stock(): Promise<{ item: string; location: string; quantityAvailable: number; quantityOnHand: number }[]> {
    return (await this.call<{ items: { item: string; location: string; quantityAvailable: number; quantityOnHand: number }[] }>("GET", `${this.acct}/stock`)).items;
  }

  setStock(s: { sku?: string; item?: string; location: string; quantityAvailable: number; quantityOnHand?: number }): Promise<{ item: string; location: string; quantityAvailable: number; quantityOnHand: number }> {
    return this.call("PUT", `${this.acct}/stock`, s);
  }
}
