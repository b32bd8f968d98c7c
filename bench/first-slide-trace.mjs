// Diagnostic (not a benchmark): the resource waterfall and long tasks of the first
// slide of a generated 200-slide deck, to see what the first paint waits for.
// MODE=trace also writes a Chromium trace of the last load (OUT, default
// /tmp/first-slide-trace.json; COLD=1: that load in a fresh browser context) and prints
// its summary (bench/first-slide-trace-summary.mjs).
import { spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateDeck } from './generate-deck.mjs';
import { serveDeck } from './serve-deck.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'briefing-trace-'));
const deckPath = path.join(dir, 'bench-200.briefing.json');
writeFileSync(deckPath, JSON.stringify(generateDeck(Number(process.env.SLIDES ?? 200))));
const server = await serveDeck(process.env.DECK ?? deckPath, path.join(dir, 'data'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const TRACE = process.env.MODE === 'trace';
// MODE=profile: a V8 CPU profile of the last load instead (PROFILE_OUT, default /tmp/first-slide.cpuprofile).
const PROFILE = process.env.MODE === 'profile';
const OUT = process.env.OUT ?? '/tmp/first-slide-trace.json';
const RUNS = Number(process.env.RUNS ?? 3);
let context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
let page = await context.newPage();
const observeLongTasks = () => {
  window.__long = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true });
};
await page.addInitScript(observeLongTasks);
for (let run = 0; run < RUNS; run++) {
  const traced = TRACE && run === RUNS - 1;
  if (traced && process.env.COLD === '1') {
    await context.close();
    context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    page = await context.newPage();
    await page.addInitScript(observeLongTasks);
  }
  const profiled = PROFILE && run === RUNS - 1 ? await page.context().newCDPSession(page) : undefined;
  if (profiled) {
    await profiled.send('Profiler.enable');
    await profiled.send('Profiler.setSamplingInterval', { interval: 100 });
    await profiled.send('Profiler.start');
  }
  if (traced) await browser.startTracing(page, { path: OUT, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading', 'blink'] });
  await page.goto(server.url);
  const r = await page.evaluate(`new Promise((resolve) => {
    const ready = () => { const region = document.querySelector('[role=region][aria-label^="Slide 1 of "]'); if (!region || getComputedStyle(region).visibility !== 'visible') return false;
      const c = region.querySelector('canvas'); if (!c) return !${process.env.NEEDCHART ? 'false' : 'true'} ; if (!c.width) return false; const d = c.getContext('2d').getImageData(0,0,c.width,c.height).data; for (let i=0;i<d.length;i+=64) if (d[i+3]>0) return true; return false; };
    const tick = () => ready() ? resolve({ ready: performance.now(), mark: performance.mark('first-slide-ready') && 1, res: performance.getEntriesByType('resource').map(e => [e.name.replace(location.origin,''), Math.round(e.startTime), Math.round(e.responseEnd), e.transferSize]), nav: performance.getEntriesByType('navigation').map(e => [Math.round(e.responseEnd), Math.round(e.domInteractive), Math.round(e.domContentLoadedEventEnd)]), paint: performance.getEntriesByType('paint').map(e => [e.name, Math.round(e.startTime)]), long: window.__long }) : requestAnimationFrame(tick);
    tick(); })`);
  console.log(`run ${run}: ready ${Math.round(r.ready)} ms; nav(respEnd, domInteractive, DCL) ${JSON.stringify(r.nav)} paint ${JSON.stringify(r.paint)}`);
  for (const [n, s, e, sz] of r.res) console.log(`   ${String(s).padStart(5)} → ${String(e).padStart(5)}  ${n.slice(0, 90)} ${sz}`);
  console.log('   long tasks', JSON.stringify(r.long));
  if (profiled) {
    const { profile } = await profiled.send('Profiler.stop');
    writeFileSync(process.env.PROFILE_OUT ?? '/tmp/first-slide.cpuprofile', JSON.stringify(profile));
  }
  if (traced) {
    await browser.stopTracing();
    const summary = spawnSync(process.execPath, [path.join(import.meta.dirname, 'first-slide-trace-summary.mjs'), OUT, String(r.ready)], { encoding: 'utf8' });
    console.log(summary.stdout + summary.stderr);
  }
}
await browser.close();
await server.stop();
