import { z } from "zod";

/** Shopify's numeric id (`legacyResourceId`, an UnsignedInt64 sent as a string) as a decimal string. */
export const legacyId = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String);

/** An ISO instant with an offset, as a Date. */
export const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

/** A Shopify decimal amount, kept as the string Shopify sent (never a float). */
export const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);
