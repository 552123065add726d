/** How an order's sync state reads on the screens (shared by server and client). */
type Tone = "success" | "attention" | "critical" | "info" | "warning" | undefined;

export const STATE_BADGE: Record<string, { label: string; tone: Tone }> = {
  waiting: { label: "Waiting", tone: "info" },
  synced: { label: "Synced", tone: "success" },
  exception: { label: "Exception", tone: "critical" },
  parked: { label: "Parked", tone: "warning" },
  cancelled: { label: "Cancelled", tone: undefined },
};

export const STATE_TABS: { state: "waiting" | "synced" | "exception" | "parked" | "cancelled" | null; label: string }[] = [
  { state: null, label: "All" },
  { state: "synced", label: "Synced" },
  { state: "waiting", label: "Waiting" },
  { state: "exception", label: "Exception" },
  { state: "cancelled", label: "Cancelled" },
];
