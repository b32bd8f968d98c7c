// npm run bench — slide-stepping performance in headless Chromium against browser
// mode, on a generated 200-slide deck with a chart on every slide (SLIDES=1000 for the
// scale check). Prints figures against the budgets; it measures, it does not pass or
// fail. The method (bench/step-method.mjs) is the one `npm run bench:reveal` points
// at reveal.js in the same run.
import { chromium } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateDeck } from './generate-deck.mjs';
import { serveDeck } from './serve-deck.mjs';
import { CANVAS_INKED, instrument, measureTarget, pct } from './step-method.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const SLIDES = Number(process.env.SLIDES ?? 200);
const PRESSES = 100;

/** Briefing Desk as a target of the shared method: slides are regions named "Slide n of …". */
export function briefingTarget(url, slides) {
  return {
    url,
    slides,
    ready: `(n) => {
      const region = document.querySelector('[role=region][aria-label^="Slide ' + n + ' of "]');
      if (!region || getComputedStyle(region).visibility !== 'visible') return false;
      return (${CANVAS_INKED})(region.querySelector('canvas'));
    }`,
    currentCanvas: `() => [...document.querySelectorAll('[role=region][aria-label^="Slide "]')].find((r) => getComputedStyle(r).visibility === 'visible')?.querySelector('canvas')`,
  };
}

/** Launches Debian's Chromium as every benchmark does. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

/** Serves a generated deck of `slides` slides and measures it; returns the figures. */
export async function measureBriefing(browser, slides) {
  const dir = mkdtempSync(path.join(tmpdir(), 'briefing-bench-'));
  const deckPath = path.join(dir, `bench-${slides}.briefing.json`);
  writeFileSync(deckPath, JSON.stringify(generateDeck(slides)));
  const server = await serveDeck(deckPath, path.join(dir, 'data'));
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.addInitScript(instrument);
  try {
    return await measureTarget(page, briefingTarget(server.url, slides), { presses: PRESSES });
  } finally {
    await page.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Renderer JS and CSS, gzipped: what the first slide loads (index.html's script, module preloads and style sheets) and all JS. */
export function rendererWeight() {
  const assets = path.join(ROOT, 'dist/renderer/assets');
  const gz = (file) => gzipSync(readFileSync(path.join(assets, file)), { level: 9 }).length;
  const indexHtml = readFileSync(path.join(ROOT, 'dist/renderer/index.html'), 'utf8');
  const linked = [...indexHtml.matchAll(/(?:src|href)="\.\/assets\/([^"]+)"/g)].map((m) => m[1]);
  const sum = (files) => files.reduce((total, f) => total + gz(f), 0);
  return {
    jsKb: sum(linked.filter((f) => f.endsWith('.js'))) / 1024,
    cssKb: sum(linked.filter((f) => f.endsWith('.css'))) / 1024,
    allJsKb: sum(readdirSync(assets).filter((f) => f.endsWith('.js'))) / 1024,
  };
}

export const row = (name, value, budget, ok) => console.log(`${name.padEnd(52)} ${value.padStart(12)}   budget ${budget.padEnd(10)} ${ok === undefined ? '' : ok ? 'ok' : 'OVER'}`);

if (import.meta.url === `file://${process.argv[1]}`) {
  const browser = await launchChromium();
  const r = await measureBriefing(browser, SLIDES);
  await browser.close();
  const weight = rendererWeight();
  console.log(`\nBriefing Desk slide benchmark — ${SLIDES}-slide deck, chart on every slide, headless Chromium, ${PRESSES} presses\n`);
  row('keypress → next slide painted, median', `${pct(r.steps, 50).toFixed(1)} ms`, '≤ 16 ms', pct(r.steps, 50) <= 16);
  row('keypress → next slide painted, p95', `${pct(r.steps, 95).toFixed(1)} ms`, '≤ 33 ms', pct(r.steps, 95) <= 33);
  row('keypress → chart complete (last drawing), median', `${pct(r.complete, 50).toFixed(1)} ms`, '–');
  row('keypress → chart complete (last drawing), p95', `${pct(r.complete, 95).toFixed(1)} ms`, '–');
  row(`real key → page's first listener, p95 (${r.inputDelay.length} keys)`, `${pct(r.inputDelay, 95).toFixed(1)} ms`, '≤ 3 ms', pct(r.inputDelay, 95) <= 3);
  row('navigation start → first slide painted (median of 5)', `${pct(r.firstPaint, 50).toFixed(0)} ms`, '≤ 400 ms', pct(r.firstPaint, 50) <= 400);
  row('JS heap after stepping through all slides', `${r.heapMB.toFixed(1)} MB`, '≤ 60 MB', r.heapMB <= 60);
  row('renderer JS for the first slide, gzipped', `${weight.jsKb.toFixed(1)} kB`, '≤ 200 kB', weight.jsKb <= 200);
  row('renderer CSS for the first slide, gzipped', `${weight.cssKb.toFixed(1)} kB`, '–');
  row('all renderer JS incl. later parts and map data', `${weight.allJsKb.toFixed(1)} kB`, '–');
}
