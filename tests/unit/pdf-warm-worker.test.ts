/**
 * The warm export worker's life (issue 12): jobs reuse it; a cancel stops the job at
 * once, leaves no file and a fresh worker warms up; a crash fails the job and is
 * replaced; a worker that cannot even warm up is given up after a few tries (jobs
 * then run cold); no build means in-process; warmth off means a worker per job. And
 * its chart cache: a repeated export embeds byte-for-byte the images a fresh worker
 * draws, and an edited chart is drawn again.
 *
 * The real worker (build/pdf-worker.cjs) is needed for most; the crash cases use a
 * small stand-in worker script that speaks the same protocol and dies on demand.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportStatus } from '../../src-shared/api';
import type { Deck } from '../../src-shared/deck-schema';
import { validateDeck } from '../../src-shared/deck-validate';
import { MAX_WARM_FAILURES, type ExportWorkerEvent, type WarmExportJobs } from '../../src-main/core/pdf/export-jobs';
import { warmUpDeck } from '../../src-main/core/pdf/export-worker';
import { exportHandoutPdf, forgetMeasuredText } from '../../src-main/core/pdf/export-pdf';
import { WarmChartCache } from '../../src-main/core/pdf/warm-chart-cache';
import { createServices, WARM_AFTER_DECK_MS } from '../../src-main/core/services';
import { generatedDeck, loadDefaultDeck } from './pdf-fixtures';
import { pdfText, popplerMissing } from './pdf-tools';
import { ended, HANDOUT, until, warmJobsFixture } from './warm-jobs-fixture';

const { work, worker, jobsWith, track } = warmJobsFixture('briefing-warm-');

/** The JPEG images embedded in a PDF (pdfkit writes them as DCTDecode streams, bytes unchanged), as digests. */
function jpegDigests(pdf: Buffer): string[] {
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const filter = pdf.indexOf('/DCTDecode', at);
    if (filter < 0) break;
    const start = pdf.indexOf('stream\n', filter) + 'stream\n'.length;
    const end = pdf.indexOf('\nendstream', start);
    const bytes = pdf.subarray(start, end);
    expect(bytes.subarray(0, 2).toString('hex')).toBe('ffd8');
    out.push(createHash('sha256').update(bytes).digest('hex'));
    at = end;
  }
  return out;
}

describe('the warm-up deck', () => {
  it('is a valid deck with a chart and a map (so the warm-up loads what real decks need)', () => {
    const deck = warmUpDeck();
    expect(validateDeck(deck).ok).toBe(true);
    expect(deck.slides.map((s) => s.chart?.type).filter(Boolean)).toEqual(['bar', 'map']);
  });
});

describe.skipIf(!worker)(`warm export worker${worker ? '' : ' (skipped: build/pdf-worker.cjs is not built; npm run build)'}`, () => {
  const dir = path.join(work.dir, 'real');

  it('warms up once, then runs job after job in the same thread; repeated charts come from its cache with the very same image bytes', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    const { jobs, events } = jobsWith({ workerFile: worker });
    jobs.warm();
    const ready = await until(() => events.find((e) => e.type === 'ready'), 'the warm worker to be ready');
    expect(jobs.warmWorker()).toEqual({ threadId: ready.threadId, ready: true, busy: false });

    const deck = loadDefaultDeck();
    const first = jobs.start(deck, HANDOUT, path.join(dir, 'first.pdf'));
    expect(jobs.warmWorker()?.busy).toBe(true);
    expect((await ended(jobs, first)).state).toBe('done');
    const second = jobs.start(deck, HANDOUT, path.join(dir, 'second.pdf'));
    expect((await ended(jobs, second)).state).toBe('done');
    const ran = events.filter((e): e is Extract<ExportWorkerEvent, { type: 'job' }> => e.type === 'job');
    expect(ran.map((e) => [e.threadId, e.warm])).toEqual([
      [ready.threadId, true],
      [ready.threadId, true],
    ]);
    expect(events.filter((e) => e.type === 'spawned')).toHaveLength(1);
    const charts = deck.slides.filter((s) => s.chart).length;
    expect(ran[0].chartsDrawn).toBeGreaterThan(0);
    expect(ran[0].chartsCached).toBe(0);
    expect(ran[1]).toMatchObject({ chartsDrawn: 0, chartsCached: ran[0].chartsDrawn });
    expect(ran[0].chartsDrawn).toBeLessThanOrEqual(charts);

    // The same deck exported by a fresh worker (warmth off): the same images, byte for byte.
    const cold = jobsWith({ workerFile: worker, warm: false }).jobs;
    const third = cold.start(deck, HANDOUT, path.join(dir, 'cold.pdf'));
    expect((await ended(cold, third)).state).toBe('done');
    const images = ['first.pdf', 'second.pdf', 'cold.pdf'].map((f) => jpegDigests(readFileSync(path.join(dir, f))));
    expect(images[0].length).toBeGreaterThanOrEqual(ran[0].chartsDrawn);
    expect(images[1]).toEqual(images[0]);
    expect(images[2]).toEqual(images[0]);
    expect(cold.warmWorker()).toBeNull();
  }, 120_000);

  it('draws an edited chart again, and only that one', async () => {
    const { jobs, events } = jobsWith({ workerFile: worker });
    const deck = loadDefaultDeck();
    const a = jobs.start(deck, HANDOUT, path.join(dir, 'before-edit.pdf'));
    const first = await ended(jobs, a);
    expect(first.state, JSON.stringify(first)).toBe('done');
    const chartSlide = deck.slides.findIndex((s) => s.chart && s.chart.type !== 'map');
    const edited = structuredClone(deck);
    const chart = edited.slides[chartSlide].chart!;
    chart.series[0].values[0] = (chart.series[0].values[0] ?? 0) + 1;
    const b = jobs.start(edited, HANDOUT, path.join(dir, 'after-edit.pdf'));
    const second = await ended(jobs, b);
    expect(second.state, JSON.stringify(second)).toBe('done');
    const ran = events.filter((e): e is Extract<ExportWorkerEvent, { type: 'job' }> => e.type === 'job');
    // On a failure, say what the worker did (a replaced worker starts with an empty cache).
    const trail = JSON.stringify(events);
    expect(ran[1].chartsDrawn, trail).toBe(1);
    expect(ran[1].chartsCached, trail).toBe(ran[0].chartsDrawn - 1);
    const before = jpegDigests(readFileSync(path.join(dir, 'before-edit.pdf')));
    const after = jpegDigests(readFileSync(path.join(dir, 'after-edit.pdf')));
    expect(after.filter((d) => !before.includes(d))).toHaveLength(1);
  }, 120_000);

  it('a cancel stops the job at once, leaves no file, and a fresh worker warms up and takes the next job', async () => {
    const { jobs, events } = jobsWith({ workerFile: worker });
    jobs.warm();
    const ready = await until(() => events.find((e) => e.type === 'ready'), 'the warm worker to be ready');
    const out = path.join(dir, 'cancelled.pdf');
    const id = jobs.start(generatedDeck(200), { layout: 'slides', notes: 'none', annex: true }, out);
    await until(() => {
      const s = jobs.status(id);
      if (s.state !== 'running') throw new Error(`ended before it could be cancelled: ${JSON.stringify(s)}`);
      return s.done > 0;
    }, 'progress');
    jobs.cancel(id);
    expect(jobs.status(id)).toEqual({ state: 'cancelled' });
    await until(() => events.find((e) => e.type === 'exited' && e.threadId === ready.threadId), 'the old worker to exit');
    expect(events.find((e) => e.type === 'exited')).toMatchObject({ expected: true });
    const fresh = await until(() => events.find((e) => e.type === 'ready' && e.threadId !== ready.threadId), 'a fresh warm worker');
    await new Promise((r) => setTimeout(r, 200));
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('cancelled'))).toEqual([]);

    const next = jobs.start(loadDefaultDeck(), HANDOUT, path.join(dir, 'after-cancel.pdf'));
    expect((await ended(jobs, next)).state).toBe('done');
    expect(events.filter((e) => e.type === 'job').at(-1)).toMatchObject({ threadId: fresh.threadId, warm: true });
  }, 120_000);

  it.skipIf(popplerMissing())(`a job that comes while the warm worker is busy runs in a worker of its own, and both files are whole${popplerMissing() ? ` (skipped: ${popplerMissing()})` : ''}`, async () => {
    const { jobs, events } = jobsWith({ workerFile: worker });
    const deck = loadDefaultDeck();
    const a = jobs.start(deck, HANDOUT, path.join(dir, 'busy-a.pdf'));
    const b = jobs.start(deck, { layout: 'slides', notes: 'none', annex: false }, path.join(dir, 'busy-b.pdf'));
    expect((await ended(jobs, a)).state).toBe('done');
    expect((await ended(jobs, b)).state).toBe('done');
    const ran = events.filter((e): e is Extract<ExportWorkerEvent, { type: 'job' }> => e.type === 'job');
    expect(ran.map((e) => e.warm).sort()).toEqual([false, true]);
    for (const f of ['busy-a.pdf', 'busy-b.pdf']) expect(pdfText(path.join(dir, f))).toContain(deck.meta.title.split(' ')[0]);
  }, 120_000);
});

/** A stand-in worker: warms up in 10 ms (or dies at start with `dieAtStart`), dies on a deck titled "crash", else answers a tiny PDF. */
function fakeWorker(name: string, dieAtStart = false): string {
  const file = path.join(work.dir, name);
  writeFileSync(
    file,
    `const { parentPort, workerData } = require('node:worker_threads');
${dieAtStart ? "if (workerData.warm) process.exit(3);" : ''}
if (workerData.warm) setTimeout(() => parentPort.postMessage({ type: 'ready', ms: 10 }), 10);
parentPort.on('message', (m) => {
  if (m.deck.meta.title === 'crash') process.exit(7);
  const pdf = new TextEncoder().encode('%PDF-1.3 ' + m.deck.meta.title).buffer;
  parentPort.postMessage({ type: 'done', pages: 1, pdf, chartsCached: 0, chartsDrawn: 0 }, [pdf]);
});
`,
  );
  return file;
}

const tiny = (title: string): Deck => ({ ...warmUpDeck(), meta: { title } });

describe('warm worker faults (stand-in worker)', () => {
  it('a crash fails the job with a message, leaves no file, and the worker is replaced for the next job', async () => {
    const { jobs, events } = jobsWith({ workerFile: fakeWorker('crashes.cjs') });
    jobs.warm();
    const first = await until(() => events.find((e) => e.type === 'ready'), 'ready');
    const out = path.join(work.dir, 'crash.pdf');
    const id = jobs.start(tiny('crash'), HANDOUT, out);
    const end = await ended(jobs, id);
    expect(end).toEqual({ state: 'failed', error: 'the export stopped unexpectedly (exit code 7)' } satisfies ExportStatus);
    expect(existsSync(out)).toBe(false);
    expect(events.find((e) => e.type === 'exited')).toMatchObject({ threadId: first.threadId, code: 7, expected: false });
    const second = await until(() => events.find((e) => e.type === 'ready' && e.threadId !== first.threadId), 'a replacement');
    const ok = jobs.start(tiny('fine'), HANDOUT, path.join(work.dir, 'fine.pdf'));
    expect(await ended(jobs, ok)).toMatchObject({ state: 'done', pages: 1 });
    expect(readFileSync(path.join(work.dir, 'fine.pdf'), 'utf8')).toBe('%PDF-1.3 fine');
    expect(events.filter((e) => e.type === 'job').at(-1)).toMatchObject({ threadId: second.threadId, warm: true });
  }, 30_000);

  it(`a worker that dies before it is warm is retried ${MAX_WARM_FAILURES} times, then jobs run in workers of their own`, async () => {
    const { jobs, events } = jobsWith({ workerFile: fakeWorker('dies-at-start.cjs', true) });
    jobs.warm();
    await until(() => events.filter((e) => e.type === 'exited').length >= MAX_WARM_FAILURES && jobs.warmWorker() === null, 'warming to be given up');
    await new Promise((r) => setTimeout(r, 200));
    expect(events.filter((e) => e.type === 'spawned')).toHaveLength(MAX_WARM_FAILURES);
    const id = jobs.start(tiny('cold'), HANDOUT, path.join(work.dir, 'cold-after-giving-up.pdf'));
    expect(await ended(jobs, id)).toMatchObject({ state: 'done' });
    expect(events.filter((e) => e.type === 'job').at(-1)).toMatchObject({ warm: false });
  }, 30_000);

  it('with warmth off (BRIEFING_EXPORT_WARM=0), each job gets a fresh worker and none stays', async () => {
    process.env.BRIEFING_EXPORT_WARM = '0';
    try {
      const { jobs, events } = jobsWith({ workerFile: fakeWorker('cold.cjs') });
      jobs.warm();
      expect(jobs.warmWorker()).toBeNull();
      for (const title of ['one', 'two']) expect(await ended(jobs, jobs.start(tiny(title), HANDOUT, path.join(work.dir, `${title}.pdf`)))).toMatchObject({ state: 'done' });
      const ran = events.filter((e): e is Extract<ExportWorkerEvent, { type: 'job' }> => e.type === 'job');
      expect(ran.map((e) => e.warm)).toEqual([false, false]);
      expect(ran[0].threadId).not.toBe(ran[1].threadId);
      expect(jobs.warmWorker()).toBeNull();
    } finally {
      delete process.env.BRIEFING_EXPORT_WARM;
    }
  });

  it('without a built worker the export runs in-process, and warm() has nothing to start', async () => {
    const { jobs, events } = jobsWith({ workerFile: null });
    jobs.warm();
    expect(jobs.warmWorker()).toBeNull();
    const out = path.join(work.dir, 'in-process.pdf');
    const end = await ended(jobs, jobs.start(warmUpDeck(), HANDOUT, out));
    expect(end).toMatchObject({ state: 'done' });
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    expect(events).toEqual([]);
  }, 60_000);
});

describe('warm chart cache', () => {
  const job = (n: number, width = 400) => ({
    key: `chart-${n}`,
    chart: { type: 'bar' as const, labels: ['a'], series: [{ name: 's', values: [n] }] },
    width,
    height: 300,
    theme: warmTheme,
  });
  const warmTheme = {} as Parameters<typeof WarmChartCache.keyOf>[0]['theme'];

  it('keys by what is drawn (not the export’s image name, not key order), and a size change is another image', () => {
    const a = job(1);
    const renamed = { ...a, key: 'chart-other', chart: { series: a.chart.series, labels: a.chart.labels, type: a.chart.type } };
    expect(WarmChartCache.keyOf(renamed)).toBe(WarmChartCache.keyOf(a));
    expect(WarmChartCache.keyOf(job(1, 401))).not.toBe(WarmChartCache.keyOf(a));
    expect(WarmChartCache.keyOf(job(2))).not.toBe(WarmChartCache.keyOf(a));
  });

  it('stays within its count and size, dropping the least recently used', () => {
    const cache = new WarmChartCache({ entries: 2, chars: 25 });
    cache.set('a', 'x'.repeat(10));
    cache.set('b', 'y'.repeat(10));
    expect(cache.get('a')).toBeDefined();
    cache.set('c', 'z'.repeat(10));
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map(Boolean)).toEqual([true, false, true]);
    cache.set('d', 'w'.repeat(20));
    expect(cache.entries).toBe(1);
    expect(cache.chars).toBeLessThanOrEqual(25);
    cache.set('huge', 'h'.repeat(26));
    expect(cache.get('huge')).toBeUndefined();
  });

  it('a drawer over it draws a miss once, answers a hit from memory, and closing it leaves the inner drawer open', async () => {
    const drawn: string[] = [];
    let innerClosed = false;
    const inner = {
      maxInFlight: 4,
      threaded: true,
      draw: async (j: { key: string }) => {
        drawn.push(j.key);
        return `data:image/jpeg;base64,${Buffer.from(j.key).toString('base64')}`;
      },
      prepare() {},
      close: () => void (innerClosed = true),
    };
    const cache = new WarmChartCache();
    const first = cache.drawerFor(inner);
    const url = await first.draw(job(1));
    first.close();
    const second = cache.drawerFor(inner);
    expect(await second.draw({ ...job(1), key: 'chart-renamed' })).toBe(url);
    expect(drawn).toEqual(['chart-1']);
    expect([cache.hits, cache.misses]).toEqual([1, 1]);
    second.close();
    await expect(second.draw(job(3))).rejects.toThrow(/closed/);
    expect(innerClosed).toBe(false);
  });
});

describe.skipIf(!worker)(`the app warms the export worker at idle moments (core/services.ts)${worker ? '' : ' (skipped: build/pdf-worker.cjs is not built; npm run build)'}`, () => {
  const make = async (warmExports: boolean) => {
    const dir = path.join(work.dir, `services-${warmExports}-${Math.random().toString(36).slice(2)}`);
    const services = await createServices({
      transport: 'http',
      decksDir: path.join(dir, 'decks'),
      statePath: path.join(dir, 'state.json'),
      exportsDir: path.join(dir, 'exports'),
      warmExports,
    });
    const exports = services.context.exports as WarmExportJobs;
    track(exports);
    return { services, exports };
  };

  it('when the Export dialog opens (it asks for the last options), at once', async () => {
    const { services, exports } = await make(true);
    expect(exports.warmWorker()).toBeNull();
    const opened = await services.handlers.startupDeck();
    if (!opened.ok) throw new Error('the startup deck did not open');
    await services.handlers.lastExportOptions(opened.info.id);
    expect(exports.warmWorker()).not.toBeNull();
    await until(() => exports.warmWorker()?.ready, 'the warm worker to be ready');
    services.stopWatching();
    await until(() => exports.warmWorker() === null, 'quitting to stop the worker');
  }, 60_000);

  it(`${WARM_AFTER_DECK_MS} ms after the window fetched its startup deck; not at all when the host does not ask`, async () => {
    const off = await make(false);
    const on = await make(true);
    const started = Date.now();
    await Promise.all([off.services.handlers.startupDeck(), on.services.handlers.startupDeck()]);
    expect(on.exports.warmWorker()).toBeNull();
    await until(() => on.exports.warmWorker(), 'the timer to start the worker', 10_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(WARM_AFTER_DECK_MS - 50);
    expect(off.exports.warmWorker()).toBeNull();
    on.services.stopWatching();
    off.services.stopWatching();
  }, 60_000);
});

describe('no deck text outlives its export', () => {
  it('the words measured for a layout are forgotten when the warm worker is done with the job', async () => {
    forgetMeasuredText();
    await exportHandoutPdf(loadDefaultDeck(), HANDOUT);
    // The layout measured the deck's words; the worker calls this after every job.
    expect(forgetMeasuredText()).toBeGreaterThan(100);
    expect(forgetMeasuredText()).toBe(0);
  }, 60_000);
});
