/**
 * The Export dialog's PDF options as a person uses them: options that do not apply
 * to the layout are disabled with the reason shown; changing slides per page and
 * paper redraws the first-page preview (compared pixel by pixel); the exported file
 * has the chosen page size and count (read back with poppler); and the dialog opens
 * again with the options last used for this deck, after a reload too (kept in main's
 * state file on disk). The paper starts from the browser's locale.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { expect, type Locator, type Page } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from './fixtures';

const popplerMissing = spawnSync('pdfinfo', ['-v']).error ? 'pdfinfo (poppler-utils) is not installed' : null;

const region = (page: Page, n: number) => page.getByRole('region', { name: new RegExp(`^Slide ${n} of \\d+: `) });

async function openExport(page: Page): Promise<Locator> {
  await page.keyboard.press('Control+e');
  const dialog = page.getByRole('dialog', { name: 'Export PDF' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** The preview image's data URL, once it has settled (no update running). */
async function previewSrc(dialog: Locator, name: RegExp = /^Preview of page 1/): Promise<string> {
  await expect(dialog.getByRole('region', { name: 'Preview' })).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });
  const img = dialog.getByRole('img', { name });
  await expect(img).toBeVisible({ timeout: 30_000 });
  return (await img.getAttribute('src')) ?? '';
}

/** Waits for the preview to change from `before` and returns the new one. */
async function changedPreview(dialog: Locator, before: string, name?: RegExp): Promise<string> {
  const img = dialog.getByRole('img', { name: name ?? /^Preview of page 1/ });
  await expect(img).not.toHaveAttribute('src', before, { timeout: 30_000 });
  return previewSrc(dialog, name);
}

/** Share of pixels that differ between two PNG data URLs (drawn onto the larger size). */
async function pixelDifference(a: string, b: string): Promise<number> {
  const [ia, ib] = await Promise.all([a, b].map((url) => loadImage(Buffer.from(url.split(',')[1], 'base64'))));
  const w = Math.max(ia.width, ib.width);
  const h = Math.max(ia.height, ib.height);
  const pixels = (img: typeof ia) => {
    const canvas = createCanvas(w, h);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#808080';
    ctx.fillRect(0, 0, w, h);
    ctx.drawImage(img, 0, 0);
    return ctx.getImageData(0, 0, w, h).data;
  };
  const pa = pixels(ia);
  const pb = pixels(ib);
  let diff = 0;
  for (let i = 0; i < pa.length; i += 4) {
    if (Math.abs(pa[i] - pb[i]) + Math.abs(pa[i + 1] - pb[i + 1]) + Math.abs(pa[i + 2] - pb[i + 2]) > 48) diff++;
  }
  return diff / (w * h);
}

test.describe('in a US locale', () => {
  test.use({ locale: 'en-US' });

  test('options that do not apply are disabled with the reason; per page and paper redraw the preview; the export and the next opening follow them', async ({
    page,
    app,
    errors,
  }) => {
    test.skip(popplerMissing !== null, popplerMissing ?? '');
    test.setTimeout(180_000);
    await page.goto(app.url);
    await expect(region(page, 1)).toBeVisible();
    let dialog = await openExport(page);

    // Defaults: a handout, two a page, US Letter from the locale.
    await expect(dialog.getByRole('radio', { name: /^Handout/ })).toBeChecked();
    const perPage = dialog.getByRole('combobox', { name: 'Slides per page' });
    await expect(perPage).toHaveValue('2');
    await expect(dialog.getByRole('radio', { name: 'US Letter' })).toBeChecked();
    const first = await previewSrc(dialog);
    const firstPage2 = await previewSrc(dialog, /^Preview of page 2/);

    // The slides layout: no notes, no count per page, no paper, no cover — each says why.
    await dialog.getByRole('radio', { name: /^Slides/ }).check();
    await expect(perPage).toBeDisabled();
    await expect(dialog.getByRole('radio', { name: 'My talking points' })).toBeDisabled();
    await expect(dialog.getByRole('radio', { name: 'A4' })).toBeDisabled();
    await expect(dialog.getByRole('checkbox', { name: 'Leave out the cover page' })).toBeDisabled();
    await expect(dialog.getByText('the slides layout shows no notes')).toBeVisible();
    await expect(dialog.getByText('the slides layout has pages sized to the slide (16:9), not to paper')).toBeVisible();
    await expect(dialog.getByText('the slides layout has no cover')).toBeVisible();
    const slidesPreview = await changedPreview(dialog, first);
    // A 16:9 page, not a sheet of paper.
    const slideImage = await loadImage(Buffer.from(slidesPreview.split(',')[1], 'base64'));
    expect(slideImage.width / slideImage.height).toBeCloseTo(16 / 9, 1);
    await expect(dialog.getByRole('img', { name: /^Preview of page 2/ })).toHaveCount(0);

    // Speaker notes: talking points by default; no count per page.
    await dialog.getByRole('radio', { name: /^Speaker notes/ }).check();
    await expect(dialog.getByRole('radio', { name: 'My talking points' })).toBeChecked();
    await expect(perPage).toBeDisabled();
    await expect(dialog.getByRole('radio', { name: 'A4' })).toBeEnabled();

    // Back to the handout: four a page is a grid without notes.
    await dialog.getByRole('radio', { name: /^Handout/ }).check();
    await expect(perPage).toBeEnabled();
    await expect(perPage).toHaveValue('2');
    let before = await previewSrc(dialog, /^Preview of page 2/);
    expect(await pixelDifference(before, firstPage2)).toBeLessThan(0.01);
    await perPage.selectOption('4');
    await expect(dialog.getByRole('radio', { name: 'Audience-safe summary' })).toBeDisabled();
    await expect(dialog.getByText('4 slides a page is a grid of slides without notes')).toBeVisible();
    const grid = await changedPreview(dialog, before, /^Preview of page 2/);
    expect(await pixelDifference(grid, before), 'page 2 after choosing 4 a page').toBeGreaterThan(0.05);

    // Paper: A4 redraws the preview at A4's proportions.
    before = await previewSrc(dialog);
    await dialog.getByRole('radio', { name: 'A4' }).check();
    const a4 = await changedPreview(dialog, before);
    expect(await pixelDifference(a4, before), 'page 1 after choosing A4').toBeGreaterThan(0.01);
    const a4Image = await loadImage(Buffer.from(a4.split(',')[1], 'base64'));
    expect(a4Image.width / a4Image.height).toBeCloseTo(841.89 / 595.28, 1); // four a page: landscape

    // A slide range, typed: a wrong one is explained and blocks the export.
    const range = dialog.getByRole('textbox', { name: 'Slides to include' });
    await range.fill('8-1');
    await expect(range).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByText('"8-1" runs backwards (write 1-8)')).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Export' })).toBeDisabled();
    await range.fill('1-8');
    await expect(range).not.toHaveAttribute('aria-invalid', 'true');
    await dialog.getByRole('checkbox', { name: /^Annex/ }).uncheck();
    await previewSrc(dialog);
    await expect(dialog.getByRole('status', { name: 'Preview status' })).toHaveText('3 pages in all', { timeout: 30_000 });
    await dialog.screenshot({ path: test.info().outputPath('export-dialog.png') });

    await dialog.getByRole('button', { name: 'Export' }).click();
    await expect(dialog.getByText(/Exported .*: 3 pages/)).toBeVisible({ timeout: 60_000 });
    const files = (await readdir(path.join(app.dataDir, 'exports'))).filter((f) => f.endsWith('.pdf'));
    expect(files).toHaveLength(1);
    const info = execFileSync('pdfinfo', [path.join(app.dataDir, 'exports', files[0])], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+3\n/);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();

    // Remembered for this deck: in main's state file, and in the dialog, also after a reload.
    await expect
      .poll(
        async () => Object.values(JSON.parse(await readFile(path.join(app.dataDir, 'state.json'), 'utf8').catch(() => '{}')).exportOptions ?? {}),
        { timeout: 10_000 },
      )
      .toEqual([expect.objectContaining({ layout: 'handout', perPage: 4, paper: 'a4', slides: '1-8', annex: false })]);
    for (const reload of [false, true]) {
      if (reload) {
        await page.reload();
        await expect(region(page, 1)).toBeVisible();
      }
      dialog = await openExport(page);
      await expect(dialog.getByRole('radio', { name: /^Handout/ })).toBeChecked();
      await expect(dialog.getByRole('combobox', { name: 'Slides per page' })).toHaveValue('4');
      await expect(dialog.getByRole('radio', { name: 'A4' })).toBeChecked();
      await expect(dialog.getByRole('textbox', { name: 'Slides to include' })).toHaveValue('1-8');
      await expect(dialog.getByRole('checkbox', { name: /^Annex/ })).not.toBeChecked();
      await dialog.getByRole('button', { name: 'Close' }).click();
    }
    expect(errors).toEqual([]);
  });
});

test('a layout picked before the remembered options arrive stays picked', async ({ page, app, errors }) => {
  await page.goto(app.url);
  await expect(region(page, 1)).toBeVisible();
  // Remember "Slides" for this deck: one export of slide 1.
  let dialog = await openExport(page);
  await dialog.getByRole('radio', { name: /^Slides/ }).check();
  await dialog.getByRole('textbox', { name: 'Slides to include' }).fill('1');
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(dialog.getByText(/Exported /)).toBeVisible({ timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // The remembered options now answer late (a busy main process), and the person is quick.
  let answered!: () => void;
  const late = new Promise<void>((resolve) => (answered = resolve));
  await page.route('**/api/lastExportOptions', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
    answered();
  });
  dialog = await openExport(page);
  await dialog.getByRole('radio', { name: /^Three per page/ }).check();
  await late;
  await page.waitForTimeout(200);
  await expect(dialog.getByRole('radio', { name: /^Three per page/ })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: /^Slides/ })).not.toBeChecked();
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Not touched before the answer: the remembered layout is shown, as before.
  await page.unroute('**/api/lastExportOptions');
  dialog = await openExport(page);
  await expect(dialog.getByRole('radio', { name: /^Slides/ })).toBeChecked();
  expect(errors).toEqual([]);
});

test.describe('in a German locale', () => {
  test.use({ locale: 'de-DE' });

  test('the paper starts as A4', async ({ page, app, errors }) => {
    await page.goto(app.url);
    await expect(region(page, 1)).toBeVisible();
    const dialog = await openExport(page);
    await expect(dialog.getByRole('radio', { name: 'A4' })).toBeChecked();
    await expect(dialog.getByRole('radio', { name: 'US Letter' })).not.toBeChecked();
    await previewSrc(dialog);
    expect(errors).toEqual([]);
  });
});
