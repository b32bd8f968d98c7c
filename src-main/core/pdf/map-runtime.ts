/**
 * What a map chart needs in Node, loaded on the first export with a map (most
 * decks have none): chartjs-chart-geo's choropleth registered with the PDF's
 * Chart.js, and Natural Earth's boundaries read from the world-atlas package
 * (a file inside the app: no network, no tile server).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { WorldAtlas } from '../../../src-shared/map-geo';
import { loadCanvasRuntime } from './canvas-runtime';
import { loadChartEngine, type MapGeoModule } from './chart-engine';

/** The world-atlas file maps are drawn from (docs/deck-format.md#maps says why 50m). */
export const WORLD_ATLAS_FILE = 'world-atlas/countries-50m.json';

let world: Promise<WorldAtlas> | undefined;
let geography: Promise<MapGeoModule> | undefined;

/**
 * map-geo.ts and what it needs (d3-geo, topojson-client), loaded on the first map: the
 * thread that lays a PDF out never draws one (the chart worker does), so it never pays for them.
 */
export function loadMapGeo(): Promise<MapGeoModule> {
  geography ??= loadChartEngine().mapGeo();
  return geography;
}
let registered: Promise<void> | undefined;

/** The world's boundaries, read and parsed once per process. */
export function loadWorldAtlas(): Promise<WorldAtlas> {
  world ??= (async () => {
    const file = createRequire(import.meta.url).resolve(WORLD_ATLAS_FILE);
    return JSON.parse(await readFile(file, 'utf8')) as WorldAtlas;
  })();
  return world;
}

/** Registers the choropleth controller, its element and scales with the canvas runtime's Chart.js, once. */
export function registerMapCharts(): Promise<void> {
  registered ??= (async () => {
    const { Chart } = await loadCanvasRuntime();
    // Its CommonJS build, which requires the same (CommonJS) Chart.js as canvas-runtime.ts.
    const geo = loadChartEngine().geo();
    Chart.register(geo.ChoroplethController, geo.GeoFeature, geo.ColorScale, geo.ProjectionScale);
  })();
  return registered;
}
