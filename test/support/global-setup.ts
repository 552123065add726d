/**
 * Once per run: make sure the app is built (the integration and browser tests run the real
 * build), rebuilding when any source under app/ is newer than the build.
 */
import { buildIfNeeded } from "../../scripts/build-if-needed.mjs";

export default async function setup(): Promise<void> {
  (buildIfNeeded as (o?: { quiet?: boolean }) => boolean)({ quiet: true });
}
