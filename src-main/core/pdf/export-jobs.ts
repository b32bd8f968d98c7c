/**
 * PDF exports as jobs: each runs in a worker thread (build/pdf-worker.cjs) with
 * progress and cancel, and its file is written atomically, so a cancelled or
 * failed export leaves no file, and a finished one is always whole. Where the
 * worker is not built (vitest, tsx) the export runs in-process instead, with the
 * same states; cancel then stops it at the next step.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ExportOptions, ExportStatus } from '../../../src-shared/api';
import type { Deck } from '../../../src-shared/deck-schema';
import { writeAtomic } from '../atomic-file';
import type { ExportJobs } from '../contracts';
import { appRoot } from '../paths';
import type { WorkerMessage } from './export-worker';

export interface ExportJobsOptions {
  /** The worker script; `null` runs exports in-process. Default: build/pdf-worker.cjs when it exists. */
  workerFile?: string | null;
  /** Finished jobs kept for status queries; older ones are forgotten. */
  keepFinished?: number;
}

interface Job {
  id: string;
  outPath: string;
  status: ExportStatus;
  /** Place the file only where nothing is (browser mode's exports folder). */
  exclusive: boolean;
  startedAt: number;
  stop?: () => void;
  cancelled: boolean;
  /** The atomic write, while it runs: a cancel then waits for it and removes the file. */
  saving?: Promise<void>;
}

/** The built worker, if there is one. */
export function defaultWorkerFile(): string | null {
  const file = path.join(appRoot(), 'build', 'pdf-worker.cjs');
  return existsSync(file) ? file : null;
}

/** Creates the export job runner the API handlers use. */
export function createExportJobs(options: ExportJobsOptions = {}): ExportJobs {
  const workerFile = options.workerFile === undefined ? defaultWorkerFile() : options.workerFile;
  const keep = options.keepFinished ?? 50;
  const jobs = new Map<string, Job>();

  const forgetOld = () => {
    const finished = [...jobs.values()].filter((j) => j.status.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - keep))) jobs.delete(job.id);
  };

  const finish = (job: Job, status: ExportStatus) => {
    if (job.status.state !== 'running') return;
    job.status = status;
    job.stop = undefined;
    forgetOld();
  };

  const save = (job: Job, pdf: Buffer, pages: number): Promise<void> => {
    if (job.cancelled) return Promise.resolve();
    // A path the user chose in a dialog may be a link they meant; the exports folder's never is.
    job.saving = writeAtomic(job.outPath, pdf, job.exclusive ? { exclusive: true } : { followSymlink: true }).then(
      () => {
        if (!job.cancelled) finish(job, { state: 'done', file: job.outPath, bytes: pdf.length, pages, ms: Math.round(performance.now() - job.startedAt) });
      },
      (err: unknown) => {
        finish(job, { state: 'failed', error: `could not write ${job.outPath}: ${err instanceof Error ? err.message : String(err)}` });
      },
    );
    return job.saving;
  };

  const runInWorker = (job: Job, file: string, deck: Deck, opts: ExportOptions) => {
    const worker = new Worker(file, { workerData: { deck, options: opts }, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    let settled = false;
    job.stop = () => void worker.terminate();
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') {
        if (job.status.state === 'running') job.status = { state: 'running', done: message.done, total: message.total };
      } else if (message.type === 'done') {
        settled = true;
        void worker.terminate();
        void save(job, Buffer.from(message.pdf), message.pages);
      } else {
        settled = true;
        void worker.terminate();
        finish(job, { state: 'failed', error: message.message });
      }
    });
    worker.on('error', (err) => {
      settled = true;
      finish(job, { state: 'failed', error: err.message });
    });
    worker.on('exit', (code) => {
      if (!settled && !job.cancelled) finish(job, { state: 'failed', error: `the export stopped unexpectedly (exit code ${code})` });
    });
  };

  const runInProcess = (job: Job, deck: Deck, opts: ExportOptions) => {
    const abort = new AbortController();
    job.stop = () => abort.abort();
    const hooks = {
      signal: abort.signal,
      onProgress: (done: number, total: number) => {
        if (job.status.state === 'running') job.status = { state: 'running', done, total };
      },
    };
    // PowerPoint (format 'pptx') goes through the same job: its `pages` are slides.
    const work =
      opts.format === 'pptx'
        ? import('../pptx/export-pptx').then(({ exportPptx }) => exportPptx(deck, opts, hooks)).then((r) => ({ buffer: r.buffer, pages: r.slides }))
        : import('./export-pdf').then(({ exportHandoutPdf }) => exportHandoutPdf(deck, opts, hooks));
    work
      .then(({ buffer, pages }) => save(job, buffer, pages))
      .catch((err: unknown) => {
        if (!job.cancelled) finish(job, { state: 'failed', error: err instanceof Error ? err.message : String(err) });
      });
  };

  return {
    start(deck, opts, outPath, write) {
      if (!path.isAbsolute(outPath)) throw new Error('the PDF path must be absolute');
      const job: Job = {
        id: randomUUID(),
        outPath,
        status: { state: 'running', done: 0, total: 0 },
        exclusive: write?.exclusive === true,
        startedAt: performance.now(),
        cancelled: false,
      };
      jobs.set(job.id, job);
      if (workerFile) runInWorker(job, workerFile, deck, opts);
      else runInProcess(job, deck, opts);
      return job.id;
    },
    status(jobId) {
      const job = jobs.get(jobId);
      if (!job) throw new Error('unknown export job');
      return job.status;
    },
    cancel(jobId) {
      const job = jobs.get(jobId);
      if (!job || job.status.state !== 'running' || job.cancelled) return;
      job.cancelled = true;
      job.stop?.();
      if (!job.saving) {
        finish(job, { state: 'cancelled' });
        return;
      }
      // The file is being renamed into place: let that finish, then take it away, then say cancelled.
      void job.saving
        .then(() => unlink(job.outPath))
        .catch(() => undefined)
        .then(() => finish(job, { state: 'cancelled' }));
    },
    filePath(jobId) {
      const job = jobs.get(jobId);
      return job?.status.state === 'done' ? job.outPath : undefined;
    },
  };
}
