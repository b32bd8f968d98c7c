// Diagnostic: main-thread CPU time (thread time, not wall time: it barely moves with
// the machine's load) that a load spends from navigation start to the first drawing
// call on slide 1's chart, this build against BASE (a built checkout), alternated.
// Each load is traced (Chromium trace, `tdur` of the renderer main thread's top-level
// tasks). Warm reloads in one page (the first of each round dropped); COLD=1: a fresh
// browser context for each load. Prints medians of CPU ms and of wall ms to first ink.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { launchChromium, briefingTarget } from './slides-bench.mjs';
import { generateDeck } from './generate-deck.mjs';
import { instrument, pct } from './step-method.mjs';

if (!process.env.BASE) {
  console.error('Set BASE to another checkout of Briefing Desk, built (npm run build), to compare with.');
  process.exit(2);
}
const roots = { now: path.resolve(import.meta.dirname, '..'), base: path.resolve(process.env.BASE) };
async function serve(root, deckPath, dataDir) {
  const child = spawn(process.execPath, [path.join(root, 'bin/briefing.cjs'), 'serve', deckPath, '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /ready at (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
  });
  return { url, stop: () => child.kill('SIGTERM') };
}
const dir = mkdtempSync(path.join(tmpdir(), 'fs-cpu-'));
const deckPath = path.join(dir, 'd.briefing.json');
writeFileSync(deckPath, JSON.stringify(generateDeck(200)));
const servers = { now: await serve(roots.now, deckPath, path.join(dir, 'dn')), base: await serve(roots.base, deckPath, path.join(dir, 'db')) };
const browser = await launchChromium();
const COLD = process.env.COLD === '1';
const LOADS = Number(process.env.LOADS ?? 4);
const res = { now: [], base: [] };
const traceFile = path.join(dir, 'trace.json');

/** One traced load: CPU ms of the main thread and wall ms, navigation start → first ink on slide 1's chart. */
async function tracedLoad(page, t) {
  await browser.startTracing(page, { path: traceFile, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
  await page.goto(t.url);
  const ink = await page.evaluate(`new Promise((resolve) => { const ready = ${t.ready}; const tick = () => ready(1) ? resolve(0) : requestAnimationFrame(tick); requestAnimationFrame(tick); })
    .then(() => { const canvas = document.querySelector('[role=region][aria-label^="Slide 1 of "] canvas'); const t = window.__draws.find((d) => d.canvas === canvas)?.t; performance.mark('first-ink-at', { startTime: t }); performance.mark('first-ink-now'); return { t, now: performance.now() }; })`);
  await browser.stopTracing();
  const events = JSON.parse(readFileSync(traceFile, 'utf8')).traceEvents;
  const mark = events.find((e) => e.name === 'first-ink-now');
  const main = `${mark.pid}:${mark.tid}`;
  const t0 = mark.ts - ink.now * 1000;
  const inkTs = t0 + ink.t * 1000;
  const xs = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  let cpu = 0;
  let end = 0;
  for (const e of xs) {
    if (e.ts < end) continue; // nested in a task already counted
    end = e.ts + e.dur;
    if (e.ts + e.dur < t0 || e.ts > inkTs) continue;
    // A task that straddles a bound counts in proportion (thread time over wall time).
    const inside = Math.min(inkTs, e.ts + e.dur) - Math.max(t0, e.ts);
    cpu += (e.tdur ?? e.dur) * (e.dur ? inside / e.dur : 1);
  }
  return { cpu: cpu / 1000, wall: ink.t };
}

for (let round = 0; round < Number(process.env.ROUNDS ?? 3); round++) {
  for (const k of ['now', 'base']) {
    const t = briefingTarget(servers[k].url, 200);
    if (COLD) {
      for (let i = 0; i < LOADS; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
        const page = await context.newPage();
        await page.addInitScript(instrument);
        res[k].push(await tracedLoad(page, t));
        await context.close();
      }
      continue;
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.addInitScript(instrument);
    await page.goto(t.url);
    for (let i = 0; i < LOADS; i++) res[k].push(await tracedLoad(page, t));
    await page.close();
  }
}
await browser.close();
servers.now.stop();
servers.base.stop();
console.log(`navigation start → first ink on slide 1's chart, ${res.now.length} ${COLD ? 'cold' : 'warm'} traced loads each (now: ${roots.now}; base: ${roots.base})`);
for (const k of ['now', 'base']) {
  const cpu = res[k].map((r) => r.cpu);
  const wall = res[k].map((r) => r.wall);
  console.log(k.padEnd(5), 'main-thread CPU median', pct(cpu, 50).toFixed(1), 'ms (p25', pct(cpu, 25).toFixed(1), 'p75', pct(cpu, 75).toFixed(1) + ')', ' wall median', pct(wall, 50).toFixed(0), 'ms');
}
