/** `npm run netsuite:sim`: the NetSuite simulator on NETSUITE_SIM_PORT (default 4010). */
import { DEMO_PRIVATE_KEY_PATH } from "./demo-keys";
import { demoAccount, startNetSuiteSimulator } from "./server";

const port = Number(process.env.NETSUITE_SIM_PORT ?? 4010);
const account = demoAccount();
const sim = await startNetSuiteSimulator({ port, accounts: [account] });
process.stdout.write(
  [
    `NetSuite simulator listening on ${sim.url}`,
    `  account (realm)        ${account.accountId}`,
    `  token-based auth       consumer ${account.tba!.consumerKey} / ${account.tba!.consumerSecret}, token ${account.tba!.tokenId} / ${account.tba!.tokenSecret} (HMAC-SHA256)`,
    `  OAuth 2.0 (M2M)        client ${account.oauth2!.clientId}, certificate id ${account.oauth2!.certificateId}, private key ${DEMO_PRIVATE_KEY_PATH} (demo only)`,
    `  token endpoint         ${sim.url}/services/rest/auth/oauth2/v1/token`,
    `  record API             ${sim.url}/services/rest/record/v1/{type}`,
    `  SuiteQL                ${sim.url}/services/rest/query/v1/suiteql`,
    `  admin (tests, demo)    ${sim.url}/__sim/…  (see test/simulators/netsuite/README.md)`,
    "",
  ].join("\n"),
);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void sim.stop().then(() => process.exit(0)));
