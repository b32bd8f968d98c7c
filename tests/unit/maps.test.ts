/**
 * Map charts (issue 10): countries resolved from ISO codes and names, unknown names
 * an error in `briefing check` with a suggestion, the choropleth config framed on
 * the named countries, and the same map drawn in Node for the PDF with ink where
 * Kazakhstan is.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { buildChartConfig, describeChart } from '../../src-shared/chart-config';
import { COUNTRIES, resolveCountry, suggestCountry } from '../../src-shared/countries';
import { checkDeck } from '../../src-shared/deck-check';
import type { Chart } from '../../src-shared/deck-schema';
import { validateDeck } from '../../src-shared/deck-validate';
import { resolveTheme } from '../../src-shared/theme';
import { mapLayout, NO_FIGURE_FILL, shadeAt } from '../../src-shared/map-chart';
import { atlasForRenderer, hasBoundary, interiorPoints, prepareMap, type WorldAtlas } from '../../src-shared/map-geo';
import { loadCanvasRuntime } from '../../src-main/core/pdf/canvas-runtime';
import { drawChart, loadMapSupport } from '../../src-main/core/pdf/chart-image';
import { BUILT_WORLD_ATLAS, WORLD_ATLAS_FILE } from '../../src-main/core/pdf/map-runtime';

const world = JSON.parse(readFileSync(createRequire(import.meta.url).resolve(WORLD_ATLAS_FILE), 'utf8')) as WorldAtlas;
const CENTRAL_ASIA = ['Kazakhstan', 'Kyrgyzstan', 'Tajikistan', 'Turkmenistan', 'Uzbekistan'];
const centralAsia: Chart = { type: 'map', labels: ['Kazakhstan', 'Uzbekistan', 'Kyrgyzstan', 'Tajikistan', 'Turkmenistan'], series: [{ name: 'Chinese investment, January–June 2025', values: [23, null, null, null, null] }], unit: 'USD bn' };

const deckWithMap = (labels: string[]) => ({
  format: 'briefing-deck',
  version: 1,
  meta: { title: 'T' },
  sources: [{ id: 'a', title: 'A' }],
  slides: [{ id: 'm', layout: 'chart', title: 'Map', sources: ['a'], chart: { type: 'map', labels, series: [{ name: 'S', values: labels.map(() => 1) }] } }],
});

describe('countries', () => {
  it('resolves ISO alpha-2, alpha-3, numeric (with or without zeros) and names, whatever the case or accents', () => {
    for (const label of ['KZ', 'kz', 'KAZ', 'kaz', '398', 'Kazakhstan', ' kazakhstan ', 'Qazaqstan']) expect(resolveCountry(label)?.alpha3, label).toBe('KAZ');
    expect(resolveCountry('4')?.name).toBe('Afghanistan');
    expect(resolveCountry('004')?.name).toBe('Afghanistan');
    expect(resolveCountry("Cote d'Ivoire")?.alpha2).toBe('CI');
    expect(resolveCountry('Dem. Rep. Congo')?.alpha3).toBe('COD');
    expect(resolveCountry('Kosovo')?.alpha2).toBe('XK');
    expect(resolveCountry('Narnia')).toBeUndefined();
    expect(resolveCountry('')).toBeUndefined();
    expect(resolveCountry('999')).toBeUndefined();
  });

  it('holds every ISO 3166-1 country once, and every world-atlas feature resolves', () => {
    const iso = COUNTRIES.filter((c) => c.numeric);
    expect(iso.length).toBe(249);
    expect(new Set(iso.map((c) => c.alpha2)).size).toBe(249);
    expect(new Set(iso.map((c) => c.alpha3)).size).toBe(249);
    for (const g of world.objects.countries.geometries) {
      const name = (g.properties as { name: string }).name;
      const country = g.id !== undefined ? resolveCountry(String(g.id)) : resolveCountry(name);
      if (name === 'Indian Ocean Ter.' || name === 'Siachen Glacier') continue; // disputed or not a country
      expect(country, `${g.id} ${name}`).toBeDefined();
    }
  });

  it('has boundaries for all five Central Asian states in the shipped world-atlas file', () => {
    for (const name of CENTRAL_ASIA) expect(hasBoundary(world, resolveCountry(name)!), name).toBe(true);
  });

  it('suggests the country a typo meant, and nothing for a word that is not close', () => {
    expect(suggestCountry('Kazakstan')).toBe('Kazakhstan');
    expect(suggestCountry('Kirgizstan')).toBe('Kyrgyzstan');
    expect(suggestCountry('uzbekistn')).toBe('Uzbekistan');
    expect(suggestCountry('Narnia')).toBeUndefined();
  });
});

describe('briefing check on maps', () => {
  it('reports an unknown country as an error on its label, with a did-you-mean', () => {
    const { errors } = checkDeck(deckWithMap(['Kazakstan', 'UZ', 'Atlantis']));
    expect(errors).toEqual([
      { path: 'slides[0].chart.labels[0]', message: 'unknown country "Kazakstan": did you mean "Kazakhstan"?', where: "slide 1 'Map' (id m)" },
      { path: 'slides[0].chart.labels[2]', message: 'unknown country "Atlantis"; use an ISO code (KZ, KAZ or 398) or a country name', where: "slide 1 'Map' (id m)" },
    ]);
    expect(validateDeck(deckWithMap(['Kazakstan'])).ok).toBe(false);
  });

  it('reports a country named twice, and accepts codes and names mixed', () => {
    expect(checkDeck(deckWithMap(['KZ', 'Kazakhstan'])).errors.map((e) => e.message)).toEqual(['Kazakhstan is already on this map (label 1); name each country once']);
    expect(checkDeck(deckWithMap(['KZ', 'UZB', '417', 'Tajikistan'])).errors).toEqual([]);
  });

  it('leaves the labels of other charts alone', () => {
    const deck = deckWithMap(['Q1', 'Q2']);
    deck.slides[0].chart.type = 'bar';
    expect(checkDeck(deck).errors).toEqual([]);
  });
});

describe('map chart config', () => {
  it('is a choropleth of the named countries, framed on them, shaded from the first series', () => {
    const map = prepareMap(centralAsia, world);
    expect(map.regions.map((r) => r.country.alpha3)).toEqual(['KAZ', 'UZB', 'KGZ', 'TJK', 'TKM']);
    expect(map.unresolved).toEqual([]);
    const config = buildChartConfig(centralAsia, { animate: false, map }) as unknown as {
      type: string;
      data: { labels: string[]; datasets: Array<{ data: Array<{ value: number | null }>; outline: unknown[]; backgroundColor: string[] }> };
      options: { scales: { color: { min: number; max: number } }; plugins: { legend: { display: boolean } } };
      plugins: Array<{ id: string }>;
    };
    expect(config.type).toBe('choropleth');
    expect(config.data.labels).toEqual(['Kazakhstan', 'Uzbekistan', 'Kyrgyzstan', 'Tajikistan', 'Turkmenistan']);
    expect(config.data.datasets[0].data.map((d) => d.value)).toEqual([23, null, null, null, null]);
    // The frame is the named countries, not the globe.
    expect(config.data.datasets[0].outline).toHaveLength(5);
    expect(config.options.scales.color).toMatchObject({ min: 0, max: 25 });
    expect(config.data.datasets[0].backgroundColor).toEqual([shadeAt(23 / 25), NO_FIGURE_FILL, NO_FIGURE_FILL, NO_FIGURE_FILL, NO_FIGURE_FILL]);
    expect(config.plugins.map((p) => p.id)).toEqual(['briefingMapContext', 'briefingMapLabels', 'briefingMapLegend']);
    // Context land around the frame: China and Russia, never a named country.
    const context = map.context.features.map((f) => f.properties?.name);
    expect(context).toEqual(expect.arrayContaining(['China', 'Russia', 'Afghanistan', 'Iran']));
    expect(context.some((n) => CENTRAL_ASIA.includes(n ?? ''))).toBe(false);
  });

  it('is the same geography from the renderer\'s world (flat arcs, neighbour table) as from world-atlas\'s file', () => {
    // The renderer ships the atlas with each arc one flat list (vite.config.ts); map-geo pairs
    // the arcs a map decodes. Fresh copies of both: the cache of decoded features is per world.
    const pairs = JSON.parse(JSON.stringify(world)) as WorldAtlas;
    const shipped = atlasForRenderer(world as unknown as Parameters<typeof atlasForRenderer>[0]);
    const flat = JSON.parse(JSON.stringify(shipped)) as WorldAtlas;
    expect(typeof (flat.arcs[0] as unknown as number[])[0]).toBe('number');
    // Its neighbour table is topojson-client's: Kazakhstan borders Russia, China, Kyrgyzstan, Uzbekistan, Turkmenistan.
    const names = world.objects.countries.geometries.map((g) => (g.properties as { name?: string } | undefined)?.name);
    const kz = names.indexOf('Kazakhstan');
    expect(shipped.neighbours[kz].map((i) => names[i]).sort()).toEqual(['China', 'Kyrgyzstan', 'Russia', 'Turkmenistan', 'Uzbekistan']);
    for (const chart of [centralAsia, { ...centralAsia, labels: ['France', 'Norway', 'Chile', 'Fiji', 'Russia'] }]) {
      const a = prepareMap(chart, pairs);
      const b = prepareMap(chart, flat);
      expect(b.regions.map((r) => r.feature)).toEqual(a.regions.map((r) => r.feature));
      expect(b.context).toEqual(a.context);
      // The same frame: one projection fitted to one box draws a point in one place.
      const [pa, pb] = [a.projection(), b.projection()].map((p) => p.fitSize([960, 540], { type: 'FeatureCollection', features: a.regions.map((r) => r.feature) }));
      expect(pb([70, 45])).toEqual(pa([70, 45]));
    }
    // Only the arcs those maps decoded were turned into pairs; the rest of the world stays flat.
    const paired = (flat.arcs as unknown as unknown[][]).filter((arc) => Array.isArray(arc[0])).length;
    expect(paired).toBeGreaterThan(0);
    expect(paired).toBeLessThan(flat.arcs.length / 2);
  });

  const builtAtlas = path.resolve(import.meta.dirname, '../../build', BUILT_WORLD_ATLAS);
  if (!existsSync(builtAtlas)) console.warn(`skipped: ${builtAtlas} is written by \`npm run build\`; the chart thread's copy of the world is not checked until then`);
  it.skipIf(!existsSync(builtAtlas))('the chart thread\'s copy of the world (build/, written by the build) is the renderer\'s: atlasForRenderer of world-atlas\'s file (skipped, saying so, before `npm run build`)', () => {
    const built = JSON.parse(readFileSync(builtAtlas, 'utf8')) as unknown;
    expect(built).toEqual(JSON.parse(JSON.stringify(atlasForRenderer(world as unknown as Parameters<typeof atlasForRenderer>[0]))));
  });

  it('needs its geography, and says so', () => {
    expect(() => buildChartConfig(centralAsia)).toThrow(/needs its geography/);
  });

  it('describes the map in words, "no figure reported" included', () => {
    expect(describeChart(centralAsia, 'Where')).toBe(
      'Where, map of Chinese investment, January–June 2025. Kazakhstan $23bn, Uzbekistan no figure reported, Kyrgyzstan no figure reported, Tajikistan no figure reported, Turkmenistan no figure reported.',
    );
  });
});

describe('map drawn in Node for the PDF', () => {
  it('is drawn without Intl.NumberFormat (loading ICU number data cost 35 ms of the chart worker)', async () => {
    const runtime = await loadCanvasRuntime();
    const atlas = await loadMapSupport();
    const real = Intl.NumberFormat;
    let made = 0;
    // Counts formatters made while the map is drawn (Chart.js caches one per locale and options: values unlike any other test's).
    Intl.NumberFormat = function (...args: ConstructorParameters<typeof Intl.NumberFormat>) {
      made += 1;
      return new real(...args);
    } as unknown as typeof Intl.NumberFormat;
    try {
      const { chart } = drawChart(runtime, { ...centralAsia, series: [{ name: 'S', values: [7.25, 1.5, null, 3.125, null] }] }, 640, 360, atlas);
      chart.destroy();
    } finally {
      Intl.NumberFormat = real;
    }
    expect(made).toBe(0);
  });

  it('with cutContext (as the PDF draws it), sends the canvas a fraction of the context land and draws the same map', async () => {
    const runtime = await loadCanvasRuntime();
    const atlas = await loadMapSupport();
    const draw = (cutContext: boolean) => {
      const canvas = runtime.createCanvas(560, 250);
      const ctx = canvas.getContext('2d');
      let calls = 0;
      const lineTo = ctx.lineTo.bind(ctx);
      ctx.lineTo = (x: number, y: number) => {
        calls += 1;
        lineTo(x, y);
      };
      const config = buildChartConfig(centralAsia, { animate: false, responsive: false, map: prepareMap(centralAsia, atlas), cutContext });
      const chart = new runtime.Chart(ctx as unknown as CanvasRenderingContext2D, config);
      const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      chart.destroy();
      return { calls, pixels };
    };
    const whole = draw(false);
    const cut = draw(true);
    expect(cut.calls).toBeLessThan(whole.calls * 0.6);
    // The same picture: at most a few anti-aliased pixels at the chart area's edge differ, none by much.
    let differ = 0;
    for (let i = 0; i < whole.pixels.length; i += 4) {
      const d = Math.abs(whole.pixels[i] - cut.pixels[i]) + Math.abs(whole.pixels[i + 1] - cut.pixels[i + 1]) + Math.abs(whole.pixels[i + 2] - cut.pixels[i + 2]);
      if (d > 48) differ += 1;
    }
    expect(differ).toBeLessThan(whole.pixels.length / 4 / 10_000);
  });

  it('keeps each label near its country, and ties one set apart to it with a line and a dot at its centre', async () => {
    const runtime = await loadCanvasRuntime();
    const atlas = await loadMapSupport();
    // Small, as on a handout page: the five labels cannot all sit on their countries.
    const { canvas, chart } = drawChart(runtime, centralAsia, 500, 180, atlas);
    try {
      const layout = mapLayout(chart)!;
      const ctx = canvas.getContext('2d');
      const ratio = canvas.width / 500;
      const ink = [1, 3, 5].map((i) => parseInt(resolveTheme(undefined).map.ink.slice(i, i + 2), 16));
      const inkAt = (x: number, y: number) => {
        const p = ctx.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data;
        return Math.abs(p[0] - ink[0]) + Math.abs(p[1] - ink[1]) + Math.abs(p[2] - ink[2]) <= 60;
      };
      const apart = layout.regions.filter((r) => !(r.center.x >= r.label.x && r.center.x <= r.label.x + r.label.width && r.center.y >= r.label.y && r.center.y <= r.label.y + r.label.height));
      expect(apart.length).toBeGreaterThan(0);
      for (const r of apart) {
        expect(inkAt(r.center.x, r.center.y), `${r.name}: the dot at its centre`).toBe(true);
        // Never far: within three label heights of the country's centre.
        const dx = Math.max(r.label.x - r.center.x, 0, r.center.x - (r.label.x + r.label.width));
        const dy = Math.max(r.label.y - r.center.y, 0, r.center.y - (r.label.y + r.label.height));
        expect(Math.hypot(dx, dy), r.name).toBeLessThan(3 * r.label.height);
      }
      // And no two labels overlap.
      for (const [i, a] of layout.regions.entries())
        for (const b of layout.regions.slice(i + 1)) expect(a.label.x < b.label.x + b.label.width && b.label.x < a.label.x + a.label.width && a.label.y < b.label.y + b.label.height && b.label.y < a.label.y + a.label.height, `${a.name} / ${b.name}`).toBe(false);
    } finally {
      chart.destroy();
    }
  });

  it('inks Kazakhstan in its shade and leaves Uzbekistan unshaded', async () => {
    const runtime = await loadCanvasRuntime();
    const atlas = await loadMapSupport();
    const { canvas, chart } = drawChart(runtime, centralAsia, 900, 480, atlas);
    try {
      const layout = mapLayout(chart)!;
      expect(layout.regions.map((r) => r.name)).toEqual(['Kazakhstan', 'Uzbekistan', 'Kyrgyzstan', 'Tajikistan', 'Turkmenistan']);
      const ctx = canvas.getContext('2d');
      const ratio = canvas.width / 900;
      const pixel = ([x, y]: [number, number]) => Array.from(ctx.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data.slice(0, 3));
      const meta = chart.getDatasetMeta(0);
      const featureOf = (i: number) => (meta.data[i] as unknown as { feature: Parameters<typeof interiorPoints>[0] }).feature;
      const outsideLabels = (p: [number, number]) => !layout.regions.some((r) => p[0] >= r.label.x - 3 && p[0] <= r.label.x + r.label.width + 3 && p[1] >= r.label.y - 3 && p[1] <= r.label.y + r.label.height + 3);
      const shade = [1, 3, 5].map((i) => parseInt(layout.regions[0].fill.slice(i, i + 2), 16));
      const close = (p: number[]) => Math.abs(p[0] - shade[0]) + Math.abs(p[1] - shade[1]) + Math.abs(p[2] - shade[2]) <= 30;

      const kz = interiorPoints(featureOf(0), layout.projection, layout.regions[0].bounds).filter(outsideLabels);
      expect(kz.length).toBeGreaterThan(20);
      expect(kz.filter((p) => close(pixel(p))).length / kz.length).toBeGreaterThan(0.9);

      const uz = interiorPoints(featureOf(1), layout.projection, layout.regions[1].bounds).filter(outsideLabels);
      expect(uz.length).toBeGreaterThan(5);
      expect(uz.filter((p) => close(pixel(p)))).toEqual([]);
      expect(uz.filter((p) => pixel(p).reduce((a, b) => a + b, 0) >= 3 * 170).length / uz.length).toBeGreaterThan(0.85);
    } finally {
      chart.destroy();
    }
  });
});
