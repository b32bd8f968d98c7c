// npm run bench:map — does a map slide become visible within a chart slide's budget?
// Headless Chromium against browser mode, the built app. Two one-deck comparisons:
//   1. navigation start → slide 1 painted with its chart or map inked (median of 7):
//      a bar chart, against the default briefing's Central Asia map, whose geo code and
//      world boundaries load on demand;
//   2. key press → next slide painted and inked (median of 20): a bar chart after a
//      title slide, against the map after a title slide (drawn ahead as a neighbour).
// Prints the figures against the chart budgets of `npm run bench`; it measures, it does not pass or fail.
import { chromium } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serveDeck } from './serve-deck.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const bundled = JSON.parse(readFileSync(path.join(ROOT, 'assets/decks/central-asia-mining.briefing.json'), 'utf8'));
const mapSlide = bundled.slides.find((s) => s.id === 'central-asia-map');
const barSlide = bundled.slides.find((s) => s.id === 'h1-2025-vs-2024');
const titleSlide = bundled.slides[0];
const dir = mkdtempSync(path.join(tmpdir(), 'briefing-map-bench-'));

const deckWith = (slides) => ({ ...bundled, slides });
const decks = {
  'bar first': deckWith([barSlide, titleSlide]),
  'map first': deckWith([mapSlide, titleSlide]),
  'bar second': deckWith([titleSlide, barSlide]),
  'map second': deckWith([titleSlide, mapSlide]),
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
});

// In-page helper: is slide n on screen with its canvas inked?
const READY = `(n) => {
  const region = document.querySelector('[role=region][aria-label^="Slide ' + n + ' of "]');
  if (!region || getComputedStyle(region).visibility !== 'visible') return false;
  const canvas = region.querySelector('canvas');
  if (!canvas || !canvas.width) return false;
  const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 0; i < d.length; i += 64) if (d[i + 3] > 0) return true;
  return false;
}`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = {};
for (const [name, deck] of Object.entries(decks)) {
  const file = path.join(dir, `${name.replace(' ', '-')}.briefing.json`);
  writeFileSync(file, JSON.stringify(deck));
  const server = await serveDeck(file, path.join(dir, `data-${name.replace(' ', '-')}`));
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const times = [];
  if (name.endsWith('first')) {
    for (let run = 0; run < 7; run++) {
      await page.goto(server.url);
      times.push(
        await page.evaluate(`new Promise((resolve) => {
          const ready = ${READY};
          const tick = () => ready(1) ? setTimeout(() => resolve(performance.now()), 0) : requestAnimationFrame(tick);
          requestAnimationFrame(tick);
        })`),
      );
    }
  } else {
    for (let run = 0; run < 20; run++) {
      await page.goto(server.url);
      await page.evaluate(`window.__ready = ${READY}`);
      await page.waitForSelector('[role=region][aria-label^="Slide 1 of "]'); // a selector, not a string predicate: the app's CSP forbids eval
      // Let the neighbour be drawn ahead, as it is when a presenter lingers on a slide.
      await page.waitForTimeout(300);
      times.push(
        await page.evaluate(
          () =>
            new Promise((resolve) => {
              const t0 = performance.now();
              window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
              const tick = () => (window.__ready(2) ? setTimeout(() => resolve(performance.now() - t0), 0) : requestAnimationFrame(tick));
              requestAnimationFrame(tick);
            }),
        ),
      );
    }
  }
  results[name] = median(times);
  // Every run, not only the median: on a shared machine one run can be twice another.
  console.log(`${name.padEnd(10)} ${times.map((t) => t.toFixed(0)).join(' ')}`);
  await page.close();
  await server.stop();
}
await browser.close();
rmSync(dir, { recursive: true, force: true });

const row = (what, bar, map, budget, ok) => console.log(`${ok ? 'ok  ' : 'OVER'}  ${what}: chart ${bar.toFixed(1)} ms, map ${map.toFixed(1)} ms (budget ${budget})`);
row('navigation start → first slide painted, median of 7', results['bar first'], results['map first'], '≤ 400 ms', results['map first'] <= 400);
row('key press → next slide painted, median of 20', results['bar second'], results['map second'], '≤ 16 ms', results['map second'] <= 16);
