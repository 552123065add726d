import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// One suite for both databases: DATABASE_URL picks SQLite (default) or PostgreSQL,
// and every test file makes its own database (file or schema) through test/support/db.ts.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["node_modules", "build", "test/bench/**"],
    pool: "forks",
    testTimeout: 60_000,
    // Browser tests poll the page; on a loaded 2-core CI machine a second is not always enough.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    hookTimeout: 180_000,
    globalSetup: ["test/support/global-setup.ts"],
    // Two cores: more workers only make the child servers fight for CPU.
    maxWorkers: process.env.CI ? 2 : undefined,
    minWorkers: 1,
  },
});
