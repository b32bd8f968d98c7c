/**
 * Tables as a person meets them: the default briefing's table of headline figures drawn
 * with ink where its figures are (numbers right-aligned, units written, the derived
 * figure marked); a cell edited, a spreadsheet table pasted (preview, then apply), rows
 * and columns added and removed, undo — each found on screen and in the file; a chart
 * slide shown as a table; and every chart's data reachable as a table by a screen
 * reader, on the audience's slide and in the presenter view.
 */
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
interface DeckOnDisk {
  slides: Array<{ id: string; title: string; layout: string; table?: { columns: Array<{ heading: string; unit?: string }>; rows: unknown[][] }; chart?: unknown; stash?: Record<string, unknown> }>;
}
const bundled = JSON.parse(readFileSync(path.join(ROOT, 'assets/decks/central-asia-mining.briefing.json'), 'utf8')) as DeckOnDisk;
const numberOf = (id: string) => bundled.slides.findIndex((s) => s.id === id) + 1;
const TABLE_SLIDE = numberOf('headline-figures-table');
const CHART_SLIDE = numberOf('h1-2025-vs-2024');

const region = (page: Page, n: number) => page.getByRole('region', { name: new RegExp(`^Slide ${n} of \\d+: `) });
const panel = (page: Page) => page.getByRole('complementary', { name: 'Edit slide' });
const saveStatus = (page: Page) => page.getByRole('status', { name: 'Save status' });

async function openSlide(page: Page, url: string, n: number): Promise<void> {
  await page.goto(url);
  await expect(region(page, 1)).toBeVisible();
  await page.keyboard.type(String(n));
  await page.keyboard.press('Enter');
  await expect(region(page, n)).toBeVisible();
}

async function savedDeck(page: Page, dataDir: string): Promise<DeckOnDisk> {
  await expect(saveStatus(page)).toHaveText('Saved', { timeout: 10_000 });
  const files = (await readdir(path.join(dataDir, 'decks'))).filter((f) => f.endsWith('.briefing.json'));
  expect(files).toHaveLength(1);
  return JSON.parse(await readFile(path.join(dataDir, 'decks', files[0]), 'utf8')) as DeckOnDisk;
}

/** Waits until the deck on disk satisfies `ok` (autosave runs about a second after the last edit). */
async function onDisk(page: Page, dataDir: string, ok: (deck: DeckOnDisk) => boolean): Promise<DeckOnDisk> {
  let last: DeckOnDisk | undefined;
  await expect
    .poll(async () => {
      last = await savedDeck(page, dataDir);
      return ok(last);
    }, { timeout: 10_000 })
    .toBe(true);
  return last!;
}

/** Pixels of ink (far from the box's first pixel, the background) in a screenshot of `box`. */
async function inkIn(page: Page, box: { x: number; y: number; width: number; height: number }): Promise<number> {
  const png = await page.screenshot({ clip: box });
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    const [r0, g0, b0] = [data[0], data[1], data[2]];
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - r0) + Math.abs(data[i + 1] - g0) + Math.abs(data[i + 2] - b0) > 150) ink++;
    return ink;
  }, png.toString('base64'));
}

async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  return box!;
}

async function pasteText(page: Page, target: Locator, text: string): Promise<void> {
  await target.focus();
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test('the table of headline figures: header, figures right-aligned with their units, the derived figure marked, ink where the numbers are', async ({ page, app, errors }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openSlide(page, app.url, TABLE_SLIDE);
  const slide = region(page, TABLE_SLIDE);
  const table = slide.getByRole('table', { name: 'Headline figures and where they come from' });
  await expect(table).toBeVisible();
  await expect(table.getByRole('columnheader')).toHaveText(['Figure', 'Period', 'Amount (USD bn)', 'Source']);
  await expect(table.getByRole('row')).toHaveCount(6);
  const first = table.getByRole('row').nth(1);
  await expect(first.getByRole('cell')).toHaveText(['BRI investment, all recipients', 'January–June 2025', '$124bn', 'China-Global South Project']);
  await expect(table.getByRole('cell', { name: /^\$61bn\*/ })).toBeVisible();
  await expect(slide).toContainText('* BRI investment, 2024 half-year average (derived), Amount: 122 / 2 = 61');
  await expect(slide).toContainText('Sources: China-Global South Project; ');

  // Ink: the amount is drawn at the right of its cell, and the left of that cell is blank.
  const cell = await boxOf(first.getByRole('cell').nth(2));
  const heading = await boxOf(table.getByRole('columnheader', { name: 'Amount (USD bn)' }));
  const right = { x: cell.x + cell.width * 0.6, y: cell.y + 2, width: cell.width * 0.4 - 2, height: cell.height - 4 };
  const left = { x: cell.x + 2, y: cell.y + 2, width: cell.width * 0.3, height: cell.height - 4 };
  expect(await inkIn(page, right), 'the number is drawn at the right of its cell').toBeGreaterThan(20);
  expect(await inkIn(page, left), 'nothing at the left of a number cell').toBe(0);
  expect(await inkIn(page, { x: heading.x + 2, y: heading.y + 2, width: heading.width - 4, height: heading.height - 4 }), 'the heading is drawn').toBeGreaterThan(40);
  // Every row is shown: the last row is inside the table's visible box, and nothing overflows it.
  const lastRow = await boxOf(table.getByRole('row').last());
  const visible = await boxOf(table.locator('xpath=..'));
  expect(lastRow.y + lastRow.height).toBeLessThanOrEqual(visible.y + visible.height + 1);
  expect(await table.locator('xpath=..').evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
  await expect(slide.getByRole('cell', { name: "East Hope Group's aluminium complex in Kazakhstan" })).toBeInViewport({ ratio: 1 });
  await slide.screenshot({ path: test.info().outputPath('table-slide.png') });
  expect(errors).toEqual([]);
});

test('edit a cell, a heading and a unit; paste a spreadsheet table (preview, then apply); add and remove rows and columns; undo', async ({ page, app, errors }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await openSlide(page, app.url, TABLE_SLIDE);
  await page.keyboard.press('e');
  const edit = panel(page);
  await expect(edit).toBeVisible();
  const slide = region(page, TABLE_SLIDE);
  const cells = edit.getByRole('table', { name: 'Table cells' });
  const index = TABLE_SLIDE - 1;

  // A number typed as people write it becomes a number, shown with the column's unit.
  const amount = cells.getByRole('textbox', { name: 'Row 4, Amount' });
  await expect(amount).toHaveValue('23');
  await amount.fill('');
  await amount.pressSequentially('1,250');
  await expect(slide.getByRole('cell', { name: '$1,250bn' })).toBeVisible();
  let deck = await onDisk(page, app.dataDir, (d) => d.slides[index].table?.rows[3][2] === 1250);
  expect(deck.slides[index].table!.rows[3]).toEqual(['Chinese investment in Kazakhstan', 'January–June 2025', 1250, 'The source article']);

  // Text cell, heading and unit.
  await cells.getByRole('textbox', { name: 'Row 1, Figure' }).fill('Belt and Road, every recipient');
  await cells.getByRole('textbox', { name: 'Column 3 heading' }).fill('Investment');
  await cells.getByRole('textbox', { name: 'Column 3 unit' }).fill('USD m');
  await expect(slide.getByRole('columnheader', { name: 'Investment (USD m)' })).toBeVisible();
  await expect(slide.getByRole('cell', { name: 'Belt and Road, every recipient' })).toBeVisible();
  await expect(slide.getByRole('cell', { name: '$124m' })).toBeVisible();
  deck = await onDisk(page, app.dataDir, (d) => d.slides[index].table?.columns[2].unit === 'USD m');
  expect(deck.slides[index].table!.columns[2]).toEqual({ heading: 'Investment', unit: 'USD m' });
  expect(deck.slides[index].table!.rows[0][0]).toBe('Belt and Road, every recipient');

  // Add a column and a row, then remove them: every row stays as wide as the header.
  await edit.getByRole('button', { name: 'Add column' }).click();
  await expect(slide.getByRole('columnheader', { name: 'Column 5' })).toBeVisible();
  await edit.getByRole('button', { name: 'Add row' }).click();
  await expect(slide.getByRole('row')).toHaveCount(7);
  deck = await onDisk(page, app.dataDir, (d) => d.slides[index].table?.rows.length === 6 && d.slides[index].table?.columns.length === 5);
  expect(deck.slides[index].table!.rows.every((r) => r.length === 5)).toBe(true);
  await edit.getByRole('button', { name: 'Remove column 5' }).click();
  await edit.getByRole('button', { name: 'Remove row 6' }).click();
  await expect(slide.getByRole('row')).toHaveCount(6);
  await expect(slide.getByRole('columnheader')).toHaveCount(4);
  await onDisk(page, app.dataDir, (d) => d.slides[index].table?.rows.length === 5 && d.slides[index].table?.columns.length === 4);

  // Paste cells copied from a spreadsheet into the grid: a preview first, nothing changed yet.
  const tsv = 'Mine\tCountry\tOutput\nAktogay\tKazakhstan\t$1,200m\nKounrad\tKazakhstan\t$400m\nAlmalyk\tUzbekistan\t–\n';
  await pasteText(page, cells.getByRole('textbox', { name: 'Row 2, Period' }), tsv);
  const preview = edit.getByRole('group', { name: /^Preview: Pasted table — 3 rows × 3 columns/ });
  await expect(preview).toBeVisible();
  await expect(preview.getByRole('table', { name: 'Preview of the table' }).getByRole('columnheader')).toHaveText(['Mine', 'Country', 'Output (USD m)']);
  await expect(preview.getByRole('cell', { name: '$1,200m' })).toBeVisible();
  await expect(slide.getByRole('cell', { name: 'Aktogay' })).toHaveCount(0);
  await preview.screenshot({ path: test.info().outputPath('table-paste-preview.png') });
  await preview.getByRole('button', { name: 'Apply to table' }).click();
  await expect(preview).toHaveCount(0);
  await expect(slide.getByRole('columnheader')).toHaveText(['Mine', 'Country', 'Output (USD m)']);
  await expect(slide.getByRole('row', { name: /Aktogay Kazakhstan \$1,200m/ })).toBeVisible();
  deck = await onDisk(page, app.dataDir, (d) => d.slides[index].table?.columns[0].heading === 'Mine');
  expect(deck.slides[index].table!.columns).toEqual([{ heading: 'Mine' }, { heading: 'Country' }, { heading: 'Output', unit: 'USD m' }]);
  expect(deck.slides[index].table!.rows).toEqual([
    ['Aktogay', 'Kazakhstan', 1200],
    ['Kounrad', 'Kazakhstan', 400],
    ['Almalyk', 'Uzbekistan', null],
  ]);
  await edit.screenshot({ path: test.info().outputPath('table-editor.png') });

  // Undo takes back the whole paste in one step.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(slide.getByRole('cell', { name: 'Aktogay' })).toHaveCount(0);
  await expect(slide.getByRole('columnheader', { name: 'Investment (USD m)' })).toBeVisible();
  deck = await onDisk(page, app.dataDir, (d) => d.slides[index].table?.columns[0].heading === 'Figure');
  expect(deck.slides[index].table!.rows[0][0]).toBe('Belt and Road, every recipient');
  expect(errors).toEqual([]);
});

test('a chart slide shown as a table: the same data, and the chart comes back under the Chart layout', async ({ page, app, errors }) => {
  await openSlide(page, app.url, CHART_SLIDE);
  await page.keyboard.press('e');
  const edit = panel(page);
  await edit.getByRole('button', { name: 'Show as table' }).click();
  const slide = region(page, CHART_SLIDE);
  const table = slide.getByRole('table');
  await expect(table.getByRole('columnheader').first()).toHaveText('Category');
  await expect(table.getByRole('cell', { name: '$122bn' })).toBeVisible();
  await expect(table.getByRole('cell', { name: '$124bn' })).toBeVisible();
  await expect(slide.getByRole('img')).toHaveCount(0);
  const deck = await onDisk(page, app.dataDir, (d) => d.slides[CHART_SLIDE - 1].layout === 'table');
  const saved = deck.slides[CHART_SLIDE - 1];
  expect(saved.chart).toBeUndefined();
  expect(saved.stash?.chart).toEqual(bundled.slides[CHART_SLIDE - 1].chart);
  expect(saved.table!.rows.map((r) => r[1])).toEqual([122, 124]);
  expect(errors).toEqual([]);
});

test('every chart has its data as a table for screen readers, on the slide and in the presenter view', async ({ page, app, errors }) => {
  await openSlide(page, app.url, CHART_SLIDE);
  const title = bundled.slides[CHART_SLIDE - 1].title;
  const slide = region(page, CHART_SLIDE);
  const data = slide.getByRole('table', { name: `Data of the chart: ${title}` });
  await expect(data).toBeAttached();
  await expect(data.getByRole('columnheader')).toHaveText(['Category', 'BRI investment (USD bn)']);
  await expect(data.getByRole('row')).toHaveCount(3);
  await expect(data.getByRole('cell', { name: '$124bn' })).toBeAttached();
  // The chart picture points at its data.
  const chart = slide.getByRole('img');
  const describedBy = await chart.getAttribute('aria-describedby');
  expect(describedBy).toBeTruthy();
  await expect(page.locator(`[id="${describedBy}"]`).getByRole('table')).toHaveAccessibleName(`Data of the chart: ${title}`);
  await expect(chart).toHaveAccessibleDescription(`Data of the chart: ${title}`);
  // Hidden from sight: it sits in a 1-pixel clipped box and takes no room on the slide.
  const box = await page.locator(`[id="${describedBy}"]`).boundingBox();
  expect(box === null || (box.width <= 1 && box.height <= 1)).toBe(true);

  const [presenter] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('p')]);
  const current = presenter.getByRole('region', { name: /^Current slide: / });
  await expect(current.getByRole('table', { name: `Data of the chart: ${title}` })).toBeAttached();
  await expect(current.getByRole('table', { name: `Data of the chart: ${title}` }).getByRole('cell', { name: '$122bn' })).toBeAttached();
  expect(errors).toEqual([]);
});
