// npm run bench — slide-stepping performance in headless Chromium against browser
// mode, on a generated 200-slide deck with a chart on every slide. Prints figures
// against the budgets of issue 2; it measures, it does not pass or fail.
import { chromium } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateDeck } from './generate-deck.mjs';
import { serveDeck } from './serve-deck.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const SLIDES = 200;
const PRESSES = 100;
const dir = mkdtempSync(path.join(tmpdir(), 'briefing-bench-'));
const deckPath = path.join(dir, 'bench-200.briefing.json');
writeFileSync(deckPath, JSON.stringify(generateDeck(SLIDES)));

const server = await serveDeck(deckPath, path.join(dir, 'data'));
const url = server.url;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
// Injected before the app's code, with no app-specific hook (the method of issue 12):
// every canvas drawing call is stamped, so "chart complete" is the last one.
await page.addInitScript(() => {
  window.__draws = [];
  const proto = CanvasRenderingContext2D.prototype;
  for (const name of ['fillRect', 'fill', 'stroke', 'fillText', 'strokeText', 'clearRect', 'drawImage']) {
    const original = proto[name];
    proto[name] = function (...args) {
      window.__draws.push({ t: performance.now(), canvas: this.canvas });
      return original.apply(this, args);
    };
  }
});

// In-page helper: is slide n on screen with its chart drawn?
const READY = `(n) => {
  const region = document.querySelector('[role=region][aria-label^="Slide ' + n + ' of "]');
  if (!region || getComputedStyle(region).visibility !== 'visible') return false;
  const canvas = region.querySelector('canvas');
  if (!canvas || !canvas.width) return false;
  const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 0; i < d.length; i += 64) if (d[i + 3] > 0) return true;
  return false;
}`;

// 1. Navigation start → first slide painted with its chart.
const firstPaint = [];
for (let run = 0; run < 5; run++) {
  await page.goto(url);
  const ms = await page.evaluate(`new Promise((resolve) => {
    const ready = ${READY};
    const tick = () => ready(1) ? setTimeout(() => resolve(performance.now()), 0) : requestAnimationFrame(tick);
    requestAnimationFrame(tick);
  })`);
  firstPaint.push(ms);
}

// 2. Keypress → next slide painted with its chart drawn (timed inside the page).
const steps = [];
await page.goto(url);
await page.evaluate(`window.__ready = ${READY}`);
await page.waitForFunction((n) => window.__ready(n), 1);
for (let i = 0; i < PRESSES; i++) {
  const ms = await page.evaluate(
    (target) =>
      new Promise((resolve) => {
        const t0 = performance.now();
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
        // Checked inside each frame's rAF callback: once ready, that frame paints it, and a
        // zero timeout fires just after the paint.
        const tick = () => (window.__ready(target) ? setTimeout(() => resolve(performance.now() - t0), 0) : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      }),
    i + 2,
  );
  steps.push(ms);
}

// 2b. Keypress → chart complete: the later of the frame showing the slide and the last
// drawing call on its canvas (an entry animation draws for ~600 ms; a chart drawn ahead
// and shown as drawn has no drawing call after the key).
const complete = [];
const COMPLETE_PRESSES = 20;
for (let i = 0; i < COMPLETE_PRESSES; i++) {
  const ms = await page.evaluate(
    (target) =>
      new Promise((resolve) => {
        window.__draws.length = 0;
        const t0 = performance.now();
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
        const tick = () => {
          if (!window.__ready(target)) return void requestAnimationFrame(tick);
          const shownAt = performance.now();
          setTimeout(() => {
            const canvas = document.querySelector('.slot.current [role=region] canvas');
            const last = window.__draws.filter((d) => d.canvas === canvas).at(-1);
            resolve(Math.max(shownAt, last ? last.t : 0) - t0);
          }, 1000);
        };
        requestAnimationFrame(tick);
      }),
    PRESSES + i + 2,
  );
  complete.push(ms);
}

// 3. JS heap after stepping through all slides (after a forced GC).
for (let i = PRESSES + COMPLETE_PRESSES; i < SLIDES; i++) await page.keyboard.press('ArrowRight');
await page.waitForTimeout(300);
const cdp = await page.context().newCDPSession(page);
await cdp.send('HeapProfiler.collectGarbage');
const heap = await cdp.send('Runtime.getHeapUsage');
const finalLabel = await page.getByRole('region').getAttribute('aria-label');

// 4. Renderer JS and CSS, gzipped: what the first slide loads (index.html's script,
// module preloads and style sheets), and everything including the parts loaded later
// (edit panel, dialogs, presenter view, the map's boundaries).
const assets = path.join(ROOT, 'dist/renderer/assets');
const gz = (file) => gzipSync(readFileSync(path.join(assets, file)), { level: 9 }).length;
const indexHtml = readFileSync(path.join(ROOT, 'dist/renderer/index.html'), 'utf8');
const linked = [...indexHtml.matchAll(/(?:src|href)="\.\/assets\/([^"]+)"/g)].map((m) => m[1]);
const jsGz = linked.filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + gz(f), 0);
const cssGz = linked.filter((f) => f.endsWith('.css')).reduce((sum, f) => sum + gz(f), 0);
const allJsGz = readdirSync(assets)
  .filter((f) => f.endsWith('.js'))
  .reduce((sum, f) => sum + gz(f), 0);

await browser.close();
await server.stop();
rmSync(dir, { recursive: true, force: true });

const sorted = (a) => [...a].sort((x, y) => x - y);
const pct = (a, p) => sorted(a)[Math.min(a.length - 1, Math.ceil((p / 100) * a.length) - 1)];
const row = (name, value, budget, ok) => console.log(`${name.padEnd(46)} ${value.padStart(12)}   budget ${budget.padEnd(10)} ${ok ? 'ok' : 'OVER'}`);
console.log(`\nBriefing Desk slide benchmark — ${SLIDES}-slide deck, chart on every slide, headless Chromium, ${PRESSES} presses`);
console.log(`(ended on: ${finalLabel})\n`);
row('keypress → next slide painted, median', `${pct(steps, 50).toFixed(1)} ms`, '≤ 16 ms', pct(steps, 50) <= 16);
row('keypress → next slide painted, p95', `${pct(steps, 95).toFixed(1)} ms`, '≤ 33 ms', pct(steps, 95) <= 33);
row('keypress → chart complete (last drawing), median', `${pct(complete, 50).toFixed(1)} ms`, '–', true);
row('keypress → chart complete (last drawing), p95', `${pct(complete, 95).toFixed(1)} ms`, '–', true);
row('navigation start → first slide painted (median of 5)', `${pct(firstPaint, 50).toFixed(0)} ms`, '≤ 400 ms', pct(firstPaint, 50) <= 400);
row('JS heap after stepping through all slides', `${(heap.usedSize / 1048576).toFixed(1)} MB`, '≤ 60 MB', heap.usedSize / 1048576 <= 60);
row('renderer JS for the first slide, gzipped', `${(jsGz / 1024).toFixed(1)} kB`, '≤ 200 kB', jsGz / 1024 <= 200);
row('renderer CSS for the first slide, gzipped', `${(cssGz / 1024).toFixed(1)} kB`, '–', true);
row('all renderer JS incl. later parts and map data', `${(allJsGz / 1024).toFixed(1)} kB`, '–', true);
