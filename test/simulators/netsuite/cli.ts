/** `npm run netsuite:sim`: the NetSuite simulator on NETSUITE_SIM_PORT (default 4010). */
import { demoAccount, startNetSuiteSimulator } from "./server";

const port = Number(process.env.NETSUITE_SIM_PORT ?? 4010);
const account = demoAccount();
const sim = await startNetSuiteSimulator({ port, accounts: [account] });
process.stdout.write(
  [
    `NetSuite simulator listening on ${sim.url}`,
    `  account (realm)      ${account.accountId}`,
    `  token-based auth     consumer ${account.tba!.consumerKey} / ${account.tba!.consumerSecret}, token ${account.tba!.tokenId} / ${account.tba!.tokenSecret}`,
    `  record API           ${sim.url}/services/rest/record/v1/{type}`,
    `  admin (tests, demo)  ${sim.url}/__sim/…`,
    "",
  ].join("\n"),
);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void sim.stop().then(() => process.exit(0)));
