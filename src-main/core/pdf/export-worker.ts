/**
 * Worker-thread entry (bundled to build/pdf-worker.cjs): makes one PDF and sends
 * the bytes back, so the main process, and the window it serves, stays
 * responsive, and a cancel can stop the work at once by terminating the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ExportOptions } from '../../../src-shared/api';
import type { Deck } from '../../../src-shared/deck-schema';
import { exportHandoutPdf, type ExportHooks } from './export-pdf';
import { exportPptx } from '../pptx/export-pptx';

export interface WorkerInput {
  deck: Deck;
  options: ExportOptions;
}

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; pages: number; pdf: ArrayBuffer }
  | { type: 'error'; message: string };

const PROGRESS_EVERY_MS = 50;

async function run(port: NonNullable<typeof parentPort>, input: WorkerInput): Promise<void> {
  let last = 0;
  try {
    const hooks: ExportHooks = {
      onProgress(done, total) {
        const now = Date.now();
        if (done === total || now - last >= PROGRESS_EVERY_MS) {
          last = now;
          port.postMessage({ type: 'progress', done, total } satisfies WorkerMessage);
        }
      },
    };
    // The same worker makes PowerPoint files: `pages` is then the number of slides.
    const { buffer, pages } =
      input.options.format === 'pptx'
        ? await exportPptx(input.deck, input.options, hooks).then((r) => ({ buffer: r.buffer, pages: r.slides }))
        : await exportHandoutPdf(input.deck, input.options, hooks);
    // Hand the bytes over without a copy.
    const pdf = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
    port.postMessage({ type: 'done', pages, pdf } satisfies WorkerMessage, [pdf]);
  } catch (err) {
    port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies WorkerMessage);
  }
}

if (parentPort) void run(parentPort, workerData as WorkerInput);
