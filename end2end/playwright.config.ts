import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import path from 'node:path';

// Started by scripts/test.sh, which picks free ports and a fresh data directory.
const port = process.env.E2E_PORT ?? '3100';
// `localhost`, not 127.0.0.1: WebAuthn (passkeys) needs a domain name as relying party.
const baseURL = `http://localhost:${port}`;
// A second portal whose sessions time out after 40 s, for the timeout warning journey.
const shortPort = process.env.E2E_PORT_SHORT ?? '3101';
const shortURL = `http://127.0.0.1:${shortPort}`;
// A third portal where a second factor is mandatory (PORTAL_SECOND_FACTOR=required).
const strictPort = process.env.E2E_PORT_STRICT ?? '3102';
const strictURL = `http://127.0.0.1:${strictPort}`;
const root = path.resolve(__dirname, '..');
const target = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  reporter: [['list'], ['json', { outputFile: process.env.E2E_RESULTS ?? 'test-results/results.json' }]],
  use: {
    baseURL,
    locale: 'de-DE',
    launchOptions: {
      // Debian's chromium; on a machine without it, Playwright's own browser (npx playwright install).
      executablePath: existsSync(chromium) ? chromium : undefined,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'js', use: { javaScriptEnabled: true }, testIgnore: /(session-timeout|required-factor)\.spec\.ts/ },
    // Every journey again without JavaScript: the server-rendered forms must work alone.
    { name: 'no-js', use: { javaScriptEnabled: false }, testIgnore: /(hydrated|session-timeout|required-factor)\.spec\.ts/ },
    { name: 'session', use: { javaScriptEnabled: true, baseURL: shortURL }, testMatch: /session-timeout\.spec\.ts/ },
    { name: 'required-factor', use: { javaScriptEnabled: true, baseURL: strictURL }, testMatch: /required-factor\.spec\.ts/ },
    { name: 'required-factor-no-js', use: { javaScriptEnabled: false, baseURL: strictURL }, testMatch: /required-factor\.spec\.ts/ },
  ],
  webServer: [
    portal(port, process.env.E2E_DATA_DIR, { PORTAL_BASE_URL: baseURL }),
    portal(shortPort, process.env.E2E_DATA_DIR_SHORT, { PORTAL_SESSION_IDLE_SECS: '40' }),
    portal(strictPort, process.env.E2E_DATA_DIR_STRICT, { PORTAL_SECOND_FACTOR: 'required' }),
  ],
});

function portal(port: string, dataDir: string | undefined, extra: Record<string, string>) {
  const url = `http://127.0.0.1:${port}`;
  return {
    command: `${path.join(target, 'debug', 'portal')} serve --demo`,
    url: `${url}/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      PORTAL_BASE_URL: url,
      PORTAL_DATA_DIR: dataDir ?? path.join(root, `.data-e2e-${port}`),
      SMTP_URL: process.env.E2E_SMTP_URL ?? 'smtp://127.0.0.1:1025',
      LEPTOS_OUTPUT_NAME: 'portal',
      LEPTOS_SITE_ROOT: path.join(target, 'site'),
      LEPTOS_SITE_PKG_DIR: 'pkg',
      PORTAL_LOG: 'warn',
      ...extra,
    },
  };
}
