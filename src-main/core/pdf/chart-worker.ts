/**
 * Worker-thread entry (bundled to build/chart-worker.cjs): draws an export's charts
 * while the thread that started it plans the pages, loads pdfmake and lays the
 * document out (chart-drawer.ts). It loads @napi-rs/canvas and Chart.js as soon as
 * it starts, and the map support too when told a map is coming, so the first job
 * finds them ready. Each reply is one of our JPEG data URLs, or the error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadCanvasRuntime } from './canvas-runtime';
import { drawJpeg, loadMapSupport, type ChartJob } from './chart-image';
import { saveCodeCaches } from './code-cache';

export interface ChartWorkerData {
  /** Load the geo controllers and the world's boundaries before the first job. */
  maps: boolean;
}

/**
 * `finish`: the export is done; the worker writes the code cache of its chart engine if it
 * ran without one (the first export after a build: code-cache.ts), then ends.
 */
export type ChartWorkerRequest = { type: 'draw'; job: ChartJob } | { type: 'prepare'; maps: boolean } | { type: 'finish' };

export type ChartWorkerReply = { type: 'drawn'; key: string; url: string } | { type: 'failed'; key: string; message: string };

/** Draws one chart at a time (Chart.js is synchronous), encodes up to this many at once on the thread pool. */
const ENCODING = 3;

function serve(port: NonNullable<typeof parentPort>, data: ChartWorkerData): void {
  // Start loading now: the first job arrives after the main thread has planned the slides.
  void loadCanvasRuntime().catch(() => undefined);
  if (data.maps) void loadMapSupport().catch(() => undefined);
  const queue: ChartJob[] = [];
  let running = 0;
  const pump = () => {
    while (running < ENCODING && queue.length) {
      const job = queue.shift() as ChartJob;
      running++;
      drawJpeg(job)
        .then(
          (url) => port.postMessage({ type: 'drawn', key: job.key, url } satisfies ChartWorkerReply),
          (err: unknown) => port.postMessage({ type: 'failed', key: job.key, message: err instanceof Error ? err.message : String(err) } satisfies ChartWorkerReply),
        )
        .finally(() => {
          running--;
          pump();
        });
    }
  };
  port.on('message', (message: ChartWorkerRequest) => {
    if (message?.type === 'prepare') {
      // Told once the deck is read: a map is coming, so load its support before the job arrives.
      if (message.maps) void loadMapSupport().catch(() => undefined);
      return;
    }
    if (message?.type === 'finish') {
      saveCodeCaches();
      process.exit(0);
    }
    if (message?.type !== 'draw') return;
    queue.push(message.job);
    pump();
  });
}

if (parentPort) serve(parentPort, (workerData ?? { maps: false }) as ChartWorkerData);
