/**
 * The list pages' URL state: search as the merchant types (one request after a pause, not per
 * keystroke) and cursor paging (`after` = the last row of the previous page). Any change of
 * search starts again from the first page.
 */
import { useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Pagination } from "@shopify/polaris";

export function useSearchAsYouType(current: string, delayMs = 300): [string, (v: string) => void] {
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(current);
  useEffect(() => {
    if (search === current) return;
    const t = setTimeout(() => {
      const p = new URLSearchParams(params);
      if (search) p.set("search", search);
      else p.delete("search");
      p.delete("after");
      setParams(p, { replace: true });
    }, delayMs);
    return () => clearTimeout(t);
  }, [search, current, params, setParams, delayMs]);
  return [search, setSearch];
}

export function CursorPagination({ next }: { next: string | null }) {
  const [params, setParams] = useSearchParams();
  const go = (after: string | null) => {
    const p = new URLSearchParams(params);
    if (after) p.set("after", after);
    else p.delete("after");
    setParams(p);
  };
  return (
    <div style={{ padding: 12, display: "flex", justifyContent: "center" }}>
      <Pagination hasPrevious={Boolean(params.get("after"))} onPrevious={() => go(null)} hasNext={Boolean(next)} onNext={() => next && go(next)} />
    </div>
  );
}
