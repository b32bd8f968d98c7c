/**
 * An overview thumbnail of a chart is a true miniature of its slide (issue 9 "Also":
 * an axis read 100 in the thumbnail where the slide read 70). Compared by what Chart.js
 * drew: each chart's box carries its value axis (range and ticks) as laid out.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const deck = JSON.parse(await readFile(path.join(ROOT, 'assets/decks/central-asia-mining.briefing.json'), 'utf8')) as {
  slides: Array<{ title: string; chart?: { type: string } }>;
};
const chartSlides = deck.slides.map((s, i) => ({ n: i + 1, title: s.title, chart: s.chart })).filter((s) => s.chart && !['pie', 'doughnut', 'map'].includes(s.chart.type));

const axisOf = async (chart: Locator) => {
  await expect(chart).toHaveAttribute('data-value-axis', /ticks/);
  return JSON.parse((await chart.getAttribute('data-value-axis'))!) as { min: number; max: number; ticks: number[] };
};

for (const size of [
  { width: 1280, height: 720 },
  { width: 800, height: 450 },
]) {
  test(`overview thumbnails of charts have the slide's own value axis at ${size.width}×${size.height}`, async ({ page, app, errors }) => {
    expect(chartSlides.length).toBeGreaterThan(2);
    await page.setViewportSize(size);
    await page.goto(app.url);
    await expect(page.getByRole('region', { name: /^Slide 1 of / })).toBeVisible();
    for (const { n, title } of chartSlides) {
      await page.keyboard.type(String(n));
      await page.keyboard.press('Enter');
      const slideChart = page.getByRole('region', { name: `Slide ${n} of ${deck.slides.length}: ${title}`, exact: true }).getByRole('img');
      const onSlide = await axisOf(slideChart);

      await page.keyboard.press('o');
      const thumb = page.getByRole('button', { name: `Go to slide ${n}: ${title}`, exact: true });
      await thumb.scrollIntoViewIfNeeded();
      const inThumb = await axisOf(thumb.getByRole('img'));
      expect(inThumb, `slide ${n}: thumbnail axis against the slide's`).toEqual(onSlide);
      if (n === chartSlides[0].n) await thumb.screenshot({ path: test.info().outputPath(`thumb-${n}.png`) });
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);
    }
    expect(errors).toEqual([]);
  });
}
