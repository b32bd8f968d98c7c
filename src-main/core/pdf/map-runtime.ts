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
import { builtBeside } from './code-cache';

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

/**
 * The same boundaries as the build writes them beside the bundle (scripts/build-main.mjs:
 * `atlasForRenderer`, each arc one flat list and the neighbour table included), which parse
 * in a quarter of the time and need no neighbour search on the chart thread.
 */
export const BUILT_WORLD_ATLAS = 'world-atlas-50m.json';

/** The world's boundaries, read and parsed once per process: the build's copy, else the package's own file. */
export function loadWorldAtlas(): Promise<WorldAtlas> {
  world ??= (async () => {
    const built = builtBeside(import.meta.url, BUILT_WORLD_ATLAS);
    if (built) {
      try {
        return JSON.parse(await readFile(built, 'utf8')) as WorldAtlas;
      } catch {
        // Unreadable or damaged: world-atlas's own file below draws the same map.
      }
    }
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
