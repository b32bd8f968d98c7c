/**
 * Chart.js, chartjs-chart-geo and map-geo.ts for drawing a PDF's charts in Node: from
 * build/chart-engine.cjs beside this bundle (one file, loaded with a V8 code cache:
 * code-cache.ts) when built, else from node_modules and the sources (vitest and tsx run
 * the sources). Both are the same code. One Chart.js either way: chartjs-chart-geo's
 * CommonJS build requires the same CommonJS Chart.js, so its controllers register into it.
 */
import { createRequire } from 'node:module';
import { builtBeside, requireWithCodeCache } from './code-cache';

export type ChartModule = typeof import('chart.js');
export type GeoModule = typeof import('chartjs-chart-geo');
export type MapGeoModule = typeof import('../../../src-shared/map-geo');

export interface ChartEngine {
  chartjs: ChartModule;
  /** chartjs-chart-geo, loaded on first call. */
  geo(): GeoModule;
  /** map-geo.ts (with d3-geo and topojson-client), loaded on first call. */
  mapGeo(): Promise<MapGeoModule>;
}

/**
 * CommonJS loading, on purpose: `import()` of these packages (and of @napi-rs/canvas,
 * canvas-runtime.ts) goes through Node's ESM loader (an export scan, a full ESM compile of
 * Chart.js), which cost ~100 ms a thread.
 */
export const requirePackage = createRequire(import.meta.url);

let engine: ChartEngine | undefined;

/** The chart engine of this thread, loaded once. */
export function loadChartEngine(): ChartEngine {
  engine ??= bundledChartEngine() ?? {
    chartjs: requirePackage('chart.js') as ChartModule,
    geo: () => requirePackage('chartjs-chart-geo') as GeoModule,
    mapGeo: () => import('../../../src-shared/map-geo'),
  };
  return engine;
}

function bundledChartEngine(): ChartEngine | undefined {
  const file = builtBeside(import.meta.url, 'chart-engine.cjs');
  if (!file) return undefined;
  try {
    const loaded = requireWithCodeCache(file) as { chartjs: ChartModule; geo: () => GeoModule; mapGeo: () => MapGeoModule };
    return { chartjs: loaded.chartjs, geo: loaded.geo, mapGeo: async () => loaded.mapGeo() };
  } catch {
    // A bundle that cannot be read here (e.g. a thread without asar support): node_modules has the same code.
    return undefined;
  }
}
