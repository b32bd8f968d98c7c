import { defineConfig } from '@playwright/test';
import { electronSuiteSkipReason } from './tests/electron/runtime';

// The Electron suite drives the real app with Playwright's _electron. It runs where
// the Electron runtime exists (ELECTRON_OVERRIDE_DIST_PATH, or node_modules/electron/dist)
// and a display is available; elsewhere every test reports itself skipped, with the reason.
const skipReason = electronSuiteSkipReason();
if (skipReason && process.env.TEST_WORKER_INDEX === undefined) {
  console.log(`Electron suite (tests/electron/app.e2e.ts) skipped: ${skipReason}`);
}

export default defineConfig({
  testDir: 'tests/electron',
  testMatch: '**/*.e2e.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  reporter: [['list']],
});
