// npm run bench:authoring — slide management on a 500-slide deck (a chart on every slide)
// in headless Chromium against browser mode: adding a slide (Ctrl+M → layout picker →
// Enter → the new slide painted), duplicating one (Ctrl+D → the copy painted), and frame
// times while dragging a thumbnail across the overview. Prints figures against the
// budgets of issue 9; it measures, it does not pass or fail.
//
// Keys and the mouse are real input (Playwright's keyboard and mouse), so the app's own
// handlers run as they do for a person. Each key is timed inside the page, from the
// keydown's timestamp to just after the frame that first shows the result (a zero
// timeout after the rAF callback that sees it runs just after that frame's paint).
import { chromium } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { generateDeck } from './generate-deck.mjs';
import { serveDeck } from './serve-deck.mjs';

const SLIDES = 500;
const ADDS = 20;
const DUPLICATES = 10;
const DRAG_MS = 2000;
const dir = mkdtempSync(path.join(tmpdir(), 'briefing-authoring-bench-'));
const deckPath = path.join(dir, 'bench-500.briefing.json');
writeFileSync(deckPath, JSON.stringify(generateDeck(SLIDES)));

const server = await serveDeck(deckPath, path.join(dir, 'data'));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
page.on('pageerror', (e) => console.error('pageerror', e.message));
await page.goto(server.url);
await page.waitForSelector('.slot.current [role=region][aria-label^="Slide 1 of 500:"]');

// The current slide is the one in the Stage's `.slot.current` (its neighbours are mounted
// too, hidden), so its number is read from there, never from the first region in the page.
const current = () =>
  page.evaluate(() => {
    const label = document.querySelector('.slot.current [role=region]')?.getAttribute('aria-label') ?? '';
    const m = /^Slide (\d+) of (\d+):/.exec(label);
    return m ? { number: Number(m[1]), total: Number(m[2]) } : null;
  });

// Arms a timer in the page: the next keydown of `key` starts it; it stops just after the
// first frame in which `what` is on screen. `press` then sends the key; `result` waits.
async function timeKey(key, what) {
  await page.evaluate(
    ({ key, what }) => {
      window.__timing = null;
      const shown = () => {
        if (what.kind === 'picker') return !!document.querySelector('[role=dialog][aria-label="Choose a layout"] button');
        const region = document.querySelector('.slot.current [role=region]');
        return !!region && region.getAttribute('aria-label')?.startsWith(what.label) && getComputedStyle(region.parentElement).visibility === 'visible';
      };
      const onkey = (event) => {
        if (event.key.toLowerCase() !== key) return;
        window.removeEventListener('keydown', onkey, true);
        const t0 = event.timeStamp;
        const tick = () => (shown() ? setTimeout(() => (window.__timing = performance.now() - t0), 0) : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      };
      window.addEventListener('keydown', onkey, true);
    },
    { key: key.split('+').pop().toLowerCase(), what },
  );
  await page.keyboard.press(key);
  await page.waitForFunction(() => window.__timing !== null, null, { timeout: 10_000 });
  return page.evaluate(() => window.__timing);
}

// 1. Add a slide after the current one, cycling through the layouts with the arrow keys.
// The current slide stays near the start, so every insert shifts ~500 slides after it.
const picker = [];
const adds = [];
for (let i = 0; i < ADDS; i++) {
  const at = await current();
  picker.push(await timeKey('Control+m', { kind: 'picker' }));
  await page.waitForFunction(() => document.activeElement?.closest('[aria-label="Layouts"]'));
  for (let k = 0; k < i % 8; k++) await page.keyboard.press('ArrowRight');
  adds.push(await timeKey('Enter', { kind: 'slide', label: `Slide ${at.number + 1} of ${at.total + 1}:` }));
}

// 2. Duplicate the current slide (Ctrl+D) → the copy painted.
const dups = [];
for (let i = 0; i < DUPLICATES; i++) {
  const at = await current();
  dups.push(await timeKey('Control+d', { kind: 'slide', label: `Slide ${at.number + 1} of ${at.total + 1}:` }));
}
const total = (await current()).total;

// 3. Drag a thumbnail back and forth across the overview for ~2 s; record every frame.
await page.keyboard.press('Home');
await page.keyboard.press('o');
const overview = page.locator('[role=dialog][aria-label="Overview of all slides"]');
await overview.locator('[data-index="0"] .thumb').waitFor();
// Let the visible thumbnails mount and draw their charts first.
await page.waitForFunction(() => document.querySelectorAll('[role=dialog][aria-label="Overview of all slides"] .box canvas').length >= 10);
await page.waitForTimeout(500);
const thumbsMounted = await overview.locator('.box .frame').count();
const first = await overview.locator('[data-index="1"] .thumb').boundingBox();
const far = await overview.locator('[data-index="10"] .thumb').boundingBox();
await page.evaluate(() => {
  window.__frames = [];
  window.__recording = true;
  let last = performance.now();
  const tick = (now) => {
    window.__frames.push(now - last);
    last = now;
    if (window.__recording) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
});
await page.mouse.move(first.x + first.width / 2, first.y + first.height / 2);
await page.mouse.down();
let moves = 0;
let dropShown = false;
const started = Date.now();
while (Date.now() - started < DRAG_MS) {
  // Back and forth across rows of thumbnails, crossing a drop target every few moves.
  moves++;
  const t = (moves % 60) / 60;
  const x = first.x + 20 + t * (far.x + far.width - first.x - 40);
  const y = first.y + first.height / 2 + (Math.floor(moves / 60) % 2) * (far.y - first.y);
  await page.mouse.move(x, y);
  if (moves === 30) dropShown = (await overview.locator('.drop-before, .drop-after').count()) > 0;
}
await page.mouse.up();
const frames = await page.evaluate(() => {
  window.__recording = false;
  return window.__frames.slice(1);
});
const cells = await overview.locator('[data-index]').count();
await page.keyboard.press('Escape');

// The adds, duplicates and the move were autosaved: read the deck file back.
await page.waitForFunction(() => !document.querySelector('[aria-label*="Saving" i]'), null, { timeout: 10_000 }).catch(() => {});
await page.waitForTimeout(1500);
const onDisk = JSON.parse(readFileSync(deckPath, 'utf8')).slides.length;

await browser.close();
await server.stop();
rmSync(dir, { recursive: true, force: true });

const sorted = (a) => [...a].sort((x, y) => x - y);
const pct = (a, p) => sorted(a)[Math.min(a.length - 1, Math.ceil((p / 100) * a.length) - 1)];
const ms = (v) => `${v.toFixed(1)} ms`;
const row = (name, value, budget, ok) => console.log(`${name.padEnd(50)} ${value.padStart(10)}   ${budget ? `budget ${budget.padEnd(9)} ${ok ? 'ok' : 'OVER'}` : ''}`);
console.log(`\nBriefing Desk authoring benchmark — ${SLIDES}-slide deck, chart on every slide, headless Chromium`);
console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${(await import('node:os')).cpus().length} CPUs`);
console.log(
  `(${ADDS} adds, ${DUPLICATES} duplicates: ${total} slides after, ${onDisk} in the file; drag: ${moves} pointer moves, ${frames.length} frames, ` +
    `drop line shown: ${dropShown}, ${thumbsMounted} thumbnails mounted of ${cells})\n`,
);
row('Ctrl+M → layout picker painted, median', ms(pct(picker, 50)), '', true);
row('Ctrl+M → layout picker painted, p95', ms(pct(picker, 95)), '', true);
row('add slide: Enter in picker → new slide painted, median', ms(pct(adds, 50)), '≤ 50 ms', pct(adds, 50) <= 50);
row('add slide: Enter in picker → new slide painted, p95', ms(pct(adds, 95)), '≤ 50 ms', pct(adds, 95) <= 50);
row('add slide: Enter in picker → new slide painted, max', ms(Math.max(...adds)), '', true);
row('duplicate: Ctrl+D → copy painted, median', ms(pct(dups, 50)), '≤ 50 ms', pct(dups, 50) <= 50);
row('overview drag: frame time, median', ms(pct(frames, 50)), '', true);
row('overview drag: frame time, p95', ms(pct(frames, 95)), '≤ 20 ms', pct(frames, 95) <= 20);
row('overview drag: frame time, max', ms(Math.max(...frames)), '', true);
