/**
 * A stat's big number stays on one line however long its unit ("71 kt LCE" wrapped onto
 * two lines, issue 9 "Also"): it is shrunk to its column, on the room's screen at two
 * window sizes, and stays whole (not cut); again when the window is resized; and a slide
 * mounted as the current one (a duplicate) is fitted in the first frame that shows it.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
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

/** Each value's fit as laid out now: one line high, whole, readable, and its `--fit`. */
const FIT_OF = (els: Element[]) =>
  els.map((el) => {
    const style = getComputedStyle(el);
    const fontSize = parseFloat(style.fontSize);
    const lines = el.getBoundingClientRect().height / (fontSize * 1.05);
    return { oneLine: lines < 1.5, whole: el.scrollWidth <= el.clientWidth + 1, readable: fontSize >= 12, fit: (el as HTMLElement).style.getPropertyValue('--fit') };
  });

test('stat values are fitted again when the window is resized, and a duplicate is fitted in the first frame that shows it', async ({ page }) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'briefing-stats-'));
  const file = path.join(dir, 'figures.briefing.json');
  await writeFile(file, JSON.stringify(DECK));
  const own = await serve({ deck: file });
  try {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(own.url);
    const slide = page.getByRole('region', { name: 'Slide 1 of 1: Lithium at a glance' });
    await expect(slide).toBeVisible();
    await page.evaluate(() => document.fonts.ready);
    const fitted = (region: typeof slide) =>
      expect.poll(() => region.locator('.value').evaluateAll(FIT_OF)).toEqual(DECK.slides[0].stats.map(() => expect.objectContaining({ oneLine: true, whole: true, readable: true })));
    await fitted(slide);
    const wide = await slide.locator('.value').evaluateAll(FIT_OF);

    // A narrower window: the long value shrinks further to its narrower column.
    await page.setViewportSize({ width: 800, height: 450 });
    await fitted(slide);
    const narrow = await slide.locator('.value').evaluateAll(FIT_OF);
    expect(narrow[0].fit).not.toBe(wide[0].fit);

    // Ctrl+D mounts a copy as the current slide: the first frame showing it shows every value fitted.
    await page.evaluate(() => {
      const w = window as unknown as { __first: unknown };
      w.__first = null;
      const tick = () => {
        const region = document.querySelector('.slot.current [role=region]');
        if (!region?.getAttribute('aria-label')?.startsWith('Slide 2 of 2:')) return void requestAnimationFrame(tick);
        const values = [...region.querySelectorAll('.value')].map((el) => ({ el, fit: (el as HTMLElement).style.getPropertyValue('--fit'), width: el.scrollWidth, box: el.clientWidth }));
        w.__first = values.map((v) => ({ fit: v.fit, whole: v.width <= v.box + 1 }));
      };
      requestAnimationFrame(tick);
    });
    await page.keyboard.press('Control+d');
    const copy = page.getByRole('region', { name: 'Slide 2 of 2: Lithium at a glance' });
    await expect(copy).toBeVisible();
    await page.waitForFunction(() => (window as unknown as { __first: unknown }).__first !== null);
    const first = await page.evaluate(() => (window as unknown as { __first: { fit: string; whole: boolean }[] }).__first);
    expect(first).toEqual(narrow.map((v) => ({ fit: v.fit, whole: true })));
    await fitted(copy);
    await expect.poll(async () => JSON.parse(await readFile(file, 'utf8')).slides.length).toBe(2);
  } finally {
    await own.stop();
  }
});
