/**
 * Themes as a person uses them: File → Deck properties… → Theme. Picking the
 * high-contrast theme changes the slide and the presenter view (computed colours
 * and pixels) and is saved in the deck file; a 4:3 shape changes the stage's box;
 * a colour that fails WCAG AA is marked on its field with the ratio; chart colours are
 * edited one by one, added, removed and undone, and the charts draw them; a logo picked
 * from a file shows on the title slide, and a file that only claims to be a PNG
 * is refused; a logo named by a path beside the deck shows too, and can be removed.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { Locator, Page } from '@playwright/test';
import { expect, serve, test, watchPageErrors } from './fixtures';

const region = (page: Page, n: number) => page.getByRole('region', { name: new RegExp(`^Slide ${n} of \\d+: `) });
const saveStatus = (page: Page) => page.getByRole('status', { name: 'Save status' });
const SHOTS = process.env.THEME_SHOTS;
/** The default briefing's first section slide, by its layout rather than its place. */
const SECTION =
  (JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../assets/decks/central-asia-mining.briefing.json'), 'utf8')) as { slides: Array<{ layout: string }> }).slides.findIndex(
    (s) => s.layout === 'section',
  ) + 1;

interface DeckOnDisk {
  theme?: Record<string, unknown> & { logo?: { src: string; alt?: string } };
}

/** The working copy the first edit of the bundled deck made, once every edit is saved. */
async function savedDeck(page: Page, dataDir: string): Promise<DeckOnDisk> {
  await expect(saveStatus(page)).toHaveText('Saved', { timeout: 10_000 });
  return deckOnDisk(dataDir);
}

/** The working copy as it is on disk now. */
async function deckOnDisk(dataDir: string): Promise<DeckOnDisk> {
  const files = (await readdir(path.join(dataDir, 'decks'))).filter((f) => f.endsWith('.briefing.json'));
  expect(files).toHaveLength(1);
  return JSON.parse(await readFile(path.join(dataDir, 'decks', files[0]), 'utf8')) as DeckOnDisk;
}

async function openDeckProperties(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: /^File/ }).click();
  await page.getByRole('dialog', { name: 'File' }).getByRole('button', { name: 'Deck properties…' }).click();
  return page.getByRole('dialog', { name: 'Deck properties' });
}

const colourOf = (locator: Locator, property = 'color') => locator.evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);

/** Share of a locator's screenshot pixels close to `rgb`: ink where it is expected, in the colour expected. */
async function inkShare(locator: Locator, rgb: [number, number, number]): Promise<number> {
  const image = await loadImage(await locator.screenshot());
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  let near = 0;
  for (let p = 0; p < data.length; p += 4) if (Math.abs(data[p] - rgb[0]) + Math.abs(data[p + 1] - rgb[1]) + Math.abs(data[p + 2] - rgb[2]) < 24) near++;
  return near / (data.length / 4);
}

test('picking the high-contrast theme changes the slide and the presenter view, and is saved; undo brings the default back', async ({ page, app, errors }) => {
  await page.goto(app.url);
  await expect(region(page, 1)).toBeVisible();
  // The default briefing's first section slide: filled with the primary colour.
  await page.keyboard.type(String(SECTION));
  await page.keyboard.press('Enter');
  const section = region(page, SECTION);
  await expect(section).toBeVisible();
  await expect.poll(() => colourOf(section, 'background-color')).toBe('rgb(20, 48, 79)');
  const [presenter] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('p')]);
  const presenterErrors = watchPageErrors(presenter);
  const current = presenter.getByRole('region', { name: new RegExp(`^Current slide: Slide ${SECTION} of`) });
  await expect(current).toBeVisible();
  await expect.poll(() => colourOf(current.locator('section.slide'), 'background-color')).toBe('rgb(20, 48, 79)');
  // Pixels: the navy fill is there before.
  expect(await inkShare(section, [0x14, 0x30, 0x4f])).toBeGreaterThan(0.5);

  const dialog = await openDeckProperties(page);
  await dialog.getByRole('combobox', { name: 'Base theme' }).selectOption({ label: 'High contrast' });
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'theme-dialog.png') });
  const deck = await savedDeck(page, app.dataDir);
  expect(deck.theme).toEqual({ base: 'high-contrast' });
  await dialog.getByRole('button', { name: 'Done' }).click();

  // The room's slide: black fill, the yellow rule on top, white title; pixels agree.
  await expect.poll(() => colourOf(section, 'background-color')).toBe('rgb(0, 0, 0)');
  await expect.poll(() => colourOf(section, 'border-top-color')).toBe('rgb(255, 213, 0)');
  expect(await inkShare(section, [0, 0, 0])).toBeGreaterThan(0.5);
  expect(await inkShare(section, [0x14, 0x30, 0x4f])).toBeLessThan(0.01);
  expect(await inkShare(section, [0xff, 0xd5, 0x00])).toBeGreaterThan(0.005);
  // The presenter view follows, without a reload.
  await expect.poll(() => colourOf(current.locator('section.slide'), 'background-color')).toBe('rgb(0, 0, 0)');
  expect(await inkShare(current, [0, 0, 0])).toBeGreaterThan(0.3);
  if (SHOTS) await presenter.screenshot({ path: path.join(SHOTS, 'theme-presenter.png') });

  // A content slide: titles black, rules thicker than the default's.
  await page.keyboard.press('ArrowRight');
  const stats = region(page, SECTION + 1);
  await expect.poll(() => colourOf(stats.locator('h1').first())).toBe('rgb(0, 0, 0)');
  const rule = Number.parseFloat(await colourOf(stats, 'border-top-width'));
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'theme-high-contrast.png') });

  // Undo (Ctrl+Z) takes the theme back out of the file.
  await page.keyboard.press('Control+z');
  await expect.poll(() => colourOf(stats.locator('h1').first())).toBe('rgb(20, 48, 79)');
  expect(Number.parseFloat(await colourOf(stats, 'border-top-width'))).toBeLessThan(rule * 0.75);
  // The save status is shown in the dialog and the edit panel, both closed now: read the file until it has the undo.
  await expect.poll(async () => (await deckOnDisk(app.dataDir)).theme, { timeout: 10_000 }).toBeUndefined();
  expect(errors).toEqual([]);
  expect(presenterErrors).toEqual([]);
});

test('a 4:3 slide shape changes the stage box, the presenter frame and the thumbnails, and is saved', async ({ page, app, errors }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(app.url);
  const slide = region(page, 1);
  await expect(slide).toBeVisible();
  const ratio = async (locator: Locator) => {
    const box = (await locator.boundingBox())!;
    return box.width / box.height;
  };
  expect(await ratio(slide)).toBeCloseTo(16 / 9, 1);
  const dialog = await openDeckProperties(page);
  await dialog.getByRole('combobox', { name: 'Slide shape' }).selectOption({ label: 'Standard 4:3' });
  const deck = await savedDeck(page, app.dataDir);
  expect(deck.theme).toEqual({ aspect: '4:3' });
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect.poll(() => ratio(slide)).toBeCloseTo(4 / 3, 1);
  // Fitted to the window's height: 720 px high, 960 wide.
  expect((await slide.boundingBox())!.height).toBeGreaterThan(700);

  const [presenter] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('p')]);
  const current = presenter.getByRole('region', { name: /^Current slide: Slide 1 of/ });
  await expect(current).toBeVisible();
  await expect.poll(() => ratio(current.locator('section.slide'))).toBeCloseTo(4 / 3, 1);
  await presenter.close();

  await page.keyboard.press('o');
  const thumb = page.getByRole('button', { name: /^Go to slide 2:/ });
  await expect(thumb).toBeVisible();
  await expect.poll(() => ratio(thumb.locator('.box'))).toBeCloseTo(4 / 3, 1);
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'theme-overview-4x3.png') });
  expect(errors).toEqual([]);
});

test('a colour that fails WCAG AA is marked on its field with its ratio, by typing or with the picker; the font choice applies', async ({ page, app, errors }) => {
  await page.goto(app.url);
  await expect(region(page, 1)).toBeVisible();
  const dialog = await openDeckProperties(page);
  const primary = dialog.getByRole('textbox', { name: 'Primary colour', exact: true });
  await primary.fill('#ffd400');
  await expect(primary).toHaveAttribute('aria-invalid', 'true');
  await expect(primary).toHaveAccessibleDescription(/#ffd400 has a contrast of 1\.43:1 against the slide background #ffffff.*4\.5:1/);
  // A warning, not a refusal: the slide shows it and the file keeps it.
  await expect.poll(() => colourOf(region(page, 1).locator('h1'))).toBe('rgb(255, 212, 0)');
  let deck = await savedDeck(page, app.dataDir);
  expect(deck.theme).toEqual({ primary: '#ffd400' });
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'theme-contrast-warning.png') });

  // Not a colour: said on the field, and the file keeps the last good one.
  await primary.fill('navy');
  await expect(primary).toHaveAccessibleDescription(/expected a colour as #rrggbb/);
  await expect(saveStatus(page)).toContainText('Not saved');
  // A passing colour clears the mark.
  await primary.fill('#8B0000');
  await expect(primary).not.toHaveAttribute('aria-invalid', 'true');
  deck = await savedDeck(page, app.dataDir);
  expect(deck.theme?.primary).toBe('#8b0000');

  // The accent by its colour picker.
  const accent = dialog.getByRole('textbox', { name: 'Accent colour', exact: true });
  await dialog.getByLabel('Accent colour picker').fill('#aaaaaa');
  await expect(accent).toHaveValue('#aaaaaa');
  await expect(accent).toHaveAccessibleDescription(/#aaaaaa has a contrast of 2\.32:1/);
  // Emptied: the theme's own colour again, and the warning goes.
  await accent.fill('');
  await expect(accent).not.toHaveAttribute('aria-invalid', 'true');

  await dialog.getByRole('combobox', { name: 'Font' }).selectOption({ label: 'DejaVu Sans' });
  await expect.poll(() => colourOf(region(page, 1).locator('h1'), 'font-family')).toMatch(/^"Briefing DejaVu"/);
  await expect.poll(() => page.evaluate(() => document.fonts.check("700 40px 'Briefing DejaVu'"))).toBe(true);
  deck = await savedDeck(page, app.dataDir);
  expect(deck.theme).toEqual({ primary: '#8b0000', font: 'dejavu-sans' });
  expect(errors).toEqual([]);
});

/** The default briefing's first bar chart (H1 2025 against 2024), by its id rather than its place. */
const BAR_CHART =
  (JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../assets/decks/central-asia-mining.briefing.json'), 'utf8')) as { slides: Array<{ id: string }> }).slides.findIndex(
    (s) => s.id === 'h1-2025-vs-2024',
  ) + 1;
const DEFAULT_PALETTE = ['#1f4e79', '#c0504d', '#4f9d69', '#b8860b', '#7a5c99', '#4f8fcc', '#8c8c8c', '#2e8b8b'];

test('chart colours: typing one gives the deck its own palette, drawn by the charts; a faint one is marked; add, remove, undo and back to the theme', async ({ page, app, errors }) => {
  await page.goto(app.url);
  await expect(region(page, 1)).toBeVisible();
  await page.keyboard.type(String(BAR_CHART));
  await page.keyboard.press('Enter');
  const bars = region(page, BAR_CHART).locator('canvas');
  await expect(region(page, BAR_CHART)).toBeVisible();
  // The default theme's navy first, and no dark red.
  await expect.poll(() => inkShare(bars, [0x1f, 0x4e, 0x79])).toBeGreaterThan(0.02);
  expect(await inkShare(bars, [0x8a, 0x1c, 0x1c])).toBe(0);

  const dialog = await openDeckProperties(page);
  const palette = dialog.getByRole('group', { name: 'Chart colours' });
  const colour = (n: number) => palette.getByRole('textbox', { name: `Chart colour ${n}`, exact: true });
  // Until the deck has its own, the theme's colours are shown, one field each, empty.
  await expect(palette.getByRole('textbox', { name: /^Chart colour \d+$/ })).toHaveCount(DEFAULT_PALETTE.length);
  await expect(colour(1)).toHaveValue('');
  await expect(colour(1)).toHaveAccessibleDescription(/#1f4e79/);

  await colour(1).fill('#8a1c1c');
  let deck = await savedDeck(page, app.dataDir);
  expect(deck.theme).toEqual({ palette: ['#8a1c1c', ...DEFAULT_PALETTE.slice(1)] });
  await expect(colour(2)).toHaveValue('#c0504d');

  // A colour too faint for bars on white: marked with its ratio, and kept (a warning).
  await colour(2).fill('#eeeeee');
  await expect(colour(2)).toHaveAttribute('aria-invalid', 'true');
  await expect(colour(2)).toHaveAccessibleDescription(/#eeeeee has a contrast of 1\.16:1 against the slide background #ffffff.*3:1/);
  deck = await savedDeck(page, app.dataDir);
  expect((deck.theme?.palette as string[])[1]).toBe('#eeeeee');

  // Add one (the list grows by one), remove the first (the rest move up).
  await palette.getByRole('button', { name: 'Add a chart colour' }).click();
  await expect(palette.getByRole('textbox', { name: /^Chart colour \d+$/ })).toHaveCount(DEFAULT_PALETTE.length + 1);
  deck = await savedDeck(page, app.dataDir);
  expect(deck.theme?.palette).toHaveLength(DEFAULT_PALETTE.length + 1);
  await palette.getByRole('button', { name: 'Remove chart colour 1' }).click();
  await expect(colour(1)).toHaveValue('#eeeeee');
  // Focus stays where it was: on the Remove button now in that place.
  await expect(palette.getByRole('button', { name: 'Remove chart colour 1' })).toBeFocused();
  deck = await savedDeck(page, app.dataDir);
  expect((deck.theme?.palette as string[]).slice(0, 2)).toEqual(['#eeeeee', '#4f9d69']);
  // Undo (Ctrl+Z) puts the removed colour back.
  await page.keyboard.press('Control+z');
  await expect(colour(1)).toHaveValue('#8a1c1c');
  deck = await savedDeck(page, app.dataDir);
  expect((deck.theme?.palette as string[])[0]).toBe('#8a1c1c');

  // The slide draws the deck's first colour, behind the dialog.
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect.poll(() => inkShare(bars, [0x8a, 0x1c, 0x1c])).toBeGreaterThan(0.02);
  expect(await inkShare(bars, [0x1f, 0x4e, 0x79])).toBe(0);

  // Back to the theme's colours: the list leaves the file, the navy comes back.
  const again = await openDeckProperties(page);
  await again.getByRole('group', { name: 'Chart colours' }).getByRole('button', { name: 'Use the theme’s colours' }).click();
  // The button is gone: focus moves to Add, still in the dialog (Escape still closes it).
  await expect(again.getByRole('button', { name: 'Add a chart colour' })).toBeFocused();
  await expect.poll(async () => (await deckOnDisk(app.dataDir)).theme?.palette, { timeout: 10_000 }).toBeUndefined();
  await again.getByRole('button', { name: 'Done' }).click();
  await expect.poll(() => inkShare(bars, [0x1f, 0x4e, 0x79])).toBeGreaterThan(0.02);
  expect(errors).toEqual([]);
});

test('a logo picked from a file shows on the title slide with its alt text; a file that only claims to be a PNG is refused', async ({ page, app, errors }) => {
  await page.goto(app.url);
  await expect(region(page, 1)).toBeVisible();
  const dialog = await openDeckProperties(page);
  const picker = dialog.getByLabel('Logo', { exact: true });
  await picker.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('<svg onload="alert(1)"></svg>') });
  await expect(picker).toHaveAccessibleDescription(/logo\.png is not a PNG, JPEG or WebP image/);
  await expect(region(page, 1).locator('img')).toHaveCount(0);

  const canvas = createCanvas(240, 80);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#e4007c';
  ctx.fillRect(0, 0, 240, 80);
  // Named .jpg on purpose: the bytes decide.
  await picker.setInputFiles({ name: 'brand.jpg', mimeType: 'image/jpeg', buffer: await canvas.encode('png') });
  await expect(picker).not.toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('textbox', { name: 'Logo description (alt text)' }).fill('Acme Research');
  const deck = await savedDeck(page, app.dataDir);
  expect(deck.theme?.logo?.src).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
  expect(deck.theme?.logo?.alt).toBe('Acme Research');
  await dialog.getByRole('button', { name: 'Done' }).click();
  const logo = region(page, 1).getByRole('img', { name: 'Acme Research' });
  await expect(logo).toBeVisible();
  // Ink where expected: magenta in the slide's top right, none in its top left.
  const slide = region(page, 1);
  const box = (await slide.boundingBox())!;
  const logoBox = (await logo.boundingBox())!;
  expect(logoBox.x + logoBox.width / 2).toBeGreaterThan(box.x + box.width * 0.7);
  expect(logoBox.y).toBeLessThan(box.y + box.height * 0.15);
  expect(await inkShare(logo, [0xe4, 0x00, 0x7c])).toBeGreaterThan(0.9);
  // Only title slides carry it.
  await page.keyboard.press('ArrowRight');
  await expect(region(page, 2).locator('img')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a logo named by a path beside the deck shows on the title slide with its alt text, in the theme editor too, and Remove logo removes it', async ({ page }) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'briefing-logo-'));
  await mkdir(path.join(dir, 'brand'));
  const canvas = createCanvas(240, 80);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#e4007c';
  ctx.fillRect(0, 0, 240, 80);
  await writeFile(path.join(dir, 'brand', 'logo.png'), await canvas.encode('png'));
  const file = path.join(dir, 'branded.briefing.json');
  const slides = [
    { id: 'cover', layout: 'title', title: 'Branded briefing', subtitle: 'With a logo beside the deck' },
    { id: 'points', layout: 'bullets', title: 'Points', bullets: ['One', 'Two'] },
  ];
  await writeFile(file, JSON.stringify({ format: 'briefing-deck', version: 1, meta: { title: 'Branded' }, theme: { logo: { src: 'brand/logo.png', alt: 'Acme Research' } }, slides }, null, 2));
  const served = await serve({ deck: file });
  try {
    const errors = watchPageErrors(page);
    await page.goto(served.url);
    const slide = region(page, 1);
    const logo = slide.getByRole('img', { name: 'Acme Research' });
    // Drawn from the file's own pixels (240 wide), not a placeholder.
    await expect.poll(() => logo.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(240);
    await expect(logo).toBeVisible();
    // Ink where the logo is: magenta in the slide's top right corner.
    const box = (await slide.boundingBox())!;
    const logoBox = (await logo.boundingBox())!;
    expect(logoBox.x + logoBox.width / 2).toBeGreaterThan(box.x + box.width * 0.7);
    expect(logoBox.y).toBeLessThan(box.y + box.height * 0.15);
    expect(await inkShare(logo, [0xe4, 0x00, 0x7c])).toBeGreaterThan(0.9);
    if (SHOTS) await writeFile(path.join(SHOTS, 'logo-by-path.png'), await slide.screenshot());
    // Only title slides carry it.
    await page.keyboard.press('ArrowRight');
    await expect(region(page, 2).locator('img')).toHaveCount(0);
    await page.keyboard.press('ArrowLeft');

    // The theme editor shows the same logo and removes it; the file loses it, the slide too.
    const dialog = await openDeckProperties(page);
    const preview = dialog.locator('img.preview');
    await expect(preview).toBeVisible();
    await expect.poll(() => preview.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(240);
    if (SHOTS) await writeFile(path.join(SHOTS, 'logo-by-path-editor.png'), await dialog.screenshot());
    await dialog.getByRole('button', { name: 'Remove logo' }).click();
    await expect(saveStatus(page)).toHaveText('Saved', { timeout: 10_000 });
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as DeckOnDisk;
    expect(onDisk.theme?.logo).toBeUndefined();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(region(page, 1).locator('img')).toHaveCount(0);
    expect(errors).toEqual([]);
  } finally {
    await served.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
