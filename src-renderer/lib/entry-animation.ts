/**
 * The entry animation of a chart or map on a slide (ChartCanvas, MapCanvas): it plays only
 * when the deck or the chart asks for it (`chart.animate ?? deck.animateCharts`), once per
 * chart in this window (a slide's chart object is the same deck object each time it is
 * mounted), and never under prefers-reduced-motion. A chart drawn ahead as a neighbour is
 * otherwise shown as drawn.
 */
import type { Chart } from './chartjs';

/** Charts and maps whose entry animation has played in this window. */
const played = new WeakSet<object>();

/** Chart.js's entry animation, as chart-config's `animate` gives it. */
const ENTRY = { duration: 600 };

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Whether `chart`'s entry animation should play if it came on screen now. */
export function entryDue(chart: object, animate: boolean, still: boolean): boolean {
  return animate && !still && !played.has(chart) && !reducedMotion();
}

/** Records that `chart` was built with its entry animation. */
export function markEntryPlayed(chart: object): void {
  played.add(chart);
}

/** Plays the entry animation on `instance`, already drawn (a neighbour that came on screen). */
export function playEntry(instance: Chart, chart: object): void {
  played.add(chart);
  instance.options.animation = ENTRY;
  instance.reset();
  instance.update();
}
