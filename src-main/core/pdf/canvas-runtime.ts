/**
 * Loads @napi-rs/canvas and Chart.js on first use (they cost ~130 ms to load, and
 * `briefing check` or `--help` should not pay that), registers the bundled fonts
 * and Chart.js's controllers once, where charts are drawn (the chart worker, or the
 * thread laying out the PDF as a fallback). That thread measures text without a canvas
 * (font-measure.ts).
 */
import type { Chart as ChartJs } from 'chart.js';
import { loadChartEngine, requirePackage } from './chart-engine';
import { registerCanvasFonts } from './fonts';
import type { MeasureContext } from './text-measure';

type CanvasModule = typeof import('@napi-rs/canvas');

export interface CanvasRuntime {
  createCanvas: CanvasModule['createCanvas'];
  Chart: typeof ChartJs;
  /** A small context for measuring text with the bundled fonts. */
  measureContext: MeasureContext;
}

let canvasModule: Promise<{ canvas: CanvasModule; measureContext: MeasureContext }> | undefined;
let runtime: Promise<CanvasRuntime> | undefined;

function loadCanvas(): Promise<{ canvas: CanvasModule; measureContext: MeasureContext }> {
  canvasModule ??= (async () => {
    const canvas = requirePackage('@napi-rs/canvas') as CanvasModule;
    registerCanvasFonts(canvas.GlobalFonts);
    const measureContext = canvas.createCanvas(8, 8).getContext('2d');
    // Pin the language so glyph choice does not follow the host's locale.
    measureContext.lang = 'en';
    return { canvas, measureContext };
  })();
  return canvasModule;
}

/** The canvas and Chart.js, loaded and set up once per thread. */
export function loadCanvasRuntime(): Promise<CanvasRuntime> {
  runtime ??= (async () => {
    const { canvas, measureContext } = await loadCanvas();
    const { chartjs } = loadChartEngine();
    chartjs.Chart.register(...chartjs.registerables);
    return { createCanvas: canvas.createCanvas, Chart: chartjs.Chart, measureContext };
  })();
  return runtime;
}
