/**
 * A presenter rehearses with the presenter view: P opens it in its own window, the
 * room's window follows every move made there (and the other way round) but not the
 * presenter's private look-ahead; the clocks run; talking points edited there are
 * saved to a working copy, never to the bundled deck.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, watchPageErrors } from './fixtures';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BUNDLED = path.join(ROOT, 'assets/decks/central-asia-mining.briefing.json');
const deck = JSON.parse(readFileSync(BUNDLED, 'utf8')) as { slides: Array<{ title: string; notes?: string }> };
const total = deck.slides.length;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const title = (n: number) => escape(deck.slides[n - 1].title);

/** The audience window's slide: the only "Slide N of M" landmark. */
const roomSlide = (page: Page, n: number) => page.getByRole('region', { name: new RegExp(`^Slide ${n} of ${total}: ${title(n)}$`) });
const current = (presenter: Page, n: number) => presenter.getByRole('region', { name: new RegExp(`^Current slide: Slide ${n} of ${total}: ${title(n)}$`) });
const previewed = (presenter: Page, n: number) => presenter.getByRole('region', { name: new RegExp(`^Previewing: Slide ${n} of ${total}: ${title(n)}$`) });
const notes = (presenter: Page) => presenter.getByRole('textbox', { name: 'Talking points', exact: true });
const elapsed = (presenter: Page) => presenter.getByRole('timer', { name: 'Elapsed time' });

/** Opens the app, presses P, and returns both windows with their error lists. */
async function openBoth(page: Page, url: string) {
  await page.goto(url);
  await expect(roomSlide(page, 1)).toBeVisible();
  const [presenter] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('p')]);
  const presenterErrors = watchPageErrors(presenter);
  await expect(current(presenter, 1)).toBeVisible();
  return { presenter, presenterErrors };
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

test('P opens the presenter view, and each window follows the other', async ({ page, app, errors }) => {
  const { presenter, presenterErrors } = await openBoth(page, app.url);
  await expect(presenter.getByRole('region', { name: new RegExp(`^Next slide: Slide 2 of ${total}: ${title(2)}$`) })).toBeVisible();
  await expect(notes(presenter)).toHaveValue(deck.slides[0].notes ?? '');
  await expect(presenter.getByText(`1 / ${total}`, { exact: true })).toBeVisible();
  await expect(elapsed(presenter)).toHaveText('0:00');
  // "Slide N of M: Title" stays the audience's landmark alone.
  await expect(presenter.getByRole('region', { name: /^Slide \d+ of/ })).toHaveCount(0);

  await presenter.keyboard.press('ArrowRight');
  await expect(roomSlide(page, 2)).toBeVisible();
  await expect(current(presenter, 2)).toBeVisible();
  await expect(presenter.getByText(`2 / ${total}`, { exact: true })).toBeVisible();
  await expect(notes(presenter)).toHaveValue(deck.slides[1].notes ?? '');

  await page.keyboard.press('ArrowRight');
  await expect(current(presenter, 3)).toBeVisible();
  await presenter.keyboard.type('12');
  await presenter.keyboard.press('Enter');
  await expect(roomSlide(page, 12)).toBeVisible();
  await presenter.getByRole('button', { name: 'Previous slide' }).click();
  await expect(roomSlide(page, 11)).toBeVisible();
  expect(errors).toEqual([]);
  expect(presenterErrors).toEqual([]);
});

test('looking ahead does not move the room; "Show this slide" does', async ({ page, app }) => {
  const { presenter } = await openBoth(page, app.url);
  await presenter.keyboard.press('j');
  await presenter.keyboard.press('j');
  await expect(previewed(presenter, 3)).toBeVisible();
  await expect(presenter.getByText('Previewing slide 3 — the room sees slide 1')).toBeVisible();
  await expect(notes(presenter)).toHaveValue(deck.slides[2].notes ?? '');
  // A blackout sent after the look-ahead has arrived, so any move would have too.
  await presenter.keyboard.press('b');
  await expect(page.getByRole('status', { name: 'Screen blacked out' })).toBeVisible();
  await expect(roomSlide(page, 1)).toBeAttached();
  await presenter.keyboard.press('b');
  await expect(page.getByRole('status', { name: 'Screen blacked out' })).toBeHidden();

  await presenter.keyboard.press('Escape');
  await expect(current(presenter, 1)).toBeVisible();

  await presenter.keyboard.press('o');
  const overview = presenter.getByRole('dialog', { name: 'Look ahead: all slides' });
  await overview.getByRole('button', { name: `Go to slide 7: ${deck.slides[6].title}` }).click();
  await expect(previewed(presenter, 7)).toBeVisible();
  await expect(roomSlide(page, 1)).toBeVisible();
  await presenter.getByRole('button', { name: /^Show this slide/ }).click();
  await expect(roomSlide(page, 7)).toBeVisible();
  await expect(current(presenter, 7)).toBeVisible();

  await presenter.keyboard.press('Alt+ArrowRight');
  await expect(previewed(presenter, 8)).toBeVisible();
  await presenter.keyboard.press('Enter');
  await expect(roomSlide(page, 8)).toBeVisible();
  await expect(current(presenter, 8)).toBeVisible();

  // When the room reaches the previewed slide, the preview is over: it does not come back.
  await presenter.keyboard.press('j');
  await expect(previewed(presenter, 9)).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(current(presenter, 9)).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(current(presenter, 10)).toBeVisible();
  await expect(presenter.getByText(/^Previewing slide/)).toBeHidden();
});

test('blackout is shared both ways', async ({ page, app }) => {
  const { presenter } = await openBoth(page, app.url);
  const room = presenter.getByRole('status', { name: 'The room sees' });
  await expect(room).toHaveText('Room: Slide 1');
  await presenter.keyboard.press('b');
  await expect(page.getByRole('status', { name: 'Screen blacked out' })).toBeVisible();
  await expect(room).toHaveText('Room: Black screen');
  await expect(presenter.getByText('The room sees a black screen — press B to show the slide')).toBeVisible();
  await page.keyboard.press('b');
  await expect(room).toHaveText('Room: Slide 1');
  await page.keyboard.press('b');
  await expect(room).toHaveText('Room: Black screen');
  await presenter.getByRole('button', { name: 'Black screen' }).click();
  await expect(page.getByRole('status', { name: 'Screen blacked out' })).toBeHidden();
});

test('the clocks: the timer starts on the first advance, pauses, resumes and resets; the slide is paced against its plan', async ({ page, app }) => {
  // Playwright's clock stands in for waiting: time jumps as far as each step needs.
  const clock = page.context().clock;
  // Paused: only fastForward moves time, so a slow machine's real seconds never leak into the clocks.
  const start = new Date('2026-03-02T09:00:00Z');
  await clock.install({ time: start });
  await clock.pauseAt(new Date(start.getTime() + 1000));
  const { presenter } = await openBoth(page, app.url);
  const onSlide = presenter.getByRole('timer', { name: 'Time on this slide' });
  await expect(presenter.getByText('starts on the first slide change')).toBeVisible();
  await clock.fastForward(5000);
  await expect(elapsed(presenter)).toHaveText('0:00');

  await presenter.keyboard.press('ArrowRight'); // slide 2 is planned at 2:00
  await clock.fastForward(65_000);
  await expect(elapsed(presenter)).toHaveText('1:05');
  await expect(onSlide).toHaveText('1:05');
  await expect(presenter.getByText('on time', { exact: true })).toBeVisible();
  await clock.fastForward(60_000);
  await expect(presenter.getByText('over by 0:05', { exact: true })).toBeVisible();
  await presenter.keyboard.press('ArrowRight');
  await clock.fastForward(2000);
  await expect(onSlide).toHaveText('0:02');
  await expect(elapsed(presenter)).toHaveText('2:07');

  await presenter.getByRole('button', { name: 'Pause' }).click();
  await clock.fastForward(30_000);
  await expect(elapsed(presenter)).toHaveText('2:07');
  await expect(presenter.getByText(/^paused · plan/)).toBeVisible();
  await presenter.getByRole('button', { name: 'Resume' }).click();
  await clock.fastForward(3000);
  await expect(elapsed(presenter)).toHaveText('2:10');

  await presenter.getByRole('button', { name: 'Reset' }).click();
  await expect(elapsed(presenter)).toHaveText('0:00');
  await expect(presenter.getByRole('button', { name: 'Start' })).toBeVisible();
  // The keys do the same: T starts (and pauses), R resets.
  await presenter.keyboard.press('t');
  await clock.fastForward(4000);
  await expect(elapsed(presenter)).toHaveText('0:04');
  await presenter.keyboard.press('t');
  await clock.fastForward(4000);
  await expect(elapsed(presenter)).toHaveText('0:04');
  await presenter.keyboard.press('r');
  await expect(elapsed(presenter)).toHaveText('0:00');
});

test('talking points edited in the presenter view are saved to a working copy, with undo and redo', async ({ page, app }) => {
  const bundledBefore = sha256(BUNDLED);
  const { presenter } = await openBoth(page, app.url);
  await presenter.keyboard.type('3');
  await presenter.keyboard.press('Enter');
  await expect(roomSlide(page, 3)).toBeVisible();

  const original = deck.slides[2].notes ?? '';
  const added = '\n- Rehearsal: pause here for questions.';
  await notes(presenter).click();
  await presenter.keyboard.press('Control+End');
  await presenter.keyboard.type(added);
  await expect(notes(presenter)).toHaveValue(original + added);
  // Keys typed into the notes do not move the slides.
  await expect(current(presenter, 3)).toBeVisible();
  const status = presenter.getByRole('status', { name: 'Save status' });

  await presenter.keyboard.press('Control+z');
  await expect(notes(presenter)).toHaveValue(original);
  await presenter.keyboard.press('Control+Shift+z');
  await expect(notes(presenter)).toHaveValue(original + added);
  await expect(status).toHaveText('Saved', { timeout: 5000 });

  const decksDir = path.join(app.dataDir, 'decks');
  const copies = readdirSync(decksDir).filter((f) => f.endsWith('.briefing.json'));
  expect(copies).toHaveLength(1);
  const onDisk = JSON.parse(readFileSync(path.join(decksDir, copies[0]), 'utf8')) as typeof deck;
  expect(onDisk.slides[2].notes).toBe(original + added);
  expect(sha256(BUNDLED)).toBe(bundledBefore);

  await presenter.reload();
  await expect(current(presenter, 3)).toBeVisible();
  await expect(notes(presenter)).toHaveValue(original + added);
});

test('the size of the talking points is adjustable and kept across a reload', async ({ page, app }) => {
  const { presenter } = await openBoth(page, app.url);
  await expect(notes(presenter)).toHaveCSS('font-size', '28px');
  await presenter.getByRole('button', { name: 'Larger talking points' }).click();
  await presenter.getByRole('button', { name: 'Larger talking points' }).click();
  await expect(notes(presenter)).toHaveCSS('font-size', '32px');
  await presenter.keyboard.press(']');
  await expect(notes(presenter)).toHaveCSS('font-size', '34px');
  const stored = presenter.waitForResponse((r) => r.url().includes('/api/setPrefs'));
  await presenter.keyboard.press('Control+-');
  await expect(notes(presenter)).toHaveCSS('font-size', '32px');
  await expect(presenter.getByText('32 px', { exact: true })).toBeVisible();
  await stored;
  await presenter.reload();
  await expect(current(presenter, 1)).toBeVisible();
  await expect(notes(presenter)).toHaveCSS('font-size', '32px');
});

test('search finds a slide by a word in its talking points, privately', async ({ page, app }) => {
  // The one slide whose talking points say "threads" (its title does not), wherever it is in the deck.
  const hitSlide = deck.slides.findIndex((s) => /\bthreads\b/i.test(s.notes ?? '') && !/threads/i.test(s.title)) + 1;
  const { presenter } = await openBoth(page, app.url);
  await presenter.keyboard.press('/');
  const search = presenter.getByRole('dialog', { name: 'Search slides' });
  await search.getByRole('searchbox', { name: 'Search titles and talking points' }).fill('THREADS');
  const hit = search.getByRole('button', { name: new RegExp(`^Slide ${hitSlide}: ${title(hitSlide)}`) });
  await expect(hit).toBeVisible();
  await expect(hit).toContainText('Talking points:');
  await expect(search.getByRole('button')).toHaveCount(1);
  await presenter.keyboard.press('Enter');
  await expect(search).toBeHidden();
  await expect(previewed(presenter, hitSlide)).toBeVisible();
  await expect(roomSlide(page, 1)).toBeVisible();

  await presenter.keyboard.press('Control+f');
  await expect(search).toBeVisible();
  await presenter.keyboard.type('no such words anywhere');
  await expect(search.getByText('No slide matches')).toBeVisible();
  await presenter.keyboard.press('Escape');
  await expect(search).toBeHidden();
});
