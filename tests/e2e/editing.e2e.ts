/**
 * A presenter edits their briefing locally: nothing is lost, the bundled deck is
 * never written, broken files are never overwritten.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, serve, test, watchPageErrors } from './fixtures';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BUNDLED = path.join(ROOT, 'assets/decks/central-asia-mining.briefing.json');
const BUNDLED_SLIDES = (JSON.parse(await readFile(BUNDLED, 'utf8')) as { slides: Array<{ id: string }> }).slides;
/** The bar chart of H1 2025 against 2024, found by id (slides may be added before it). */
const H1_CHART = BUNDLED_SLIDES.findIndex((s) => s.id === 'h1-2025-vs-2024') + 1;
const sha = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');
const region = (page: Page, n: number) => page.getByRole('region', { name: new RegExp(`^Slide ${n} of \\d+: `) });
const saveStatus = (page: Page) => page.getByRole('status', { name: 'Save status' });

async function workingCopies(dataDir: string): Promise<string[]> {
  const files = await readdir(path.join(dataDir, 'decks')).catch(() => [] as string[]);
  return files.filter((f) => f.endsWith('.briefing.json'));
}

test('talking points edited in the edit panel are saved to a working copy and survive a reload', async ({ page, app, errors }) => {
  const before = await sha(BUNDLED);
  await page.goto(app.url);
  await expect(region(page, 1)).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(region(page, 3)).toBeVisible();
  await page.keyboard.press('e');
  const panel = page.getByRole('complementary', { name: 'Edit slide' });
  await expect(panel).toBeVisible();
  const notes = panel.getByRole('textbox', { name: 'Talking points' });
  await notes.fill('');
  await notes.pressSequentially('Open with the $124bn figure. Пауза — 停顿.', { delay: 5 });
  await expect(saveStatus(page)).toHaveText('Saved', { timeout: 10_000 });
  await expect(page.getByRole('status').filter({ hasText: 'saved in a copy' })).toBeVisible();

  const copies = await workingCopies(app.dataDir);
  expect(copies).toEqual(['central-asia-mining.briefing.json']);
  const saved = JSON.parse(await readFile(path.join(app.dataDir, 'decks', copies[0]), 'utf8'));
  expect(saved.slides[2].notes).toBe('Open with the $124bn figure. Пауза — 停顿.');
  expect(await sha(BUNDLED)).toBe(before);

  await page.reload();
  await expect(region(page, 3)).toBeVisible();
  await page.keyboard.press('e');
  await expect(page.getByRole('textbox', { name: 'Talking points' })).toHaveValue('Open with the $124bn figure. Пауза — 停顿.');
  expect(errors).toEqual([]);
});

test('title edits show on the slide at once; undo and redo work across fields', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(region(page, 1)).toBeVisible();
  await page.keyboard.press('End');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await expect(region(page, 2)).toBeVisible();
  await page.keyboard.press('e');
  const panel = page.getByRole('complementary', { name: 'Edit slide' });
  const title = panel.getByRole('textbox', { name: 'Title', exact: true });
  const original = await title.inputValue();
  await title.fill('Key judgments, revised');
  await expect(page.getByRole('region', { name: `Slide 2 of ${BUNDLED_SLIDES.length}: Key judgments, revised` })).toBeVisible();
  const notes = panel.getByRole('textbox', { name: 'Talking points' });
  await notes.fill('Short version.');
  await page.keyboard.press('Control+z');
  await expect(notes).not.toHaveValue('Short version.');
  await page.keyboard.press('Control+z');
  await expect(title).toHaveValue(original);
  await expect(page.getByRole('region', { name: `Slide 2 of ${BUNDLED_SLIDES.length}: ${original}` })).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(title).toHaveValue('Key judgments, revised');
  await page.keyboard.press('Control+y');
  await expect(notes).toHaveValue('Short version.');
  await expect(saveStatus(page)).toHaveText('Saved', { timeout: 10_000 });
});

test('a chart redraws at once when one of its values is edited', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(region(page, 1)).toBeVisible();
  await page.keyboard.type(String(H1_CHART));
  await page.keyboard.press('Enter');
  await expect(region(page, H1_CHART)).toBeVisible();
  const chart = region(page, H1_CHART).getByRole('img');
  await expect(chart).toHaveAttribute('aria-label', /\$124bn/);
  await page.keyboard.press('e');
  const first = page.getByRole('complementary', { name: 'Edit slide' }).locator('td input').last();
  await first.fill('130');
  await first.press('Tab');
  await expect(chart).toHaveAttribute('aria-label', /\$130bn/);
  await page.keyboard.press('Control+z');
  await expect(chart).toHaveAttribute('aria-label', /\$124bn/);
});

for (const fixture of ['corrupt-truncated', 'schema-invalid']) {
  test(`a ${fixture} deck shows its error and stays untouched on disk`, async ({ page }) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'briefing-bad-'));
    const deck = path.join(dir, `${fixture}.briefing.json`);
    await copyFile(path.join(ROOT, `tests/fixtures/decks/${fixture}.briefing.json`), deck);
    const before = await sha(deck);
    const served = await serve({ deck });
    try {
      await page.goto(served.url);
      const alert = page.getByRole('alert');
      await expect(alert).toContainText(`${fixture}.briefing.json`);
      await expect(alert).toContainText('The file was not changed');
      await alert.getByRole('button', { name: 'Open the default briefing' }).click();
      await expect(region(page, 1)).toBeVisible();
      expect(await sha(deck)).toBe(before);
    } finally {
      await served.stop();
    }
  });
}

test('a corrupt deck with a backup offers the .bak, and saving restores the file', async ({ page }) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'briefing-bak-'));
  const deck = path.join(dir, 'mine.briefing.json');
  await copyFile(path.join(ROOT, 'tests/fixtures/decks/small-valid.briefing.json'), `${deck}.bak`);
  await writeFile(deck, '{"format": "briefing-deck", "version": 1, "meta": {');
  const served = await serve({ deck });
  try {
    const errors = watchPageErrors(page);
    await page.goto(served.url);
    await expect(page.getByRole('alert')).toContainText('mine.briefing.json');
    await page.getByRole('button', { name: 'Open the backup (.bak)' }).click();
    await expect(region(page, 1)).toBeVisible();
    await page.keyboard.press('e');
    await page.getByRole('textbox', { name: 'Talking points' }).fill('Restored and edited.');
    await expect(saveStatus(page)).toHaveText('Saved', { timeout: 10_000 });
    const restored = JSON.parse(await readFile(deck, 'utf8'));
    expect(restored.slides[0].notes).toBe('Restored and edited.');
    // The broken file was kept aside, not destroyed.
    expect((await readdir(dir)).some((f) => f.includes('.corrupt-'))).toBe(true);
    expect(errors).toEqual([]);
  } finally {
    await served.stop();
  }
});

test('open a deck from a file, save a copy under a new name, and find it in recent decks', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(region(page, 1)).toBeVisible();
  await page.getByRole('button', { name: 'File' }).click({ force: true });
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('dialog', { name: 'File' }).getByRole('button', { name: 'Open…' }).click();
  await (await chooser).setFiles(path.join(ROOT, 'tests/fixtures/decks/small-valid.briefing.json'));
  await expect(page.getByRole('region', { name: /^Slide 1 of \d+: / })).toBeVisible();
  const smallTitle = JSON.parse(await readFile(path.join(ROOT, 'tests/fixtures/decks/small-valid.briefing.json'), 'utf8')).meta.title;
  await expect(page).toHaveTitle(`${smallTitle} — Briefing Desk`);

  await page.getByRole('button', { name: 'File' }).click({ force: true });
  const dialog = page.getByRole('dialog', { name: 'File' });
  await dialog.getByRole('textbox', { name: 'Save a copy as' }).fill('../../etc/evil name');
  await dialog.getByRole('button', { name: 'Save As…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Not saved: a file name cannot contain' })).toBeVisible();
  expect((await workingCopies(app.dataDir)).length).toBe(1);

  await page.getByRole('button', { name: 'File' }).click({ force: true });
  await dialog.getByRole('textbox', { name: 'Save a copy as' }).fill('My team copy');
  await dialog.getByRole('button', { name: 'Save As…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved as' })).toBeVisible();
  const copies = await workingCopies(app.dataDir);
  expect(copies.sort()).toEqual(['My team copy.briefing.json', 'small-valid.briefing.json']);

  await page.getByRole('button', { name: 'File' }).click({ force: true });
  await expect(page.getByRole('dialog', { name: 'File' }).getByRole('heading', { name: 'Recent decks' })).toBeVisible();
  await page.getByRole('dialog', { name: 'File' }).getByRole('button', { name: 'New from the default briefing' }).click();
  await expect(page).toHaveTitle(/Central Asia — Briefing Desk$|Mining Pivot/);
});

test('Export PDF from the app: progress, then a PDF to download', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(region(page, 1)).toBeVisible();
  await page.keyboard.press('Control+e');
  const dialog = page.getByRole('dialog', { name: 'Export PDF' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: /^Three per page/ }).check();
  await dialog.getByRole('radio', { name: 'My talking points' }).check();
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(dialog.getByText(/Exported .*three-up-talking-points\.pdf/)).toBeVisible({ timeout: 30_000 });
  const href = await dialog.getByRole('link', { name: 'Download PDF' }).getAttribute('href');
  const res = await page.request.get(new URL(href!, app.origin).toString());
  expect(res.status()).toBe(200);
  const body = await res.body();
  expect(body.subarray(0, 5).toString()).toBe('%PDF-');
  const exported = await readdir(path.join(app.dataDir, 'exports'));
  expect(exported).toContain('central-asia-mining-three-up-talking-points.pdf');
});

test('a deck dropped on the window opens; a dropped broken file shows its problems and changes nothing', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(region(page, 1)).toBeVisible();
  const drop = async (name: string, text: string) => {
    const transfer = await page.evaluateHandle(
      ([fileName, body]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([body], fileName, { type: 'application/json' }));
        return dt;
      },
      [name, text] as const,
    );
    await page.dispatchEvent('main', 'dragover', { dataTransfer: transfer });
    await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
  };
  await drop('broken.briefing.json', '{"format": "briefing-deck", "version": 1, "meta": {"title": "x"}, "slides": [{"id": "a"}]}');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('broken.briefing.json');
  await expect(alert).toContainText('slides[0].layout');
  await alert.getByRole('button', { name: 'Back to the open deck' }).click();
  expect(await workingCopies(app.dataDir)).toEqual([]);

  await drop('colleague.briefing.json', await readFile(path.join(ROOT, 'tests/fixtures/decks/small-valid.briefing.json'), 'utf8'));
  await expect(page.getByRole('region', { name: 'Slide 1 of 3: Small valid deck' })).toBeVisible();
  expect(await workingCopies(app.dataDir)).toEqual(['colleague.briefing.json']);
});
