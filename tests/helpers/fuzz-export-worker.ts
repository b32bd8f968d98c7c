/**
 * Worker for the fuzz run's full exports: a hang in drawing or layout (a
 * synchronous loop no timer can interrupt) then costs only this thread, which the
 * test terminates at its bound and reports, instead of the whole test run.
 * Started with tsx's loader; answers each { deck, options } with the outcome.
 */
import { parentPort } from 'node:worker_threads';
import type { ExportOptions } from '../../src-shared/api';
import type { Deck } from '../../src-shared/deck-schema';
import { exportHandoutPdf } from '../../src-main/core/pdf/export-pdf';

export type ExportRequest = { deck: Deck; options: ExportOptions };
export type ExportReply = { ok: true; ms: number; pages: number; head: string } | { ok: false; error: string };

parentPort?.on('message', async ({ deck, options }: ExportRequest) => {
  const started = performance.now();
  try {
    const pdf = await exportHandoutPdf(deck, options);
    parentPort?.postMessage({ ok: true, ms: performance.now() - started, pages: pdf.pages, head: pdf.buffer.subarray(0, 5).toString('latin1') } satisfies ExportReply);
  } catch (err) {
    parentPort?.postMessage({ ok: false, error: err instanceof Error ? err.stack ?? err.message : String(err) } satisfies ExportReply);
  }
});
