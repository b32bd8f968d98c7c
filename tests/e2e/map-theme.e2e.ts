/**
 * The map follows the deck's theme as a person sees it (issue 10): picking the
 * high-contrast theme in File → Deck properties… redraws the default briefing's map
 * of Central Asia on the slide and in the presenter view in the theme's colours
 * (checked by the pixels inside Kazakhstan and its neighbours, and the canvas's
 * colours in the presenter's frame), and the choice is saved in the deck file; a
 * deck file that names high contrast and its own chart colour opens with its map
 * shaded in that colour.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { shadeAt } from '../../src-shared/map-chart';
import { resolveTheme } from '../../src-shared/theme';
import { expect, serve, test, watchPageErrors } from './fixtures';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BUNDLED = path.join(ROOT, 'assets/decks/central-asia-mining.briefing.json');
const bundled = JSON.parse(await readFile(BUNDLED, 'utf8')) as { slides: Array<{ id: string; title: string }> } & Record<string, unknown>;
const MAP_SLIDE = bundled.slides.findIndex((s) => s.id === 'central-asia-map') + 1;
const SHOTS = process.env.MAP_THEME_SHOTS;

const region = (page: Page, n: number) => page.getByRole('region', { name: new RegExp(`^Slide ${n} of \\d+: `) });
type Rgb = [number, number, number];
const rgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
const near = (a: number[], b: number[], tolerance = 40) => Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]) <= tolerance;

const HIGH = resolveTheme({ base: 'high-contrast' });
/** Kazakhstan's shade ($23bn on a scale to $25bn) in each theme, as the map computes it. */
const DEFAULT_KZ = rgb(shadeAt(23 / 25));
const HIGH_KZ = rgb(shadeAt(23 / 25, HIGH));

interface DrawnMap {
  theme: string;
  regions: Array<{ name: string; value: number | null; fill: string; inside: Array<[number, number]>; label: { x: number; y: number; width: number; height: number } }>;
}

/** The map's layout once it is drawn with `base` (MapCanvas puts it on the box as `data-map`). */
async function drawnMap(map: Locator, base: string): Promise<DrawnMap> {
  await expect(map).toHaveAttribute('data-map', new RegExp(`"theme":"${base}"`), { timeout: 15_000 });
  return JSON.parse((await map.getAttribute('data-map'))!) as DrawnMap;
}

/** Pixels of the map's canvas at CSS-pixel points, as [r, g, b]. */
async function pixelsAt(map: Locator, points: Array<[number, number]>): Promise<Rgb[]> {
  return map.locator('canvas').evaluate((canvas: HTMLCanvasElement, pts) => {
    const ctx = canvas.getContext('2d')!;
    const scale = canvas.width / canvas.getBoundingClientRect().width;
    return pts.map(([x, y]) => {
      const d = ctx.getImageData(Math.round(x * scale), Math.round(y * scale), 1, 1).data;
      return [d[0], d[1], d[2]] as Rgb;
    });
  }, points);
}

/** Share of a canvas's pixels within `tolerance` of `target`. */
function canvasShare(canvas: Locator, target: Rgb, tolerance = 40): Promise<number> {
  return canvas.evaluate(
    (el: HTMLCanvasElement, [t, tol]) => {
      const data = el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data;
      let hits = 0;
      for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - t[0]) + Math.abs(data[i + 1] - t[1]) + Math.abs(data[i + 2] - t[2]) <= tol) hits++;
      return hits / (data.length / 4);
    },
    [target, tolerance] as const,
  );
}

/** Share of the label box's pixels that are pure black (high contrast's ink; the default's is #1b1f24). */
function blackInLabel(map: Locator, box: DrawnMap['regions'][number]['label']): Promise<number> {
  return map.locator('canvas').evaluate((canvas: HTMLCanvasElement, b) => {
    const scale = canvas.width / canvas.getBoundingClientRect().width;
    const data = canvas.getContext('2d')!.getImageData(Math.round(b.x * scale), Math.round(b.y * scale), Math.max(1, Math.round(b.width * scale)), Math.max(1, Math.round(b.height * scale))).data;
    let black = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] <= 6) black++;
    return black / (data.length / 4);
  }, box);
}

/** Kazakhstan shaded in `shade` (and never in `not`); the others without a figure carry no shade and are hatched. */
async function expectShaded(map: Locator, drawn: DrawnMap, shade: Rgb, not: Rgb): Promise<void> {
  const [kz, ...others] = drawn.regions;
  expect(kz.name).toBe('Kazakhstan');
  expect(rgb(kz.fill)).toEqual(shade);
  const kzPixels = await pixelsAt(map, kz.inside);
  expect(kzPixels.length).toBeGreaterThan(10);
  expect(kzPixels.filter((p) => near(p, shade)).length / kzPixels.length, 'Kazakhstan in the theme\'s shade').toBeGreaterThan(0.85);
  expect(kzPixels.filter((p) => near(p, not, 30)), 'not in the other theme\'s shade').toEqual([]);
  for (const other of others) {
    expect(other.value).toBeNull();
    const pixels = await pixelsAt(map, other.inside);
    expect(pixels.filter((p) => near(p, shade)).length, `${other.name} carries no shade`).toBe(0);
  }
}

/** Share of dark pixels (hatch lines, borders) inside the countries without a figure. */
async function darkInsideUnreported(map: Locator, drawn: DrawnMap): Promise<number> {
  const points = drawn.regions.filter((r) => r.value === null).flatMap((r) => r.inside);
  const pixels = await pixelsAt(map, points);
  return pixels.filter((p) => p[0] + p[1] + p[2] < 3 * 128).length / pixels.length;
}

test('picking high contrast redraws the map on the slide and in the presenter view in its colours, and is saved', async ({ page, app, errors }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(app.url);
  await expect(region(page, 1)).toBeVisible();
  await page.keyboard.type(String(MAP_SLIDE));
  await page.keyboard.press('Enter');
  const slide = region(page, MAP_SLIDE);
  const map = slide.getByRole('img', { name: /map of Chinese investment/ });

  // Before: the default theme's navy scale, light hatching, dark grey ink.
  const before = await drawnMap(map, 'default');
  await expectShaded(map, before, DEFAULT_KZ, HIGH_KZ);
  const hatchBefore = await darkInsideUnreported(map, before);
  expect(await blackInLabel(map, before.regions[0].label)).toBe(0);
  if (SHOTS) await slide.screenshot({ path: path.join(SHOTS, 'map-default.png') });

  const [presenter] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('p')]);
  const presenterErrors = watchPageErrors(presenter);
  const current = presenter.getByRole('region', { name: new RegExp(`^Current slide: Slide ${MAP_SLIDE} of`) });
  const presenterCanvas = current.locator('.map canvas');
  await expect(presenterCanvas).toBeVisible();
  await expect.poll(() => canvasShare(presenterCanvas, DEFAULT_KZ), { timeout: 15_000 }).toBeGreaterThan(0.03);
  expect(await canvasShare(presenterCanvas, HIGH_KZ, 30)).toBeLessThan(0.001);

  // File → Deck properties… → Base theme: High contrast, as a person picks it.
  await page.getByRole('button', { name: /^File/ }).click();
  await page.getByRole('dialog', { name: 'File' }).getByRole('button', { name: 'Deck properties…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Deck properties' });
  await dialog.getByRole('combobox', { name: 'Base theme' }).selectOption({ label: 'High contrast' });
  await expect(page.getByRole('status', { name: 'Save status' }).first()).toHaveText('Saved', { timeout: 10_000 });
  const files = (await readdir(path.join(app.dataDir, 'decks'))).filter((f) => f.endsWith('.briefing.json'));
  expect(files).toHaveLength(1);
  expect((JSON.parse(await readFile(path.join(app.dataDir, 'decks', files[0]), 'utf8')) as { theme?: unknown }).theme).toEqual({ base: 'high-contrast' });
  await dialog.getByRole('button', { name: 'Done' }).click();

  // After: the map is redrawn in high contrast's blue, with a dark hatch and black labels.
  const after = await drawnMap(map, 'high-contrast');
  await expectShaded(map, after, HIGH_KZ, DEFAULT_KZ);
  expect(await darkInsideUnreported(map, after)).toBeGreaterThan(hatchBefore + 0.1);
  expect(await blackInLabel(map, after.regions[0].label)).toBeGreaterThan(0.05);
  if (SHOTS) await slide.screenshot({ path: path.join(SHOTS, 'map-high-contrast.png') });

  // The presenter view follows without a reload.
  await expect.poll(() => canvasShare(presenterCanvas, HIGH_KZ), { timeout: 15_000 }).toBeGreaterThan(0.03);
  expect(await canvasShare(presenterCanvas, DEFAULT_KZ, 30)).toBeLessThan(0.001);
  if (SHOTS) await presenter.screenshot({ path: path.join(SHOTS, 'map-presenter-high-contrast.png') });

  // Undo (Ctrl+Z) brings the default map back.
  await page.keyboard.press('Control+z');
  await expectShaded(map, await drawnMap(map, 'default'), DEFAULT_KZ, HIGH_KZ);
  await expect.poll(() => canvasShare(presenterCanvas, DEFAULT_KZ), { timeout: 15_000 }).toBeGreaterThan(0.03);
  expect(errors).toEqual([]);
  expect(presenterErrors).toEqual([]);
});

test("a deck file with high contrast and its own chart colour opens with its map in that colour, thumbnails too", async ({ page }) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'briefing-map-theme-'));
  const file = path.join(dir, 'region.briefing.json');
  const palette = ['#8b1e3f', '#003d99'];
  await writeFile(file, JSON.stringify({ ...bundled, theme: { base: 'high-contrast', palette } }));
  const own = resolveTheme({ base: 'high-contrast', palette });
  const OWN_KZ = rgb(shadeAt(23 / 25, own));
  const app = await serve({ deck: file, dataDir: dir });
  const errors = watchPageErrors(page);
  try {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(app.url);
    await expect(region(page, 1)).toBeVisible();
    await page.keyboard.type(String(MAP_SLIDE));
    await page.keyboard.press('Enter');
    const map = region(page, MAP_SLIDE).getByRole('img', { name: /map of Chinese investment/ });
    const drawn = await drawnMap(map, 'high-contrast');
    // A wine red, not a blue: the deck's first chart colour tops the scale.
    expect(OWN_KZ[0]).toBeGreaterThan(OWN_KZ[2]);
    await expectShaded(map, drawn, OWN_KZ, DEFAULT_KZ);
    expect(await blackInLabel(map, drawn.regions[0].label)).toBeGreaterThan(0.05);
    if (SHOTS) await region(page, MAP_SLIDE).screenshot({ path: path.join(SHOTS, 'map-own-palette.png') });

    // The overview's thumbnail is drawn with the same theme.
    await page.keyboard.press('o');
    const thumb = page.getByRole('button', { name: `Go to slide ${MAP_SLIDE}: ${bundled.slides[MAP_SLIDE - 1].title}`, exact: true });
    await thumb.scrollIntoViewIfNeeded();
    await expect.poll(() => canvasShare(thumb.locator('canvas'), OWN_KZ), { timeout: 15_000 }).toBeGreaterThan(0.03);
    expect(await canvasShare(thumb.locator('canvas'), DEFAULT_KZ, 30)).toBeLessThan(0.001);
    // Opening the deck changed nothing in it.
    expect((JSON.parse(await readFile(file, 'utf8')) as { theme: unknown }).theme).toEqual({ base: 'high-contrast', palette });
    expect(errors).toEqual([]);
  } finally {
    await app.stop();
  }
});
