// Generates the Prisma client for each provider, offline. `prisma generate` would try to download
// a query-engine library the JS engine never uses; pointing it at a placeholder file stops that.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = {
  ...process.env,
  PRISMA_QUERY_ENGINE_LIBRARY: path.join(root, "prisma", "query-engine-placeholder.node"),
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
for (const provider of ["sqlite", "postgresql"]) {
  const r = spawnSync(process.execPath, [path.join(root, "node_modules", "prisma", "build", "index.js"), "generate", "--schema", path.join("prisma", provider)], {
    cwd: root,
    env: { ...env, DATABASE_URL: provider === "sqlite" ? "file:./data/connector.sqlite" : "postgresql://127.0.0.1:5432/placeholder" },
    stdio: "inherit",
  });
  if (r.status !== 0) {
    console.error(`prisma generate failed for ${provider}`);
    process.exit(r.status ?? 1);
  }
}

// @shopify/shopify-app-session-storage-prisma imports `@prisma/client`, whose default entry
// loads node_modules/.prisma/client. @prisma/client's own postinstall (which would also run a
// generate of its own) is not allowed to run (package.json allowScripts), so lay down the same
// placeholder files it would: they export the Prisma namespace the storage uses for its errors.
const dotPrisma = path.join(root, "node_modules", ".prisma", "client");
const scripts = path.join(root, "node_modules", "@prisma", "client", "scripts");
fs.mkdirSync(dotPrisma, { recursive: true });
for (const name of ["index", "edge", "default", "wasm", "index-browser"]) {
  const js = path.join(dotPrisma, `${name}.js`);
  if (!fs.existsSync(js)) fs.copyFileSync(path.join(scripts, "default-index.js"), js);
  const dts = path.join(dotPrisma, `${name}.d.ts`);
  if (name !== "index-browser" && !fs.existsSync(dts)) fs.copyFileSync(path.join(scripts, "default-index.d.ts"), dts);
}
