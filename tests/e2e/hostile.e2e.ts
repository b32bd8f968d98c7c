/**
 * Decks from strangers and the offline promise, end to end: payloads show as text
 * everywhere, nothing runs, no dialog opens, and the page talks to nobody but its
 * own host on 127.0.0.1 — while presenting, editing and exporting.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, serve, test, watchPageErrors } from './fixtures';
import { hostileDeck } from './hostile-deck';

/** Records every request that leaves for anywhere but `origin`, and every dialog. */
function watchEscapes(page: Page, origin: string) {
  const escapes: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) escapes.push(`request: ${url}`);
  });
  page.on('dialog', (dialog) => {
    escapes.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return escapes;
}

/** Nothing the deck carried became markup or ran. */
async function expectInert(page: Page) {
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(await page.locator('img, iframe, object, embed, svg script, math').count()).toBe(0);
  const scripts = await page.evaluate(() => [...document.scripts].map((s) => s.getAttribute('src') ?? 'inline'));
  expect(scripts.every((src) => src.startsWith('./assets/'))).toBe(true);
}

test('a hostile deck shows every payload as text in slides, overview, edit panel, presenter view and PDF', async ({ page, context }) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'briefing-hostile-'));
  const deck = hostileDeck() as { slides: Array<{ title: string; notes?: string }> };
  const file = path.join(dir, 'stranger.briefing.json');
  await writeFile(file, JSON.stringify(deck));
  const served = await serve({ deck: file });
  try {
    const errors = watchPageErrors(page);
    const escapes = watchEscapes(page, served.origin);
    await page.goto(served.url);
    const total = deck.slides.length;
    for (let n = 1; n <= total; n++) {
      const title = deck.slides[n - 1].title;
      await expect(page.getByRole('region', { name: `Slide ${n} of ${total}: ${title}` })).toBeVisible();
      await expect(page.getByRole('region').getByText(title, { exact: true })).toBeVisible();
      if (n < total) await page.keyboard.press('ArrowRight');
    }
    await expectInert(page);

    await page.keyboard.press('o');
    const overview = page.getByRole('dialog', { name: 'Overview of all slides' });
    await expect(overview.getByRole('button', { name: `Go to slide 3: ${deck.slides[2].title}` })).toBeVisible();
    await page.keyboard.press('Escape');

    await page.keyboard.press('Home');
    await page.keyboard.press('e');
    const panel = page.getByRole('complementary', { name: 'Edit slide' });
    await expect(panel.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue(deck.slides[0].title);
    await expect(panel.getByRole('textbox', { name: 'Talking points' })).toHaveValue(deck.slides[0].notes!);
    await expectInert(page);

    // The presenter view, in its own window.
    const popup = context.waitForEvent('page');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('p');
    const presenter = await popup;
    const presenterErrors = watchPageErrors(presenter);
    const presenterEscapes = watchEscapes(presenter, served.origin);
    await expect(presenter.getByRole('textbox', { name: 'Talking points' })).toHaveValue(deck.slides[0].notes!);
    await expectInert(presenter);

    // The PDF: made from the same text, with no file read and no request made.
    await page.bringToFront();
    await page.keyboard.press('Control+e');
    const dialog = page.getByRole('dialog', { name: 'Export PDF' });
    await dialog.getByRole('radio', { name: 'My talking points' }).check();
    await dialog.getByRole('button', { name: 'Export' }).click();
    await expect(dialog.getByText(/Exported /)).toBeVisible({ timeout: 30_000 });

    expect(errors).toEqual([]);
    expect(presenterErrors).toEqual([]);
    expect(escapes).toEqual([]);
    expect(presenterEscapes).toEqual([]);
  } finally {
    await served.stop();
  }
});

test('presenting, editing and exporting every PDF layout make no request beyond the local host', async ({ page, app }) => {
  const escapes = watchEscapes(page, app.origin);
  const errors = watchPageErrors(page);
  await page.goto(app.url);
  const region = page.getByRole('region', { name: /^Slide \d+ of (\d+): / });
  await expect(region).toBeVisible();
  const total = Number(/of (\d+):/.exec((await region.getAttribute('aria-label'))!)![1]);
  for (let n = 1; n < total; n++) {
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('region', { name: new RegExp(`^Slide ${n + 1} of ${total}: `) })).toBeVisible();
  }
  await page.keyboard.press('e');
  await page.getByRole('textbox', { name: 'Talking points' }).fill('Offline edit.');
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText('Saved', { timeout: 10_000 });
  for (const layout of [/^Slides/, /^Handout/, /^Three per page/, /^Speaker notes/]) {
    await page.keyboard.press('Control+e');
    const dialog = page.getByRole('dialog', { name: 'Export PDF' });
    await dialog.getByRole('radio', { name: layout }).check();
    await dialog.getByRole('button', { name: 'Export' }).click();
    await expect(dialog.getByText(/Exported /)).toBeVisible({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Close' }).click();
  }
  expect(escapes).toEqual([]);
  expect(errors).toEqual([]);
});
