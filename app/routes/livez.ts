// Liveness only: the process answers, nothing else is touched (healthz also checks the database).
// The benchmark compares webhook intake against this bare route of the same server.
export const loader = () => new Response("ok", { status: 200, headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
