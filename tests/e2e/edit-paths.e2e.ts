/**
 * Edit paths that used to drop edits (issue 8, cases 10–13), driven as a person would:
 * typing bullets, typing chart values without leaving the field, opening decks with
 * the presenter view open, and reading a save error. Every result is checked on screen
 * and in the deck file on disk.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { formatValue } from '../../src-shared/chart-config';
import { expect, serve, test, watchPageErrors, type Served } from './fixtures';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BUNDLED = path.join(ROOT, 'assets/decks/central-asia-mining.briefing.json');
const bundled = JSON.parse(await readFile(BUNDLED, 'utf8')) as { slides: Array<{ title: string; bullets?: string[] }> };

const region = (page: Page, n: number) => page.getByRole('region', { name: new RegExp(`^Slide ${n} of \\d+: `) });
const saveStatus = (page: Page) => page.getByRole('status', { name: 'Save status' });
const panel = (page: Page) => page.getByRole('complementary', { name: 'Edit slide' });
const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));

/** A small deck of the user's own, outside the data folder: a stats slide without bullets and a chart. */
const OWN_DECK = {
  format: 'briefing-deck',
  version: 1,
  meta: { title: 'Edit paths test deck' },
  slides: [
    { id: 'figures', layout: 'stats', title: 'Own deck figures', stats: [{ value: 71, unit: 'kt', label: 'LCE output' }] },
    {
      id: 'growth',
      layout: 'chart',
      title: 'Own deck growth',
      chart: { type: 'bar', labels: ['2024', '2025'], series: [{ name: 'Output', values: [100, 250] }], unit: 'USD bn' },
    },
  ],
};

async function writeOwnDeck(name = 'own.briefing.json'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'briefing-own-'));
  const file = path.join(dir, name);
  await writeFile(file, JSON.stringify(OWN_DECK, null, 2));
  return file;
}

async function workingCopy(dataDir: string): Promise<string> {
  const files = (await readdir(path.join(dataDir, 'decks'))).filter((f) => f.endsWith('.briefing.json'));
  expect(files).toHaveLength(1);
  return path.join(dataDir, 'decks', files[0]);
}

/** Puts the caret at the very end of a text field, as a click at its end would. */
async function caretToEnd(field: Locator) {
  await field.click();
  await field.press('ControlOrMeta+End');
}

test.describe('case 10: the Bullets field', () => {
  test('typing bullets with Enter, a blank line and a paste shows them on the slide and saves them; undo and redo restore the field', async ({
    page,
    app,
    errors,
  }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const original = bundled.slides[1].bullets!;
    await page.goto(app.url);
    await expect(region(page, 1)).toBeVisible();
    await page.keyboard.press('ArrowRight');
    await expect(region(page, 2)).toBeVisible();
    await page.keyboard.press('e');
    const bullets = panel(page).getByRole('textbox', { name: /^Bullets/ });
    await expect(bullets).toHaveValue(original.join('\n'));

    await caretToEnd(bullets);
    await page.keyboard.press('Enter');
    await page.keyboard.type('Typed first point');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter'); // a blank line while typing stays in the field
    await expect(bullets).toHaveValue(`${original.join('\n')}\nTyped first point\n\n`);
    await page.evaluate(() => navigator.clipboard.writeText('Pasted point'));
    await page.keyboard.press('ControlOrMeta+V');
    await expect(bullets).toHaveValue(`${original.join('\n')}\nTyped first point\n\nPasted point`);

    const slide = region(page, 2);
    await expect(slide.getByText('Typed first point', { exact: true })).toBeVisible();
    await expect(slide.getByText('Pasted point', { exact: true })).toBeVisible();
    await expect(saveStatus(page)).toHaveText('Saved');
    const copy = await workingCopy(app.dataDir);
    expect((await readJson(copy)).slides[1].bullets).toEqual([...original, 'Typed first point', 'Pasted point']);

    // Undo takes the field back to the deck's bullets; redo brings the typing back.
    await page.keyboard.press('ControlOrMeta+Z');
    await page.keyboard.press('ControlOrMeta+Z');
    await expect(bullets).toHaveValue(original.join('\n'));
    await expect(slide.getByText('Typed first point', { exact: true })).toHaveCount(0);
    await expect(saveStatus(page)).toHaveText('Saved');
    await expect.poll(async () => (await readJson(copy)).slides[1].bullets).toEqual(original);
    await page.keyboard.press('ControlOrMeta+Shift+Z');
    await page.keyboard.press('ControlOrMeta+Shift+Z');
    await expect(bullets).toHaveValue([...original, 'Typed first point', 'Pasted point'].join('\n'));
    await expect(saveStatus(page)).toHaveText('Saved');
    await expect.poll(async () => (await readJson(copy)).slides[1].bullets).toEqual([...original, 'Typed first point', 'Pasted point']);
    expect(errors).toEqual([]);
  });

  test('bullets typed on a stats slide of a deck of your own are saved to that file', async ({ page, errors }) => {
    const file = await writeOwnDeck();
    const own = await serve({ deck: file });
    try {
      await page.goto(own.url);
      await expect(region(page, 1)).toBeVisible();
      await page.keyboard.press('e');
      const bullets = panel(page).getByRole('textbox', { name: /^Bullets/ });
      await expect(bullets).toHaveValue('');
      await bullets.click();
      await page.keyboard.type('Output doubled');
      await page.keyboard.press('Enter');
      await page.keyboard.type('Prices fell');
      await expect(bullets).toHaveValue('Output doubled\nPrices fell');
      await expect(region(page, 1).getByText('Prices fell', { exact: true })).toBeVisible();
      await expect(saveStatus(page)).toHaveText('Saved');
      expect((await readJson(file)).slides[0].bullets).toEqual(['Output doubled', 'Prices fell']);

      // Emptying the field leaves a stats slide without bullets, as it was.
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Backspace');
      await expect(bullets).toHaveValue('');
      await expect(saveStatus(page)).toHaveText('Saved');
      await expect.poll(async () => 'bullets' in (await readJson(file)).slides[0]).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await own.stop();
    }
  });
});

test.describe('case 11: chart values', () => {
  test('a value is committed as it is typed; a value that is not a number is marked and not saved; fixing it saves', async ({ page, errors }) => {
    const file = await writeOwnDeck();
    const own = await serve({ deck: file });
    try {
      await page.goto(own.url);
      await expect(region(page, 1)).toBeVisible();
      await page.keyboard.press('ArrowRight');
      await expect(region(page, 2)).toBeVisible();
      await page.keyboard.press('e');
      const field = panel(page).getByRole('textbox', { name: 'Output, 2025' });
      await expect(field).toHaveValue('250');
      const chart = region(page, 2).getByRole('img');

      await field.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('1,200');
      // No Enter, Tab or blur: the field keeps focus and what was typed.
      await expect(field).toBeFocused();
      await expect(field).toHaveValue('1,200');
      await expect(saveStatus(page)).toHaveText('Saved');
      expect((await readJson(file)).slides[1].chart.series[0].values).toEqual([100, 1200]);
      await expect(chart).toHaveAttribute('aria-label', new RegExp(`2025 ${formatValue(1200, 'USD bn').replace(/[.$]/g, '\\$&')}`));

      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('abc');
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      const describedBy = await field.getAttribute('aria-describedby');
      expect(describedBy).toBeTruthy();
      const message = page.locator(`[id="${describedBy}"]`);
      await expect(message).toBeVisible();
      await expect(message).toHaveText(/not a number/);
      await expect(saveStatus(page)).toHaveText('Not saved: 1 field has a problem');
      await expect(field).toHaveValue('abc');
      // Another edit is saved meanwhile; the file keeps the last good number for the bad field.
      const first = panel(page).getByRole('textbox', { name: 'Output, 2024' });
      await first.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('x');
      await expect(saveStatus(page)).toHaveText('Not saved: 2 fields have a problem');
      await page.keyboard.press('Backspace'); // empty: no value at that point
      await expect(saveStatus(page)).toHaveText('Not saved: 1 field has a problem');
      await expect.poll(async () => (await readJson(file)).slides[1].chart.series[0].values).toEqual([null, 1200]);
      await expect(field).toHaveValue('abc');

      await field.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('1 300.5');
      await expect(field).not.toHaveAttribute('aria-invalid');
      await expect(message).toHaveCount(0);
      await expect(saveStatus(page)).toHaveText('Saved');
      expect((await readJson(file)).slides[1].chart.series[0].values).toEqual([null, 1300.5]);
      expect(errors).toEqual([]);
    } finally {
      await own.stop();
    }
  });

  test('a value typed without leaving the field is on disk after a reload', async ({ page, errors }) => {
    const file = await writeOwnDeck();
    const own = await serve({ deck: file });
    try {
      await page.goto(own.url);
      await expect(region(page, 1)).toBeVisible();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('e');
      const field = panel(page).getByRole('textbox', { name: 'Output, 2024' });
      await field.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('2,500');
      await page.reload();
      await expect(region(page, 2)).toBeVisible();
      await expect.poll(async () => (await readJson(file)).slides[1].chart.series[0].values).toEqual([2500, 250]);
      await page.keyboard.press('e');
      await expect(panel(page).getByRole('textbox', { name: 'Output, 2024' })).toHaveValue('2500');
      expect(errors).toEqual([]);
    } finally {
      await own.stop();
    }
  });
});

test.describe('case 12: opening decks with the presenter view open', () => {
  const roomLabel = async (page: Page) => page.getByRole('region', { name: /^Slide \d+ of \d+: / }).getAttribute('aria-label');

  /** Both windows show the same deck and slide: the room's landmark is the presenter's current slide. */
  async function expectSameSlide(page: Page, presenter: Page, expected: RegExp) {
    await expect(page.getByRole('region', { name: expected })).toBeVisible();
    const label = (await roomLabel(page))!;
    await expect(presenter.getByRole('region', { name: `Current slide: ${label}`, exact: true })).toBeVisible();
  }

  async function fileMenu(page: Page) {
    await page.getByRole('toolbar', { name: 'Briefing controls' }).getByRole('button', { name: 'File' }).click();
    const dialog = page.getByRole('dialog', { name: 'File' });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  test('Open…, New from the default briefing and a Recent deck: both windows show the same deck, and the presenter still drives the room', async ({
    page,
    app,
    errors,
  }) => {
    const own = await writeOwnDeck('field-report.briefing.json');
    await page.goto(app.url);
    await expect(region(page, 1)).toBeVisible();
    const [presenter] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('p')]);
    const presenterErrors = watchPageErrors(presenter);
    await expect(presenter.getByRole('region', { name: new RegExp(`^Current slide: Slide 1 of ${bundled.slides.length}: `) })).toBeVisible();
    const notOpened = (p: Page) => p.getByText(/Could not open the deck/);

    // Open… : the browser's file chooser.
    let dialog = await fileMenu(page);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), dialog.getByRole('button', { name: 'Open…' }).click()]);
    await chooser.setFiles(own);
    await expectSameSlide(page, presenter, /^Slide 1 of 2: Own deck figures$/);
    await expect(page).toHaveTitle(/^Edit paths test deck/);
    await presenter.keyboard.press('ArrowRight');
    await expectSameSlide(page, presenter, /^Slide 2 of 2: Own deck growth$/);

    // New from the default briefing.
    dialog = await fileMenu(page);
    await dialog.getByRole('button', { name: 'New from the default briefing' }).click();
    await expectSameSlide(page, presenter, new RegExp(`^Slide 1 of ${bundled.slides.length}: ${bundled.slides[0].title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    await presenter.keyboard.press('ArrowRight');
    await expectSameSlide(page, presenter, new RegExp(`^Slide 2 of ${bundled.slides.length}: `));
    await page.keyboard.press('ArrowRight');
    await expectSameSlide(page, presenter, new RegExp(`^Slide 3 of ${bundled.slides.length}: `));

    // A recent deck: the one opened first.
    dialog = await fileMenu(page);
    await dialog.getByRole('button', { name: /field-report\.briefing\.json/ }).click();
    await expectSameSlide(page, presenter, /^Slide \d of 2: Own deck /);
    await presenter.keyboard.press('Home');
    await expectSameSlide(page, presenter, /^Slide 1 of 2: Own deck figures$/);
    await presenter.keyboard.press('ArrowRight');
    await expectSameSlide(page, presenter, /^Slide 2 of 2: Own deck growth$/);

    await expect(notOpened(page)).toHaveCount(0);
    await expect(notOpened(presenter)).toHaveCount(0);
    expect(errors).toEqual([]);
    expect(presenterErrors).toEqual([]);
  });

  test('New from the default briefing works with the presenter view closed, and P then shows the new deck', async ({ page, app, errors }) => {
    const own = await writeOwnDeck();
    await page.goto(app.url);
    await expect(region(page, 1)).toBeVisible();
    const dialog = await fileMenu(page);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), dialog.getByRole('button', { name: 'Open…' }).click()]);
    await chooser.setFiles(own);
    await expect(page.getByRole('region', { name: /^Slide 1 of 2: Own deck figures$/ })).toBeVisible();
    await expect(page.getByText(/Could not open the deck/)).toHaveCount(0);
    const [presenter] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('p')]);
    await expect(presenter.getByRole('region', { name: 'Current slide: Slide 1 of 2: Own deck figures', exact: true })).toBeVisible();
    expect(errors).toEqual([]);
  });
});

test.describe('case 13: a save error on screen', () => {
  /** Mounts a small tmpfs (a real ENOSPC); false where mounting is not permitted. */
  function mountTmpfs(dir: string): boolean {
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  }

  /** Writes zeros until the disk refuses: nothing is left for a save or a backup. */
  async function fillDisk(dir: string) {
    const handle = await open(path.join(dir, 'filler'), 'w');
    const chunk = Buffer.alloc(4096);
    try {
      for (;;) await handle.write(chunk);
    } catch (err) {
      expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      await handle.close();
    }
  }

  test('on a full disk, the status and the Save As notice carry exactly one "Not saved:" and the reason', async ({ page }) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'briefing-full-'));
    const mounted = mountTmpfs(dir);
    if (!mounted) await rm(dir, { recursive: true });
    test.skip(!mounted, 'mounting a tmpfs is not permitted here, so a real full disk cannot be made');
    const file = path.join(dir, 'own.briefing.json');
    let own: Served | undefined;
    try {
      await writeFile(file, JSON.stringify(OWN_DECK, null, 2));
      own = await serve({ deck: file, dataDir: path.join(dir, 'data') });
      await page.goto(own.url);
      await expect(region(page, 1)).toBeVisible();
      await fillDisk(dir);
      const before = await readFile(file, 'utf8');
      await page.keyboard.press('e');
      const title = panel(page).getByRole('textbox', { name: 'Title', exact: true });
      await title.click();
      await page.keyboard.type(' on a full disk');
      const status = saveStatus(page);
      await expect(status).toHaveText(/^Not saved: /);
      const text = (await status.textContent())!;
      expect(text.match(/not saved/gi)).toHaveLength(1);
      expect(text).toContain('the disk is full');
      expect(await readFile(file, 'utf8')).toBe(before);

      await panel(page).getByRole('button', { name: 'Close the edit panel' }).click();
      await page.getByRole('toolbar', { name: 'Briefing controls' }).getByRole('button', { name: 'File' }).click();
      const dialog = page.getByRole('dialog', { name: 'File' });
      await dialog.getByRole('textbox', { name: 'Save a copy as' }).fill('rescue');
      await dialog.getByRole('button', { name: 'Save As…' }).click();
      const notice = page.getByRole('status').filter({ has: page.getByRole('button', { name: 'Dismiss' }) });
      await expect(notice).toContainText('the disk is full');
      const noticeText = (await notice.textContent())!.trim();
      expect(noticeText).toMatch(/^Not saved: /);
      expect(noticeText.match(/not saved/gi)).toHaveLength(1);
    } finally {
      // Room on the disk again before the app stops: with the disk still full, `serve` did not
      // exit on SIGTERM (reported; the store's shutdown is another engineer's case).
      await page.close();
      await rm(path.join(dir, 'filler'), { force: true });
      await own?.stop();
      execFileSync('umount', [dir]);
      await rm(dir, { recursive: true, force: true });
    }
  });
});
