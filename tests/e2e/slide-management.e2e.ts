/**
 * Managing slides as a person does it — from the edit panel, the Slide menu, the
 * overview (buttons, keys, dragging) and the keys — and finding each change on the
 * screen and in the deck file on disk.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { LAYOUTS, type Deck } from '../../src-shared/deck-schema';
import { expect, test } from './fixtures';
import { expectOnDisk } from './working-copy';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BUNDLED = path.join(ROOT, 'assets/decks/central-asia-mining.briefing.json');
const region = (page: Page, n: number, total: number) => page.getByRole('region', { name: new RegExp(`^Slide ${n} of ${total}: `) });

async function bundled(): Promise<Deck> {
  return JSON.parse(await readFile(BUNDLED, 'utf8')) as Deck;
}

async function openPanel(page: Page) {
  await page.keyboard.press('e');
  const panel = page.getByRole('complementary', { name: 'Edit slide' });
  await expect(panel).toBeVisible();
  return panel;
}

test('Add slide… in the edit panel opens the layout picker; arrows and Enter add a chart slide after the current one', async ({ page, app, errors }) => {
  const deck = await bundled();
  const n = deck.slides.length;
  await page.goto(app.url);
  await expect(region(page, 1, n)).toBeVisible();
  await page.keyboard.press('ArrowRight');
  const panel = await openPanel(page);
  await panel.getByRole('button', { name: 'Add slide…' }).click();
  const picker = page.getByRole('dialog', { name: 'Choose a layout' });
  await expect(picker).toBeVisible();
  await expect(picker.getByRole('button', { name: / layout$/ })).toHaveCount(LAYOUTS.length);
  // One real thumbnail per layout, each drawn by the Slide component.
  await expect(picker.locator('.slide')).toHaveCount(LAYOUTS.length);
  await expect(picker.getByRole('button', { name: 'Title layout' })).toBeFocused();
  // Four a row: Title, Bullets, Big numbers, Chart / Two columns, Quote, Section, Sources.
  await page.keyboard.press('ArrowDown');
  await expect(picker.getByRole('button', { name: 'Two columns layout' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(picker.getByRole('button', { name: 'Chart layout' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  await expect(page.getByRole('region', { name: `Slide 3 of ${n + 1}: What the chart shows` })).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Edit slide 3' })).toBeVisible();
  await expect(page.getByRole('img', { name: /chart/i }).first()).toBeVisible();
  const saved = await expectOnDisk(app, (d) => d.slides.length === n + 1);
  expect(saved.slides[2].layout).toBe('chart');
  expect(saved.slides[2].chart?.series[0].values).toEqual([1, 2, 3]);
  expect(saved.slides.map((s) => s.id).filter((id) => id === saved.slides[2].id)).toHaveLength(1);
  expect(saved.slides[1].id).toBe(deck.slides[1].id);
  expect(saved.slides[3].id).toBe(deck.slides[2].id);
  // Escape cancels the picker without adding anything.
  await page.keyboard.press('Control+m');
  await expect(picker).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
  await expect(region(page, 3, n + 1)).toBeVisible();
  expect(errors).toEqual([]);
});

test('duplicate, delete with "Undo" in the notice, and Alt+↑/↓ from the edit panel and keys land on disk', async ({ page, app, errors }) => {
  const deck = await bundled();
  const n = deck.slides.length;
  await page.goto(app.url);
  await expect(region(page, 1, n)).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const panel = await openPanel(page);
  await panel.getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByRole('region', { name: `Slide 4 of ${n + 1}: ${deck.slides[2].title}` })).toBeVisible();
  let saved = await expectOnDisk(app, (d) => d.slides.length === n + 1);
  expect(saved.slides[3].id).toBe(`${deck.slides[2].id}-copy`);
  expect({ ...saved.slides[3], id: deck.slides[2].id }).toEqual(deck.slides[2]);

  // Delete the copy; the notice offers Undo, which brings it back in place.
  await panel.getByRole('button', { name: 'Delete' }).click();
  const notice = page.getByRole('status').filter({ hasText: 'Slide deleted' });
  await expect(notice).toBeVisible();
  await expect(region(page, 4, n)).toBeVisible();
  await expectOnDisk(app, (d) => d.slides.length === n);
  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(notice).toBeHidden();
  await expect(page.getByRole('region', { name: `Slide 4 of ${n + 1}: ${deck.slides[2].title}` })).toBeVisible();
  saved = await expectOnDisk(app, (d) => d.slides.length === n + 1);
  expect(saved.slides[3].id).toBe(`${deck.slides[2].id}-copy`);

  // Alt+↓ twice then Alt+↑ once, from the keyboard (focus on the slide, not a text field).
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Alt+ArrowDown');
  await page.keyboard.press('Alt+ArrowDown');
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByRole('region', { name: `Slide 5 of ${n + 1}: ${deck.slides[2].title}` })).toBeVisible();
  saved = await expectOnDisk(app, (d) => d.slides[4]?.id === `${deck.slides[2].id}-copy`);
  expect(saved.slides[3].id).toBe(deck.slides[3].id);
  // The panel's Move up button does the same.
  await panel.getByRole('button', { name: 'Move up' }).click();
  await expect(page.getByRole('region', { name: `Slide 4 of ${n + 1}: ${deck.slides[2].title}` })).toBeVisible();
  await expectOnDisk(app, (d) => d.slides[3]?.id === `${deck.slides[2].id}-copy`);

  // Ctrl+Z undoes the move, then the duplicate (the delete and its undo are steps too).
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('region', { name: `Slide 5 of ${n + 1}: ${deck.slides[2].title}` })).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByRole('region', { name: `Slide 4 of ${n + 1}: ${deck.slides[2].title}` })).toBeVisible();
  expect(errors).toEqual([]);
});

test('changing the layout keeps usable fields, sets the chart aside on disk, and switching back restores it', async ({ page, app, errors }) => {
  const deck = await bundled();
  const n = deck.slides.length;
  const at = deck.slides.findIndex((s) => s.layout === 'chart');
  await page.goto(app.url);
  await expect(region(page, 1, n)).toBeVisible();
  await page.keyboard.type(String(at + 1));
  await page.keyboard.press('Enter');
  await expect(region(page, at + 1, n)).toBeVisible();
  const panel = await openPanel(page);
  const layout = panel.getByRole('combobox', { name: 'Layout' });
  await expect(layout).toHaveValue('chart');
  await layout.selectOption({ label: 'Bullets' });
  await expect(panel.getByRole('note').filter({ hasText: 'Kept aside from another layout: chart' })).toBeVisible();
  await expect(page.getByRole('region', { name: `Slide ${at + 1} of ${n}: ${deck.slides[at].title}` })).toBeVisible();
  let saved = await expectOnDisk(app, (d) => d.slides[at].layout === 'bullets');
  expect(saved.slides[at].chart).toBeUndefined();
  expect(saved.slides[at].stash?.chart).toEqual(deck.slides[at].chart);
  expect(saved.slides[at].title).toBe(deck.slides[at].title);
  expect(saved.slides[at].notes).toBe(deck.slides[at].notes);

  await layout.selectOption({ label: 'Chart' });
  await expect(panel.getByRole('note').filter({ hasText: 'Kept aside' })).toBeHidden();
  saved = await expectOnDisk(app, (d) => d.slides[at].layout === 'chart');
  expect(saved.slides[at]).toEqual(deck.slides[at]);
  expect(errors).toEqual([]);
});

test('a hidden slide is skipped when presenting, dimmed and marked in the overview, and saved as hidden', async ({ page, app, errors }) => {
  const deck = await bundled();
  const n = deck.slides.length;
  await page.goto(app.url);
  await expect(region(page, 1, n)).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('h');
  await expect(page.getByRole('note').filter({ hasText: 'Hidden slide' })).toBeVisible();
  const saved = await expectOnDisk(app, (d) => d.slides[1].hidden === true);
  expect(saved.slides.filter((s) => s.hidden)).toHaveLength(1);
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await expect(region(page, 3, n)).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(region(page, 1, n)).toBeVisible();
  await page.keyboard.press('o');
  const overview = page.getByRole('dialog', { name: 'Overview of all slides' });
  const hiddenThumb = overview.getByRole('button', { name: `Go to slide 2: ${deck.slides[1].title} (hidden)` });
  await expect(hiddenThumb).toBeVisible();
  await expect(hiddenThumb).toContainText('Hidden');
  // Show it again from the focused thumbnail's buttons.
  await hiddenThumb.focus();
  await overview.getByRole('toolbar', { name: 'Slide 2 actions' }).getByRole('button', { name: 'Show' }).click();
  await expect(overview.getByRole('button', { name: `Go to slide 2: ${deck.slides[1].title}`, exact: true })).toBeVisible();
  await expectOnDisk(app, (d) => d.slides[1].hidden === undefined);
  expect(errors).toEqual([]);
});

test('in the overview: drag a slide to a new place, Delete the focused one, Ctrl+Z brings it back', async ({ page, app, errors }) => {
  const deck = await bundled();
  const n = deck.slides.length;
  await page.goto(app.url);
  await expect(region(page, 1, n)).toBeVisible();
  await page.keyboard.press('o');
  const overview = page.getByRole('dialog', { name: 'Overview of all slides' });
  const thumb = (i: number) => overview.getByRole('button', { name: `Go to slide ${i + 1}: ${deck.slides[i].title}` });
  await expect(thumb(0)).toBeVisible();

  // Drag slide 2 to the right half of slide 4: it lands after slide 4.
  const from = (await thumb(1).boundingBox())!;
  const to = (await thumb(3).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 20, from.y + from.height / 2, { steps: 3 });
  await page.mouse.move(to.x + to.width * 0.8, to.y + to.height / 2, { steps: 8 });
  await expect(overview.locator('.drop-after')).toHaveCount(1);
  await expect(overview.getByText('Moving slide 2 to place 4')).toBeVisible();
  await page.mouse.up();
  await expect(overview.locator('.drop-after')).toHaveCount(0);
  await expect(overview.getByRole('button', { name: `Go to slide 4: ${deck.slides[1].title}` })).toBeVisible();
  let saved = await expectOnDisk(app, (d) => d.slides[3].id === deck.slides[1].id);
  expect(saved.slides.slice(0, 4).map((s) => s.id)).toEqual([0, 2, 3, 1].map((i) => deck.slides[i].id));
  await expect(overview).toBeVisible(); // a drag is not a click: the overview stays

  // Alt+← moves the focused slide back one place.
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(overview.getByRole('button', { name: `Go to slide 3: ${deck.slides[1].title}` })).toBeFocused();
  saved = await expectOnDisk(app, (d) => d.slides[2].id === deck.slides[1].id);

  // Delete the focused slide, then undo.
  await page.keyboard.press('Delete');
  await expect(overview.getByRole('button', { name: /^Go to slide \d+:/ })).toHaveCount(n - 1);
  await expect(page.getByRole('status').filter({ hasText: 'Slide deleted' })).toBeVisible();
  await expectOnDisk(app, (d) => d.slides.length === n - 1 && !d.slides.some((s) => s.id === deck.slides[1].id));
  await page.keyboard.press('Control+z');
  await expect(overview.getByRole('button', { name: /^Go to slide \d+:/ })).toHaveCount(n);
  saved = await expectOnDisk(app, (d) => d.slides.length === n);
  expect(saved.slides[2].id).toBe(deck.slides[1].id);

  // Duplicate and add from the thumbnail's toolbar.
  await overview.getByRole('button', { name: `Go to slide 3: ${deck.slides[1].title}` }).focus();
  await overview.getByRole('toolbar', { name: 'Slide 3 actions' }).getByRole('button', { name: 'Duplicate' }).click();
  await expect(overview.getByRole('button', { name: /^Go to slide \d+:/ })).toHaveCount(n + 1);
  await overview.getByRole('toolbar', { name: 'Slide 4 actions' }).getByRole('button', { name: 'Add after…' }).click();
  await page.getByRole('dialog', { name: 'Choose a layout' }).getByRole('button', { name: 'Quote layout' }).click();
  await expect(overview.getByRole('button', { name: 'Go to slide 5: Who said what' })).toBeVisible();
  saved = await expectOnDisk(app, (d) => d.slides.length === n + 2);
  expect(saved.slides[3].id).toBe(`${deck.slides[1].id}-copy`);
  expect(saved.slides[4].layout).toBe('quote');
  expect(errors).toEqual([]);
});

test('the Slide menu in the control bar offers the same actions', async ({ page, app, errors }) => {
  const deck = await bundled();
  const n = deck.slides.length;
  await page.goto(app.url);
  await expect(region(page, 1, n)).toBeVisible();
  await page.getByRole('toolbar', { name: 'Briefing controls' }).getByRole('button', { name: 'Slide' }).click();
  const menu = page.getByRole('dialog', { name: 'Slide' });
  await expect(menu).toBeVisible();
  await menu.getByRole('button', { name: 'Move down' }).click();
  await expect(menu).toBeHidden();
  await expect(page.getByRole('region', { name: `Slide 2 of ${n}: ${deck.slides[0].title}` })).toBeVisible();
  await expectOnDisk(app, (d) => d.slides[1].id === deck.slides[0].id);
  await page.getByRole('toolbar', { name: 'Briefing controls' }).getByRole('button', { name: 'Slide' }).click();
  await menu.getByRole('button', { name: 'Hide slide' }).click();
  await expectOnDisk(app, (d) => d.slides[1].hidden === true);
  expect(errors).toEqual([]);
});

test('the presenter window follows slide operations made in the audience window', async ({ page, app, context, errors }) => {
  const deck = await bundled();
  const n = deck.slides.length;
  await page.goto(app.url);
  await expect(region(page, 1, n)).toBeVisible();
  const [presenter] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('p')]);
  const current = (i: number, total: number, title: string) => presenter.getByRole('region', { name: `Current slide: Slide ${i} of ${total}: ${title}` });
  await expect(current(1, n, deck.slides[0].title)).toBeVisible();
  await page.bringToFront();
  await page.keyboard.press('Control+d');
  await expect(page.getByRole('region', { name: `Slide 2 of ${n + 1}: ${deck.slides[0].title}` })).toBeVisible();
  await expect(current(2, n + 1, deck.slides[0].title)).toBeVisible();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.getByRole('region', { name: `Slide 3 of ${n + 1}: ${deck.slides[0].title}` })).toBeVisible();
  await expect(current(3, n + 1, deck.slides[0].title)).toBeVisible();
  await expect(presenter.getByRole('region', { name: `Next slide: Slide 4 of ${n + 1}: ${deck.slides[2].title}` })).toBeVisible();
  await expectOnDisk(app, (d) => d.slides[2].id === `${deck.slides[0].id}-copy`);
  expect(errors).toEqual([]);
});
