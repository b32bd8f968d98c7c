/**
 * Issue 9's whole path, as a new user writes a briefing in the app: File → New… from
 * a template; four slides of different layouts from the layout picker, filled in
 * their editors (one chart pasted from a spreadsheet); reorder by dragging in the
 * overview and by Alt+↑; duplicate, delete, undo, redo; reload; and the file on
 * disk passes `briefing check` with the slides in order and their content.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { Deck } from '../../src-shared/deck-schema';
import { expect, test } from './fixtures';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const TITLE = 'Harbour rail briefing';
/** A folder to write the README's screenshots to (docs/new-deck.png, docs/layout-picker.png), when set. */
const SHOTS = process.env.AUTHORING_SHOTS;
const saveStatus = (page: Page) => page.getByRole('status', { name: 'Save status' });
const panel = (page: Page) => page.getByRole('complementary', { name: 'Edit slide' });

/** The slide on screen, by place, total and title. */
const shown = (page: Page, n: number, total: number, title: string) =>
  page.getByRole('region', { name: `Slide ${n} of ${total}: ${title}`, exact: true });

/** Runs the real `briefing check` on a deck file. */
function runCheck(file: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, 'bin', 'briefing.cjs'), 'check', file], (err, stdout, stderr) => {
      const code: unknown = err ? (err as { code?: unknown }).code : 0;
      resolve({ code: typeof code === 'number' ? code : null, output: stdout + stderr });
    });
  });
}

/** Pastes text into a field as a spreadsheet does: a real paste event with the clipboard's text. */
async function pasteText(page: Page, target: Locator, text: string): Promise<void> {
  await target.focus();
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Ctrl+M on the slide (not in a field), then a layout from the picker; the new slide gets `title`. */
async function addSlide(page: Page, layout: string, title: string, n: number) {
  await page.locator('.show').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+m');
  const picker = page.getByRole('dialog', { name: 'Choose a layout' });
  await picker.getByRole('button', { name: `${layout} layout` }).click();
  await expect(picker).toBeHidden();
  await expect(panel(page).getByRole('heading', { name: `Edit slide ${n}` })).toBeVisible();
  await panel(page).getByRole('textbox', { name: 'Title', exact: true }).fill(title);
  await expect(shown(page, n, n, title)).toBeVisible();
}

test('the whole path: new deck from a template, four slides filled, reordered, duplicated, deleted, undone, redone, reloaded, checked', async ({ page, app, errors }) => {
  if (SHOTS) await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(app.url);
  await expect(page.getByRole('region', { name: /^Slide 1 of \d+: / })).toBeVisible();

  // (1) File → New…, Blank template, with a title.
  await page.getByRole('button', { name: /^File/ }).click();
  await page.getByRole('dialog', { name: 'File' }).getByRole('button', { name: 'New…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New deck' });
  await dialog.getByRole('textbox', { name: 'Title' }).fill(TITLE);
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'new-deck.png') });
  await dialog.getByRole('radio', { name: /^Blank/ }).check();
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(shown(page, 1, 1, TITLE)).toBeVisible();
  const file = path.join(app.dataDir, 'decks', 'harbour-rail-briefing.briefing.json');
  const onDisk = async () => JSON.parse(await readFile(file, 'utf8')) as Deck;
  expect((await onDisk()).slides).toHaveLength(1);

  if (SHOTS) {
    await page.keyboard.press('Control+m');
    const picker = page.getByRole('dialog', { name: 'Choose a layout' });
    await expect(picker.locator('.slide')).toHaveCount(8);
    await page.screenshot({ path: path.join(SHOTS, 'layout-picker.png') });
    await page.keyboard.press('Escape');
    await expect(picker).toBeHidden();
  }

  // (2) Four slides of different layouts, each filled in its editor.
  await page.keyboard.press('e');
  const edit = panel(page);
  await expect(edit).toBeVisible();

  await addSlide(page, 'Bullets', 'Bottom line', 2);
  await edit.getByRole('textbox', { name: /^Bullets/ }).fill('Volumes rose every quarter\nRail is now the bottleneck');
  await expect(shown(page, 2, 2, 'Bottom line')).toContainText('Rail is now the bottleneck');

  await addSlide(page, 'Big numbers', 'Key figures', 3);
  const value = edit.getByRole('textbox', { name: 'Figure 1 value' });
  await value.fill('1,250');
  await edit.getByRole('textbox', { name: 'Figure 1 unit' }).fill('TEU');
  await edit.getByRole('textbox', { name: 'Figure 1 label' }).fill('Containers a day');
  await expect(shown(page, 3, 3, 'Key figures')).toContainText('Containers a day');

  await addSlide(page, 'Chart', 'Volumes by quarter', 4);
  await pasteText(page, edit.getByRole('textbox', { name: 'Label 1', exact: true }), 'Quarter\tTEU a day\nQ1\t1,050\nQ2\t1,120\nQ3\t1,250\n');
  await edit.getByRole('button', { name: 'Apply to chart' }).click();
  await expect(shown(page, 4, 4, 'Volumes by quarter').getByRole('img')).toHaveAttribute('aria-label', /Q1 1,050, Q2 1,120, Q3 1,250/);

  await addSlide(page, 'Quote', 'In their words', 5);
  await edit.getByRole('textbox', { name: 'Quote text' }).fill('Rail is the constraint now, not cranes.');
  await edit.getByRole('textbox', { name: 'Attribution' }).fill('Port director');
  await expect(shown(page, 5, 5, 'In their words')).toContainText('Rail is the constraint now, not cranes.');
  await expect(saveStatus(page)).toHaveText('Saved', { timeout: 10_000 });
  expect((await onDisk()).slides.map((s) => s.layout)).toEqual(['title', 'bullets', 'stats', 'chart', 'quote']);

  // (3a) Drag the quote (5) onto the left half of "Bottom line" (2) in the overview: it lands before it.
  await page.locator('.show').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('o');
  const overview = page.getByRole('dialog', { name: 'Overview of all slides' });
  const from = (await overview.getByRole('button', { name: 'Go to slide 5: In their words' }).boundingBox())!;
  const to = (await overview.getByRole('button', { name: 'Go to slide 2: Bottom line' }).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 - 20, from.y + from.height / 2, { steps: 3 });
  await page.mouse.move(to.x + to.width * 0.2, to.y + to.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(overview.getByRole('button', { name: 'Go to slide 2: In their words' })).toBeVisible();
  await overview.getByRole('button', { name: 'Go to slide 5: Volumes by quarter' }).click();
  await expect(overview).toBeHidden();

  // (3b) Alt+↑ moves the chart before the figures.
  await expect(shown(page, 5, 5, 'Volumes by quarter')).toBeVisible();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(shown(page, 4, 5, 'Volumes by quarter')).toBeVisible();

  // (3c) Duplicate the figures slide (Ctrl+D), delete the copy, undo the delete, redo it.
  await page.keyboard.press('ArrowRight');
  await expect(shown(page, 5, 5, 'Key figures')).toBeVisible();
  await page.keyboard.press('Control+d');
  await expect(shown(page, 6, 6, 'Key figures')).toBeVisible();
  await expect.poll(async () => (await onDisk()).slides.length, { timeout: 10_000 }).toBe(6);
  await edit.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Slide deleted' })).toBeVisible();
  await expect(shown(page, 5, 5, 'Key figures')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(shown(page, 6, 6, 'Key figures')).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByRole('region', { name: /^Slide \d of 5: / })).toBeVisible();
  await expect(saveStatus(page)).toHaveText('Saved', { timeout: 10_000 });

  // (4) Reload: the same deck, in the new order.
  await page.reload();
  await expect(page).toHaveTitle(`${TITLE} — Briefing Desk`);
  await expect(page.getByRole('region', { name: /^Slide \d of 5: / })).toBeVisible();
  await page.keyboard.press('Home');
  const order = [TITLE, 'In their words', 'Bottom line', 'Volumes by quarter', 'Key figures'];
  for (const [i, title] of order.entries()) {
    await expect(shown(page, i + 1, 5, title)).toBeVisible();
    await page.keyboard.press('ArrowRight');
  }

  // (5) The file on disk: right order, right content, unique ids, and `briefing check` passes.
  const deck = await onDisk();
  expect(deck.meta.title).toBe(TITLE);
  expect(deck.slides.map((s) => [s.layout, s.title])).toEqual([
    ['title', TITLE],
    ['quote', 'In their words'],
    ['bullets', 'Bottom line'],
    ['chart', 'Volumes by quarter'],
    ['stats', 'Key figures'],
  ]);
  expect(new Set(deck.slides.map((s) => s.id)).size).toBe(5);
  expect(deck.slides[1].quote).toEqual({ text: 'Rail is the constraint now, not cranes.', attribution: 'Port director' });
  expect(deck.slides[2].bullets).toEqual(['Volumes rose every quarter', 'Rail is now the bottleneck']);
  expect(deck.slides[3].chart).toMatchObject({ labels: ['Q1', 'Q2', 'Q3'], series: [{ name: 'TEU a day', values: [1050, 1120, 1250] }] });
  expect(deck.slides[4].stats![0]).toMatchObject({ value: 1250, unit: 'TEU', label: 'Containers a day' });
  const check = await runCheck(file);
  expect(check.code, check.output).toBe(0);
  expect(errors).toEqual([]);
});
