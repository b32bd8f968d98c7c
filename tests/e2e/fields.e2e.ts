/**
 * Every field of a deck edited in the app as a person does it — typing, picking,
 * clicking, pasting — then found on the slide and in the deck file on disk.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, serve, test } from './fixtures';

const region = (page: Page, n: number) => page.getByRole('region', { name: new RegExp(`^Slide ${n} of \\d+: `) });
const saveStatus = (page: Page) => page.getByRole('status', { name: 'Save status' });
const panel = (page: Page) => page.getByRole('complementary', { name: 'Edit slide' });
const SHOTS = process.env.FIELDS_SHOTS;
/** The default briefing's last slide (its sources slide), wherever new slides are inserted before it. */
const LAST = (JSON.parse(readFileSync(path.join(import.meta.dirname, '..', '..', 'assets/decks/central-asia-mining.briefing.json'), 'utf8')) as { slides: unknown[] }).slides.length;
// Where the default briefing's headline figures are (a chart follows them): found by id, so slides added before them move nothing here.
const DEFAULT_DECK = JSON.parse(await readFile(path.resolve(import.meta.dirname, '../../assets/decks/central-asia-mining.briefing.json'), 'utf8')) as { slides: Array<{ id: string }> };
const slideNumber = (id: string) => DEFAULT_DECK.slides.findIndex((s) => s.id === id) + 1;
const FIGURES_SLIDE = slideNumber('headline-figures');
/** The default briefing's slides these tests edit, by id. */
const SLIDE = {
  figures: FIGURES_SLIDE,
  h1Chart: slideNumber('h1-2025-vs-2024'),
  shift: slideNumber('geographic-shift'),
  ladder: slideNumber('scale-ladder'),
  evolution: slideNumber('bri-evolution'),
  quote: slideNumber('quote-transformation'),
};

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
  const edit = await editSlide(page, app.url, SLIDE.figures);
  const slide = region(page, SLIDE.figures);
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
  await expect(value).toHaveAccessibleDescription(/not a number/);
  await expect(saveStatus(page)).toHaveText('Not saved: 1 field has a problem');
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
  expect(deck.slides[SLIDE.figures - 1].stats).toEqual([
    { value: 1250, unit: 'USD m', label: 'Investment in Q1', source: 'griffith', derived: 'Sum of three months' },
    { value: 23, unit: 'USD bn', label: 'Chinese investment in Kazakhstan, January–June 2025', source: 'article' },
    { value: 7, label: 'Projects signed' },
  ]);
  expect(errors).toEqual([]);
});

/** Pastes text into the focused element as a spreadsheet does: a real paste event with the clipboard's text. */
async function pasteText(page: Page, target: Locator, text: string): Promise<void> {
  await target.focus();
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test('chart: type, stacked, unit, caption, derived note, labels, series names and values, rows and series', async ({ page, app, errors }) => {
  const edit = await editSlide(page, app.url, SLIDE.h1Chart);
  const chart = region(page, SLIDE.h1Chart).getByRole('img');
  const table = edit.getByRole('table', { name: 'Chart data' });
  await edit.getByRole('combobox', { name: 'Chart type' }).selectOption('line');
  await expect(chart).toHaveAttribute('aria-label', /line chart/);
  await edit.getByRole('combobox', { name: 'Chart type' }).selectOption('bar');
  await edit.getByRole('checkbox', { name: 'Stacked' }).check();
  await expect(chart).toHaveAttribute('aria-label', /stacked bar chart/);
  await expect(edit.getByRole('combobox', { name: 'Chart type' })).toHaveValue('stacked-bar');
  await edit.getByRole('textbox', { name: 'Unit' }).fill('USD m');
  await table.getByRole('textbox', { name: 'Label 1', exact: true }).fill('Whole of 2024');
  await table.getByRole('textbox', { name: 'Series 1 name' }).fill('Investment');
  await expect(chart).toHaveAttribute('aria-label', /Whole of 2024 \$122m/);
  const cell = table.getByRole('textbox', { name: 'Investment, First half of 2025' });
  await cell.fill('');
  await cell.pressSequentially('1,300');
  await expect(chart).toHaveAttribute('aria-label', /First half of 2025 \$1,300m/);
  await edit.getByRole('button', { name: 'Add series' }).click();
  await table.getByRole('textbox', { name: 'Series 2 name' }).fill('Plan');
  await table.getByRole('textbox', { name: 'Plan, Whole of 2024' }).fill('100');
  await table.getByRole('textbox', { name: 'Plan, First half of 2025' }).fill('150');
  await edit.getByRole('button', { name: 'Add row' }).click();
  await table.getByRole('textbox', { name: 'Label 3', exact: true }).fill('Second half of 2025');
  await table.getByRole('textbox', { name: 'Plan, Second half of 2025' }).fill('160');
  await expect(chart).toHaveAttribute('aria-label', /Plan: Whole of 2024 \$100m, First half of 2025 \$150m, Second half of 2025 \$160m/);
  // A row missing a value is a gap, not an error; a series may be removed again.
  await edit.getByRole('button', { name: 'Remove row 1' }).click();
  await edit.getByRole('textbox', { name: 'Caption' }).fill('As reported.');
  await edit.getByRole('textbox', { name: 'Chart derived note' }).fill('Plan figures are targets.');
  await expect(region(page, SLIDE.h1Chart)).toContainText('As reported.');
  await expect(region(page, SLIDE.h1Chart)).toContainText('* Plan figures are targets.');

  const deck = await savedDeck(page, app.dataDir);
  expect(deck.slides[SLIDE.h1Chart - 1].chart).toEqual({
    type: 'stacked-bar',
    labels: ['First half of 2025', 'Second half of 2025'],
    series: [
      { name: 'Investment', values: [1300, null] },
      { name: 'Plan', values: [150, 160] },
    ],
    unit: 'USD m',
    caption: 'As reported.',
    derived: 'Plan figures are targets.',
  });
  await edit.getByRole('button', { name: 'Remove series 2' }).click();
  expect((await savedDeck(page, app.dataDir)).slides[SLIDE.h1Chart - 1].chart!.series).toEqual([{ name: 'Investment', values: [1300, null] }]);
  expect(errors).toEqual([]);
});

test('chart: a table pasted from a spreadsheet is previewed, applied as one step, and undone', async ({ page, app, errors }) => {
  if (SHOTS) await page.setViewportSize({ width: 1440, height: 900 });
  const edit = await editSlide(page, app.url, SLIDE.h1Chart);
  const chart = region(page, SLIDE.h1Chart).getByRole('img');
  const table = edit.getByRole('table', { name: 'Chart data' });
  const tsv = 'Year\tMining\tEnergy\n2022\t1,250\t3.5\n2023\t2 400\tn/a\n2024\t3,100.5\tabc\n';
  await pasteText(page, table.getByRole('textbox', { name: 'Label 1', exact: true }), tsv);
  const preview = edit.getByRole('group', { name: /^Preview: Pasted table — 3 labels × 2 series/ });
  await expect(preview).toBeVisible();
  const previewTable = preview.getByRole('table', { name: 'Preview of the table' });
  await expect(previewTable.getByRole('row')).toHaveCount(4);
  await expect(previewTable.getByRole('cell', { name: /problem: expected a number, found "abc"/ })).toBeVisible();
  await expect(preview.getByRole('list', { name: 'Problems in the table' })).toContainText('Row 4, column 3: expected a number, found "abc"; left as a gap');
  if (SHOTS) {
    await edit.getByRole('group', { name: 'Chart', exact: true }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(SHOTS, 'chart-data-editor.png') });
  }
  // Nothing changes until Apply.
  await expect(chart).toHaveAttribute('aria-label', /All of 2024/);
  await preview.getByRole('button', { name: 'Apply to chart' }).click();
  await expect(preview).toBeHidden();
  await expect(chart).toHaveAttribute('aria-label', /Mining: 2022 \$1,250bn, 2023 \$2,400bn, 2024 \$3,100.5bn; Energy: 2022 \$3.5bn, 2023 –, 2024 –/);
  await expect(table.getByRole('textbox', { name: 'Mining, 2023' })).toHaveValue('2400');
  let deck = await savedDeck(page, app.dataDir);
  expect(deck.slides[SLIDE.h1Chart - 1].chart!.labels).toEqual(['2022', '2023', '2024']);
  expect(deck.slides[SLIDE.h1Chart - 1].chart!.series).toEqual([
    { name: 'Mining', values: [1250, 2400, 3100.5] },
    { name: 'Energy', values: [3.5, null, null] },
  ]);
  expect(deck.slides[SLIDE.h1Chart - 1].chart!.caption).toMatch(/^Belt and Road/);

  // One undo brings the whole old table back.
  await page.keyboard.press('Control+z');
  await expect(chart).toHaveAttribute('aria-label', /All of 2024 \$122bn, First half of 2025 \$124bn/);
  deck = await savedDeck(page, app.dataDir);
  expect(deck.slides[SLIDE.h1Chart - 1].chart!.labels).toEqual(['All of 2024', 'First half of 2025']);
  expect(deck.slides[SLIDE.h1Chart - 1].chart!.series).toEqual([{ name: 'BRI investment', values: [122, 124] }]);

  // Percent signs set the unit; Cancel leaves the chart alone.
  await edit.getByRole('button', { name: 'Paste data…' }).click();
  const box = edit.getByRole('textbox', { name: 'Paste a table here' });
  await pasteText(page, box, 'Region\tShare\nKazakhstan\t18.5%\nOther\t81.5%');
  await expect(edit.getByRole('group', { name: /Preview: Pasted table — 2 labels × 1 series, unit “%”/ })).toBeVisible();
  await edit.getByRole('button', { name: 'Cancel' }).click();
  await expect(chart).toHaveAttribute('aria-label', /All of 2024/);
  await edit.getByRole('button', { name: 'Paste data…' }).click();
  await pasteText(page, edit.getByRole('textbox', { name: 'Paste a table here' }), 'Region\tShare\nKazakhstan\t18.5%\nOther\t81.5%');
  await edit.getByRole('button', { name: 'Apply to chart' }).click();
  await expect(chart).toHaveAttribute('aria-label', /Kazakhstan 18.5%, Other 81.5%/);
  deck = await savedDeck(page, app.dataDir);
  expect(deck.slides[SLIDE.h1Chart - 1].chart).toMatchObject({ unit: '%', labels: ['Kazakhstan', 'Other'], series: [{ name: 'Share', values: [18.5, 81.5] }] });
  expect(errors).toEqual([]);
});

test('chart: Import CSV… reads a file through the file picker, previews it and applies it', async ({ page, app, errors }) => {
  const edit = await editSlide(page, app.url, SLIDE.ladder);
  const chart = region(page, SLIDE.ladder).getByRole('img');
  const chooser = page.waitForEvent('filechooser');
  await edit.getByRole('button', { name: 'Import CSV…' }).click();
  await (await chooser).setFiles({
    name: 'investment.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Country,"Investment, USD bn"\r\nKazakhstan,"1,023.5"\r\nUzbekistan,412\r\nKyrgyzstan,-\r\n', 'utf8'),
  });
  const preview = edit.getByRole('group', { name: /^Preview: investment\.csv — 3 labels × 1 series/ });
  await expect(preview).toContainText('Every cell was read.');
  await preview.getByRole('button', { name: 'Apply to chart' }).click();
  await expect(chart).toHaveAttribute('aria-label', /Kazakhstan \$1,023.5bn, Uzbekistan \$412bn, Kyrgyzstan –/);
  const deck = await savedDeck(page, app.dataDir);
  expect(deck.slides[SLIDE.ladder - 1].chart).toMatchObject({
    type: 'horizontal-bar',
    unit: 'USD bn',
    labels: ['Kazakhstan', 'Uzbekistan', 'Kyrgyzstan'],
    series: [{ name: 'Investment, USD bn', values: [1023.5, 412, null] }],
  });
  expect(errors).toEqual([]);
});

test('deck properties: title, subtitle, author, date and as-of from File → Deck properties… and from the edit panel', async ({ page, app, errors }) => {
  await page.goto(app.url);
  await expect(region(page, 1)).toBeVisible();
  await page.getByRole('button', { name: /^File/ }).click();
  await page.getByRole('dialog', { name: 'File' }).getByRole('button', { name: 'Deck properties…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Deck properties' });
  await dialog.getByRole('textbox', { name: 'Deck title' }).fill('Mining in Central Asia, 2025');
  await dialog.getByRole('textbox', { name: 'Deck subtitle' }).fill('A half-year in review');
  await dialog.getByRole('textbox', { name: 'Author' }).fill('Research desk');
  const date = dialog.getByRole('textbox', { name: 'Date' });
  await date.fill('15 July');
  // Not a date the format accepts: marked with the check's message; typing goes on.
  await expect(date).toHaveAttribute('aria-invalid', 'true');
  await expect(date).toHaveAccessibleDescription(/expected a date as YYYY-MM-DD/);
  await expect(saveStatus(page)).toContainText('Not saved');
  await date.fill('2025-07-15');
  await expect(date).not.toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('textbox', { name: 'Data as of' }).fill('June 2025');
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'deck-properties.png') });
  await expect(page).toHaveTitle('Mining in Central Asia, 2025 — Briefing Desk');
  let deck = await savedDeck(page, app.dataDir);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  await expect(region(page, 1)).toContainText('Research desk  ·  2025-07-15  ·  Data as of June 2025');

  expect(deck.meta).toEqual({ title: 'Mining in Central Asia, 2025', subtitle: 'A half-year in review', author: 'Research desk', date: '2025-07-15', asOf: 'June 2025' });

  // The same fields in the edit panel; an emptied optional field leaves the file.
  await page.keyboard.press('e');
  await panel(page).getByText('Deck properties', { exact: true }).click();
  await panel(page).getByRole('textbox', { name: 'Author' }).fill('');
  await expect(region(page, 1)).toContainText('2025-07-15  ·  Data as of June 2025');
  deck = await savedDeck(page, app.dataDir);
  expect(deck.meta.author).toBeUndefined();
  await page.reload();
  await expect(page).toHaveTitle('Mining in Central Asia, 2025 — Briefing Desk');
  expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
});

test('two columns: headings and bullets per column, add and remove a column', async ({ page, app, errors }) => {
  const edit = await editSlide(page, app.url, SLIDE.evolution);
  const slide = region(page, SLIDE.evolution);
  await edit.getByRole('textbox', { name: 'Column 1 heading' }).fill('Then: building');
  const bullets = edit.getByRole('textbox', { name: 'Column 2 bullets' });
  await bullets.fill('');
  // Typed as a person does, Enter between lines: each line becomes a bullet at once.
  await bullets.pressSequentially('Mines and smelters');
  await bullets.press('Enter');
  await bullets.pressSequentially('Power and data links');
  await expect(slide.getByRole('heading', { name: 'Then: building' })).toBeVisible();
  await expect(slide.getByRole('listitem').filter({ hasText: 'Power and data links' })).toBeVisible();
  await expect(bullets).toHaveValue('Mines and smelters\nPower and data links');
  await edit.getByRole('button', { name: 'Add column' }).click();
  await edit.getByRole('textbox', { name: 'Column 3 heading' }).fill('Next');
  await edit.getByRole('textbox', { name: 'Column 3 bullets' }).fill('Watch the tenders');
  await expect(slide.getByRole('heading', { name: 'Next' })).toBeVisible();
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'columns.png') });
  let deck = await savedDeck(page, app.dataDir);
  const columns = deck.slides[SLIDE.evolution - 1].columns as Array<{ heading: string; bullets: string[] }>;
  expect(columns.map((c) => c.heading)).toEqual(['Then: building', expect.any(String), 'Next']);
  expect(columns[1].bullets).toEqual(['Mines and smelters', 'Power and data links']);
  expect(columns[2].bullets).toEqual(['Watch the tenders']);
  await edit.getByRole('button', { name: 'Remove column 3' }).click();
  await expect(slide.getByRole('heading', { name: 'Next' })).toBeHidden();
  deck = await savedDeck(page, app.dataDir);
  expect((deck.slides[SLIDE.evolution - 1].columns as unknown[]).length).toBe(2);
  expect(errors).toEqual([]);
});

test('quote: text and attribution', async ({ page, app, errors }) => {
  const edit = await editSlide(page, app.url, SLIDE.quote);
  await edit.getByRole('textbox', { name: 'Quote text' }).fill('Minerals are the new oil.');
  await edit.getByRole('textbox', { name: 'Attribution' }).fill('A trader in Almaty');
  await expect(region(page, SLIDE.quote).getByRole('blockquote')).toHaveText('Minerals are the new oil.');
  await expect(region(page, SLIDE.quote)).toContainText('— A trader in Almaty');
  const deck = await savedDeck(page, app.dataDir);
  expect(deck.slides[SLIDE.quote - 1].quote).toEqual({ text: 'Minerals are the new oil.', attribution: 'A trader in Almaty' });
  expect(errors).toEqual([]);
});

test('confidence and planned duration: picked and typed, validated, shown and saved', async ({ page, app, errors }) => {
  const edit = await editSlide(page, app.url, SLIDE.h1Chart);
  const slide = region(page, SLIDE.h1Chart);
  await expect(slide).toContainText('Confidence: high');
  await edit.getByRole('combobox', { name: 'Confidence' }).selectOption('low');
  await expect(slide).toContainText('Confidence: low');
  const duration = edit.getByRole('textbox', { name: 'Planned duration' });
  await expect(duration).toHaveValue('1:00');
  await duration.fill('1:75');
  await expect(duration).toHaveAttribute('aria-invalid', 'true');
  await expect(duration).toHaveAccessibleDescription(/expected minutes:seconds \(1:30\) or seconds \(90\)/);
  if (SHOTS) await edit.getByRole('group', { name: 'Confidence and timing' }).screenshot({ path: path.join(SHOTS, 'timing.png') });
  await duration.fill('2:30');
  await expect(duration).not.toHaveAttribute('aria-invalid', 'true');
  let deck = await savedDeck(page, app.dataDir);
  expect(deck.slides[SLIDE.h1Chart - 1]).toMatchObject({ confidence: 'low', durationSec: 150 });

  await edit.getByRole('combobox', { name: 'Confidence' }).selectOption('');
  await expect(slide).not.toContainText('Confidence:');
  await duration.fill('95');
  deck = await savedDeck(page, app.dataDir);
  expect(deck.slides[SLIDE.h1Chart - 1].confidence).toBeUndefined();
  expect(deck.slides[SLIDE.h1Chart - 1].durationSec).toBe(95);
  await page.reload();
  await expect(region(page, SLIDE.h1Chart)).toBeVisible();
  await page.keyboard.press('e');
  await expect(panel(page).getByRole('textbox', { name: 'Planned duration' })).toHaveValue('1:35');
  expect(errors).toEqual([]);
});

test('sources: edit, add, link to a slide, see where each is cited; a cited source is not removed', async ({ page, app, errors }) => {
  const edit = await editSlide(page, app.url, SLIDE.shift);
  const slide = region(page, SLIDE.shift);
  await edit.getByText(/^Sources \(\d+\)$/).click();
  const griffith = edit.getByRole('group', { name: /^Source 2: / });
  await expect(griffith).toContainText(`Cited on slides ${SLIDE.shift} and ${LAST}`);
  await edit.getByRole('button', { name: 'Add source' }).click();
  const added = edit.getByRole('group', { name: /^Source 5: / });
  await added.getByRole('textbox', { name: 'Source 5 title' }).fill('Kazakh Invest annual report');
  await added.getByRole('textbox', { name: 'Source 5 publisher' }).fill('Kazakh Invest');
  const url = added.getByRole('textbox', { name: 'Source 5 address' });
  await url.fill('javascript:alert(1)');
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(url).toHaveAccessibleDescription(/expected a web address starting with http:\/\/ or https:\/\//);
  await url.fill('https://invest.gov.kz/report-2025');
  await expect(url).not.toHaveAttribute('aria-invalid', 'true');
  await added.getByRole('textbox', { name: 'Source 5 note' }).fill('Table 3');
  await expect(added).toContainText('Not cited on any slide');
  if (SHOTS) await added.screenshot({ path: path.join(SHOTS, 'source-editor.png') });

  // Link it to this slide: the slide's source line names it, and the list says where it is cited.
  await edit.getByRole('checkbox', { name: /Kazakh Invest/ }).check();
  const sourceLine = slide.getByText(/^Sources?: /);
  await expect(sourceLine).toHaveText('Sources: Griffith Asia Institute (Australia); China-Global South Project; Kazakh Invest');
  await expect(added).toContainText(`Cited on slide ${SLIDE.shift}`);
  await edit.getByRole('checkbox', { name: /Griffith/ }).uncheck();
  await expect(sourceLine).toHaveText('Sources: China-Global South Project; Kazakh Invest');
  await expect(griffith).toContainText(`Cited on slide ${LAST}`);

  // A cited source is refused with where it is cited; an uncited one goes.
  await added.getByRole('button', { name: 'Remove source 5' }).click();
  await expect(edit.getByRole('alert')).toHaveText(`“Kazakh Invest annual report” is cited on slide ${SLIDE.shift}. Unlink it there first, then remove it.`);
  await expect(added).toBeVisible();
  let deck = await savedDeck(page, app.dataDir);
  expect(deck.sources[4]).toEqual({ id: 'source-5', title: 'Kazakh Invest annual report', publisher: 'Kazakh Invest', url: 'https://invest.gov.kz/report-2025', note: 'Table 3' });
  expect(deck.slides[SLIDE.shift - 1].sources).toEqual(['cgsp', 'source-5']);
  await edit.getByRole('checkbox', { name: /Kazakh Invest/ }).uncheck();
  await expect(added).toContainText('Not cited on any slide');
  await added.getByRole('button', { name: 'Remove source 5' }).click();
  await expect(edit.getByRole('group', { name: /^Source 5: / })).toBeHidden();
  deck = await savedDeck(page, app.dataDir);
  expect(deck.sources.map((s) => s.id)).toEqual(['cgsp', 'griffith', 'scmp', 'article']);
  expect(deck.slides[SLIDE.shift - 1].sources).toEqual(['cgsp']);
  // Removing is one undo step.
  await page.keyboard.press('Control+z');
  await expect(edit.getByRole('group', { name: /^Source 5: Kazakh Invest annual report/ })).toBeVisible();
  expect(errors).toEqual([]);
});

test('fields the app does not know survive edits to the fields around them', async ({ page }) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'briefing-fields-'));
  const file = path.join(dir, 'mine.briefing.json');
  const deck = {
    format: 'briefing-deck',
    version: 1,
    meta: { title: 'Mine', 'x-team': 'Desk 4' },
    sources: [{ id: 'demo', title: 'Demo', 'x-archived': 'box 7' }],
    slides: [
      { id: 'figs', layout: 'stats', title: 'Figures', stats: [{ value: 3, label: 'Three', 'x-check': 'ok' }], 'x-owner': 'ana' },
      {
        id: 'bars',
        layout: 'chart',
        title: 'Bars',
        chart: { type: 'bar', labels: ['a', 'b'], series: [{ name: 'n', values: [1, 2], 'x-color': 'teal' }], 'x-palette': 'print' },
      },
    ],
  };
  await writeFile(file, JSON.stringify(deck, null, 2));
  const served = await serve({ deck: file, dataDir: dir });
  try {
    await page.goto(served.url);
    await expect(region(page, 1)).toBeVisible();
    await page.keyboard.press('e');
    await panel(page).getByRole('textbox', { name: 'Figure 1 value' }).fill('4');
    await panel(page).getByRole('button', { name: 'Add figure' }).click();
    await panel(page).getByText('Deck properties', { exact: true }).click();
    await panel(page).getByRole('textbox', { name: 'Deck title' }).fill('Mine, revised');
    await panel(page).getByText(/^Sources \(1\)$/).click();
    await panel(page).getByRole('textbox', { name: 'Source 1 note' }).fill('Checked');
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    await expect(region(page, 2)).toBeVisible();
    await pasteText(page, panel(page).getByRole('textbox', { name: 'Label 1', exact: true }), 'k\tn\nc\t5\nd\t6');
    await panel(page).getByRole('button', { name: 'Apply to chart' }).click();
    await expect(region(page, 2).getByRole('img')).toHaveAttribute('aria-label', /c \$5bn|c 5/);
    await expect(saveStatus(page)).toHaveText('Saved', { timeout: 10_000 });
    const saved = JSON.parse(await readFile(file, 'utf8')) as typeof deck;
    expect(saved.meta).toEqual({ title: 'Mine, revised', 'x-team': 'Desk 4' });
    expect(saved.sources[0]).toEqual({ id: 'demo', title: 'Demo', 'x-archived': 'box 7', note: 'Checked' });
    expect(saved.slides[0]['x-owner']).toBe('ana');
    expect(saved.slides[0].stats![0]).toEqual({ value: 4, label: 'Three', 'x-check': 'ok' });
    expect(saved.slides[0].stats).toHaveLength(2);
    expect(saved.slides[1].chart).toEqual({ type: 'bar', labels: ['c', 'd'], series: [{ name: 'n', values: [5, 6], 'x-color': 'teal' }], 'x-palette': 'print' });
  } finally {
    await served.stop();
  }
});

test.describe('accessibility of the field editors', () => {
  // axe is injected as a script; the app's CSP (script-src 'self') would refuse it.
  test.use({ bypassCSP: true });
  for (const [n, what] of [
    [4, 'figures'],
    [5, 'chart'],
    [15, 'columns'],
    [17, 'quote'],
  ] as const) {
    test(`every ${what} field is labelled and keyboard reachable (axe, slide ${n})`, async ({ page, app }) => {
      const edit = await editSlide(page, app.url, n);
      await edit.getByText('Deck properties', { exact: true }).click();
      await edit.getByText(/^Sources \(\d+\)$/).click();
      await page.addScriptTag({ path: path.join(import.meta.dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js') });
      type AxeResult = { violations: Array<{ id: string; nodes: Array<{ target: string[] }> }>; passes: Array<{ id: string }> };
      const { violations, passes } = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (el: Element, o: object) => Promise<AxeResult> } }).axe;
        const result = await axe.run(document.querySelector('aside[aria-label="Edit slide"]')!, { runOnly: ['wcag2a', 'wcag2aa'] });
        return {
          violations: result.violations.map((v) => `${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`),
          passes: result.passes.map((p) => p.id),
        };
      });
      expect(violations).toEqual([]);
      // The scan did look at the fields: the labelling rules ran and passed.
      expect(passes).toEqual(expect.arrayContaining(['label', 'aria-valid-attr-value']));
      // Every input, select and textarea in the panel can be reached with Tab (none is taken out of the order).
      const unreachable = await edit.locator('input:not([type="file"]), select, textarea, button, summary').evaluateAll((els) =>
        els.filter((el) => (el as HTMLElement).tabIndex < 0 && !(el as HTMLButtonElement).disabled).length,
      );
      expect(unreachable).toBe(0);
    });
  }
});

test('whole path: a new deck, its properties, a figures slide and a chart filled from a pasted table; reload; briefing check passes', async ({ page, app, errors }) => {
  await page.goto(app.url);
  await expect(region(page, 1)).toBeVisible();
  await page.getByRole('button', { name: /^File/ }).click();
  await page.getByRole('dialog', { name: 'File' }).getByRole('button', { name: 'New from the default briefing' }).click();
  await expect(region(page, 1)).toBeVisible();
  await page.getByRole('button', { name: /^File/ }).click();
  await page.getByRole('dialog', { name: 'File' }).getByRole('button', { name: 'Deck properties…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Deck properties' });
  await dialog.getByRole('textbox', { name: 'Deck title' }).fill('Copper in Kazakhstan');
  await dialog.getByRole('textbox', { name: 'Date' }).fill('2025-08-01');
  await dialog.getByRole('button', { name: 'Done' }).click();

  // The figures slide, filled through its editor.
  await page.keyboard.type(String(FIGURES_SLIDE));
  await page.keyboard.press('Enter');
  await expect(region(page, FIGURES_SLIDE)).toBeVisible();
  await page.keyboard.press('e');
  const edit = panel(page);
  await edit.getByRole('textbox', { name: 'Figure 1 value' }).fill('2,450');
  await edit.getByRole('textbox', { name: 'Figure 1 unit' }).fill('kt');
  await edit.getByRole('textbox', { name: 'Figure 1 label' }).fill('Copper output, H1 2025');
  await expect(region(page, FIGURES_SLIDE)).toContainText('2,450 kt');

  // The chart slide after it, filled by pasting a spreadsheet table.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  await expect(region(page, FIGURES_SLIDE + 1)).toBeVisible();
  await pasteText(page, edit.getByRole('textbox', { name: 'Label 1', exact: true }), 'Mine\tOutput (kt)\nAktogay\t1,200\nBozshakol\t850\nKounrad\t400\n');
  await edit.getByRole('button', { name: 'Apply to chart' }).click();
  await expect(region(page, FIGURES_SLIDE + 1).getByRole('img')).toHaveAttribute('aria-label', /Aktogay \$1,200bn, Bozshakol \$850bn, Kounrad \$400bn/);
  await edit.getByRole('textbox', { name: 'Unit' }).fill('kt');
  await expect(region(page, FIGURES_SLIDE + 1).getByRole('img')).toHaveAttribute('aria-label', /Aktogay 1,200 kt, Bozshakol 850 kt, Kounrad 400 kt/);
  await expect(saveStatus(page)).toHaveText('Saved', { timeout: 10_000 });

  await page.reload();
  await expect(region(page, FIGURES_SLIDE + 1)).toBeVisible();
  await expect(page).toHaveTitle('Copper in Kazakhstan — Briefing Desk');
  await expect(region(page, FIGURES_SLIDE + 1).getByRole('img')).toHaveAttribute('aria-label', /Aktogay 1,200 kt/);

  const files = (await readdir(path.join(app.dataDir, 'decks'))).filter((f) => f.endsWith('.briefing.json'));
  expect(files).toEqual(['untitled-briefing.briefing.json']);
  const file = path.join(app.dataDir, 'decks', files[0]);
  const deck = JSON.parse(await readFile(file, 'utf8')) as DeckOnDisk;
  expect(deck.meta).toMatchObject({ title: 'Copper in Kazakhstan', date: '2025-08-01' });
  expect(deck.slides[SLIDE.figures - 1].stats![0]).toMatchObject({ value: 2450, unit: 'kt', label: 'Copper output, H1 2025' });
  expect(deck.slides[SLIDE.h1Chart - 1].chart).toMatchObject({ unit: 'kt', labels: ['Aktogay', 'Bozshakol', 'Kounrad'], series: [{ name: 'Output (kt)', values: [1200, 850, 400] }] });
  const check = await runCheck(file);
  expect(check.code, check.output).toBe(0);
  expect(errors).toEqual([]);
});

/** Runs the real `briefing check` on a deck file. */
function runCheck(file: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(import.meta.dirname, '..', '..', 'bin', 'briefing.cjs'), 'check', file], (err, stdout, stderr) => {
      // A failed run's error carries the exit code as `code`.
      const code: unknown = err ? (err as { code?: unknown }).code : 0;
      resolve({ code: typeof code === 'number' ? code : null, output: stdout + stderr });
    });
  });
}
