import { defineConfig } from '@playwright/test';

/**
 * E2E tests drive the sandbox (simulator + built plugin + host page) in Debian's Chromium.
 * globalSetup starts the sandbox once from the already-built dist/ and sandbox/host/dist/
 * (`npm run test:e2e` builds both first); each test resets the simulator.
 */
export default defineConfig({
  testDir: '.',
  // An operation folder may hold its own e2e test beside its code.
  testMatch: ['tests/e2e/**/*.spec.ts', 'src/operations/*/*.e2e.ts'],
  globalSetup: './tests/e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
