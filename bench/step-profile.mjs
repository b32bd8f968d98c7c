// Diagnostic (not a benchmark): a CPU profile of stepping through a generated
// 200-slide deck with ArrowRight, summarised by function (self and inclusive time).
import { chromium } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateDeck } from './generate-deck.mjs';
import { serveDeck } from './serve-deck.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'briefing-step-'));
const deckPath = path.join(dir, 'bench-200.briefing.json');
writeFileSync(deckPath, JSON.stringify(generateDeck(200)));
const server = await serveDeck(process.env.DECK ?? deckPath, path.join(dir, 'data'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await page.goto(server.url);
await page.getByRole('region', { name: /^Slide 1 of / }).waitFor();
await page.waitForTimeout(1500);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
for (let i = 0; i < 40; i++) {
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(120);
}
const { profile } = await cdp.send('Profiler.stop');
writeFileSync(process.env.OUT ?? '/tmp/step.cpuprofile', JSON.stringify(profile));
await browser.close();
await server.stop();
