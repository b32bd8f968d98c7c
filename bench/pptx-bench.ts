// npm run bench:pptx — end-to-end timing of `briefing export DECK -o OUT.pptx` as a
// user runs it (a fresh `node bin/briefing.cjs export …` process each time, Node
// start included): median wall time and peak memory (/usr/bin/time -v) for the
// default briefing and a generated 200-slide deck with a chart on every slide
// (bench/generate-deck.mjs). Prints a table against the budgets of issue 11 and
// writes .bench/pptx-bench.json. It measures; it does not fail.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
// @ts-expect-error -- a plain .mjs helper shared with the other benchmarks, without types
import { generateDeck } from './generate-deck.mjs';
import { median, runOnce, type Sample } from './process-timing';

const ROOT = path.resolve(import.meta.dirname, '..');
const DEFAULT_DECK_PATH = path.join(ROOT, 'assets', 'decks', 'central-asia-mining.briefing.json');
const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 7));

function bench(name: string, args: string[], runs: number, budgetS: number) {
  const warm = runOnce(process.execPath, args);
  if (!warm.ok) throw new Error(`${name} failed:\n${warm.stderr.slice(-2000)}`);
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const s = runOnce(process.execPath, args);
    if (!s.ok) throw new Error(`${name} failed on run ${i + 1}:\n${s.stderr.slice(-2000)}`);
    samples.push(s);
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  const times = samples.map((s) => s.ms / 1000);
  const rss = samples.map((s) => s.rssMb).filter((x): x is number => x !== null);
  const medianS = median(times);
  const cpu = samples.map((s) => s.cpuS).filter((x): x is number => x !== null);
  return { name, runs, medianS, cpuS: cpu.length ? median(cpu) : null, minS: Math.min(...times), maxS: Math.max(...times), peakMb: rss.length ? Math.max(...rss) : null, budget: `≤ ${budgetS} s`, withinBudget: medianS <= budgetS };
}

const build = spawnSync(process.execPath, ['scripts/build-main.mjs'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) throw new Error('build of the CLI failed');
// Wall time on a busy machine says more about the machine: the load is printed with the results.
const loadBefore = loadavg().map((x) => x.toFixed(1)).join(', ');
const dir = mkdtempSync(path.join(tmpdir(), 'briefing-pptx-bench-'));
try {
  const bigDeck = path.join(dir, 'generated-200.briefing.json');
  writeFileSync(bigDeck, JSON.stringify(generateDeck(200)));
  const cli = (deck: string, out: string) => [path.join(ROOT, 'bin', 'briefing.cjs'), 'export', deck, '-o', path.join(dir, out)];
  console.log(`Timing ${RUNS} runs each (after one warm-up) on ${process.platform}/${process.arch}, Node ${process.versions.node}…`);
  const rows = [
    bench('briefing export, default briefing → .pptx', cli(DEFAULT_DECK_PATH, 'default.pptx'), RUNS, 1.5),
    bench('briefing export, 200 slides, 200 charts → .pptx', cli(bigDeck, 'big.pptx'), Math.min(RUNS, 5), 10),
  ];
  const pad = (s: string, n: number) => s.padEnd(n);
  console.log('');
  console.log(`load average before: ${loadBefore}`);
  console.log(`${pad('case', 52)}${pad('median', 9)}${pad('min–max', 14)}${pad('CPU', 9)}${pad('peak RSS', 11)}${pad('budget', 12)}ok`);
  for (const r of rows) {
    console.log(`${pad(r.name, 52)}${pad(`${r.medianS.toFixed(2)} s`, 9)}${pad(`${r.minS.toFixed(2)}–${r.maxS.toFixed(2)} s`, 14)}${pad(r.cpuS === null ? 'n/a' : `${r.cpuS.toFixed(2)} s`, 9)}${pad(r.peakMb === null ? 'n/a' : `${r.peakMb.toFixed(0)} MB`, 11)}${pad(r.budget, 12)}${r.withinBudget ? 'yes' : 'NO'}`);
  }
  mkdirSync(path.join(ROOT, '.bench'), { recursive: true });
  writeFileSync(path.join(ROOT, '.bench', 'pptx-bench.json'), JSON.stringify({ date: new Date().toISOString(), runs: RUNS, loadBefore, rows }, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
