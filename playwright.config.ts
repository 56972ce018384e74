import { defineConfig, devices } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';
import { chromiumLaunchOptions } from './e2e/chromium';

const PORT = Number(process.env.E2E_PORT ?? 5199);
/** The demo partner dashboard, on a second origin, embeds the console for the embed tests. */
export const PARTNER_PORT = PORT - 1;
/** A second console with a real API (a standalone sandbox on SANDBOX_PORT): nobody seeded, no automatic sign-in. */
export const REAL_API_PORT = PORT - 2;
const SANDBOX_PORT = PORT - 3;
const SANDBOX_KEY = `al_live_${'0'.repeat(63)}a`;
const EMBED_SECRET = 'e2e-embed-secret-0123456789';
/** A real OpenID provider (scripts/dev-oidc-provider.ts) for the single sign-on tests. */
export const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? PORT + 50);
export const OIDC_LABEL = 'Test IdP';
const OIDC_CLIENT = { id: 'aurous-console-e2e', secret: 'e2e-oidc-secret-0123456789' };

export default defineConfig({
  testDir: 'e2e',
  // One sandbox serves every test and each test resets it, so tests run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // CI: a dot per test, failures in full, one summary; locally each test by name and the HTML report.
  reporter: process.env.CI ? [['dot']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'on-first-retry',
    ...devices['Desktop Chrome'],
    launchOptions: chromiumLaunchOptions,
  },
  webServer: [
    {
      command: 'tsx server/main.ts',
      url: `http://127.0.0.1:${PORT}/api/health`,
      reuseExistingServer: !process.env.CI,
      env: {
        PORT: String(PORT),
        HOST: '127.0.0.1',
        AUROUS_API_BASE: '',
        AUROUS_API_KEY: '',
        ...(process.env.CONSOLE_STATIC_ROOT ? { CONSOLE_STATIC_ROOT: process.env.CONSOLE_STATIC_ROOT } : {}),
        CONSOLE_EMBED_SECRET: EMBED_SECRET,
        CONSOLE_EMBED_ORIGINS: `http://127.0.0.1:${PARTNER_PORT}`,
        CONSOLE_OIDC_ISSUER: `http://127.0.0.1:${OIDC_PORT}`,
        CONSOLE_OIDC_CLIENT_ID: OIDC_CLIENT.id,
        CONSOLE_OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
        CONSOLE_OIDC_LABEL: OIDC_LABEL,
        // Its own data folder per port: never the developer's .data/, nor another run's.
        CONSOLE_DATA_DIR: path.join(os.tmpdir(), `aurous-e2e-${PORT}`),
        // PGlite in that folder unless the run names a PostgreSQL (.ci/run runs the team e2e on both).
        DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
        // Every test signs in from 127.0.0.1: the per-address limit (10 a minute) would refuse the run itself.
        CONSOLE_SIGN_IN_LIMIT: '1000',
      },
      timeout: 60_000,
    },
    {
      command: 'tsx sandbox/main.ts',
      url: `http://127.0.0.1:${SANDBOX_PORT}/_sandbox/stats`,
      reuseExistingServer: !process.env.CI,
      env: { SANDBOX_PORT: String(SANDBOX_PORT), SANDBOX_HOST: '127.0.0.1' },
      timeout: 60_000,
    },
    {
      command: 'tsx server/main.ts',
      url: `http://127.0.0.1:${REAL_API_PORT}/api/health`,
      reuseExistingServer: !process.env.CI,
      env: {
        PORT: String(REAL_API_PORT),
        HOST: '127.0.0.1',
        AUROUS_API_BASE: `http://127.0.0.1:${SANDBOX_PORT}`,
        AUROUS_API_KEY: SANDBOX_KEY,
        ...(process.env.CONSOLE_STATIC_ROOT ? { CONSOLE_STATIC_ROOT: process.env.CONSOLE_STATIC_ROOT } : {}),
        CONSOLE_DATA_DIR: path.join(os.tmpdir(), `aurous-e2e-real-api-${PORT}`),
      },
      timeout: 60_000,
    },
    {
      command: 'tsx demo/partner-server.ts',
      url: `http://127.0.0.1:${PARTNER_PORT}/`,
      reuseExistingServer: !process.env.CI,
      env: {
        HOST: '127.0.0.1',
        PARTNER_PORT: String(PARTNER_PORT),
        CONSOLE_URL: `http://127.0.0.1:${PORT}`,
        CONSOLE_EMBED_SECRET: EMBED_SECRET,
        // 61 s: the console asks for a fresh token after 1 s, so every embed test runs across refreshes.
        PARTNER_TTL_S: '61',
      },
      timeout: 60_000,
    },
    {
      command: 'tsx scripts/dev-oidc-provider.ts',
      url: `http://127.0.0.1:${OIDC_PORT}/.well-known/openid-configuration`,
      reuseExistingServer: !process.env.CI,
      env: {
        OIDC_PORT: String(OIDC_PORT),
        CONSOLE_URL: `http://127.0.0.1:${PORT}`,
        OIDC_CLIENT_ID: OIDC_CLIENT.id,
        OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
      },
      timeout: 60_000,
    },
  ],
});
