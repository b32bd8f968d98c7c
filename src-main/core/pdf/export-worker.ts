/**
 * Worker-thread entry (bundled to build/pdf-worker.cjs): makes PDFs (and PowerPoint
 * files) and sends the bytes back, so the main process, and the window it serves,
 * stays responsive, and a cancel can stop the work at once by terminating the thread.
 *
 * Warm (`workerData.warm`, the app's default, export-jobs.ts): started once when the
 * app is idle, it loads pdfmake, the fonts and a chart worker, and exports a tiny
 * built-in deck into memory (loading and JIT-compiling the code paths), then takes
 * job after job. Between jobs it keeps only code and a bounded cache of chart images
 * (warm-chart-cache.ts), never a deck. Cold (`warm: false`): one job, then main
 * terminates it, as every export did before issue 12.
 *
 * A warm worker also builds PDFs in memory for the Export dialog's preview (`build`
 * messages, answered `built` with the bytes and the id main gave): the same code, its
 * warm charts and fonts, off main's thread. Jobs and builds run one at a time, in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ExportOptions } from '../../../src-shared/api';
import type { Deck } from '../../../src-shared/deck-schema';
import { exportHandoutPdf, forgetMeasuredText, type ExportHooks } from './export-pdf';
import { startChartDrawer } from './chart-drawer';
import { clearChartImageCache, type ChartDrawer } from './chart-image';
import { exportPptx } from '../pptx/export-pptx';
import { WarmChartCache } from './warm-chart-cache';

export interface WorkerInit {
  /** Warm up first and stay for more jobs (true), or take one job cold (false). */
  warm: boolean;
}

export interface WorkerJob {
  type: 'job';
  deck: Deck;
  options: ExportOptions;
}

/** Build a PDF in memory and send it back (the Export dialog's preview); nothing is written. */
export interface WorkerBuild {
  type: 'build';
  id: number;
  deck: Deck;
  options: ExportOptions;
}

export type WorkerMessage =
  | { type: 'ready'; ms: number }
  | { type: 'built'; id: number; pages: number; pdf: ArrayBuffer; chartsCached: number; chartsDrawn: number }
  | { type: 'build-error'; id: number; message: string }
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; pages: number; pdf: ArrayBuffer; chartsCached: number; chartsDrawn: number }
  | { type: 'error'; message: string };

const PROGRESS_EVERY_MS = 50;

/** The deck the warm-up exports: one slide of each kind the default handout draws, with a bar chart and a map. */
export function warmUpDeck(): Deck {
  const series = [{ name: 'Warm-up', values: [3, 5, 2, 4] }];
  const labels = ['Kazakhstan', 'Kyrgyzstan', 'Tajikistan', 'Uzbekistan'];
  return {
    format: 'briefing-deck',
    version: 1,
    meta: { title: 'Warm-up', subtitle: 'Loads the export code', author: 'Briefing Desk', asOf: '2025' },
    sources: [{ id: 'src', title: 'A source', publisher: 'A publisher' }],
    slides: [
      { id: 'title', layout: 'title', title: 'Warm-up', subtitle: 'Not written anywhere', notes: 'Talking point.', handout: 'Handout text with **bold** words.' },
      { id: 'bullets', layout: 'bullets', title: 'Bullets', bullets: ['One point', 'Another point, a little longer than the first'], notes: 'Notes.', sources: ['src'] },
      { id: 'bar', layout: 'chart', title: 'A bar chart', chart: { type: 'bar', labels, series, unit: '$bn', caption: 'Caption' }, handout: 'About the chart.' },
      { id: 'map', layout: 'chart', title: 'A map', chart: { type: 'map', labels, series } },
      { id: 'stats', layout: 'stats', title: 'Figures', stats: [{ value: 124, unit: '$bn', label: 'Investment', source: 'src' }] },
      {
        id: 'table',
        layout: 'table',
        title: 'A table',
        table: { columns: [{ heading: 'Country' }, { heading: 'Value', unit: '$bn', align: 'right' }], rows: [['Kazakhstan', 3.5], ['Uzbekistan', null]] },
      },
      { id: 'sources', layout: 'sources', title: 'Sources' },
    ],
  };
}

/** Runs one job (or, for a `build`, one preview's PDF) and posts its result (or error) to `port`. */
async function runJob(port: NonNullable<typeof parentPort>, job: WorkerJob | WorkerBuild, drawer?: ChartDrawer, cache?: WarmChartCache): Promise<void> {
  let last = 0;
  const before = cache ? { hits: cache.hits, misses: cache.misses } : undefined;
  const build = job.type === 'build' ? job.id : undefined;
  try {
    const hooks: ExportHooks = {
      // A build reports no progress: main follows only jobs' progress.
      onProgress(done, total) {
        const now = Date.now();
        if (build === undefined && (done === total || now - last >= PROGRESS_EVERY_MS)) {
          last = now;
          port.postMessage({ type: 'progress', done, total } satisfies WorkerMessage);
        }
      },
      chartDrawer: drawer,
    };
    // The same worker makes PowerPoint files: `pages` is then the number of slides.
    const { buffer, pages } =
      job.options.format === 'pptx'
        ? await exportPptx(job.deck, job.options, hooks).then((r) => ({ buffer: r.buffer, pages: r.slides }))
        : await exportHandoutPdf(job.deck, job.options, hooks);
    // Hand the bytes over without a copy.
    const pdf = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
    const chartsCached = cache && before ? cache.hits - before.hits : 0;
    const chartsDrawn = cache && before ? cache.misses - before.misses : 0;
    if (build !== undefined) port.postMessage({ type: 'built', id: build, pages, pdf, chartsCached, chartsDrawn } satisfies WorkerMessage, [pdf]);
    else port.postMessage({ type: 'done', pages, pdf, chartsCached, chartsDrawn } satisfies WorkerMessage, [pdf]);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (build !== undefined) port.postMessage({ type: 'build-error', id: build, message } satisfies WorkerMessage);
    else port.postMessage({ type: 'error', message } satisfies WorkerMessage);
  } finally {
    drawer?.close();
  }
}

/** A warm worker: warms up, then runs the jobs it is sent one after another. */
function serveWarm(port: NonNullable<typeof parentPort>): void {
  const cache = new WarmChartCache();
  // One chart worker for the whole session, loaded with Chart.js and the map support up front.
  let charts = startChartDrawer({ maps: true });
  // A chart worker that died has fallen back to drawing on this thread: start a fresh one for the next job.
  const chartDrawer = () => {
    if (!charts.threaded) {
      charts.close();
      charts = startChartDrawer({ maps: true });
    }
    return cache.drawerFor(charts);
  };
  const queue: Array<WorkerJob | WorkerBuild> = [];
  let busy = false;
  let warmed = false;

  const warmUp = async () => {
    const started = performance.now();
    // Into memory and discarded: this loads pdfmake, the fonts and the measurer, and compiles the hot paths.
    const options: ExportOptions = { layout: 'handout', notes: 'handout', annex: true };
    // Its pictures are of no use to real decks: kept apart, in a cache of their own, and dropped.
    // (Clearing the jobs' cache instead lost the charts of a job that ran before the warm-up.)
    const scratch = new WarmChartCache();
    for (let pass = 0; pass < 2 && queue.length === 0; pass++) {
      await exportHandoutPdf(warmUpDeck(), options, { chartDrawer: scratch.drawerFor(charts) }).catch(() => undefined);
    }
    port.postMessage({ type: 'ready', ms: Math.round(performance.now() - started) } satisfies WorkerMessage);
  };

  const drain = async () => {
    if (busy) return;
    busy = true;
    try {
      for (;;) {
        const job = queue.shift();
        if (job) {
          // chart-image.ts keeps its own recent images keyed by a digest of part of a chart; the
          // warm cache's key is the whole drawing job, so a changed chart option is always redrawn.
          clearChartImageCache();
          await runJob(port, job, chartDrawer(), cache);
          // Words of this deck measured for the layout: not kept past the job.
          forgetMeasuredText();
        } else if (!warmed) {
          warmed = true;
          await warmUp();
        } else break;
      }
    } finally {
      busy = false;
    }
  };

  port.on('message', (message: WorkerJob | WorkerBuild) => {
    if (message?.type !== 'job' && message?.type !== 'build') return;
    queue.push(message);
    void drain();
  });
  // Let a job posted together with the start go first: warming up can wait for it.
  setTimeout(() => void drain(), 0);
}

/** A cold worker: runs the one job it is sent. */
function serveCold(port: NonNullable<typeof parentPort>): void {
  port.once('message', (message: WorkerJob) => {
    if (message?.type === 'job') void runJob(port, message);
  });
}

if (parentPort) {
  if ((workerData as WorkerInit | undefined)?.warm) serveWarm(parentPort);
  else serveCold(parentPort);
}
