/** Dates as people read them in the admin, in UTC so tests and servers agree. */
export function when(iso: string | Date | null | undefined): string {
  if (!iso) return "—";
  const d = typeof iso === "string" ? new Date(iso) : iso;
  return d.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

export const OWNER_LABEL: Record<string, string> = { finance: "Finance", ops: "Operations", cx: "Customer service" };
