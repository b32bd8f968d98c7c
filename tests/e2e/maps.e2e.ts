/**
 * Map charts as a person sees and edits them (issue 10): the default briefing's map of
 * Central Asia shades Kazakhstan and leaves its neighbours outlined (checked by the
 * pixels drawn inside each country), thumbnails carry the map too, and the chart
 * editor turns a chart into a map, with an unknown country named on its field by
 * `briefing check`'s message while the file keeps the last good deck.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, serve, test, watchPageErrors } from './fixtures';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const deck = JSON.parse(await readFile(path.join(ROOT, 'assets/decks/central-asia-mining.briefing.json'), 'utf8')) as { slides: Array<{ id: string; title: string }> };
const MAP_SLIDE = deck.slides.findIndex((s) => s.id === 'central-asia-map') + 1;
const region = (page: Page, n: number) => page.getByRole('region', { name: new RegExp(`^Slide ${n} of \\d+: `) });

interface DrawnMap {
  regions: Array<{ name: string; value: number | null; fill: string; inside: Array<[number, number]> }>;
}

/** Pixels of the map's canvas at CSS-pixel points, as [r, g, b]. */
async function pixelsAt(map: Locator, points: Array<[number, number]>): Promise<Array<[number, number, number]>> {
  return map.locator('canvas').evaluate((canvas: HTMLCanvasElement, pts) => {
    const ctx = canvas.getContext('2d')!;
    const scale = canvas.width / canvas.getBoundingClientRect().width;
    return pts.map(([x, y]) => {
      const d = ctx.getImageData(Math.round(x * scale), Math.round(y * scale), 1, 1).data;
      return [d[0], d[1], d[2]] as [number, number, number];
    });
  }, points);
}

const rgb = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
const near = (a: number[], b: number[], tolerance = 40) => Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]) <= tolerance;
const light = (p: number[]) => p[0] + p[1] + p[2] >= 3 * 170;

async function drawnMap(map: Locator): Promise<DrawnMap> {
  await expect(map).toHaveAttribute('data-map', /regions/, { timeout: 15_000 });
  return JSON.parse((await map.getAttribute('data-map'))!) as DrawnMap;
}

test('the default map slide shades Kazakhstan and outlines its neighbours, in the slide and its thumbnail', async ({ page, app, errors }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(app.url);
  await expect(region(page, 1)).toBeVisible();
  await page.keyboard.type(String(MAP_SLIDE));
  await page.keyboard.press('Enter');
  const map = region(page, MAP_SLIDE).getByRole('img');
  await expect(map).toHaveAttribute('aria-label', /map of Chinese investment, January–June 2025\. Kazakhstan \$23bn, Uzbekistan no figure reported, Kyrgyzstan no figure reported, Tajikistan no figure reported, Turkmenistan no figure reported/);
  const drawn = await drawnMap(map);
  expect(drawn.regions.map((r) => r.name)).toEqual(['Kazakhstan', 'Uzbekistan', 'Kyrgyzstan', 'Tajikistan', 'Turkmenistan']);

  const kz = drawn.regions[0];
  expect(kz.value).toBe(23);
  expect(kz.inside.length).toBeGreaterThan(10);
  const shade = rgb(kz.fill);
  // A strong blue, not white: the shade is ink.
  expect(shade[0] + shade[1] + shade[2]).toBeLessThan(3 * 150);
  const kzPixels = await pixelsAt(map, kz.inside);
  expect(kzPixels.filter((p) => near(p, shade)).length / kzPixels.length, 'Kazakhstan is shaded').toBeGreaterThan(0.85);

  for (const neighbour of drawn.regions.slice(1)) {
    expect(neighbour.value).toBeNull();
    expect(neighbour.inside.length, neighbour.name).toBeGreaterThan(2);
    const pixels = await pixelsAt(map, neighbour.inside);
    expect(pixels.filter((p) => near(p, shade)).length, `${neighbour.name} carries no shade`).toBe(0);
    // White with light hatching (a probe may land on a border line in a small country like Tajikistan).
    expect(pixels.filter(light).length / pixels.length, `${neighbour.name} is outlined only`).toBeGreaterThan(0.55);
  }
  await region(page, MAP_SLIDE).screenshot({ path: test.info().outputPath('map-slide.png') });
  if (process.env.MAP_SHOT) await region(page, MAP_SLIDE).screenshot({ path: process.env.MAP_SHOT });

  // The overview's thumbnail is the same map in miniature: Kazakhstan's shade is there.
  await page.keyboard.press('o');
  const thumb = page.getByRole('button', { name: `Go to slide ${MAP_SLIDE}: ${deck.slides[MAP_SLIDE - 1].title}`, exact: true });
  await thumb.scrollIntoViewIfNeeded();
  await expect
    .poll(
      async () =>
        thumb.locator('canvas').evaluate((canvas: HTMLCanvasElement, target) => {
          const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
          let hits = 0;
          for (let i = 0; i < data.length; i += 4) {
            if (Math.abs(data[i] - target[0]) + Math.abs(data[i + 1] - target[1]) + Math.abs(data[i + 2] - target[2]) <= 40) hits++;
          }
          return hits / (data.length / 4);
        }, shade),
      { timeout: 15_000 },
    )
    .toBeGreaterThan(0.03);
  expect(errors).toEqual([]);
});

test('the chart editor turns a chart into a map; an unknown country is named on its field and never reaches the file', async ({ page }) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'briefing-map-'));
  const file = path.join(dir, 'region.briefing.json');
  await writeFile(
    file,
    JSON.stringify({
      format: 'briefing-deck',
      version: 1,
      meta: { title: 'Regional money' },
      sources: [{ id: 'a', title: 'Article' }],
      slides: [{ id: 'money', layout: 'chart', title: 'Where it went', sources: ['a'], chart: { type: 'bar', labels: ['Q1', 'Q2'], series: [{ name: 'Investment', values: [23, 5] }], unit: 'USD bn' } }],
    }),
  );
  const app = await serve({ deck: file, dataDir: dir });
  const errors = watchPageErrors(page);
  const onDisk = async () => (JSON.parse(await readFile(file, 'utf8')) as { slides: Array<{ chart: { type: string; labels: string[]; series: Array<{ values: Array<number | null> }> } }> }).slides[0].chart;
  try {
    await page.goto(app.url);
    await expect(region(page, 1)).toBeVisible();
    await page.keyboard.press('e');
    const edit = page.getByRole('complementary', { name: 'Edit slide' });
    await edit.getByRole('combobox', { name: 'Chart type' }).selectOption({ label: 'Map (countries shaded)' });
    const table = edit.getByRole('table', { name: 'Chart data' });
    // Quarters are not countries: each row says so, with check's own words.
    const first = table.getByRole('textbox', { name: 'Country 1', exact: true });
    await expect(first).toHaveAttribute('aria-invalid', 'true');
    await expect(edit.getByText('unknown country "Q1"; use an ISO code (KZ, KAZ or 398) or a country name')).toBeVisible();
    await first.fill('Kazakhstan');
    await table.getByRole('textbox', { name: 'Country 2', exact: true }).fill('UZ');
    const uz = table.getByRole('textbox', { name: 'Investment, UZ' });
    await uz.fill('');
    await uz.press('Tab');
    await expect.poll(onDisk, { timeout: 10_000 }).toEqual({ type: 'map', labels: ['Kazakhstan', 'UZ'], series: [{ name: 'Investment', values: [23, null] }], unit: 'USD bn' });

    const map = region(page, 1).getByRole('img');
    await expect(map).toHaveAttribute('aria-label', /map of Investment\. Kazakhstan \$23bn, UZ no figure reported/);
    const drawn = await drawnMap(map);
    expect(drawn.regions.map((r) => r.name)).toEqual(['Kazakhstan', 'Uzbekistan']);
    const pixels = await pixelsAt(map, drawn.regions[0].inside);
    expect(pixels.filter((p) => near(p, rgb(drawn.regions[0].fill))).length / pixels.length).toBeGreaterThan(0.85);

    // A typo: the field shows check's message with its suggestion; the file keeps the last good name.
    await first.fill('Kazakstan');
    await expect(first).toHaveAttribute('aria-invalid', 'true');
    const message = edit.getByText('unknown country "Kazakstan": did you mean "Kazakhstan"?', { exact: true });
    await expect(message).toBeVisible();
    await expect(first).toHaveAttribute('aria-describedby', (await message.getAttribute('id'))!);
    await expect(page.getByRole('status', { name: 'Save status' })).toContainText(/Not saved/, { timeout: 10_000 });
    expect((await onDisk()).labels).toEqual(['Kazakhstan', 'UZ']);
    await edit.getByText('Name each country by ISO code').screenshot({ path: test.info().outputPath('editor-hint.png') });
    await edit.screenshot({ path: test.info().outputPath('map-editor.png') });

    // Fixed by its ISO alpha-3 code: saved.
    await first.fill('KAZ');
    await expect(first).not.toHaveAttribute('aria-invalid', 'true');
    await expect.poll(async () => (await onDisk()).labels, { timeout: 10_000 }).toEqual(['KAZ', 'UZ']);
    expect(errors).toEqual([]);
  } finally {
    await app.stop();
  }
});
