/**
 * The code and data a map chart needs (chartjs-chart-geo, Natural Earth's boundaries
 * from world-atlas, the deck's geography code), each in its own chunk, imported once.
 * Kept apart from `chartjs.ts` so that `early-start.ts` can start them the moment the
 * startup deck is known to open on a map, without evaluating Chart.js any sooner.
 */
let modules:
  | Promise<[typeof import('chartjs-chart-geo'), { default: string }, typeof import('../../src-shared/map-geo')]>
  | undefined;

export function mapModules(): NonNullable<typeof modules> {
  modules ??= Promise.all([import('chartjs-chart-geo'), import('world-atlas/countries-50m.json?flat-arcs'), import('../../src-shared/map-geo')]);
  // A failed load (a damaged install) may be retried by the next map shown.
  modules.catch(() => (modules = undefined));
  return modules;
}

/** Whether the slide at `index` or its neighbours (mounted with it) draw a map. */
export function opensOnMap(slides: ReadonlyArray<{ chart?: { type?: string } }>, index: number): boolean {
  return [index - 1, index, index + 1].some((i) => slides[i]?.chart?.type === 'map');
}
