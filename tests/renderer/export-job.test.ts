/**
 * The export job both export dialogs follow (lib/export-job.svelte.ts): progress while
 * main makes the file, the result, a cancelled save dialog, a failure, and closing the
 * dialog mid-export cancels the job and stops polling. A Cancel pressed while main is
 * still starting the next export cancels that export, not the finished one before it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExportStatus } from '../../src-shared/api';
import { ExportJob } from '../../src-renderer/lib/export-job.svelte';

/** A main process whose job reports each status in turn, the last one for good. */
function fakeApi(statuses: ExportStatus[]) {
  let i = 0;
  return {
    exportStatus: vi.fn(async () => statuses[Math.min(i++, statuses.length - 1)]),
    cancelExport: vi.fn(async () => {}),
  };
}

describe('ExportJob', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is running from the start, reports its percent, then the finished file', async () => {
    const api = fakeApi([
      { state: 'running', done: 1, total: 4 },
      { state: 'done', file: '/x/deck.pdf', bytes: 2048, pages: 3, ms: 900 },
    ]);
    const job = new ExportJob(() => api);
    await job.start(async () => ({ jobId: 'j1' }));
    expect(job.running).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(job.percent).toBe(25);
    await vi.advanceTimersByTimeAsync(200);
    expect(job.running).toBe(false);
    expect(job.status).toMatchObject({ state: 'done', pages: 3 });
    const polls = api.exportStatus.mock.calls.length;
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.exportStatus.mock.calls.length).toBe(polls);
  });

  it('a cancelled save dialog starts nothing; a refused start is an error', async () => {
    const api = fakeApi([{ state: 'cancelled' }]);
    const job = new ExportJob(() => api);
    await job.start(async () => null);
    expect(job.running).toBe(false);
    expect(job.jobId).toBeNull();
    expect(api.exportStatus).not.toHaveBeenCalled();
    await job.start(async () => {
      throw new Error('the disk is full');
    });
    expect(job.error).toBe('the disk is full');
  });

  it('closing the dialog mid-export cancels the job and stops polling', async () => {
    const api = fakeApi([{ state: 'running', done: 0, total: 10 }]);
    const job = new ExportJob(() => api);
    await job.start(async () => ({ jobId: 'j2' }));
    await vi.advanceTimersByTimeAsync(300);
    job.close();
    expect(api.cancelExport).toHaveBeenCalledWith('j2');
    const polls = api.exportStatus.mock.calls.length;
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.exportStatus.mock.calls.length).toBe(polls);
  });

  it('a Cancel pressed while main is still starting the next export cancels that one once its id comes, not the last one', async () => {
    const api = fakeApi([{ state: 'done', file: '/x/a.pdf', bytes: 10, pages: 1, ms: 5 }]);
    const job = new ExportJob(() => api);
    await job.start(async () => ({ jobId: 'first' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(job.status?.state).toBe('done');

    let answer: (v: { jobId: string }) => void = () => {};
    const second = job.start(() => new Promise((r) => (answer = r)));
    // Main has not answered yet: the dialog shows the export as running, and its Cancel is pressed.
    expect(job.running).toBe(true);
    expect(job.jobId).toBeNull();
    await job.cancel();
    expect(api.cancelExport).not.toHaveBeenCalled();
    answer({ jobId: 'second' });
    await second;
    expect(api.cancelExport).toHaveBeenCalledTimes(1);
    expect(api.cancelExport).toHaveBeenCalledWith('second');
  });
});
