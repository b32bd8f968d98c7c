/**
 * Chart.js with only the pieces the deck format uses registered, which keeps the
 * renderer bundle small (the PDF side registers the same ones in Node).
 */
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PieController,
  PointElement,
  Tooltip,
} from 'chart.js';
import { mapModules } from './map-modules';

Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PieController,
  PointElement,
  Tooltip,
);

export { Chart };

/** What a map chart needs beyond Chart.js: the geo controllers (registered) and the world's boundaries. */
export interface MapSupport {
  world: import('../../src-shared/map-geo').WorldAtlas;
  prepareMap: typeof import('../../src-shared/map-geo').prepareMap;
  interiorPoints: typeof import('../../src-shared/map-geo').interiorPoints;
}

let mapSupport: Promise<MapSupport> | undefined;

/**
 * Loads chartjs-chart-geo, d3-geo and Natural Earth's boundaries (world-atlas, bundled:
 * no network) the first time a map is shown, in their own chunks: a deck without a
 * map, and the first slide of one with, never pay for them (a deck that opens on a
 * map has them started by `early-start.ts`, as soon as it arrives).
 */
export function loadMapSupport(): Promise<MapSupport> {
  mapSupport ??= mapModules().then(([geo, atlas, mapGeo]) => {
    Chart.register(geo.ChoroplethController, geo.GeoFeature, geo.ColorScale, geo.ProjectionScale);
    return { world: JSON.parse(atlas.default) as MapSupport['world'], prepareMap: mapGeo.prepareMap, interiorPoints: mapGeo.interiorPoints };
  });
  // A failed load (a damaged install) may be retried by the next map shown.
  mapSupport.catch(() => (mapSupport = undefined));
  return mapSupport;
}
