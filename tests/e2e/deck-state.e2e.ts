/**
 * The open deck is held as an immutable value: every change replaces the objects along its
 * path, and a write in place would silently not show. So after a run of slide operations
 * and undo — each one a new deck — typing into a field must still show on the slide at
 * once, land on disk, and undo and redo must still reach it; the slides around it stay
 * as they were.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Deck } from '../../src-shared/deck-schema';
import { expect, test } from './fixtures';
import { expectOnDisk } from './working-copy';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BUNDLED = path.join(ROOT, 'assets/decks/central-asia-mining.briefing.json');

const shown = (page: Page, n: number, total: number, title: string) => page.getByRole('region', { name: `Slide ${n} of ${total}: ${title}` });

test('typing into a field after an add, a move, a duplicate and its undo shows on the slide and lands on disk; undo and redo reach it', async ({ page, app, errors }) => {
  const deck = JSON.parse(await readFile(BUNDLED, 'utf8')) as Deck;
  const n = deck.slides.length;
  await page.goto(app.url);
  await expect(shown(page, 1, n, deck.slides[0].title)).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('e');
  const panel = page.getByRole('complementary', { name: 'Edit slide' });
  await expect(panel).toBeVisible();

  // Add a title slide after slide 2 (the picker opens on Title).
  await page.keyboard.press('Control+m');
  const picker = page.getByRole('dialog', { name: 'Choose a layout' });
  await expect(picker.getByRole('button', { name: 'Title layout' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  await expect(shown(page, 3, n + 1, 'Title of the briefing')).toBeVisible();

  // Move it one place later, from the keyboard (focus on the slide, not a text field).
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Alt+ArrowDown');
  await expect(shown(page, 4, n + 1, 'Title of the briefing')).toBeVisible();

  // Duplicate it, then undo the duplicate.
  await page.keyboard.press('Control+d');
  await expect(shown(page, 5, n + 2, 'Title of the briefing')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('region', { name: new RegExp(`^Slide \\d+ of ${n + 1}: `) })).toBeVisible();
  // Back to the new slide by number, as a presenter would.
  await page.keyboard.type('4');
  await page.keyboard.press('Enter');
  await expect(shown(page, 4, n + 1, 'Title of the briefing')).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Edit slide 4' })).toBeVisible();

  // Now type into its fields: each keystroke is a new deck, and each must show.
  const title = panel.getByRole('textbox', { name: 'Title', exact: true });
  await expect(title).toHaveValue('Title of the briefing');
  await title.click();
  await title.press('Control+a');
  await title.pressSequentially('Typed after the add, the move and the undo');
  const typed = 'Typed after the add, the move and the undo';
  await expect(shown(page, 4, n + 1, typed)).toBeVisible();
  await expect(shown(page, 4, n + 1, typed).getByRole('heading', { level: 1 })).toHaveText(typed);
  const notes = panel.getByRole('textbox', { name: 'Talking points' });
  await notes.fill('Notes typed last.');

  let saved = await expectOnDisk(app, (d) => d.slides[3]?.title === typed && d.slides[3]?.notes === 'Notes typed last.');
  expect(saved.slides).toHaveLength(n + 1);
  expect(saved.slides[3].layout).toBe('title');
  // Around it, the slides are as they were: the first three, then the rest in order.
  expect(saved.slides.slice(0, 3)).toEqual(deck.slides.slice(0, 3));
  expect(saved.slides.slice(4)).toEqual(deck.slides.slice(3));

  // Undo the notes and the title (outside a text field), then redo the title: screen and disk follow.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(notes).toHaveValue('');
  await page.keyboard.press('Control+z');
  await expect(shown(page, 4, n + 1, 'Title of the briefing')).toBeVisible();
  await expect(title).toHaveValue('Title of the briefing');
  saved = await expectOnDisk(app, (d) => d.slides[3]?.title === 'Title of the briefing' && d.slides[3]?.notes === undefined);
  await page.keyboard.press('Control+Shift+z');
  await expect(shown(page, 4, n + 1, typed)).toBeVisible();
  await expect(title).toHaveValue(typed);
  saved = await expectOnDisk(app, (d) => d.slides[3]?.title === typed);
  expect(saved.slides.slice(4)).toEqual(deck.slides.slice(3));
  expect(errors).toEqual([]);
});
