import { Links, Meta, Outlet, Scripts, ScrollRestoration } from "@remix-run/react";

// No fonts or scripts from outside: the app must render with no request leaving the machine.
export default function App() {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Outlet />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}
