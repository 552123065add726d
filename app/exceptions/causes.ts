/**
 * What can go wrong, in words a merchant understands, and whose job it is to fix it.
 * finance: money does not match; ops: mappings, credentials, data set-up; cx: a customer's order
 * needs a person (an edit after the warehouse locked it).
 */
export type OwnerRole = "finance" | "ops" | "cx";

export interface Cause {
  title: string;
  owner: OwnerRole;
  /** What it means and what fixes it. */
  explanation: string;
}

export const CAUSES: Record<string, Cause> = {
  unmapped_sku: {
    title: "Unmapped SKU",
    owner: "ops",
    explanation: "An order line's SKU has no NetSuite item. Map the SKU (SKU mapping), then retry: nothing was written for the order.",
  },
  missing_sku: {
    title: "Line without SKU",
    owner: "ops",
    explanation: "An order line's variant has no SKU, so it cannot be matched to a NetSuite item. Give the variant a SKU and map it, then retry.",
  },
  malformed_webhook: {
    title: "Unreadable webhook",
    owner: "ops",
    explanation: "Shopify sent a signed webhook whose body could not be read. It is stored as received; the nightly sweep fetches the object from Shopify again.",
  },
  netsuite_auth: {
    title: "NetSuite rejected the credentials",
    owner: "ops",
    explanation: "NetSuite answered that the login is invalid. Check the credentials in Settings and run the connection test, then retry.",
  },
  netsuite_data: {
    title: "NetSuite refused the record",
    owner: "ops",
    explanation: "NetSuite rejected a field value or reference. The message names the field; fix the mapping or the record in NetSuite, then retry.",
  },
  retries_exhausted: {
    title: "Kept failing",
    owner: "ops",
    explanation: "The work failed on every attempt (NetSuite or the network unavailable for a long time). Retry once the cause has cleared.",
  },
  order_locked: {
    title: "Edit after the warehouse locked the order",
    owner: "cx",
    explanation: "The order changed in Shopify after NetSuite released it to the warehouse, so the Sales Order was not changed. Contact the warehouse or handle the change by hand.",
  },
  amount_mismatch: {
    title: "Amounts do not match",
    owner: "finance",
    explanation: "Shopify's amounts and what would be written to NetSuite differ. Nothing was written; check the mapping of tax, discounts and shipping.",
  },
  unmapped_location: {
    title: "Unmapped location",
    owner: "ops",
    explanation: "The order comes from a Shopify location with no NetSuite location. Map the location (Location mapping): the order is then written with no other action.",
  },
  mapping_missing: {
    title: "Set-up missing",
    owner: "ops",
    explanation: "A setting the order needs is not filled in (subsidiary, currency, discount item or a B2B company's customer). The message says which; fill it in Settings, then retry.",
  },
  unmapped_tax: {
    title: "Unmapped tax",
    owner: "finance",
    explanation: "An order's tax line (its title and rate) has no NetSuite tax code and no default tax code is set. Map it in Settings (tax codes), then retry: nothing was written for the order.",
  },
  unknown_currency: {
    title: "Currency not set up",
    owner: "finance",
    explanation: "The order is in a currency with no NetSuite currency in the storefront mapping. Add the currency in Settings, then retry.",
  },
  payment_details_missing: {
    title: "Payment details could not be read",
    owner: "ops",
    explanation: "The order was paid (partly) with a gift card and its payment transactions could not be read from Shopify. Check that the app is still installed with its access scopes, then retry.",
  },
  shopify_read: {
    title: "Shopify could not be read",
    owner: "ops",
    explanation: "The app could not read the order from Shopify's Admin API (the app's access was removed, or Shopify refused the query). Reinstall or reauthorise the app if needed, then retry.",
  },
  not_supported: {
    title: "Not written by this version",
    owner: "ops",
    explanation: "The app kept this change but this version does not write it to NetSuite yet. It is written once the feature lands; nothing was lost.",
  },
  permanent: {
    title: "Failed",
    owner: "ops",
    explanation: "The work failed in a way a retry will not fix by itself. Read the message, fix the cause, then retry.",
  },
};

export function causeOf(code: string): Cause {
  return CAUSES[code] ?? CAUSES.permanent!;
}
