/**
 * What the warm-worker tests share: a temp folder, the built export worker, job runners
 * that record their worker's events and are closed after the file's tests, and waits.
 */
import { afterAll } from 'vitest';
import type { ExportOptions, ExportStatus } from '../../src-shared/api';
import { createExportJobs, defaultWorkerFile, type ExportWorkerEvent, type WarmExportJobs } from '../../src-main/core/pdf/export-jobs';
import { tempDir } from './pdf-tools';

export const HANDOUT: ExportOptions = { layout: 'handout', notes: 'handout', annex: true };

/** Polls `check` every 5 ms until it gives a value. */
export async function until<T>(check: () => T | undefined | false, what: string, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The status of job `id` once it is no longer running. */
export const ended = (jobs: WarmExportJobs, id: string, ms = 120_000): Promise<ExportStatus> =>
  until(
    () => {
      const s = jobs.status(id);
      return s.state !== 'running' ? s : undefined;
    },
    `job ${id} to end`,
    ms,
  );

/** A temp folder and a maker of job runners, all cleaned up after the calling file's tests. */
export function warmJobsFixture(prefix: string) {
  const work = tempDir(prefix);
  const open: WarmExportJobs[] = [];
  afterAll(async () => {
    await Promise.all(open.map((jobs) => jobs.close()));
    work.cleanup();
  });
  return {
    work,
    worker: defaultWorkerFile(),
    /** Closes `jobs` after the file's tests too. */
    track(jobs: WarmExportJobs): void {
      open.push(jobs);
    },
    jobsWith(options: Parameters<typeof createExportJobs>[0]): { jobs: WarmExportJobs; events: ExportWorkerEvent[] } {
      const events: ExportWorkerEvent[] = [];
      const jobs = createExportJobs({ ...options, onWorkerEvent: (e) => events.push(e) });
      open.push(jobs);
      return { jobs, events };
    },
  };
}
