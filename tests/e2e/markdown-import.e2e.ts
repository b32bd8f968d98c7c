/**
 * The Markdown outline written for this project becomes a deck that presents: a
 * person imports it with `briefing import`, opens it in the app and steps through
 * every slide — the chart drawn from the outline's CSV, the quote, the columns.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, serve, test, watchPageErrors } from './fixtures';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

test('an imported outline presents, slide by slide, with its chart and quote', async ({ page }) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'briefing-e2e-import-'));
  const deckFile = path.join(dir, 'harbour.briefing.json');
  const imported = spawnSync(process.execPath, [path.join(ROOT, 'bin/briefing.cjs'), 'import', path.join(ROOT, 'tests/fixtures/outline.md'), '-o', deckFile], {
    encoding: 'utf8',
  });
  expect(imported.status, imported.stderr).toBe(0);
  const before = await readFile(deckFile, 'utf8');
  const deck = JSON.parse(before) as { slides: { title: string; layout: string }[] };
  const total = deck.slides.length;
  expect(total).toBe(11);

  const app = await serve({ deck: deckFile, dataDir: dir });
  const errors = watchPageErrors(page);
  try {
    await page.goto(app.url);
    await expect(page).toHaveTitle('Harbour Freight Review — Briefing Desk');
    const region = (n: number) =>
      page.getByRole('region', { name: `Slide ${n} of ${total}: ${deck.slides[n - 1].title}`, exact: true });
    for (let n = 1; n <= total; n++) {
      await expect(region(n)).toBeVisible();
      await check(page, region(n), deck.slides[n - 1].layout);
      // Kept with the test's output, to look at what the import makes.
      if (['chart', 'two-column', 'quote'].includes(deck.slides[n - 1].layout)) {
        await page.screenshot({ path: test.info().outputPath(`imported-${deck.slides[n - 1].layout}.png`) });
      }
      if (n < total) await page.keyboard.press('ArrowRight');
    }
    // Presenting writes nothing: the file is as imported.
    expect(await readFile(deckFile, 'utf8')).toBe(before);
    expect(errors).toEqual([]);
  } finally {
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

/** What a person sees on each kind of imported slide. */
async function check(page: Page, slide: ReturnType<Page['getByRole']>, layout: string): Promise<void> {
  if (layout === 'chart') {
    const chart = slide.getByRole('img');
    await expect(chart).toHaveAttribute('aria-label', /Import: Q1 1,200 k TEU, Q2 1,350 k TEU, Q3 1,420 k TEU, Q4 1,610 k TEU/);
    await expect(slide.getByText('Illustrative figures for a test fixture, not real port data.')).toBeVisible();
  }
  if (layout === 'quote') await expect(slide.getByText('The terminal is moving boxes faster than the railway can take them away.', { exact: false })).toBeVisible();
  if (layout === 'two-column') {
    await expect(slide.getByText('What does not', { exact: true })).toBeVisible();
    await expect(slide.getByText('Two sidings for eight trains a day')).toBeVisible();
  }
  if (layout === 'bullets' && (await slide.getByText('Customs pre-clearance did most of the work').count())) {
    await expect(slide.getByText('– Paperless release from Q2')).toBeVisible();
  }
}
