// npm test: every check in order — types, lint, build, unit tests (vitest), the
// Electronegativity scan of the Electron code, end-to-end
// tests in Chromium (Playwright), the Electron suite (runs where its runtime exists,
// otherwise reports itself skipped with the reason) — then one summary line,
// "tests: N passed, N failed, N skipped". Exits non-zero if any step fails.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const out = mkdtempSync(path.join(tmpdir(), 'briefing-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let failedSteps = [];

function run(name, command, args, env = {}) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!ok) failedSteps.push(name);
  return ok;
}

function countVitest(file) {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  } catch {
    totals.failed += 1; // no report: the runner itself failed
  }
}

function countPlaywright(file) {
  try {
    const { stats } = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += stats.expected + (stats.flaky ?? 0);
    totals.failed += stats.unexpected;
    totals.skipped += stats.skipped;
  } catch {
    totals.failed += 1;
  }
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const built =
  run('type check', npx, ['tsc', '--noEmit', '-p', 'tsconfig.json']) &
  run('svelte check', npx, ['svelte-check', '--tsconfig', 'tsconfig.web.json', '--threshold', 'warning', '--fail-on-warnings']) &
  run('lint', npx, ['eslint', '.']) &
  run('build', 'npm', ['run', '--silent', 'build']);

const vitestJson = path.join(out, 'vitest.json');
run('unit tests (vitest)', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
countVitest(vitestJson);

if (built) {
  run('Electronegativity (every finding explained in docs/security.md)', process.execPath, ['scripts/electronegativity.mjs']);
  const e2eJson = path.join(out, 'e2e.json');
  run('end-to-end tests (Playwright, Chromium, browser mode)', npx, ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson });
  countPlaywright(e2eJson);
  const electronJson = path.join(out, 'electron.json');
  run('Electron suite (Playwright _electron)', npx, ['playwright', 'test', '-c', 'playwright.electron.config.ts', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: electronJson,
  });
  countPlaywright(electronJson);
} else {
  console.log('\nEnd-to-end suites not run: the build or checks above failed.');
}

rmSync(out, { recursive: true, force: true });
console.log(`\n${failedSteps.length ? `failed steps: ${failedSteps.join(', ')}` : 'all steps passed'}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length || totals.failed ? 1 : 0);
