/**
 * Draws an export's charts in a worker thread (build/chart-worker.cjs), in parallel
 * with the thread that lays the PDF out: that thread plans the slides, posts the
 * charts as soon as their sizes are known, loads pdfmake and builds the document,
 * and waits for the images only when pdfmake needs them (docs/pdf-export.md).
 *
 * Where the worker is not built (vitest, tsx run the sources) or cannot start, the
 * charts are drawn on this thread instead: same code, same images. The worker only
 * draws: it reads no deck file and its replies are checked to be our JPEG data URLs.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { drawJpeg, inlineChartDrawer, type ChartDrawer, type ChartJob } from './chart-image';
import type { ChartWorkerData, ChartWorkerReply, ChartWorkerRequest } from './chart-worker';

/** The built chart worker beside this bundle (build/chart-worker.cjs), or null when running from source. */
export function defaultChartWorkerFile(): string | null {
  try {
    const file = fileURLToPath(new URL('./chart-worker.cjs', import.meta.url));
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/**
 * Where bin/briefing.cjs leaves the chart worker it starts for `briefing export` before the
 * CLI itself loads (~50 ms earlier than the CLI could): `{ worker, failed }`.
 */
const EARLY_WORKER = Symbol.for('briefing.earlyChartWorker');

/** The chart worker bin/briefing.cjs started, once, if it is still alive. */
function takeEarlyChartWorker(): Worker | undefined {
  const slot = (globalThis as Record<symbol, unknown>)[EARLY_WORKER] as { worker?: unknown; failed?: boolean } | undefined;
  if (!slot) return undefined;
  delete (globalThis as Record<symbol, unknown>)[EARLY_WORKER];
  return slot.worker instanceof Worker && !slot.failed ? slot.worker : undefined;
}

/** How long a finishing worker may take to write its code cache before it is stopped. */
const FINISH_TIMEOUT_MS = 2000;

const JPEG_URL = /^data:image\/jpeg;base64,[A-Za-z0-9+/]+=*$/;

/**
 * Starts a chart worker now (it loads the canvas and Chart.js, and the map support
 * when `maps`, while the caller works). `file` null, or a worker that fails to start,
 * gives the same-thread drawer; a worker that dies later hands its charts to it.
 */
export function startChartDrawer(options: { maps?: boolean; file?: string | null } = {}): ChartDrawer {
  const file = options.file === undefined ? defaultChartWorkerFile() : options.file;
  if (!file) return inlineChartDrawer();
  let worker: Worker;
  const early = options.file === undefined ? takeEarlyChartWorker() : undefined;
  if (early) {
    worker = early;
    // Started unreferenced by bin/briefing.cjs; from now on the export owns it (and closes it).
    worker.ref();
    if (options.maps) worker.postMessage({ type: 'prepare', maps: true } satisfies ChartWorkerRequest);
  } else {
    try {
      worker = new Worker(file, { workerData: { maps: options.maps === true } satisfies ChartWorkerData });
    } catch {
      return inlineChartDrawer();
    }
  }
  const waiting = new Map<string, { job: ChartJob; resolve: (url: string) => void; reject: (err: Error) => void }>();
  let broken = false;
  let closed = false;
  // A worker that cannot run (or dies) leaves its charts to this thread: the export still completes.
  const fallBack = () => {
    if (broken || closed) return;
    broken = true;
    for (const [key, w] of waiting) {
      waiting.delete(key);
      drawJpeg(w.job).then(w.resolve, w.reject);
    }
  };
  worker.on('message', (reply: ChartWorkerReply) => {
    const w = waiting.get(reply.key);
    if (!w) return;
    waiting.delete(reply.key);
    if (reply.type === 'drawn' && typeof reply.url === 'string' && JPEG_URL.test(reply.url)) w.resolve(reply.url);
    else w.reject(new Error(reply.type === 'failed' ? reply.message : 'the chart worker sent something that is not a chart image'));
  });
  worker.on('error', fallBack);
  worker.on('exit', fallBack);
  return {
    maxInFlight: Infinity,
    get threaded() {
      return !broken;
    },
    draw(job) {
      if (closed) return Promise.reject(new Error('the chart drawer is closed'));
      if (broken) return drawJpeg(job);
      return new Promise<string>((resolve, reject) => {
        waiting.set(job.key, { job, resolve, reject });
        // The logo can be megabytes and charts never draw it: it stays on this side.
        const request: ChartWorkerRequest = { type: 'draw', job: { ...job, theme: { ...job.theme, logo: undefined } } };
        worker.postMessage(request);
      });
    },
    prepare(maps) {
      if (!closed && !broken && maps) worker.postMessage({ type: 'prepare', maps } satisfies ChartWorkerRequest);
    },
    close() {
      if (closed) return;
      closed = true;
      for (const w of waiting.values()) w.reject(new Error('the chart drawer was closed'));
      waiting.clear();
      if (broken) return void worker.terminate();
      // The worker writes its chart engine's code cache if it had none (a few ms, once per
      // build), then ends; one that does not end promptly is stopped.
      const stop = setTimeout(() => void worker.terminate(), FINISH_TIMEOUT_MS);
      stop.unref();
      worker.once('exit', () => clearTimeout(stop));
      worker.postMessage({ type: 'finish' } satisfies ChartWorkerRequest);
    },
  };
}
