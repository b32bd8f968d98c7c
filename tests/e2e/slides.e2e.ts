/**
 * A person opens the app and presents the default briefing with the keyboard.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, serve, test, watchPageErrors } from './fixtures';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const deck = JSON.parse(readFileSync(path.join(ROOT, 'assets/decks/central-asia-mining.briefing.json'), 'utf8')) as {
  meta: { title: string };
  slides: Array<{ id: string; title: string; layout: string }>;
};
const total = deck.slides.length;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const slideRegion = (page: Page, n: number) =>
  page.getByRole('region', { name: new RegExp(`^Slide ${n} of ${total}: ${escape(deck.slides[n - 1].title)}$`) });

/** Counts pixels of a canvas that are not (near) white or transparent. */
async function inkedPixels(page: Page, n: number): Promise<number> {
  return slideRegion(page, n)
    .locator('canvas')
    .evaluate((canvas: HTMLCanvasElement) => {
      const ctx = canvas.getContext('2d')!;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let inked = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] > 0 && (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200)) inked++;
      }
      return inked;
    });
}

test('opens on the default briefing', async ({ page, app, errors }) => {
  await page.goto(app.url);
  await expect(slideRegion(page, 1)).toBeVisible();
  await expect(page).toHaveTitle(`${deck.meta.title} — Briefing Desk`);
  await expect(page.getByText(`1 / ${total}`)).toBeVisible();
  expect(errors).toEqual([]);
});

test('steps through every slide with the keyboard, forwards and back', async ({ page, app, errors }) => {
  await page.goto(app.url);
  const forward = ['ArrowRight', 'Space', 'PageDown', 'Enter'];
  for (let n = 1; n <= total; n++) {
    await expect(slideRegion(page, n)).toBeVisible();
    await expect(page.getByRole('region')).toHaveCount(1);
    await expect(page.getByText(`${n} / ${total}`, { exact: true })).toBeVisible();
    if (n < total) await page.keyboard.press(forward[n % forward.length]);
  }
  // Past the end stays on the last slide.
  await page.keyboard.press('ArrowRight');
  await expect(slideRegion(page, total)).toBeVisible();
  const back = ['ArrowLeft', 'PageUp', 'Backspace'];
  for (let n = total; n >= 1; n--) {
    await expect(slideRegion(page, n)).toBeVisible();
    if (n > 1) await page.keyboard.press(back[n % back.length]);
  }
  await page.keyboard.press('End');
  await expect(slideRegion(page, total)).toBeVisible();
  await page.keyboard.press('Home');
  await expect(slideRegion(page, 1)).toBeVisible();
  expect(errors).toEqual([]);
});

test('the progress bar shows how far through the briefing the room is', async ({ page, app, errors }) => {
  await page.goto(app.url);
  await expect(slideRegion(page, 1)).toBeVisible();
  const bar = page.getByRole('progressbar', { name: 'Progress through the briefing' });
  const fill = bar.locator('div');
  /** The share of the bar that is drawn filled, as a person sees it (after its short glide). */
  const drawn = async () => {
    const [outer, inner] = await Promise.all([bar.boundingBox(), fill.boundingBox()]);
    return Math.round(((inner?.width ?? 0) / (outer?.width ?? 1)) * 100);
  };
  await expect(bar).toHaveAttribute('aria-valuenow', '1');
  await expect.poll(drawn).toBe(0);
  const middle = Math.ceil(total / 2);
  await page.keyboard.type(String(middle));
  await page.keyboard.press('Enter');
  await expect(slideRegion(page, middle)).toBeVisible();
  await expect(bar).toHaveAttribute('aria-valuenow', String(middle));
  await expect.poll(drawn).toBe(Math.round(((middle - 1) / (total - 1)) * 100));
  await page.keyboard.press('End');
  await expect(bar).toHaveAttribute('aria-valuenow', String(total));
  await expect.poll(drawn).toBe(100);
  expect(errors).toEqual([]);
});

test('every chart is drawn and labelled with its data', async ({ page, app, errors }) => {
  await page.goto(app.url);
  await expect(slideRegion(page, 1)).toBeVisible();
  const chartSlides = deck.slides.map((s, i) => ({ ...s, n: i + 1 })).filter((s) => s.layout === 'chart');
  expect(chartSlides.length).toBeGreaterThanOrEqual(4);
  for (const s of chartSlides) {
    await page.keyboard.type(String(s.n));
    await page.keyboard.press('Enter');
    await expect(slideRegion(page, s.n)).toBeVisible();
    const img = slideRegion(page, s.n).getByRole('img');
    // A chart's name lists its data; a map's ("…, map of <series>. Kazakhstan $23bn, …") too.
    await expect(img).toHaveAttribute('aria-label', /(chart|map[^.]*)\. .*\d/);
    // Wait out the entry animation, then the canvas must hold a drawn chart.
    await expect.poll(() => inkedPixels(page, s.n), { timeout: 5000 }).toBeGreaterThan(2000);
  }
  expect(errors).toEqual([]);
});

test('a number then Enter jumps to that slide', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(slideRegion(page, 1)).toBeVisible();
  await page.keyboard.type('12');
  await expect(page.getByText('Go to slide 12…')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(slideRegion(page, 12)).toBeVisible();
  await page.keyboard.type('999');
  await page.keyboard.press('Enter');
  await expect(slideRegion(page, total)).toBeVisible();
});

test('the overview opens with O or Esc and jumps to a picked slide', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(slideRegion(page, 1)).toBeVisible();
  await page.keyboard.press('o');
  const overview = page.getByRole('dialog', { name: 'Overview of all slides' });
  await expect(overview).toBeVisible();
  await expect(overview.getByRole('button', { name: /^Go to slide \d+:/ })).toHaveCount(total);
  await overview.getByRole('button', { name: `Go to slide 7: ${deck.slides[6].title}` }).click();
  await expect(overview).toBeHidden();
  await expect(slideRegion(page, 7)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(overview).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(slideRegion(page, 8)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(overview).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(overview).toBeHidden();
  await expect(slideRegion(page, 8)).toBeVisible();
});

test('B blacks the screen and brings it back', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(slideRegion(page, 1)).toBeVisible();
  await page.keyboard.press('b');
  await expect(page.getByRole('status', { name: 'Screen blacked out' })).toBeVisible();
  await page.keyboard.press('b');
  await expect(page.getByRole('status', { name: 'Screen blacked out' })).toBeHidden();
  // A step while black first restores the picture, without moving on.
  await page.keyboard.press('.');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('status', { name: 'Screen blacked out' })).toBeHidden();
  await expect(slideRegion(page, 1)).toBeVisible();
});

test('? shows the shortcuts and Esc closes them', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(slideRegion(page, 1)).toBeVisible();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Next slide');
  await expect(help).toContainText('Black screen');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(page.getByRole('dialog', { name: 'Overview of all slides' })).toBeHidden();
});

test('the app remembers the last slide of a deck across reloads', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(slideRegion(page, 1)).toBeVisible();
  await page.keyboard.press('End');
  await expect(slideRegion(page, total)).toBeVisible();
  // The position is written to the app's state file shortly after stepping stops.
  await expect
    .poll(
      () => {
        try {
          return readFileSync(path.join(app.dataDir, 'state.json'), 'utf8').includes(`": ${total - 1}`);
        } catch {
          return false; // not written yet
        }
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  await page.reload();
  await expect(slideRegion(page, total)).toBeVisible();
});

test('an invalid deck shows its file and problems, and the app stays usable', async ({ page }) => {
  const served = await serve({ deck: path.join(ROOT, 'tests/fixtures/decks/schema-invalid.briefing.json') });
  try {
    const errors = watchPageErrors(page);
    await page.goto(served.url);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('schema-invalid.briefing.json');
    await expect(alert).toContainText(/slides\[\d+\]/);
    await alert.getByRole('button', { name: 'Open the default briefing' }).click();
    await expect(slideRegion(page, 1)).toBeVisible();
    expect(errors).toEqual([]);
  } finally {
    await served.stop();
  }
});

test('the page cannot reach the API without the launch token', async ({ page, app }) => {
  await page.goto(`${app.origin}/`);
  await expect(page.getByRole('alert')).toContainText('access token');
  const status = await page.evaluate(async () => (await fetch('/api/startupDeck', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"args":[]}' })).status);
  expect(status).toBe(401);
});
