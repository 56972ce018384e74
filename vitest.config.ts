import { defineConfig } from 'vitest/config';

/** The console server's own status lines ("[sync] this copy now syncs…"): expected in tests, so not printed. */
const EXPECTED_SERVER_LOG = /^\[(sync|in-flight|webhooks|live|budget|db)\] /;

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'server/**/*.test.ts', 'sandbox/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 15_000,
    // CI logs stay short: a dot per test, then failures in full and the summary.
    reporters: process.env.CI ? ['dot'] : ['default'],
    // Warnings and errors (stderr) always show; only the server's informational stdout lines are dropped.
    onConsoleLog: (log, type) => (type === 'stdout' && EXPECTED_SERVER_LOG.test(log) ? false : undefined),
  },
});
