import type { LoaderFunctionArgs } from "@remix-run/node";
import { env } from "~/config/env.server";
import { appBridgeStandInScript } from "~/demo/app-bridge-standin";

// Served only in demo mode: inside the Shopify admin the real App Bridge is used.
export const loader = async (_args: LoaderFunctionArgs) => {
  const config = env();
  if (!config.demo) return new Response("Not found", { status: 404 });
  return new Response(appBridgeStandInScript(config.apiKey, config.demoShop), {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-store" },
  });
};
