// npm run bench:pdf — end-to-end timing of `briefing export` as a user runs it
// (a fresh `node bin/briefing.cjs export …` process each time, Node start
// included): median wall time and peak memory (/usr/bin/time -v) for the
// default briefing (handout layout) and a generated 200-slide deck with a
// different chart on every slide; then the default briefing through Marp CLI
// (headless Chromium) for comparison. Prints a table against the budgets of
// issue 4 and writes .bench/pdf-bench.json. It measures; it does not fail.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Deck, Slide } from '../src-shared/deck-schema';
import { median, runOnce, type Sample } from './process-timing';
import { formatValue } from '../src-shared/chart-config';
import { DEFAULT_DECK_PATH, generatedDeck, ROOT } from '../tests/unit/pdf-fixtures';

const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 7));
interface Row {
  name: string;
  runs: number;
  medianS: number;
  minS: number;
  maxS: number;
  peakMb: number | null;
  budget: string;
  withinBudget: boolean | null;
}

function bench(name: string, cmd: string, args: string[], runs: number, budget: { s?: number; mb?: number }, env?: NodeJS.ProcessEnv): Row {
  const warm = runOnce(cmd, args, env);
  if (!warm.ok) throw new Error(`${name} failed:\n${warm.stderr.split('\n').slice(-15).join('\n')}`);
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const s = runOnce(cmd, args, env);
    if (!s.ok) throw new Error(`${name} failed on run ${i + 1}:\n${s.stderr.slice(-2000)}`);
    samples.push(s);
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  const times = samples.map((s) => s.ms / 1000);
  const rss = samples.map((s) => s.rssMb).filter((x): x is number => x !== null);
  const medianS = median(times);
  const peakMb = rss.length ? Math.max(...rss) : null;
  const within = budget.s === undefined && budget.mb === undefined ? null : (budget.s === undefined || medianS <= budget.s) && (budget.mb === undefined || peakMb === null || peakMb <= budget.mb);
  const budgetText = [budget.s !== undefined ? `≤ ${budget.s} s` : '', budget.mb !== undefined ? `≤ ${budget.mb} MB` : ''].filter(Boolean).join(', ') || '–';
  return { name, runs, medianS, minS: Math.min(...times), maxS: Math.max(...times), peakMb, budget: budgetText, withinBudget: within };
}

// --- Marp: the same deck as Marp markdown (text, tables for chart data, notes as presenter notes).
const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/([\\`*_#|[\]])/g, '\\$1');

function slideToMarp(slide: Slide, deck: Deck): string {
  const lines: string[] = [`# ${esc(slide.title)}`];
  if (slide.subtitle) lines.push('', `*${esc(slide.subtitle)}*`);
  if (slide.confidence) lines.push('', `Confidence: ${slide.confidence}`);
  for (const b of slide.bullets ?? []) lines.push(`- ${esc(b)}`);
  for (const s of slide.stats ?? []) lines.push(`- **${esc(formatValue(s.value, s.unit))}** ${esc(s.label)}`);
  for (const c of slide.columns ?? []) lines.push('', `**${esc(c.heading)}**`, '', ...c.bullets.map((b) => `- ${esc(b)}`));
  if (slide.quote) lines.push('', `> ${esc(slide.quote.text)}`, '', `— ${esc(slide.quote.attribution ?? '')}`);
  if (slide.chart) {
    const ch = slide.chart;
    lines.push('', `| | ${ch.series.map((s) => esc(s.name)).join(' | ')} |`, `|---|${ch.series.map(() => '---:').join('|')}|`);
    ch.labels.forEach((label, i) => lines.push(`| ${esc(label)} | ${ch.series.map((s) => esc(formatValue(s.values[i], ch.unit))).join(' | ')} |`));
    if (ch.caption) lines.push('', `<small>${esc(ch.caption)}</small>`);
  }
  const sources = (slide.sources ?? []).map((id) => deck.sources?.find((s) => s.id === id)?.title ?? id);
  if (sources.length) lines.push('', `<small>Sources: ${esc(sources.join('; '))}</small>`);
  if (slide.notes) lines.push('', `<!--\n${slide.notes.replace(/--/g, '—')}\n-->`);
  return lines.join('\n');
}

function deckToMarp(deck: Deck): string {
  const front = `---\nmarp: true\npaginate: true\nfooter: ${JSON.stringify(deck.meta.title)}\n---\n\n`;
  const cover = `# ${esc(deck.meta.title)}\n\n${esc(deck.meta.subtitle ?? '')}\n\n${esc(deck.meta.author ?? '')} · ${esc(deck.meta.asOf ?? '')}`;
  return front + [cover, ...deck.slides.map((s) => slideToMarp(s, deck))].join('\n\n---\n\n') + '\n';
}

// --- run
const build = spawnSync(process.execPath, ['scripts/build-main.mjs'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) throw new Error('build of the CLI failed');
const dir = mkdtempSync(path.join(tmpdir(), 'briefing-pdf-bench-'));
try {
  const bigDeck = path.join(dir, 'generated-200.briefing.json');
  writeFileSync(bigDeck, JSON.stringify(generatedDeck(200)));
  const cli = (deck: string, out: string) => [path.join(ROOT, 'bin', 'briefing.cjs'), 'export', deck, '-o', path.join(dir, out), '--layout', 'handout'];
  const rows: Row[] = [];
  console.log(`Timing ${RUNS} runs each (after one warm-up) on ${process.platform}/${process.arch}, Node ${process.versions.node}…`);
  rows.push(bench('briefing export, default briefing (handout)', process.execPath, cli(DEFAULT_DECK_PATH, 'default.pdf'), RUNS, { s: 1.0 }));
  rows.push(bench('briefing export, 200 slides, 200 charts (handout)', process.execPath, cli(bigDeck, 'big.pdf'), Math.max(5, Math.min(RUNS, 5)), { s: 8, mb: 500 }));

  const marpBin = path.join(ROOT, 'node_modules', '.bin', 'marp');
  const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  let marp: Row | null = null;
  if (existsSync(marpBin) && existsSync(chrome)) {
    const deck = JSON.parse(readFileSync(DEFAULT_DECK_PATH, 'utf8')) as Deck;
    const md = path.join(dir, 'default.md');
    writeFileSync(md, deckToMarp(deck));
    const env = { ...process.env, CHROME_PATH: chrome, CHROME_NO_SANDBOX: '1' };
    marp = bench('Marp CLI, default briefing (Chromium)', marpBin, ['--no-stdin', '--pdf', '--pdf-notes', '--allow-local-files', md, '-o', path.join(dir, 'marp.pdf')], 5, {}, env);
    rows.push(marp);
  } else {
    console.warn(`Marp comparison skipped: ${existsSync(marpBin) ? `no Chromium at ${chrome} (set CHROME_PATH)` : '@marp-team/marp-cli is not installed'}`);
  }

  const pad = (s: string, n: number) => s.padEnd(n);
  console.log('');
  console.log(`${pad('case', 52)}${pad('median', 9)}${pad('min–max', 14)}${pad('peak RSS', 11)}${pad('budget', 20)}ok`);
  for (const r of rows) {
    const ok = r.withinBudget === null ? '' : r.withinBudget ? 'yes' : 'NO';
    console.log(
      `${pad(r.name, 52)}${pad(`${r.medianS.toFixed(2)} s`, 9)}${pad(`${r.minS.toFixed(2)}–${r.maxS.toFixed(2)} s`, 14)}${pad(r.peakMb === null ? 'n/a' : `${r.peakMb.toFixed(0)} MB`, 11)}${pad(r.budget, 20)}${ok}`,
    );
  }
  if (marp) console.log(`\nours / Marp (default briefing, median wall time): ${(rows[0].medianS / marp.medianS).toFixed(2)} (${(marp.medianS / rows[0].medianS).toFixed(1)}× faster)`);
  console.log('Peak RSS is the largest single process (for Marp, usually a Chromium process), as /usr/bin/time reports it.');
  mkdirSync(path.join(ROOT, '.bench'), { recursive: true });
  writeFileSync(path.join(ROOT, '.bench', 'pdf-bench.json'), JSON.stringify({ date: new Date().toISOString(), runs: RUNS, rows }, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
