/**
 * Scale: a 200-slide deck with a chart on every slide exports, with every slide
 * bookmarked, in reasonable time; progress climbs to its total; a chart used
 * twice is drawn once.
 */
import { describe, expect, it } from 'vitest';
import type { Deck } from '../../src-shared/deck-schema';
import { ChartImages, clearChartImageCache } from '../../src-main/core/pdf/chart-image';
import { exportHandoutPdf } from '../../src-main/core/pdf/export-pdf';
import { generatedDeck } from './pdf-fixtures';
import { pdfInfo, pdfOutline, popplerMissing, tempDir, writePdf } from './pdf-tools';

const missing = popplerMissing();

describe('a 200-slide deck with a chart on every slide', () => {
  it('exports every slide, bookmarked, with progress reaching its total', async () => {
    const deck = generatedDeck(200);
    clearChartImageCache();
    const progress: Array<[number, number]> = [];
    const started = performance.now();
    const { buffer, pages } = await exportHandoutPdf(deck, { layout: 'handout', notes: 'handout', annex: true, perPage: 1 }, { onProgress: (done, total) => progress.push([done, total]) });
    const seconds = (performance.now() - started) / 1000;
    console.info(`200-slide handout: ${pages} pages, ${(buffer.length / 1024 / 1024).toFixed(1)} MB in ${seconds.toFixed(1)} s (in-process, vitest)`);
    expect(pages).toBeGreaterThan(200);
    // Progress only moves forward and ends at its total, which never changes.
    const total = progress[0][1];
    expect(progress.every(([, t]) => t === total)).toBe(true);
    expect(progress.every(([d], i) => i === 0 || d >= progress[i - 1][0])).toBe(true);
    expect(progress.at(-1)).toEqual([total, total]);
    expect(total, 'one step per chart drawn, per slide laid out, and the file').toBe(200 + 200 + 1);
    if (missing) {
      console.warn(`outline check skipped: ${missing}`);
      return;
    }
    const work = tempDir();
    try {
      const file = writePdf(work.dir, 'large.pdf', buffer);
      expect(Number(pdfInfo(file).Pages)).toBe(pages);
      const outline = pdfOutline(file);
      expect(outline.length).toBe(201);
      expect(outline[199]).toEqual({ title: '200. Investment by country, scenario 200', page: 201 });
    } finally {
      work.cleanup();
    }
  }, 120_000);
});

describe('chart images', () => {
  it('draws a chart shown on two slides once, and reuses it in the next export', async () => {
    const base = generatedDeck(2);
    const twin: Deck = { ...base, slides: [base.slides[0], { ...base.slides[0], id: 'again' }] };
    clearChartImageCache();
    const first = new ChartImages();
    const a = first.request(twin.slides[0].chart!, 600, 300);
    const b = first.request(twin.slides[1].chart!, 600, 300);
    expect(a).toBe(b);
    await first.drawAll();
    expect(first.drawn).toBe(1);
    const second = new ChartImages();
    second.request(twin.slides[0].chart!, 600, 300);
    await second.drawAll();
    expect(second.drawn).toBe(0);
    expect(Object.values(second.images())[0]).toMatch(/^data:image\/jpeg;base64,/);
    // A different size is a different picture.
    const third = new ChartImages();
    expect(third.request(twin.slides[0].chart!, 400, 300)).not.toBe(a);
  });
});
