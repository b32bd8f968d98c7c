/**
 * Exports in the app reuse one warm export worker (issue 12), as a person sees it:
 * two exports one after the other (the second after an edit) both end with whole PDFs
 * on disk whose text is the deck's, edit included; and a cancel during the second
 * export of a long deck stops it, leaves no file, and the export after it (in the
 * fresh worker that replaced the cancelled one) completes. An Export pressed after the
 * preview is read writes the very PDF the preview was built from; one pressed right
 * after an option changed follows that option.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve, test } from './fixtures';

const popplerMissing = spawnSync('pdftotext', ['-v']).error ? 'pdftotext (poppler-utils) is not installed' : null;
const BUNDLED = path.resolve(import.meta.dirname, '..', '..', 'assets', 'decks', 'central-asia-mining.briefing.json');

async function openExport(page: Page): Promise<Locator> {
  await page.keyboard.press('Control+e');
  const dialog = page.getByRole('dialog', { name: 'Export PDF' });
  await expect(dialog).toBeVisible();
  return dialog;
}

const pdfsIn = async (dir: string) => (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.pdf')).sort();
const everythingIn = async (dir: string) => (await readdir(dir).catch(() => [] as string[])).sort();
const text = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
const pageCount = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);

test('two exports in a row, the second after an edit, both end with whole PDFs on disk', async ({ page, app, errors }) => {
  test.skip(popplerMissing !== null, popplerMissing ?? '');
  test.setTimeout(180_000);
  const exportsDir = path.join(app.dataDir, 'exports');
  await page.goto(app.url);
  await expect(page.getByRole('region', { name: /^Slide 1 of \d+: / })).toBeVisible();

  let dialog = await openExport(page);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const firstDone = dialog.getByText(/Exported .*: (\d+) pages/);
  await expect(firstDone).toBeVisible({ timeout: 60_000 });
  const firstPages = Number(/: (\d+) pages/.exec((await firstDone.textContent()) ?? '')?.[1]);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // An edit, as a person makes it: the second slide's title in the edit panel.
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('region', { name: /^Slide 2 of \d+: / })).toBeVisible();
  await page.keyboard.press('e');
  const title = page.getByRole('complementary', { name: 'Edit slide' }).getByRole('textbox', { name: 'Title', exact: true });
  await title.fill('Judgments after the warm export');
  await expect(page.getByRole('region', { name: /^Slide 2 of \d+: Judgments after the warm export/ })).toBeVisible();
  await page.keyboard.press('Escape');

  dialog = await openExport(page);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByText(/Exported .*-2\.pdf: \d+ pages/)).toBeVisible({ timeout: 60_000 });

  const files = await pdfsIn(exportsDir);
  expect(files).toHaveLength(2);
  expect(await everythingIn(exportsDir)).toEqual(files); // no temp file left over
  const [first, second] = files.map((f) => path.join(exportsDir, f)).sort((a, b) => a.length - b.length);
  for (const file of [first, second]) {
    const bytes = await readFile(file);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.subarray(-8).toString()).toContain('%%EOF');
  }
  expect(pageCount(first)).toBe(firstPages);
  const deckTitle = JSON.parse(await readFile(BUNDLED, 'utf8')).meta.title as string;
  expect(text(first)).toContain(deckTitle);
  expect(text(first)).not.toContain('Judgments after the warm export');
  expect(text(second)).toContain(deckTitle);
  expect(text(second)).toContain('Judgments after the warm export');
  expect(errors).toEqual([]);
});

test('a cancel during the second export stops it, leaves no file, and the next export completes', async ({ page, errors }) => {
  test.skip(popplerMissing !== null, popplerMissing ?? '');
  test.setTimeout(300_000);
  const SLIDES = 160;
  // A long deck (a different chart on each of 160 slides) so the export runs long enough to cancel.
  const deck = JSON.parse(await readFile(BUNDLED, 'utf8'));
  const chartSlide = deck.slides.find((s: { chart?: { type: string } }) => s.chart && s.chart.type === 'bar');
  deck.slides = Array.from({ length: SLIDES }, (_, i) => {
    const slide = structuredClone(chartSlide);
    slide.id = `chart-${i + 1}`;
    slide.title = `Chart number ${i + 1}`;
    slide.chart.series[0].values = slide.chart.series[0].values.map((v: number | null) => (v === null ? null : v + i));
    return slide;
  });
  const dir = await mkdtemp(path.join(tmpdir(), 'briefing-warm-cancel-'));
  const file = path.join(dir, 'long.briefing.json');
  await writeFile(file, JSON.stringify(deck));
  const app = await serve({ deck: file, dataDir: path.join(dir, 'data') });
  const exportsDir = path.join(dir, 'data', 'exports');
  try {
    await page.goto(app.url);
    await expect(page.getByRole('region', { name: new RegExp(`^Slide 1 of ${SLIDES}: Chart number 1`) })).toBeVisible();
    const dialog = await openExport(page);
    await dialog.getByRole('radio', { name: /^Slides/ }).check();
    await dialog.getByRole('checkbox', { name: /^Annex/ }).uncheck();
    const exportButton = dialog.getByRole('button', { name: 'Export', exact: true });
    await exportButton.click();
    await expect(dialog.getByText(new RegExp(`Exported .*: ${SLIDES} pages`))).toBeVisible({ timeout: 120_000 });
    expect(await pdfsIn(exportsDir)).toHaveLength(1);

    // The second: cancelled as it runs. Three a page, so that its charts are drawn anew at that
    // size (the warm worker has the slides layout's in its cache, and a warm export of those is
    // quick: with 80 slides it could end before a click on Cancel).
    await dialog.getByRole('radio', { name: /^Three per page/ }).check();
    await exportButton.click();
    await expect(dialog.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel export' }).click();
    await expect(dialog.getByText('Export cancelled; no file was written.')).toBeVisible();
    // Give a stray write every chance to land before looking.
    await page.waitForTimeout(500);
    expect(await pdfsIn(exportsDir)).toHaveLength(1);
    expect((await everythingIn(exportsDir)).length).toBe(1);

    // The third completes (in the worker that replaced the cancelled one).
    await dialog.getByRole('radio', { name: /^Slides/ }).check();
    await exportButton.click();
    await expect(dialog.getByText(new RegExp(`Exported .*-\\d+\\.pdf: ${SLIDES} pages`))).toBeVisible({ timeout: 120_000 });
    const files = await pdfsIn(exportsDir);
    expect(files).toHaveLength(2);
    for (const f of files) {
      const full = path.join(exportsDir, f);
      expect(pageCount(full)).toBe(SLIDES);
      expect(text(full)).toContain(`Chart number ${SLIDES}`);
    }
    expect(errors).toEqual([]);
  } finally {
    await app.stop();
  }
});

test('Export after reading the preview writes the PDF the preview showed; an option changed just before Export is followed', async ({ page, app, errors }) => {
  test.skip(popplerMissing !== null, popplerMissing ?? '');
  test.setTimeout(180_000);
  const exportsDir = path.join(app.dataDir, 'exports');
  await page.goto(app.url);
  await expect(page.getByRole('region', { name: /^Slide 1 of \d+: / })).toBeVisible();

  const dialog = await openExport(page);
  const status = dialog.getByRole('status', { name: 'Preview status' });
  const preview = dialog.getByRole('region', { name: 'Preview' });
  // A person reads the preview: it is built (in the warm worker) and shown with its page count.
  await expect(status).toHaveText(/^\d+ pages in all$/, { timeout: 60_000 });
  await expect(preview).toHaveAttribute('aria-busy', 'false');
  const previewPages = Number(/^(\d+)/.exec((await status.textContent()) ?? '')?.[1]);
  // The preview's PDF is the file: it was made before the click, so its creation date (to the second) is earlier.
  await page.waitForTimeout(2100);
  const clickedAt = Date.now();
  const exportButton = dialog.getByRole('button', { name: 'Export', exact: true });
  await exportButton.click();
  await expect(dialog.getByText(/Exported .*: \d+ pages/)).toBeVisible({ timeout: 60_000 });
  const [firstName] = await pdfsIn(exportsDir);
  const first = path.join(exportsDir, firstName);
  expect(pageCount(first)).toBe(previewPages);
  const created = /CreationDate:\s+(\S+)/.exec(execFileSync('pdfinfo', ['-isodates', first], { encoding: 'utf8' }))?.[1];
  expect(Date.parse(created ?? '')).toBeLessThan(clickedAt - 1000);
  const deckTitle = JSON.parse(await readFile(BUNDLED, 'utf8')).meta.title as string;
  expect(text(first)).toContain(deckTitle);

  // Four a page, and Export at once (before that preview is ready): the file follows the new choice.
  await dialog.getByRole('combobox', { name: 'Slides per page' }).selectOption('4');
  await exportButton.click();
  // A grid has no notes, which the file's name says.
  await expect(dialog.getByText(/Exported .*-no-notes\.pdf: \d+ pages/)).toBeVisible({ timeout: 60_000 });
  const second = path.join(exportsDir, (await pdfsIn(exportsDir)).find((f) => f !== firstName)!);
  await expect(status).toHaveText(/^\d+ pages in all$/, { timeout: 60_000 });
  await expect(preview).toHaveAttribute('aria-busy', 'false');
  const gridPages = Number(/^(\d+)/.exec((await status.textContent()) ?? '')?.[1]);
  expect(gridPages).toBeLessThan(previewPages);
  expect(pageCount(second)).toBe(gridPages);
  expect(text(second)).toMatch(/Slide 4\b/); // the grid numbers its slides; two a page does not
  expect(text(first)).not.toMatch(/Slide 4\b/);
  expect(await everythingIn(exportsDir)).toHaveLength(2);
  expect(errors).toEqual([]);
});
