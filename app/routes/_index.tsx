import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

// The admin opens /app; anything landing on / goes there with its query (shop, host) intact.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  return redirect(`/app${url.search}`);
};
