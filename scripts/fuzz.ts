/**
 * `npm run fuzz [-- SCALE]`: the property-based fuzz tests at ten times (or SCALE
 * times) the size `npm test` runs them: 100,000 decks through validation (object
 * and text), 10,000 through the chart and PDF document builders, 120 exported in
 * full. Set FUZZ_SEED to replay a failure fast-check printed.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scale = process.argv[2] ?? process.env.FUZZ_SCALE ?? '10';
if (!/^\d+$/.test(scale) || Number(scale) < 1) {
  console.error(`usage: npm run fuzz [-- SCALE]   (SCALE is a whole number ≥ 1, not "${scale}")`);
  process.exit(2);
}
const started = performance.now();
console.log(`fuzz: scale ${scale}${process.env.FUZZ_SEED ? `, seed ${process.env.FUZZ_SEED}` : ''}`);
const run = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'tests/unit/fuzz-validate.test.ts', 'tests/unit/fuzz-builders.test.ts'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, FUZZ_SCALE: scale } },
);
console.log(`fuzz: ${run.status === 0 ? 'passed' : 'FAILED'} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exit(run.status ?? 1);
