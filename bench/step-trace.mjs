// Diagnostic (not a benchmark): a Chromium trace of stepping through a generated
// 200-slide deck; prints, per key press, the main-thread tasks between the key and
// the next frame painted, with their longest JS functions.
import { chromium } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateDeck } from './generate-deck.mjs';
import { serveDeck } from './serve-deck.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'briefing-steptrace-'));
const deckPath = path.join(dir, 'bench-200.briefing.json');
writeFileSync(deckPath, JSON.stringify(generateDeck(200)));
const server = await serveDeck(process.env.DECK ?? deckPath, path.join(dir, 'data'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await page.goto(server.url);
await page.getByRole('region', { name: /^Slide 1 of / }).waitFor();
await page.waitForTimeout(1500);
await browser.startTracing(page, { path: '/tmp/step-trace.json', categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'disabled-by-default-v8.cpu_profiler'] });
for (let i = 0; i < Number(process.env.STEPS ?? 12); i++) {
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(400);
}
await browser.stopTracing();
await browser.close();
await server.stop();
