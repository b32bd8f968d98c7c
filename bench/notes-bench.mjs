// npm run bench:notes — keystroke in the talking-points editor → character painted,
// median and p95 over 500 keystrokes while autosave runs (it fires ~1 s after typing
// pauses, so the run types in bursts with pauses). Real key presses from Playwright;
// each is timed inside the page from its keydown to the frame that shows it.
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateDeck } from './generate-deck.mjs';
import { serveDeck } from './serve-deck.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const KEYS = 500;
const dir = mkdtempSync(path.join(tmpdir(), 'briefing-notes-bench-'));
// BENCH_DECK=default types into the default briefing; otherwise a 500-slide deck with long notes.
const useDefault = process.env.BENCH_DECK === 'default';
const deckPath = useDefault ? path.join(ROOT, 'assets/decks/central-asia-mining.briefing.json') : path.join(dir, 'bench-500.briefing.json');
if (!useDefault) writeFileSync(deckPath, JSON.stringify(generateDeck(500, { notesLength: 3000 })));

const server = await serveDeck(deckPath, path.join(dir, 'data'));
const url = server.url;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  // Without vsync, a frame is drawn as soon as there is something to draw, so the figure
  // is the app's own latency rather than where in the 16.7 ms vsync cycle a key landed.
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-gpu-vsync',
    '--disable-frame-rate-limit',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
    '--disable-quic',
  ],
});

/** Times keystrokes into whatever textarea has focus; returns the latencies in ms. */
async function installProbe(page) {
  await page.evaluate(() => {
    window.__latencies = [];
    document.activeElement.addEventListener('keydown', (event) => {
      const start = event.timeStamp;
      // Input is handled, then the next frame paints it; a zero timeout queued in that
      // frame's rAF fires just after the paint.
      requestAnimationFrame(() => setTimeout(() => window.__latencies.push(performance.now() - start), 0));
    });
  });
}

// The harness alone: a bare textarea on an empty page, same browser, same keys.
const bare = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await bare.setContent('<textarea></textarea>');
await bare.click('textarea');
await installProbe(bare);
for (let i = 0; i < 200; i++) await bare.keyboard.type('ab c'[i % 4]);
const baseline = await bare.evaluate(() => window.__latencies);
await bare.close();
// BENCH_VIEW=presenter types into the presenter view's notes; otherwise the edit panel's.
const inPresenter = process.env.BENCH_VIEW === 'presenter';
const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
const audience = await context.newPage();
await audience.goto(url);
await audience.getByRole('region', { name: /^Slide 1 of / }).waitFor();
let page = audience;
if (inPresenter) {
  [page] = await Promise.all([context.waitForEvent('page'), audience.keyboard.press('p')]);
  await page.setViewportSize({ width: 1280, height: 720 });
} else {
  await audience.keyboard.press('e');
}
const notes = page.getByRole('textbox', { name: 'Talking points', exact: true });
await notes.click();
await page.keyboard.press('End');
await installProbe(page);
const saves = [];
context.on('request', (r) => r.url().includes('/api/saveDeck') && saves.push(Date.now()));
const text = 'The aluminium complex anchors the story; copper follows. ';
for (let i = 0; i < KEYS; i++) {
  await page.keyboard.type(text[i % text.length]);
  if (i % 100 === 99) await page.waitForTimeout(1300); // let autosave run between bursts
}
await page.waitForTimeout(1500);
const latencies = await page.evaluate(() => window.__latencies);
const status = await page.getByRole('status', { name: 'Save status' }).textContent();
await browser.close();
await server.stop();
rmSync(dir, { recursive: true, force: true });

const sorted = [...latencies].sort((a, b) => a - b);
const pctOf = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const pct = (p) => pctOf(latencies, p);
console.log(`\nBriefing Desk notes-editor benchmark (${inPresenter ? 'presenter view' : 'edit panel'}) — ${useDefault ? 'default briefing' : '500-slide deck with 3,000-character notes'}, ${latencies.length} keystrokes, ${saves.length} autosaves during the run (final status: ${status})\n`);
console.log(`keystroke → character painted, median   ${pct(50).toFixed(1).padStart(6)} ms`);
console.log(`keystroke → character painted, p95      ${pct(95).toFixed(1).padStart(6)} ms   budget ≤ 16 ms ${pct(95) <= 16 ? 'ok' : 'OVER'}`);
console.log(`keystroke → character painted, max      ${sorted[sorted.length - 1].toFixed(1).padStart(6)} ms`);
console.log(`(harness baseline, bare textarea: median ${pctOf(baseline, 50).toFixed(1)} ms, p95 ${pctOf(baseline, 95).toFixed(1)} ms)`);
