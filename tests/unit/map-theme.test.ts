/**
 * The map follows the deck's theme (issue 10, "Themes and branding" and "Maps"):
 * the default theme draws the map as before, high contrast gives black outlines,
 * black labels on an opaque halo and a dark hatch, a deck's own palette tops the
 * shade scale, label text passes WCAG AA against its backing, and the PDF's map
 * image (drawn in Node, read back with pdfimages and pdftoppm) carries the theme.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas, loadImage, type Image } from '@napi-rs/canvas';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExportOptions } from '../../src-shared/api';
import { buildChartConfig } from '../../src-shared/chart-config';
import { AA_LARGE, AA_TEXT, contrastRatio } from '../../src-shared/contrast';
import type { Chart, Deck, Theme } from '../../src-shared/deck-schema';
import { mapLayout, NO_FIGURE_FILL, OUTLINE, shadeAt } from '../../src-shared/map-chart';
import { interiorPoints, prepareMap, type WorldAtlas } from '../../src-shared/map-geo';
import { resolveTheme, tint, type ResolvedTheme } from '../../src-shared/theme';
import { loadCanvasRuntime } from '../../src-main/core/pdf/canvas-runtime';
import { drawChart, loadMapSupport } from '../../src-main/core/pdf/chart-image';
import { exportHandoutPdf } from '../../src-main/core/pdf/export-pdf';
import { WORLD_ATLAS_FILE } from '../../src-main/core/pdf/map-runtime';
import { exportPptx } from '../../src-main/core/pptx/export-pptx';
import { pdfOutline, popplerMissing, renderPage, tempDir, writePdf } from './pdf-tools';
import { loadDefaultDeck } from './pdf-fixtures';

const world = JSON.parse(readFileSync(createRequire(import.meta.url).resolve(WORLD_ATLAS_FILE), 'utf8')) as WorldAtlas;
const centralAsia: Chart = { type: 'map', labels: ['Kazakhstan', 'Uzbekistan', 'Kyrgyzstan', 'Tajikistan', 'Turkmenistan'], series: [{ name: 'Chinese investment, January–June 2025', values: [23, null, null, null, null] }], unit: 'USD bn' };

interface MapConfig {
  data: { datasets: Array<{ backgroundColor: string[]; borderColor: string; borderWidth: number }> };
  options: { font: { family: string }; scales: { color: { missing: string; interpolate: (t: number) => string } } };
}
const configFor = (theme?: ResolvedTheme) => buildChartConfig(centralAsia, { animate: false, map: prepareMap(centralAsia, world), ...(theme ? { theme } : {}) }) as unknown as MapConfig;

const rgbOf = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
const distance = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]);
/** `top` at `alpha` over `under`, as the canvas composes a translucent halo. */
const over = (top: string, alpha: number, under: string) => `#${rgbOf(top).map((v, i) => Math.round(v * alpha + rgbOf(under)[i] * (1 - alpha)).toString(16).padStart(2, '0')).join('')}`;

const DEFAULT = resolveTheme(undefined);
const HIGH = resolveTheme({ base: 'high-contrast' });
const OWN = resolveTheme({ palette: ['#8b1e3f', '#1f4e79'] });

describe('map colours from the theme', () => {
  it('the default theme draws the map exactly as before themes reached it', () => {
    // The values the map was drawn with before (pinned: default pixels must not move).
    expect(DEFAULT.map).toEqual({
      low: '#d6e4f0',
      high: '#1f4e79',
      outline: '#2b2b2b',
      noFigure: '#ffffff',
      hatch: '#b9b9b9',
      contextFill: '#eeeeee',
      contextBorder: '#c4c4c4',
      ink: '#1b1f24',
      halo: '#ffffff',
      haloAlpha: 0.9,
    });
    expect([NO_FIGURE_FILL, OUTLINE]).toEqual(['#ffffff', '#2b2b2b']);
    expect([shadeAt(0), shadeAt(1)]).toEqual(['#d6e4f0', '#1f4e79']);
    const plain = configFor();
    expect(configFor(DEFAULT)).toMatchObject(JSON.parse(JSON.stringify(plain)) as object);
    expect(plain.data.datasets[0].borderColor).toBe('#2b2b2b');
    expect(plain.data.datasets[0].borderWidth).toBeCloseTo(14 / 12);
    expect(plain.data.datasets[0].backgroundColor).toEqual([shadeAt(23 / 25), '#ffffff', '#ffffff', '#ffffff', '#ffffff']);
    expect(plain.options.font.family).toBe(DEFAULT.fontFamily);
  });

  it('high contrast: its palette tops the scale, black outlines twice as thick, its font', () => {
    const config = configFor(HIGH);
    const dataset = config.data.datasets[0];
    expect(shadeAt(1, HIGH)).toBe(HIGH.palette[0]);
    expect(shadeAt(0, HIGH)).toBe(HIGH.map.low);
    expect(dataset.backgroundColor[0]).toBe(shadeAt(23 / 25, HIGH));
    expect(dataset.backgroundColor[0]).not.toBe(shadeAt(23 / 25));
    expect(dataset.backgroundColor.slice(1)).toEqual(Array(4).fill(HIGH.map.noFigure));
    expect(dataset.borderColor).toBe('#000000');
    expect(dataset.borderWidth).toBeCloseTo(configFor().data.datasets[0].borderWidth * 2);
    expect(config.options.scales.color.interpolate(1)).toBe(HIGH.palette[0]);
    expect(HIGH.map.ink).toBe(HIGH.colors.chartText);
    const dejavu = resolveTheme({ base: 'high-contrast', font: 'dejavu-sans' });
    expect(configFor(dejavu).options.font.family).toBe(dejavu.fontFamily);
  });

  it("a deck's own palette reaches the top of the shade scale, from a light tint of that colour", () => {
    expect(OWN.map.high).toBe('#8b1e3f');
    expect(OWN.map.low).toBe(tint('#8b1e3f', 0.16));
    expect(shadeAt(1, OWN)).toBe('#8b1e3f');
    expect(configFor(OWN).data.datasets[0].backgroundColor[0]).toBe(shadeAt(23 / 25, OWN));
    // The same palette on high contrast keeps high contrast's outlines and ink.
    const ownHigh = resolveTheme({ base: 'high-contrast', palette: ['#8b1e3f'] });
    expect(ownHigh.map).toMatchObject({ high: '#8b1e3f', outline: '#000000', ink: '#000000', haloAlpha: 1 });
  });

  it('label text passes WCAG AA against its backing; the hatch keeps "no figure reported" apart from the lowest shade', () => {
    // Any first colour a deck may bring, from black to white, on either base.
    const decks = ['#000000', '#ffffff', '#ffd400', '#00ff00', '#8b1e3f', '#5b9bd5'].flatMap((colour) =>
      (['default', 'high-contrast'] as const).map((base) => [`${base} with ${colour}`, resolveTheme({ base, palette: [colour] })] as const),
    );
    for (const [name, theme] of [['default', DEFAULT], ['high contrast', HIGH], ['own palette', OWN], ...decks] as const) {
      const m = theme.map;
      // A label's glyphs sit on its halo; the halo lies over whatever the country is drawn in.
      for (const under of [m.low, m.high, m.noFigure, m.hatch, m.contextFill, m.outline]) {
        const backing = over(m.halo, m.haloAlpha, under);
        expect(contrastRatio(m.ink, backing), `${name}: label on ${under}`).toBeGreaterThanOrEqual(theme.base === 'high-contrast' ? 7 : AA_TEXT);
      }
      // The legend's text is on the slide's background; outlines are graphics (3:1).
      expect(contrastRatio(m.ink, theme.colors.background), `${name}: legend text`).toBeGreaterThanOrEqual(AA_TEXT);
      expect(contrastRatio(m.outline, theme.colors.background), `${name}: outline`).toBeGreaterThanOrEqual(AA_LARGE);
      // "No figure reported" is not a shade of the scale: its fill differs from the lowest shade, and it is hatched.
      // (A first colour `briefing check` warns about, under 3:1 on the background, may tint to white: the hatch still tells.)
      if (contrastRatio(m.high, theme.colors.background) >= AA_LARGE) expect(m.noFigure, name).not.toBe(m.low);
      expect(contrastRatio(m.hatch, m.noFigure), `${name}: hatch visible`).toBeGreaterThan(1.5);
    }
    // High contrast: the hatch is a graphic that carries meaning, so 3:1 against the fill and the lowest shade.
    expect(contrastRatio(HIGH.map.hatch, HIGH.map.noFigure)).toBeGreaterThanOrEqual(AA_LARGE);
    expect(contrastRatio(HIGH.map.hatch, HIGH.map.low)).toBeGreaterThanOrEqual(AA_LARGE);
    expect(contrastRatio(HIGH.map.contextBorder, HIGH.colors.background)).toBeGreaterThanOrEqual(AA_LARGE);
  });
});

/** Draws the Central Asia map in Node at 900 × 480 and returns a pixel reader and the layout. */
async function drawn(theme?: ResolvedTheme) {
  const runtime = await loadCanvasRuntime();
  const atlas = await loadMapSupport();
  const { canvas, chart } = drawChart(runtime, centralAsia, 900, 480, atlas, theme);
  const layout = mapLayout(chart)!;
  const ctx = canvas.getContext('2d');
  const ratio = canvas.width / 900;
  const pixel = ([x, y]: [number, number]) => Array.from(ctx.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data.slice(0, 3));
  const meta = chart.getDatasetMeta(0);
  const outsideLabels = (p: [number, number]) => !layout.regions.some((r) => p[0] >= r.label.x - 3 && p[0] <= r.label.x + r.label.width + 3 && p[1] >= r.label.y - 3 && p[1] <= r.label.y + r.label.height + 3);
  const inside = (i: number) => interiorPoints((meta.data[i] as unknown as { feature: Parameters<typeof interiorPoints>[0] }).feature, layout.projection, layout.regions[i].bounds).filter(outsideLabels);
  const labelPixels = (i: number) => {
    const box = layout.regions[i].label;
    const data = ctx.getImageData(Math.round(box.x * ratio), Math.round(box.y * ratio), Math.round(box.width * ratio), Math.round(box.height * ratio)).data;
    const out: number[][] = [];
    for (let p = 0; p < data.length; p += 4) out.push([data[p], data[p + 1], data[p + 2]]);
    return out;
  };
  return { layout, pixel, inside, labelPixels, destroy: () => chart.destroy() };
}

describe('the themed map drawn in Node (the PDF and PPTX image)', () => {
  it('high contrast shades Kazakhstan in its own blue, hatches the others darkly, and inks the labels black', async () => {
    const plain = await drawn();
    const high = await drawn(HIGH);
    try {
      const shade = rgbOf(high.layout.regions[0].fill);
      expect(high.layout.regions[0].fill).toBe(shadeAt(23 / 25, HIGH));
      const kz = high.inside(0);
      expect(kz.length).toBeGreaterThan(20);
      expect(kz.filter((p) => distance(high.pixel(p), shade) <= 30).length / kz.length).toBeGreaterThan(0.85);
      // The default map's shade is nowhere in high contrast's Kazakhstan, and the reverse.
      const oldShade = rgbOf(plain.layout.regions[0].fill);
      expect(kz.filter((p) => distance(high.pixel(p), oldShade) <= 30)).toEqual([]);
      expect(plain.inside(0).filter((p) => distance(plain.pixel(p), shade) <= 30)).toEqual([]);
      // Uzbekistan has no figure: white with a dark hatch in high contrast, a light one by default; never the lowest shade.
      const darkShare = (d: typeof high, pts: Array<[number, number]>) => pts.filter((p) => d.pixel(p).reduce((a, b) => a + b, 0) < 3 * 128).length / pts.length;
      const uzHigh = high.inside(1);
      const uzPlain = plain.inside(1);
      expect(uzHigh.length).toBeGreaterThan(5);
      const lowest = rgbOf(HIGH.map.low);
      expect(uzHigh.filter((p) => distance(high.pixel(p), lowest) <= 20)).toEqual([]);
      expect(darkShare(high, uzHigh)).toBeGreaterThan(darkShare(plain, uzPlain));
      // Labels: black text in high contrast (the default's ink is #1b1f24, never pure black).
      const black = (d: typeof high) => d.labelPixels(0).filter((p) => p[0] + p[1] + p[2] <= 6).length;
      expect(black(high)).toBeGreaterThan(30);
      expect(black(plain)).toBe(0);
    } finally {
      plain.destroy();
      high.destroy();
    }
  });

  it("a deck's palette colour fills Kazakhstan", async () => {
    const own = await drawn(OWN);
    try {
      const shade = rgbOf(shadeAt(23 / 25, OWN));
      // A red-dominant shade from #8b1e3f, not a blue.
      expect(shade[0]).toBeGreaterThan(shade[2]);
      const kz = own.inside(0);
      expect(kz.filter((p) => distance(own.pixel(p), shade) <= 30).length / kz.length).toBeGreaterThan(0.85);
    } finally {
      own.destroy();
    }
  });
});

const missing = popplerMissing();
const { dir, cleanup } = tempDir('briefing-map-theme-');
afterAll(cleanup);

/** The default briefing's map slide alone, full page, with `theme`. */
async function mapPdf(name: string, theme?: Theme): Promise<string> {
  const deck: Deck = { ...loadDefaultDeck(), ...(theme ? { theme } : {}) };
  const index = deck.slides.findIndex((s) => s.id === 'central-asia-map');
  const options: ExportOptions = { layout: 'slides', notes: 'none', annex: false, noCover: true, slides: String(index + 1) };
  const { buffer } = await exportHandoutPdf(deck, options);
  return writePdf(dir, name, buffer);
}

/** The one image on `page` of `file`, as pdfimages extracts it (the map's JPEG as embedded). */
async function embeddedImage(file: string, page: number, name: string): Promise<Image> {
  const prefix = path.join(dir, name);
  execFileSync('pdfimages', ['-all', '-f', String(page), '-l', String(page), file, prefix]);
  const files = readdirSync(dir).filter((f) => f.startsWith(`${name}-`));
  expect(files).toHaveLength(1);
  return loadImage(readFileSync(path.join(dir, files[0])));
}

/** Where the one image on `page` is drawn, in points from the page's top left (pdftohtml -xml at zoom 1). */
function imagePlacement(file: string, page: number): { top: number; left: number; width: number; height: number } {
  const out = path.join(dir, `${path.basename(file, '.pdf')}-placement`);
  execFileSync('pdftohtml', ['-xml', '-q', '-zoom', '1', '-f', String(page), '-l', String(page), file, out]);
  const images = [...readFileSync(`${out}.xml`, 'utf8').matchAll(/<image top="([\d.]+)" left="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g)];
  expect(images).toHaveLength(1);
  const [top, left, width, height] = images[0].slice(1, 5).map(Number);
  return { top, left, width, height };
}

function pixelsOf(image: Image): { width: number; height: number; data: Uint8ClampedArray } {
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return { width: image.width, height: image.height, data: ctx.getImageData(0, 0, image.width, image.height).data };
}

describe.skipIf(missing)(`the themed map in the PDF${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('high contrast: a different map image, Kazakhstan in the theme\'s shade inside its borders, black outlines', async () => {
    const plainFile = await mapPdf('plain.pdf');
    const highFile = await mapPdf('high.pdf', { base: 'high-contrast' });
    const page = pdfOutline(highFile).find((o) => o.title.startsWith('Where the money went'))?.page ?? 1;
    const plainImage = pixelsOf(await embeddedImage(plainFile, page, 'plain'));
    const highImage = pixelsOf(await embeddedImage(highFile, page, 'high'));
    expect([highImage.width, highImage.height]).toEqual([plainImage.width, plainImage.height]);
    let differing = 0;
    for (let p = 0; p < highImage.data.length; p += 4) if (distance(highImage.data.subarray(p, p + 3), plainImage.data.subarray(p, p + 3)) > 60) differing++;
    expect(differing / (highImage.data.length / 4), 'the high-contrast map is another image').toBeGreaterThan(0.05);
    // Black outlines and labels: pure black is common in high contrast, absent from the default's dark grey and navy.
    const blackShare = (img: typeof highImage) => {
      let n = 0;
      for (let p = 0; p < img.data.length; p += 4) if (img.data[p] + img.data[p + 1] + img.data[p + 2] <= 24) n++;
      return n / (img.data.length / 4);
    };
    expect(blackShare(highImage)).toBeGreaterThan(0.01);
    expect(blackShare(highImage)).toBeGreaterThan(blackShare(plainImage) * 5);

    // Kazakhstan's interior, from the same map drawn in Node at the image's design size (2 px a unit).
    const width = highImage.width / 2;
    const height = highImage.height / 2;
    const runtime = await loadCanvasRuntime();
    const atlas = await loadMapSupport();
    const { chart } = drawChart(runtime, centralAsia, width, height, atlas, HIGH);
    let kzPoints: Array<[number, number]> = [];
    try {
      const layout = mapLayout(chart)!;
      const meta = chart.getDatasetMeta(0);
      const kz = interiorPoints((meta.data[0] as unknown as { feature: Parameters<typeof interiorPoints>[0] }).feature, layout.projection, layout.regions[0].bounds).filter(
        ([x, y]) => !layout.regions.some((r) => x >= r.label.x - 3 && x <= r.label.x + r.label.width + 3 && y >= r.label.y - 3 && y <= r.label.y + r.label.height + 3),
      );
      expect(kz.length).toBeGreaterThan(20);
      kzPoints = kz;
      const at = (img: typeof highImage, [x, y]: [number, number]) => {
        const i = (Math.round(y * 2) * img.width + Math.round(x * 2)) * 4;
        return img.data.subarray(i, i + 3);
      };
      const highShade = rgbOf(shadeAt(23 / 25, HIGH));
      const plainShade = rgbOf(shadeAt(23 / 25));
      expect(kz.filter((p) => distance(at(highImage, p), highShade) <= 36).length / kz.length, 'high contrast shade inside Kazakhstan').toBeGreaterThan(0.85);
      expect(kz.filter((p) => distance(at(plainImage, p), plainShade) <= 36).length / kz.length, 'default shade inside Kazakhstan').toBeGreaterThan(0.85);
    } finally {
      chart.destroy();
    }

    // The page as a reader sees it (pdftoppm at 2 px a point), sampled inside Kazakhstan where the image is placed (pdftohtml -xml).
    for (const [file, image, shade] of [[highFile, highImage, rgbOf(shadeAt(23 / 25, HIGH))], [plainFile, plainImage, rgbOf(shadeAt(23 / 25))]] as const) {
      const placed = imagePlacement(file, page);
      const rendered = pixelsOf(await loadImage(renderPage(file, page, 144)));
      const scale = placed.width / (image.width / 2);
      const onPage = ([x, y]: [number, number]) => {
        const i = (Math.round((placed.top + y * scale) * 2) * rendered.width + Math.round((placed.left + x * scale) * 2)) * 4;
        return rendered.data.subarray(i, i + 3);
      };
      expect(kzPoints.filter((p) => distance(onPage(p), shade) <= 40).length / kzPoints.length, `${path.basename(file)}: Kazakhstan on the page`).toBeGreaterThan(0.8);
    }

    // High contrast's shade is on the page, the default's is not.
    const share = async (file: string, rgb: [number, number, number]) => {
      const { data } = pixelsOf(await loadImage(renderPage(file, page, 72)));
      let near = 0;
      for (let p = 0; p < data.length; p += 4) if (distance(data.subarray(p, p + 3), rgb) <= 36) near++;
      return near / (data.length / 4);
    };
    expect(await share(highFile, rgbOf(shadeAt(23 / 25, HIGH)))).toBeGreaterThan(0.01);
    expect(await share(highFile, rgbOf(shadeAt(23 / 25)))).toBeLessThan(0.002);
    expect(await share(plainFile, rgbOf(shadeAt(23 / 25)))).toBeGreaterThan(0.01);
  });
});

describe('the themed map in PowerPoint', () => {
  /** The map picture of a .pptx made from the default briefing's map slide with `theme`. */
  async function mapPicture(theme?: Theme) {
    const deck = loadDefaultDeck();
    const themed: Deck = { ...deck, ...(theme ? { theme } : {}), slides: deck.slides.filter((s) => s.id === 'central-asia-map') };
    const zip = await JSZip.loadAsync((await exportPptx(themed)).buffer);
    const media = Object.keys(zip.files).filter((n) => /^ppt\/media\/.+\.(png|jpe?g)$/.test(n));
    expect(media).toHaveLength(1);
    return pixelsOf(await loadImage(await zip.file(media[0])!.async('nodebuffer')));
  }
  const share = (img: ReturnType<typeof pixelsOf>, rgb: [number, number, number]) => {
    let near = 0;
    for (let p = 0; p < img.data.length; p += 4) if (distance(img.data.subarray(p, p + 3), rgb) <= 36) near++;
    return near / (img.data.length / 4);
  };

  it("draws the map picture with the deck's theme, as the PDF does", async () => {
    const plain = await mapPicture();
    const high = await mapPicture({ base: 'high-contrast' });
    const own = await mapPicture({ palette: ['#8b1e3f'] });
    const highShade = rgbOf(shadeAt(23 / 25, HIGH));
    const plainShade = rgbOf(shadeAt(23 / 25));
    const ownShade = rgbOf(shadeAt(23 / 25, OWN));
    expect(share(plain, plainShade)).toBeGreaterThan(0.02);
    expect(share(plain, highShade)).toBeLessThan(0.002);
    expect(share(high, highShade)).toBeGreaterThan(0.02);
    expect(share(high, plainShade)).toBeLessThan(0.002);
    expect(share(own, ownShade)).toBeGreaterThan(0.02);
    expect(share(own, plainShade)).toBeLessThan(0.002);
  });
});
