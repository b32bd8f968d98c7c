/**
 * Every field of a deck edited in the app as a person does it — typing, picking,
 * clicking, pasting — then found on the slide and in the deck file on disk.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const region = (page: Page, n: number) => page.getByRole('region', { name: new RegExp(`^Slide ${n} of \\d+: `) });
const saveStatus = (page: Page) => page.getByRole('status', { name: 'Save status' });
const panel = (page: Page) => page.getByRole('complementary', { name: 'Edit slide' });
const SHOTS = process.env.FIELDS_SHOTS;

/** Opens the app on slide n with the edit panel open. */
async function editSlide(page: Page, url: string, n: number): Promise<Locator> {
  await page.goto(url);
  await expect(region(page, 1)).toBeVisible();
  if (n > 1) {
    await page.keyboard.type(String(n));
    await page.keyboard.press('Enter');
  }
  await expect(region(page, n)).toBeVisible();
  await page.keyboard.press('e');
  await expect(panel(page)).toBeVisible();
  return panel(page);
}

/** The working copy the first edit of the bundled deck made, once every edit is saved. */
async function savedDeck(page: Page, dataDir: string): Promise<DeckOnDisk> {
  await expect(saveStatus(page)).toHaveText('Saved', { timeout: 10_000 });
  const files = (await readdir(path.join(dataDir, 'decks'))).filter((f) => f.endsWith('.briefing.json'));
  expect(files).toHaveLength(1);
  return JSON.parse(await readFile(path.join(dataDir, 'decks', files[0]), 'utf8')) as DeckOnDisk;
}

interface DeckOnDisk {
  meta: Record<string, unknown>;
  sources: Array<Record<string, unknown>>;
  slides: Array<Record<string, unknown> & { stats?: Array<Record<string, unknown>>; chart?: Record<string, unknown> & { labels: string[]; series: Array<{ name: string; values: Array<number | null> }> } }>;
}

test('stats: value, unit, label, derived note and source per figure; add and remove a figure', async ({ page, app, errors }) => {
  const edit = await editSlide(page, app.url, 4);
  const slide = region(page, 4);
  const value = edit.getByRole('textbox', { name: 'Figure 1 value' });
  await value.fill('');
  await value.pressSequentially('1,250');
  await edit.getByRole('textbox', { name: 'Figure 1 unit' }).fill('USD m');
  await edit.getByRole('textbox', { name: 'Figure 1 label' }).fill('Investment in Q1');
  await edit.getByRole('textbox', { name: 'Figure 1 derived note' }).fill('Sum of three months');
  await edit.getByRole('combobox', { name: 'Figure 1 source' }).selectOption('griffith');
  await expect(slide).toContainText('$1,250m');
  await expect(slide).toContainText('Investment in Q1');
  await expect(slide).toContainText('Investment in Q1: Sum of three months');
  await expect(slide).toContainText('Griffith Asia Institute');

  // A value that is not a number is marked on its field, with the check's message, and typing goes on.
  await value.fill('12x');
  await expect(value).toHaveAttribute('aria-invalid', 'true');
  await expect(value).toHaveAccessibleDescription(/expected a number/);
  await expect(value).toHaveValue('12x');
  await value.fill('1,250');
  await expect(value).not.toHaveAttribute('aria-invalid', 'true');

  await edit.getByRole('button', { name: 'Add figure' }).click();
  await edit.getByRole('textbox', { name: 'Figure 4 value' }).fill('7');
  await edit.getByRole('textbox', { name: 'Figure 4 label' }).fill('Projects signed');
  await expect(slide).toContainText('Projects signed');
  await edit.getByRole('button', { name: 'Remove figure 2' }).click();
  await expect(slide).not.toContainText('BRI investment, all of 2024');
  if (SHOTS) await edit.screenshot({ path: path.join(SHOTS, 'stats-editor.png') });

  const deck = await savedDeck(page, app.dataDir);
  expect(deck.slides[3].stats).toEqual([
    { value: 1250, unit: 'USD m', label: 'Investment in Q1', source: 'griffith', derived: 'Sum of three months' },
    { value: 23, unit: 'USD bn', label: 'Chinese investment in Kazakhstan, January–June 2025', source: 'article' },
    { value: 7, label: 'Projects signed' },
  ]);
  expect(errors).toEqual([]);
});
