/**
 * The Export dialog's preview builds the PDF in the warm export worker, and an Export
 * of the same deck and options pressed next takes those bytes (issue 12): the file is
 * exactly the preview's PDF, and no second PDF is made. Anything else makes the PDF
 * anew: another deck or option, a second Export, a build too old, reuse turned off. A
 * cancel of a job that took a build leaves no file; a build whose worker is stopped
 * under it (the cancel of a job ahead of it) is made in-process instead.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildKey, type ExportWorkerEvent } from '../../src-main/core/pdf/export-jobs';
import { generatedDeck, loadDefaultDeck } from './pdf-fixtures';
import { pdfText, popplerMissing } from './pdf-tools';
import { ended, HANDOUT, warmJobsFixture } from './warm-jobs-fixture';

const { work, worker, jobsWith } = warmJobsFixture('briefing-reuse-');

const count = (events: ExportWorkerEvent[], type: ExportWorkerEvent['type']) => events.filter((e) => e.type === type).length;

describe('buildKey', () => {
  it('is the same for the same deck and options whatever the order of their keys, and differs on any change', () => {
    const deck = loadDefaultDeck();
    const reordered = Object.fromEntries(Object.entries(deck).reverse()) as typeof deck;
    expect(buildKey(reordered, { annex: true, notes: 'handout', layout: 'handout' })).toBe(buildKey(deck, HANDOUT));
    const edited = structuredClone(deck);
    edited.slides[1].title += '.';
    expect(buildKey(edited, HANDOUT)).not.toBe(buildKey(deck, HANDOUT));
    expect(buildKey(deck, { ...HANDOUT, perPage: 3 })).not.toBe(buildKey(deck, HANDOUT));
  });
});

describe.each([
  { name: 'warm worker', workerFile: worker },
  { name: 'in-process', workerFile: null },
])('a preview build, then Export ($name)', ({ name, workerFile }) => {
  const skip = name === 'warm worker' && !worker;
  const dir = path.join(work.dir, name.replace(/\W/g, '-'));

  it.skipIf(skip)(`an Export of the same deck and options saves the build's very bytes, and makes no PDF of its own${skip ? ' (skipped: build/pdf-worker.cjs is not built; npm run build)' : ''}`, async () => {
    mkdirSync(dir, { recursive: true });
    const { jobs, events } = jobsWith({ workerFile });
    const deck = loadDefaultDeck();
    const built = await jobs.build!(deck, HANDOUT);
    const builds = events.filter((e): e is Extract<ExportWorkerEvent, { type: 'built' }> => e.type === 'built');
    expect(builds).toHaveLength(1);
    if (workerFile) expect(builds[0].threadId).toBe(jobs.warmWorker()?.threadId);
    else expect(builds[0].threadId).toBe(0);

    const out = path.join(dir, 'same.pdf');
    // A deck equal in content (a copy, as the renderer sends it again), not the same object.
    const id = jobs.start(structuredClone(deck), { ...HANDOUT }, out);
    const status = await ended(jobs, id);
    expect(status).toMatchObject({ state: 'done', file: out, pages: built.pages, bytes: built.buffer.length });
    expect(readFileSync(out).equals(built.buffer)).toBe(true);
    expect(events.filter((e) => e.type === 'reused')).toEqual([{ type: 'reused', threadId: 0, jobId: id }]);
    expect(count(events, 'job')).toBe(0);
    expect(count(events, 'built')).toBe(1);

    // Taken once: the next Export of the same deck makes its PDF.
    const again = jobs.start(deck, HANDOUT, path.join(dir, 'again.pdf'));
    expect((await ended(jobs, again)).state).toBe('done');
    expect(count(events, 'reused')).toBe(1);
    if (workerFile) expect(count(events, 'job')).toBe(1);
  }, 120_000);

  it.skipIf(skip || !!popplerMissing())(`another option or an edited deck is made anew, with that option and that edit${skip ? ' (skipped: no worker build)' : popplerMissing() ? ` (skipped: ${popplerMissing()})` : ''}`, async () => {
    mkdirSync(dir, { recursive: true });
    const { jobs, events } = jobsWith({ workerFile });
    const deck = loadDefaultDeck();
    const built = await jobs.build!(deck, HANDOUT);
    const slidesOut = path.join(dir, 'other-option.pdf');
    const a = jobs.start(deck, { layout: 'slides', notes: 'none', annex: false }, slidesOut);
    const visible = deck.slides.filter((s) => !s.hidden).length;
    expect(await ended(jobs, a)).toMatchObject({ state: 'done', pages: visible });
    expect(readFileSync(slidesOut).equals(built.buffer)).toBe(false);

    await jobs.build!(deck, HANDOUT);
    const edited = structuredClone(deck);
    edited.slides[1].title = 'Edited after the preview';
    const editedOut = path.join(dir, 'edited.pdf');
    const b = jobs.start(edited, HANDOUT, editedOut);
    expect((await ended(jobs, b)).state).toBe('done');
    expect(pdfText(editedOut)).toContain('Edited after the preview');
    expect(count(events, 'reused')).toBe(0);
  }, 120_000);

  it.skipIf(skip)(`an Export pressed while the preview is still being built waits for it instead of making a second PDF${skip ? ' (skipped: no worker build)' : ''}`, async () => {
    mkdirSync(dir, { recursive: true });
    const { jobs, events } = jobsWith({ workerFile });
    const deck = loadDefaultDeck();
    const building = jobs.build!(deck, HANDOUT);
    const out = path.join(dir, 'while-building.pdf');
    const id = jobs.start(deck, HANDOUT, out);
    expect(jobs.status(id).state).toBe('running');
    const built = await building;
    expect((await ended(jobs, id)).state).toBe('done');
    expect(readFileSync(out).equals(built.buffer)).toBe(true);
    expect(count(events, 'built')).toBe(1);
    expect(count(events, 'job')).toBe(0);
  }, 120_000);

  it.skipIf(skip)(`a cancel of an Export that took the build leaves no file${skip ? ' (skipped: no worker build)' : ''}`, async () => {
    mkdirSync(dir, { recursive: true });
    const { jobs } = jobsWith({ workerFile });
    const deck = loadDefaultDeck();
    const building = jobs.build!(deck, HANDOUT);
    const out = path.join(dir, 'cancelled.pdf');
    const id = jobs.start(deck, HANDOUT, out);
    jobs.cancel(id);
    expect(jobs.status(id)).toEqual({ state: 'cancelled' });
    await building;
    await new Promise((r) => setTimeout(r, 200));
    expect(existsSync(out)).toBe(false);
  }, 120_000);
});

describe.skipIf(!worker)(`when a build may not be taken${worker ? '' : ' (skipped: build/pdf-worker.cjs is not built; npm run build)'}`, () => {
  const dir = path.join(work.dir, 'not-taken');

  it('a build older than the reuse window is not taken: the Export makes its PDF', async () => {
    mkdirSync(dir, { recursive: true });
    const { jobs, events } = jobsWith({ workerFile: worker, reuseForMs: 50 });
    const deck = loadDefaultDeck();
    await jobs.build!(deck, HANDOUT);
    await new Promise((r) => setTimeout(r, 120));
    const id = jobs.start(deck, HANDOUT, path.join(dir, 'too-old.pdf'));
    expect((await ended(jobs, id)).state).toBe('done');
    expect(count(events, 'reused')).toBe(0);
    expect(count(events, 'job')).toBe(1);
  }, 120_000);

  it('with reuse off, every Export makes its PDF', async () => {
    mkdirSync(dir, { recursive: true });
    const { jobs, events } = jobsWith({ workerFile: worker, reuseBuilds: false });
    const deck = loadDefaultDeck();
    await jobs.build!(deck, HANDOUT);
    const id = jobs.start(deck, HANDOUT, path.join(dir, 'reuse-off.pdf'));
    expect((await ended(jobs, id)).state).toBe('done');
    expect(count(events, 'reused')).toBe(0);
    expect(count(events, 'job')).toBe(1);
  }, 120_000);

  it('a build queued behind a job whose cancel stops the worker is made in-process, and is whole', async () => {
    mkdirSync(dir, { recursive: true });
    const { jobs, events } = jobsWith({ workerFile: worker });
    jobs.warm();
    const id = jobs.start(generatedDeck(200), { layout: 'slides', notes: 'none', annex: true }, path.join(dir, 'long.pdf'));
    const deck = loadDefaultDeck();
    const building = jobs.build!(deck, HANDOUT);
    const end = Date.now() + 60_000;
    while (jobs.status(id).state === 'running' && (jobs.status(id) as { done: number }).done === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
    expect(jobs.status(id).state).toBe('running');
    jobs.cancel(id);
    const built = await building;
    expect(built.buffer.subarray(0, 5).toString()).toBe('%PDF-');
    expect(built.buffer.subarray(-8).toString()).toContain('%%EOF');
    expect(built.pages).toBeGreaterThan(5);
    expect(events.filter((e) => e.type === 'built').map((e) => e.threadId)).toEqual([0]);
    expect(events.find((e) => e.type === 'exited')).toMatchObject({ expected: true });
  }, 120_000);
});
