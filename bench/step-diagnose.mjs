// Diagnostic (not a benchmark): what stepping through a generated 200-slide deck with
// ArrowRight costs the page. MODE=profile (default) writes a CPU profile of 40 steps
// (summarise it with bench/cpuprofile-summary.mjs); MODE=trace writes a Chromium trace
// of STEPS steps, with the sampling profiler's samples, for per-key analysis.
// OUT names the file (default /tmp/step.cpuprofile or /tmp/step-trace.json).
import { chromium } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateDeck } from './generate-deck.mjs';
import { serveDeck } from './serve-deck.mjs';

const MODE = process.env.MODE ?? 'profile';
const dir = mkdtempSync(path.join(tmpdir(), 'briefing-step-'));
const deckPath = path.join(dir, 'bench-200.briefing.json');
writeFileSync(deckPath, JSON.stringify(generateDeck(200)));
const server = await serveDeck(process.env.DECK ?? deckPath, path.join(dir, 'data'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await page.goto(server.url);
await page.getByRole('region', { name: /^Slide 1 of / }).waitFor();
await page.waitForTimeout(1500);

/** Presses ArrowRight `count` times, `pause` ms apart. */
async function step(count, pause) {
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(pause);
  }
}

if (MODE === 'trace') {
  const out = process.env.OUT ?? '/tmp/step-trace.json';
  const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'disabled-by-default-v8.cpu_profiler'];
  await browser.startTracing(page, { path: out, categories });
  await step(Number(process.env.STEPS ?? 12), 400);
  await browser.stopTracing();
} else {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await step(40, 120);
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(process.env.OUT ?? '/tmp/step.cpuprofile', JSON.stringify(profile));
}
await browser.close();
await server.stop();
