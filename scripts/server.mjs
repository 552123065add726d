// The app's HTTP server: the Remix build behind express, plus the background runtime
// (worker, schedules) in the same process. Exported so the demo and the tests start it too.
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export async function startServer({ port = Number(process.env.PORT ?? 3000), host = "127.0.0.1" } = {}) {
  const build = await import(pathToFileURL(path.join(root, "build", "server", "index.js")).href);
  const app = express();
  app.disable("x-powered-by");
  app.use("/assets", express.static(path.join(root, "build", "client", "assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "build", "client"), { maxAge: "1h" }));
  app.all("*", createRequestHandler({ build, mode: "production" }));
  await build.entry.module.startBackground();
  const server = await new Promise((resolve, reject) => {
    const s = app.listen(port, host, () => resolve(s));
    s.on("error", reject);
  });
  const address = server.address();
  const url = `http://${host}:${address.port}`;
  const stop = async () => {
    await new Promise((resolve) => server.close(resolve));
    await build.entry.module.stopBackground();
  };
  return { url, port: address.port, stop };
}
