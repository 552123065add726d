// Production start: apply migrations, then serve (and, per PROCESS_ROLE, work).
import { migrate } from "./migrate.mjs";
import { startServer } from "./server.mjs";

await migrate();
const { url, stop } = await startServer();
process.stdout.write(JSON.stringify({ level: "info", msg: "listening", url }) + "\n");
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    stop().then(() => process.exit(0), () => process.exit(1));
  });
}
