/**
 * pdfmake lays the pages out while the charts are still being drawn (late-images.ts):
 * a chart is a stand-in of the right size during the layout and is embedded when its
 * page is drawn. A drawer that delivers its images only after pdfmake's layout has run
 * must still give the same PDF as drawing first; an image of another size is refused.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawJpeg, inlineChartDrawer, clearChartImageCache, type ChartDrawer, type ChartJob } from '../../src-main/core/pdf/chart-image';
import { exportHandoutPdf } from '../../src-main/core/pdf/export-pdf';
import { loadDefaultDeck } from './pdf-fixtures';
import { pdfPages, popplerMissing, renderPage, tempDir, writePdf } from './pdf-tools';

interface LayoutBuilderClass {
  prototype: { layoutDocument(...args: unknown[]): unknown };
}

const LayoutBuilder = (createRequire(import.meta.url)('pdfmake/js/LayoutBuilder') as { default: LayoutBuilderClass }).default;
const layoutDocument = LayoutBuilder.prototype.layoutDocument;
/** Resolved each time pdfmake finishes laying a document out. */
const laidOut: Array<() => void> = [];
let layouts = 0;

beforeAll(() => {
  LayoutBuilder.prototype.layoutDocument = function (this: unknown, ...args: unknown[]) {
    const pages = layoutDocument.apply(this, args);
    layouts++;
    for (const done of laidOut.splice(0)) done();
    return pages;
  };
});

afterAll(() => {
  LayoutBuilder.prototype.layoutDocument = layoutDocument;
});

/** A drawer whose images arrive only once pdfmake has laid the document out (`transform` may spoil them). */
function afterLayoutDrawer(transform: (job: ChartJob) => ChartJob = (job) => job): ChartDrawer & { drawnAfterLayout: number } {
  const drawer = {
    ...inlineChartDrawer(),
    maxInFlight: Infinity,
    drawnAfterLayout: 0,
    async draw(job: ChartJob) {
      const before = layouts;
      await new Promise<void>((resolve) => laidOut.push(resolve));
      if (layouts > before) drawer.drawnAfterLayout++;
      return drawJpeg(transform(job));
    },
  };
  return drawer;
}

const OPTIONS = { layout: 'handout', notes: 'handout', annex: true } as const;

describe('charts arrive after the layout', () => {
  it('gives the same pages as drawing the charts first', async () => {
    const deck = loadDefaultDeck();
    const charts = deck.slides.filter((s) => s.chart).length;
    clearChartImageCache();
    const first = await exportHandoutPdf(deck, OPTIONS, { chartWorker: null });
    clearChartImageCache();
    const drawer = afterLayoutDrawer();
    const progress: number[] = [];
    const late = await exportHandoutPdf(deck, OPTIONS, { chartDrawer: drawer, onProgress: (done) => progress.push(done) });
    // Every chart was handed over only after pdfmake had laid the pages out (else the export would never finish).
    expect(drawer.drawnAfterLayout).toBe(charts);
    expect(late.pages).toBe(first.pages);
    expect(progress.every((d, i) => i === 0 || d >= progress[i - 1])).toBe(true);
    const missing = popplerMissing();
    if (missing) {
      console.warn(`page comparison skipped: ${missing}`);
      return;
    }
    const work = tempDir();
    try {
      const a = writePdf(work.dir, 'first.pdf', first.buffer);
      const b = writePdf(work.dir, 'late.pdf', late.buffer);
      expect(pdfPages(b)).toEqual(pdfPages(a));
      for (let page = 1; page <= first.pages; page++) expect(renderPage(b, page).equals(renderPage(a, page)), `page ${page}`).toBe(true);
    } finally {
      work.cleanup();
    }
  }, 120_000);

  it('draws the pages before the last chart while that chart is still being drawn', async () => {
    const deck = loadDefaultDeck();
    const charts = deck.slides.filter((s) => s.chart).length;
    clearChartImageCache();
    const jobs: ChartJob[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let pagesBeforeRelease = false;
    const drawer: ChartDrawer = {
      ...inlineChartDrawer(),
      maxInFlight: Infinity,
      async draw(job: ChartJob) {
        jobs.push(job);
        // The last chart of the deck is held until pages have been drawn (or, failing that, for 20 s).
        if (jobs.length === charts) await Promise.race([held, new Promise((resolve) => setTimeout(resolve, 20_000))]);
        return drawJpeg(job);
      },
    };
    const result = await exportHandoutPdf(deck, OPTIONS, {
      chartDrawer: drawer,
      onProgress: (done) => {
        // Progress counts the charts drawn plus the share of pages rendered: past charts − 1, pages were drawn.
        if (jobs.length === charts && done > charts - 1 && !pagesBeforeRelease) {
          pagesBeforeRelease = true;
          release();
        }
      },
    });
    expect(jobs).toHaveLength(charts);
    expect(pagesBeforeRelease).toBe(true);
    expect(result.pages).toBeGreaterThan(10);
  }, 120_000);

  it('refuses a chart image of another size than the one laid out', async () => {
    clearChartImageCache();
    const drawer = afterLayoutDrawer((job) => ({ ...job, width: job.width + 10 }));
    await expect(exportHandoutPdf(loadDefaultDeck(), OPTIONS, { chartDrawer: drawer })).rejects.toThrow(/not the \d+ × \d+ it was laid out with/);
  }, 60_000);
});
