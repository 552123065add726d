/**
 * Why an order cannot be written, said so that the person who can fix it knows what to do.
 * The mapping collects every problem of an order at once, so one round of fixes is enough.
 * Owner roles as in the exception inbox: ops (mappings and set-up), finance (tax, currency,
 * money that does not match).
 */
export type ProblemCause =
  | "unmapped_sku"
  | "missing_sku"
  | "unmapped_location"
  | "unmapped_tax"
  | "unknown_currency"
  | "mapping_missing"
  | "amount_mismatch"
  | "payment_details_missing";

export type ProblemOwner = "ops" | "finance";

export interface OrderProblem {
  causeCode: ProblemCause;
  owner: ProblemOwner;
  message: string;
  /** The SKU at fault (unmapped_sku). */
  sku?: string;
  /** The Shopify line at fault. */
  lineId?: string;
}

const OWNER: Record<ProblemCause, ProblemOwner> = {
  unmapped_sku: "ops",
  missing_sku: "ops",
  unmapped_location: "ops",
  unmapped_tax: "finance",
  unknown_currency: "finance",
  mapping_missing: "ops",
  amount_mismatch: "finance",
  payment_details_missing: "ops",
};

export function problem(causeCode: ProblemCause, message: string, extra: { sku?: string; lineId?: string; owner?: ProblemOwner } = {}): OrderProblem {
  const { owner, ...rest } = extra;
  return { causeCode, owner: owner ?? OWNER[causeCode], message, ...rest };
}
