/**
 * A stat's big number stays on one line however long its unit ("71 kt LCE" wrapped onto
 * two lines, issue 9 "Also"): it is shrunk to its column, on the room's screen at two
 * window sizes, and stays whole (not cut).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, serve, test } from './fixtures';

const DECK = {
  format: 'briefing-deck',
  version: 1,
  meta: { title: 'Figures' },
  slides: [
    {
      id: 'figures',
      layout: 'stats',
      title: 'Lithium at a glance',
      stats: [
        { value: 71, unit: 'kt LCE', label: 'Output in 2024' },
        { value: 124, unit: 'USD bn', label: 'Investment, H1 2025' },
        { value: 18.5, unit: '%', decimals: 1, label: 'Share of the total' },
        { value: 3, unit: 'mines', label: 'Opened since 2023' },
      ],
    },
  ],
};

for (const size of [
  { width: 1280, height: 720 },
  { width: 800, height: 450 },
]) {
  test(`every stat value is one line high and whole at ${size.width}×${size.height}`, async ({ page }) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'briefing-stats-'));
    const file = path.join(dir, 'figures.briefing.json');
    await writeFile(file, JSON.stringify(DECK));
    const own = await serve({ deck: file });
    try {
      await page.setViewportSize(size);
      await page.goto(own.url);
      const slide = page.getByRole('region', { name: 'Slide 1 of 1: Lithium at a glance' });
      await expect(slide).toBeVisible();
      await expect(slide.getByText(/^71\s*kt LCE$/)).toBeVisible();
      await page.evaluate(() => document.fonts.ready);
      const values = slide.locator('.value');
      await expect(values).toHaveCount(4);
      // Measured after fitting settles: the box's height against the designed line height.
      await expect
        .poll(async () =>
          values.evaluateAll((els) =>
            els.map((el) => {
              const style = getComputedStyle(el);
              const fontSize = parseFloat(style.fontSize);
              const lines = el.getBoundingClientRect().height / (fontSize * 1.05);
              return { text: el.textContent, oneLine: lines < 1.5, whole: el.scrollWidth <= el.clientWidth + 1, readable: fontSize >= 12 };
            }),
          ),
        )
        .toEqual(DECK.slides[0].stats.map(() => expect.objectContaining({ oneLine: true, whole: true, readable: true })));
      await slide.screenshot({ path: test.info().outputPath(`stats-${size.width}.png`) });
    } finally {
      await own.stop();
    }
  });
}
