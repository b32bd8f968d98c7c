/**
 * Export jobs as the app runs them: a job reports progress and ends done with
 * the file, its size and page count; a cancelled job leaves no file (nor temp
 * file); a job that cannot write fails with a message and no file. Run both
 * in-process (no build needed) and in the worker thread when it is built.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExportStatus } from '../../src-shared/api';
import { createExportJobs, defaultWorkerFile } from '../../src-main/core/pdf/export-jobs';
import { generatedDeck, loadDefaultDeck } from './pdf-fixtures';
import { tempDir } from './pdf-tools';

const work = tempDir('briefing-jobs-');
afterAll(() => work.cleanup());

const worker = defaultWorkerFile();
if (!worker) console.warn('worker-thread export jobs not tested: build/pdf-worker.cjs is missing (run `npm run build`)');

async function waitForEnd(jobs: ReturnType<typeof createExportJobs>, id: string, seen: ExportStatus[] = []): Promise<ExportStatus> {
  for (;;) {
    const status = jobs.status(id);
    seen.push(status);
    if (status.state !== 'running') return status;
    await new Promise((r) => setTimeout(r, 5));
  }
}

const modes: Array<{ name: string; workerFile: string | null }> = [{ name: 'in-process', workerFile: null }];
if (worker) modes.push({ name: 'worker thread', workerFile: worker });

describe.each(modes)('export jobs ($name)', ({ name, workerFile }) => {
  const dir = path.join(work.dir, name.replace(/\W/g, '-'));

  it('runs an export to the end: progress, then done with file, bytes, pages and time', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    const jobs = createExportJobs({ workerFile });
    const out = path.join(dir, 'default.pdf');
    const id = jobs.start(loadDefaultDeck(), { layout: 'handout', notes: 'handout', annex: true, perPage: 1 }, out);
    expect(jobs.filePath(id)).toBeUndefined();
    const seen: ExportStatus[] = [];
    const end = await waitForEnd(jobs, id, seen);
    expect(end.state).toBe('done');
    if (end.state !== 'done') return;
    expect(end.file).toBe(out);
    expect(end.pages).toBeGreaterThan(24);
    expect(end.bytes).toBe(readFileSync(out).length);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    expect(end.ms).toBeGreaterThan(0);
    expect(jobs.filePath(id)).toBe(out);
    const running = seen.filter((s): s is Extract<ExportStatus, { state: 'running' }> => s.state === 'running');
    expect(running.every((s) => s.done <= s.total || s.total === 0)).toBe(true);
    expect(running.every((s, i) => i === 0 || s.done >= running[i - 1].done)).toBe(true);
  }, 60_000);

  it('reports progress on a long export, and a cancel leaves no file behind', async () => {
    const jobs = createExportJobs({ workerFile });
    const out = path.join(dir, 'cancelled.pdf');
    const id = jobs.start(generatedDeck(200), { layout: 'slides', notes: 'none', annex: true }, out);
    // Wait for real progress, then cancel mid-way.
    for (;;) {
      const s = jobs.status(id);
      if (s.state !== 'running') throw new Error(`ended before it could be cancelled: ${JSON.stringify(s)}`);
      if (s.total > 0 && s.done > 0) {
        expect(s.done).toBeLessThan(s.total);
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    jobs.cancel(id);
    const end = await waitForEnd(jobs, id);
    expect(end).toEqual({ state: 'cancelled' });
    // Give a stray write every chance to land before looking.
    await new Promise((r) => setTimeout(r, 300));
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('cancelled'))).toEqual([]);
    expect(jobs.filePath(id)).toBeUndefined();
  }, 60_000);

  it('fails with a message, and no file, when the folder cannot be written', async () => {
    const jobs = createExportJobs({ workerFile });
    const out = path.join(dir, 'no-such-folder', 'x.pdf');
    const id = jobs.start(generatedDeck(2), { layout: 'slides', notes: 'none', annex: false }, out);
    const end = await waitForEnd(jobs, id);
    expect(end.state).toBe('failed');
    if (end.state === 'failed') expect(end.error).toMatch(/could not write .*x\.pdf/);
    expect(existsSync(path.dirname(out))).toBe(false);
  }, 60_000);
});

describe('export job arguments', () => {
  it('refuses a relative output path and unknown jobs', () => {
    const jobs = createExportJobs({ workerFile: null });
    expect(() => jobs.start(generatedDeck(1), { layout: 'slides', notes: 'none', annex: true }, 'relative.pdf')).toThrow(/absolute/);
    expect(() => jobs.status('nope')).toThrow(/unknown export job/);
    expect(() => jobs.cancel('nope')).not.toThrow();
  });
});
