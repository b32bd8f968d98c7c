/**
 * Deck charts → images for the PDF, drawn in Node by Chart.js on @napi-rs/canvas
 * from the very config the screen uses (`buildChartConfig`), in its final state
 * on white.
 *
 * Format, chosen by measurement (docs/pdf-export.md): JPEG at 2x. pdfkit embeds a
 * JPEG as is, while a PNG from the canvas has an alpha channel that pdfkit splits
 * in JavaScript (~60 ms a chart), and SVG charts cost more memory in pdfmake (a
 * 200-chart deck passed 500 MB) and would hand pdfkit's SVG parser, which opens
 * `<image>` paths itself, markup that carries deck text.
 *
 * Each distinct chart is drawn once per export, keyed by a hash of its data and
 * size, and recent images are kept for the next export in the same process.
 */
import { createHash } from 'node:crypto';
import type { ChartConfiguration, Plugin } from 'chart.js';
import { buildChartConfig } from '../../../src-shared/chart-config';
import type { Chart as DeckChart } from '../../../src-shared/deck-schema';
import type { ResolvedTheme } from '../../../src-shared/theme';
import type { WorldAtlas } from '../../../src-shared/map-geo';
import { loadCanvasRuntime, type CanvasRuntime } from './canvas-runtime';
import { loadMapGeo, loadWorldAtlas, registerMapCharts } from './map-runtime';
import { CHART_PIXEL_RATIO, currentPdfTheme, JPEG_QUALITY } from './theme';

const CACHE_LIMIT = 64;
const IN_FLIGHT = 4;
const recent = new Map<string, string>();

/** Fills the chart with the slide's background (JPEG has no transparency). */
const background = (colour: string): Plugin => ({
  id: 'briefingBackground',
  beforeDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.fillStyle = colour;
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
});

/** One chart to draw: what the worker thread gets (plain data, structured-cloneable). */
export interface ChartJob {
  key: string;
  chart: DeckChart;
  width: number;
  height: number;
  /** The export's theme: palette, font and colours (a themed chart is a different image). */
  theme: ResolvedTheme;
}

/** Draws chart jobs into JPEG data URLs: on this thread (`inlineChartDrawer`) or in a worker (chart-drawer.ts). */
export interface ChartDrawer {
  /** How many draws `drawAll` keeps running at once (a worker queues its own). */
  readonly maxInFlight: number;
  /** Whether charts are being drawn in a worker thread (false on this thread, or after a worker fell back). */
  readonly threaded: boolean;
  draw(job: ChartJob): Promise<string>;
  /** Says whether maps are coming (a worker started before the deck was read then loads their support early). */
  prepare(maps: boolean): void;
  /** Stops the drawer (a worker is terminated); pending draws then reject. */
  close(): void;
}

/** Draws on this thread: Chart.js draws synchronously, @napi-rs/canvas encodes off-thread. */
export function inlineChartDrawer(): ChartDrawer {
  return { maxInFlight: IN_FLIGHT, threaded: false, draw: drawJpeg, prepare() {}, close() {} };
}

/** Draws one job on this thread and encodes it as our JPEG data URL. */
export async function drawJpeg(job: ChartJob): Promise<string> {
  const runtime = await loadCanvasRuntime();
  // Maps need the geo controllers and the world's boundaries: loaded only when a deck has one.
  const world = job.chart.type === 'map' ? await loadMapSupport() : undefined;
  const { canvas, chart: drawing } = drawChart(runtime, job.chart, job.width, job.height, world, job.theme);
  try {
    const jpeg = await canvas.encode('jpeg', JPEG_QUALITY);
    return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
  } finally {
    drawing.destroy();
  }
}

/** Collects the charts of one export, then draws each distinct one once. */
export class ChartImages {
  private readonly pending = new Map<string, ChartJob>();
  private readonly ready = new Map<string, string>();
  /** Draws posted and not yet settled. */
  private readonly inFlight = new Set<Promise<void>>();
  /** Every draw posted to a drawer, by key (settled or not). */
  private readonly draws = new Map<string, Promise<void>>();
  /** Set by `drawAsRequested`: the drawer each chart goes to as soon as it is requested. */
  private early: { drawer: ChartDrawer; onDrawn: () => void } | undefined;
  /** Charts drawn by this export (the rest came from the cache or were duplicates). */
  drawn = 0;

  /**
   * Posts each chart to `drawer` the moment it is requested, when the drawer queues its own
   * work (a worker thread): the worker then draws the first slides' charts while this thread
   * plans the rest, instead of starting once every slide is planned. `drawAll` still awaits them.
   */
  drawAsRequested(drawer: ChartDrawer, onDrawn: () => void): void {
    if (drawer.maxInFlight === Infinity) this.early = { drawer, onDrawn };
  }

  /** Asks for `chart` drawn at `width` × `height` design units; returns the image key to use in the document. */
  request(chart: DeckChart, width: number, height: number): string {
    const w = Math.max(40, Math.round(width));
    const h = Math.max(30, Math.round(height));
    const theme = currentPdfTheme().resolved;
    // A themed chart is a different image; a map also takes the theme's map colours (theme.map).
    const look = [theme.base, theme.palette, theme.font, theme.colors.background, theme.colors.chartText, ...(chart.type === 'map' ? [theme.map] : [])];
    const key = `chart-${createHash('sha256').update(JSON.stringify([chart.type, chart.labels, chart.series, chart.unit, w, h, look])).digest('hex').slice(0, 20)}`;
    if (!this.ready.has(key) && !this.pending.has(key)) {
      const cached = recent.get(key);
      if (cached) this.ready.set(key, cached);
      else {
        const job = { key, chart, width: w, height: h, theme };
        this.pending.set(key, job);
        if (this.early) this.post(job, this.early.drawer, this.early.onDrawn);
      }
    }
    return key;
  }

  /**
   * Resolves once the charts `keys` are drawn (those not posted yet: once `all` settles);
   * rejects if a drawing fails.
   */
  whenDrawn(keys: readonly string[], all: Promise<void>): Promise<void> {
    const waits = keys.filter((key) => !this.ready.has(key)).map((key) => this.draws.get(key) ?? all);
    return Promise.all(waits).then(() => undefined);
  }

  private post(job: ChartJob, drawer: ChartDrawer, onDrawn?: () => void): void {
    const drawn = drawer
      .draw(job)
      .then((url) => {
        this.ready.set(job.key, url);
        remember(job.key, url);
        this.drawn++;
        onDrawn?.();
      })
      .finally(() => this.inFlight.delete(drawn));
    // Awaited by drawAll; until then a failure must not count as an unhandled rejection.
    drawn.catch(() => undefined);
    this.inFlight.add(drawn);
    this.draws.set(job.key, drawn);
  }

  /** Number of charts still to draw. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** The charts still to draw, each with the size of its image in pixels (design size × the pixel ratio). */
  pendingSizes(): Map<string, { width: number; height: number }> {
    return new Map([...this.pending].map(([key, job]) => [key, { width: job.width * CHART_PIXEL_RATIO, height: job.height * CHART_PIXEL_RATIO }]));
  }

  /** Whether a chart still to draw is a map (a worker then loads the map support up front). */
  get pendingMap(): boolean {
    return [...this.pending.values()].some((job) => job.chart.type === 'map');
  }

  /**
   * Draws every requested chart with `drawer` (default: on this thread); `onDrawn` is called
   * after each. Charts already posted by `drawAsRequested` are awaited, not drawn again.
   */
  async drawAll(onDrawn?: () => void, signal?: AbortSignal, drawer: ChartDrawer = inlineChartDrawer()): Promise<void> {
    if (this.pending.size === 0) return;
    for (const job of this.pending.values()) {
      if (this.draws.has(job.key)) continue;
      signal?.throwIfAborted();
      this.post(job, drawer, onDrawn);
      if (this.inFlight.size >= drawer.maxInFlight) await Promise.race(this.inFlight);
    }
    await Promise.all(this.inFlight);
    this.pending.clear();
  }

  /** The `images` dictionary for pdfmake: only data URLs we made. */
  images(): Record<string, string> {
    return Object.fromEntries(this.ready);
  }
}

/** Loads what `drawChart` needs for a map: the world's boundaries, with the geo controllers registered. */
export async function loadMapSupport(): Promise<WorldAtlas> {
  const [world, geo] = await Promise.all([loadWorldAtlas(), loadMapGeo(), registerMapCharts()]);
  mapGeo = geo;
  return world;
}

/** map-geo.ts once `loadMapSupport` has loaded it (the only way to a `world` for `drawChart`). */
let mapGeo: Awaited<ReturnType<typeof loadMapGeo>> | undefined;

/**
 * Draws one deck chart on a new canvas of `width` × `height` (at the PDF's pixel
 * ratio, on the theme's background, white by default) and returns both; the caller destroys the chart. A map needs
 * `world` (and its controllers registered: `registerMapCharts`).
 */
export function drawChart(runtime: CanvasRuntime, chart: DeckChart, width: number, height: number, world?: WorldAtlas, theme?: ResolvedTheme) {
  const canvas = runtime.createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.lang = 'en';
  if (chart.type === 'map' && world && !mapGeo) throw new Error('drawing a map needs loadMapSupport() first');
  const map = chart.type === 'map' && world && mapGeo ? mapGeo.prepareMap(chart, world) : undefined;
  const config = buildChartConfig(chart, { animate: false, responsive: false, map, theme, cutContext: true }) as ChartConfiguration;
  config.options = { ...config.options, devicePixelRatio: CHART_PIXEL_RATIO };
  config.plugins = [...(config.plugins ?? []), background(theme?.colors.background ?? '#ffffff')];
  // Chart.js draws synchronously when animation is off; only the encoding is async (off-thread).
  const drawn = new runtime.Chart(ctx as unknown as CanvasRenderingContext2D, config);
  return { canvas, chart: drawn };
}

function remember(key: string, url: string): void {
  recent.delete(key);
  recent.set(key, url);
  if (recent.size > CACHE_LIMIT) recent.delete(recent.keys().next().value as string);
}

/** Forgets the images kept between exports (tests use it to count drawing). */
export function clearChartImageCache(): void {
  recent.clear();
}
