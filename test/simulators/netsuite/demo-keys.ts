/**
 * The demo OAuth 2.0 client's key pair (EC P-256, ES256), committed on purpose: demo only, never
 * use it for a real account. Tests and the app's demo mode sign client assertions with it.
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";

export const DEMO_PRIVATE_KEY_PATH = fileURLToPath(new URL("./demo-keys/demo-private.pem", import.meta.url));
export const DEMO_PUBLIC_KEY_PATH = fileURLToPath(new URL("./demo-keys/demo-public.pem", import.meta.url));
export const DEMO_CERTIFICATE_PATH = fileURLToPath(new URL("./demo-keys/demo-certificate.pem", import.meta.url));

export const DEMO_CLIENT_ID = "demo-client-id";
export const DEMO_CERTIFICATE_ID = "demo-cert-id";

export function demoPublicKeyPem(): string {
  return fs.readFileSync(DEMO_PUBLIC_KEY_PATH, "utf8");
}
