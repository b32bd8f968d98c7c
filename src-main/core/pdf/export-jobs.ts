/**
 * PDF exports as jobs: each runs in a worker thread (build/pdf-worker.cjs) with
 * progress and cancel, and its file is written atomically, so a cancelled or
 * failed export leaves no file, and a finished one is always whole. Where the
 * worker is not built (vitest, tsx) the export runs in-process instead, with the
 * same states; cancel then stops it at the next step.
 *
 * Warm worker (issue 12): one worker is started at an idle moment (`warm()`, or the
 * first job) and kept: it has pdfmake, the fonts and its chart worker loaded and its
 * code compiled, so a job only does the job. A cancel terminates it (the job stops at
 * once) and a fresh one warms up in the background; one that crashes is replaced the
 * same way (up to MAX_WARM_FAILURES in a row before it is ready: then jobs go cold).
 * A job that comes while the warm worker is busy runs in a worker of its own, as every
 * job does with warmth off (`warm: false`, or BRIEFING_EXPORT_WARM=0 in the environment).
 *
 * The Export dialog's preview is the whole PDF built in memory (`build`), in the warm
 * worker when there is one. A person presses Export after reading that preview, so a
 * job for the very same deck and options (same digest) started within PREVIEW_REUSE_MS
 * of the build takes its bytes instead of making the PDF again: the file is the one the
 * preview showed, written as any job's. A build in progress is waited for, not repeated.
 * Only the last build is kept, and only until a job takes it, the next build replaces it,
 * or it is older than PREVIEW_REUSE_MS (then forgotten: no deck outlives that).
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ExportOptions, ExportStatus } from '../../../src-shared/api';
import type { Deck } from '../../../src-shared/deck-schema';
import { writeAtomic } from '../atomic-file';
import type { ExportJobs } from '../contracts';
import { appRoot } from '../paths';
import type { PdfResult } from './export-pdf';
import type { WorkerBuild, WorkerInit, WorkerJob, WorkerMessage } from './export-worker';
import { stableJson } from './warm-chart-cache';

/** Warm workers that may die before they are ready, one after another, before warming is given up. */
export const MAX_WARM_FAILURES = 3;

/**
 * How long a preview's PDF may stand in for the export of the same deck and options: a
 * person reads the preview and presses Export. The file's creation date is then the
 * preview's, at most this much earlier.
 */
export const PREVIEW_REUSE_MS = 5 * 60_000;

const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 2048 };

/** What the warm worker is doing, for tests and the benchmark. */
export type ExportWorkerEvent =
  | { type: 'spawned'; threadId: number }
  | { type: 'ready'; threadId: number; ms: number }
  | { type: 'exited'; threadId: number; code: number; expected: boolean }
  | { type: 'job'; threadId: number; warm: boolean; chartsCached: number; chartsDrawn: number }
  /** A PDF built in memory (the preview): in the warm worker (threadId) or in-process (threadId 0). */
  | { type: 'built'; threadId: number; chartsCached: number; chartsDrawn: number }
  /** A job that took the bytes of the preview's build instead of making the PDF again (threadId 0: main only saved them). */
  | { type: 'reused'; threadId: 0; jobId: string };

export interface ExportJobsOptions {
  /** The worker script; `null` runs exports in-process. Default: build/pdf-worker.cjs when it exists. */
  workerFile?: string | null;
  /** Finished jobs kept for status queries; older ones are forgotten. */
  keepFinished?: number;
  /** Keep one warm worker for the jobs (default), or start a fresh one per job (false; also BRIEFING_EXPORT_WARM=0). */
  warm?: boolean;
  /** Told what the worker threads do (tests, benchmark). */
  onWorkerEvent?: (event: ExportWorkerEvent) => void;
  /** Let a job take the bytes of a preview's build of the same deck and options (default; BRIEFING_EXPORT_REUSE=0 turns it off). */
  reuseBuilds?: boolean;
  /** How long a build may be taken (default PREVIEW_REUSE_MS). */
  reuseForMs?: number;
}

/** The job runner with a look at its warm worker. */
export interface WarmExportJobs extends ExportJobs {
  warm(): void;
  close(): Promise<void>;
  /** The warm worker: its thread id, whether it has warmed up, whether a job runs in it; null when there is none. */
  warmWorker(): { threadId: number; ready: boolean; busy: boolean } | null;
}

interface Slot {
  worker: Worker;
  threadId: number;
  ready: boolean;
  job?: Job;
  /** Builds (previews) sent to this worker, by id, waiting for their bytes. */
  builds: Map<number, { resolve: (result: PdfResult) => void; reject: (err: Error) => void }>;
  /** Terminated on purpose (cancel, close): replaced by whoever stopped it, not counted as a crash. */
  stopping: boolean;
  error?: string;
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

/** A build kept for the export that may follow it. */
interface KeptBuild {
  key: string;
  result: Promise<PdfResult>;
  /** When the build was asked for (performance.now()). */
  at: number;
}

/** What a PDF is made from: the deck and the options, as a digest (keys sorted, so their order does not matter). */
export function buildKey(deck: Deck, options: ExportOptions): string {
  return createHash('sha256').update(stableJson({ deck, options })).digest('hex');
}

/** The built worker, if there is one. */
export function defaultWorkerFile(): string | null {
  const file = path.join(appRoot(), 'build', 'pdf-worker.cjs');
  return existsSync(file) ? file : null;
}

/** Creates the export job runner the API handlers use. */
export function createExportJobs(options: ExportJobsOptions = {}): WarmExportJobs {
  const workerFile = options.workerFile === undefined ? defaultWorkerFile() : options.workerFile;
  const warmOn = workerFile !== null && (options.warm ?? process.env.BRIEFING_EXPORT_WARM !== '0');
  const emit = options.onWorkerEvent ?? (() => undefined);
  const keep = options.keepFinished ?? 50;
  const reuseOn = options.reuseBuilds ?? process.env.BRIEFING_EXPORT_REUSE !== '0';
  const reuseFor = options.reuseForMs ?? PREVIEW_REUSE_MS;
  let kept: KeptBuild | undefined;
  let buildIds = 0;
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

  /** Follows one job's messages from its worker; `settle` is called once it has answered. */
  const follow = (job: Job, message: WorkerMessage, settle: () => void, threadId: number, warm: boolean) => {
    if (message.type === 'progress') {
      if (job.status.state === 'running') job.status = { state: 'running', done: message.done, total: message.total };
    } else if (message.type === 'done') {
      settle();
      emit({ type: 'job', threadId, warm, chartsCached: message.chartsCached, chartsDrawn: message.chartsDrawn });
      void save(job, Buffer.from(message.pdf), message.pages);
    } else if (message.type === 'error') {
      settle();
      finish(job, { state: 'failed', error: message.message });
    }
  };

  const post = (worker: Worker, deck: Deck, opts: ExportOptions) => worker.postMessage({ type: 'job', deck, options: opts } satisfies WorkerJob);

  /** A worker for this job alone, terminated when it answers (warmth off, or the warm one is busy). */
  const runInColdWorker = (job: Job, file: string, deck: Deck, opts: ExportOptions) => {
    const worker = new Worker(file, { workerData: { warm: false } satisfies WorkerInit, resourceLimits: RESOURCE_LIMITS });
    let settled = false;
    job.stop = () => void worker.terminate();
    worker.on('message', (message: WorkerMessage) =>
      follow(
        job,
        message,
        () => {
          settled = true;
          void worker.terminate();
        },
        worker.threadId,
        false,
      ),
    );
    worker.on('error', (err) => {
      settled = true;
      finish(job, { state: 'failed', error: err.message });
    });
    worker.on('exit', (code) => {
      if (!settled && !job.cancelled) finish(job, { state: 'failed', error: `the export stopped unexpectedly (exit code ${code})` });
    });
    post(worker, deck, opts);
  };

  let warmSlot: Slot | undefined;
  let failures = 0;
  let closed = false;

  /** Starts a warm worker (it warms up on its own and says `ready`). */
  const spawnWarm = (): Slot | undefined => {
    if (!warmOn || !workerFile || closed || warmSlot || failures >= MAX_WARM_FAILURES) return warmSlot;
    let worker: Worker;
    try {
      worker = new Worker(workerFile, { workerData: { warm: true } satisfies WorkerInit, resourceLimits: RESOURCE_LIMITS });
    } catch {
      failures = MAX_WARM_FAILURES;
      return undefined;
    }
    const slot: Slot = { worker, threadId: worker.threadId, ready: false, stopping: false, builds: new Map() };
    warmSlot = slot;
    // Idle, it must not keep the process alive (the CLI, tests); a job refs it while it runs.
    worker.unref();
    emit({ type: 'spawned', threadId: slot.threadId });
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') {
        slot.ready = true;
        failures = 0;
        emit({ type: 'ready', threadId: slot.threadId, ms: message.ms });
        return;
      }
      if (message.type === 'built' || message.type === 'build-error') {
        const waiting = slot.builds.get(message.id);
        slot.builds.delete(message.id);
        if (!slot.job && slot.builds.size === 0 && !slot.stopping) slot.worker.unref();
        if (message.type === 'built') {
          emit({ type: 'built', threadId: slot.threadId, chartsCached: message.chartsCached, chartsDrawn: message.chartsDrawn });
          waiting?.resolve({ buffer: Buffer.from(message.pdf), pages: message.pages });
        } else waiting?.reject(new Error(message.message));
        return;
      }
      const job = slot.job;
      if (job) follow(job, message, () => release(slot), slot.threadId, true);
    });
    worker.on('error', (err) => {
      slot.error = err.message;
    });
    worker.on('exit', (code) => {
      if (warmSlot === slot) warmSlot = undefined;
      const job = slot.job;
      slot.job = undefined;
      // Builds it had not answered are made again elsewhere by their callers (`build`).
      for (const waiting of slot.builds.values()) waiting.reject(new Error(`the export worker stopped (exit code ${code})`));
      slot.builds.clear();
      emit({ type: 'exited', threadId: slot.threadId, code, expected: slot.stopping });
      if (job && !job.cancelled) finish(job, { state: 'failed', error: slot.error ?? `the export stopped unexpectedly (exit code ${code})` });
      if (slot.stopping || closed) return;
      // Crashed: replaced in the background (a worker that cannot even warm up is given a few tries only).
      if (!slot.ready) failures++;
      setTimeout(spawnWarm, 20 * failures).unref();
    });
    return slot;
  };

  const release = (slot: Slot) => {
    slot.job = undefined;
    if (!slot.stopping && slot.builds.size === 0) slot.worker.unref();
  };

  const stopWarm = (slot: Slot) => {
    slot.stopping = true;
    if (warmSlot === slot) warmSlot = undefined;
    void slot.worker.terminate();
  };

  const runInWarmWorker = (job: Job, slot: Slot, deck: Deck, opts: ExportOptions) => {
    slot.job = job;
    slot.worker.ref();
    job.stop = () => {
      // Once it has answered, the worker may be running the next job: only this job's own run is stopped.
      if (slot.job !== job) return;
      // The job stops at once with its thread; a fresh worker warms up for the next one.
      stopWarm(slot);
      spawnWarm();
    };
    post(slot.worker, deck, opts);
  };

  /** Builds in the warm worker; rejects if it stops first (a cancel of the job ahead, a crash). */
  const buildInWorker = (slot: Slot, deck: Deck, opts: ExportOptions): Promise<PdfResult> =>
    new Promise<PdfResult>((resolve, reject) => {
      const id = ++buildIds;
      slot.builds.set(id, { resolve, reject });
      slot.worker.ref();
      slot.worker.postMessage({ type: 'build', id, deck, options: opts } satisfies WorkerBuild);
    });

  const buildInProcess = async (deck: Deck, opts: ExportOptions): Promise<PdfResult> => {
    const { exportHandoutPdf } = await import('./export-pdf');
    const result = await exportHandoutPdf(deck, opts);
    emit({ type: 'built', threadId: 0, chartsCached: 0, chartsDrawn: 0 });
    return result;
  };

  /** The kept build for this deck and options, if a job may take it (taken: no other job gets it). */
  const takeBuild = (key: string): KeptBuild | undefined => {
    const build = kept;
    if (!build || build.key !== key) return undefined;
    kept = undefined;
    return performance.now() - build.at <= reuseFor ? build : undefined;
  };

  /** Saves a kept build's bytes as this job's file; if that build failed, the job makes the PDF itself. */
  const runFromBuild = (job: Job, build: KeptBuild, runAnew: () => void) => {
    job.stop = () => undefined;
    build.result.then(
      ({ buffer, pages }) => {
        emit({ type: 'reused', threadId: 0, jobId: job.id });
        void save(job, buffer, pages);
      },
      () => {
        if (!job.cancelled) runAnew();
      },
    );
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
      const run = () => {
        if (!workerFile) runInProcess(job, deck, opts);
        else {
          const slot = spawnWarm();
          if (slot && !slot.job) runInWarmWorker(job, slot, deck, opts);
          else runInColdWorker(job, workerFile, deck, opts);
        }
      };
      const build = reuseOn && opts.format !== 'pptx' && kept ? takeBuild(buildKey(deck, opts)) : undefined;
      if (build) runFromBuild(job, build, run);
      else run();
      return job.id;
    },
    build(deck, opts) {
      if (opts.format === 'pptx') return Promise.reject(new Error('only a PDF is built in memory'));
      const at = performance.now();
      const slot = spawnWarm();
      // In the warm worker (warm code, fonts and chart images); if it stops meanwhile, here instead.
      const result = slot ? buildInWorker(slot, deck, opts).catch(() => buildInProcess(deck, opts)) : buildInProcess(deck, opts);
      if (reuseOn) {
        const build: KeptBuild = { key: buildKey(deck, opts), result, at };
        kept = build;
        result.catch(() => {
          if (kept === build) kept = undefined;
        });
        // Forgotten once too old to be taken, even if no job or build comes.
        setTimeout(() => {
          if (kept === build) kept = undefined;
        }, reuseFor).unref();
      }
      return result;
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
    warm() {
      spawnWarm();
    },
    warmWorker() {
      return warmSlot ? { threadId: warmSlot.threadId, ready: warmSlot.ready, busy: warmSlot.job !== undefined } : null;
    },
    async close() {
      closed = true;
      kept = undefined;
      for (const job of jobs.values()) if (job.status.state === 'running') this.cancel(job.id);
      const slot = warmSlot;
      if (slot) {
        const exited = new Promise<void>((resolve) => slot.worker.once('exit', () => resolve()));
        stopWarm(slot);
        await exited;
      }
    },
  };
}
