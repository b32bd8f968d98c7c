/**
 * Loads @napi-rs/canvas and Chart.js on first use (they cost ~130 ms to load, and
 * `briefing check` or `--help` should not pay that), registers the bundled fonts
 * and Chart.js's controllers once.
 */
import type { Chart as ChartJs } from 'chart.js';
import { registerCanvasFonts } from './fonts';
import type { MeasureContext } from './text-measure';

type CanvasModule = typeof import('@napi-rs/canvas');

export interface CanvasRuntime {
  createCanvas: CanvasModule['createCanvas'];
  Chart: typeof ChartJs;
  /** A small context for measuring text with the bundled fonts. */
  measureContext: MeasureContext;
}

let runtime: Promise<CanvasRuntime> | undefined;

/** The canvas and Chart.js, loaded and set up once per process. */
export function loadCanvasRuntime(): Promise<CanvasRuntime> {
  runtime ??= (async () => {
    const [canvas, chartjs] = await Promise.all([import('@napi-rs/canvas'), import('chart.js')]);
    registerCanvasFonts(canvas.GlobalFonts);
    chartjs.Chart.register(...chartjs.registerables);
    const measureContext = canvas.createCanvas(8, 8).getContext('2d');
    // Pin the language so glyph choice does not follow the host's locale.
    measureContext.lang = 'en';
    return { createCanvas: canvas.createCanvas, Chart: chartjs.Chart, measureContext };
  })();
  return runtime;
}
