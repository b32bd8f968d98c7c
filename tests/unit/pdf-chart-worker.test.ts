/**
 * Charts drawn in a worker thread (chart-drawer.ts, chart-worker.ts): the worker is
 * bundled here from the sources as `npm run build` bundles it, so the test never runs
 * a stale build. It must give exactly the images this thread draws, keep progress and
 * cancel working, and a worker that cannot run must leave the export to this thread.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deck } from '../../src-shared/deck-schema';
import { startChartDrawer } from '../../src-main/core/pdf/chart-drawer';
import { ChartImages, clearChartImageCache } from '../../src-main/core/pdf/chart-image';
import { exportHandoutPdf } from '../../src-main/core/pdf/export-pdf';
import { withPdfTheme, pdfTheme } from '../../src-main/core/pdf/theme';
import { generatedDeck, loadDefaultDeck, ROOT } from './pdf-fixtures';
import { pdfText, popplerMissing, tempDir, writePdf } from './pdf-tools';

let work: ReturnType<typeof tempDir>;
let workerFile: string;
let bundleDir: string | undefined;

beforeAll(async () => {
  work = tempDir();
  // Inside the repo (tmp/ is git-ignored), so the bundle finds node_modules as build/ does.
  mkdirSync(path.join(ROOT, 'tmp'), { recursive: true });
  bundleDir = mkdtempSync(path.join(ROOT, 'tmp', 'chart-worker-test-'));
  workerFile = path.join(bundleDir, 'chart-worker.cjs');
  // The same options as scripts/build-main.mjs: a CommonJS bundle, packages from node_modules.
  await build({
    entryPoints: [path.join(ROOT, 'src-main/core/pdf/chart-worker.ts')],
    outfile: workerFile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
    define: { 'import.meta.url': '__bundleFileUrl' },
    banner: { js: "const __bundleFileUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
}, 60_000);

afterAll(() => {
  work?.cleanup();
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
});

/** Every chart of `deck` (maps included) drawn by `drawer`, as key → data URL. */
async function drawDeckCharts(deck: Deck, file: string | null, threaded = file !== null): Promise<Record<string, string>> {
  clearChartImageCache();
  return withPdfTheme(pdfTheme(deck.theme), async () => {
    const charts = new ChartImages();
    for (const slide of deck.slides) if (slide.chart) charts.request(slide.chart, 600, 320);
    const drawer = startChartDrawer({ maps: charts.pendingMap, file });
    try {
      let drawn = 0;
      await charts.drawAll(() => drawn++, undefined, drawer);
      expect(drawn).toBe(charts.drawn);
      expect(drawer.threaded, threaded ? 'drawn in the worker' : 'drawn on this thread').toBe(threaded);
      return charts.images();
    } finally {
      drawer.close();
    }
  });
}

describe('charts drawn in a worker thread', () => {
  it('gives exactly the JPEG images this thread draws, map included', async () => {
    const deck = loadDefaultDeck();
    expect(deck.slides.some((s) => s.chart?.type === 'map'), 'the default briefing has a map').toBe(true);
    const here = await drawDeckCharts(deck, null);
    const there = await drawDeckCharts(deck, workerFile);
    expect(Object.keys(here).length).toBe(deck.slides.filter((s) => s.chart).length);
    expect(Object.keys(there).sort()).toEqual(Object.keys(here).sort());
    for (const [key, url] of Object.entries(here)) {
      expect(url.startsWith('data:image/jpeg;base64,')).toBe(true);
      expect(there[key], key).toBe(url);
    }
  }, 60_000);

  it('draws the same images from the bundled chart engine, and leaves its code cache when it finishes', async () => {
    // A second copy of the worker beside a chart engine bundled as `npm run build` bundles it.
    const engineDir = mkdtempSync(path.join(ROOT, 'tmp', 'chart-engine-test-'));
    try {
      const worker = path.join(engineDir, 'chart-worker.cjs');
      copyFileSync(workerFile, worker);
      await build({
        entryPoints: [path.join(ROOT, 'src-main/core/pdf/chart-engine-entry.cjs')],
        outfile: path.join(engineDir, 'chart-engine.cjs'),
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        logLevel: 'warning',
      });
      const deck = loadDefaultDeck();
      const here = await drawDeckCharts(deck, null);
      const there = await drawDeckCharts(deck, worker);
      expect(there).toEqual(here);
      // close() asked the worker to finish: it wrote the engine's code cache for the next export, then ended.
      const cacheDir = path.join(engineDir, '.code-cache');
      await expect.poll(() => (existsSync(cacheDir) ? readdirSync(cacheDir) : []), { timeout: 10_000 }).toEqual([expect.stringMatching(/^chart-engine\.cjs-.*\.v8cache$/)]);
    } finally {
      rmSync(engineDir, { recursive: true, force: true });
    }
  }, 60_000);

  it("draws a themed map (high contrast, the deck's own first colour) as this thread does, and not as the default", async () => {
    const deck = loadDefaultDeck();
    const mapOnly = { ...deck, slides: deck.slides.filter((s) => s.chart?.type === 'map') };
    const plain = await drawDeckCharts(mapOnly, null);
    const themed = { ...mapOnly, theme: { base: 'high-contrast' as const, palette: ['#8b1e3f'] } };
    const here = await drawDeckCharts(themed, null);
    const there = await drawDeckCharts(themed, workerFile);
    expect(Object.keys(there)).toEqual(Object.keys(here));
    expect(Object.values(there)).toEqual(Object.values(here));
    // A themed map is its own image: another cache key and other pixels.
    expect(Object.keys(here)).not.toEqual(Object.keys(plain));
    expect(Object.values(here)).not.toEqual(Object.values(plain));
  }, 60_000);

  it('exports the same PDF pages and text through the worker, with progress to its total', async () => {
    const deck = generatedDeck(8);
    const options = { layout: 'handout', notes: 'handout', annex: true } as const;
    clearChartImageCache();
    const inline = await exportHandoutPdf(deck, options, { chartWorker: null });
    clearChartImageCache();
    const progress: Array<[number, number]> = [];
    const viaWorker = await exportHandoutPdf(deck, options, { chartWorker: workerFile, onProgress: (d, t) => progress.push([d, t]) });
    expect(viaWorker.pages).toBe(inline.pages);
    expect(progress.at(-1)).toEqual([8 + 8 + 1, 8 + 8 + 1]);
    expect(progress.every(([d], i) => i === 0 || d >= progress[i - 1][0])).toBe(true);
    const missing = popplerMissing();
    if (missing) {
      console.warn(`text comparison skipped: ${missing}`);
      return;
    }
    const a = pdfText(writePdf(work.dir, 'inline.pdf', inline.buffer));
    const b = pdfText(writePdf(work.dir, 'worker.pdf', viaWorker.buffer));
    expect(b).toBe(a);
  }, 120_000);

  it('draws on this thread when the worker dies, and when its file is missing', async () => {
    const deck = generatedDeck(3);
    const here = await drawDeckCharts(deck, null);
    const dying = path.join(work.dir, 'dying-worker.cjs');
    writeFileSync(dying, "throw new Error('this worker cannot start');\n");
    const fromDying = await drawDeckCharts(deck, dying, false);
    expect(fromDying).toEqual(here);
    const fromMissing = await drawDeckCharts(deck, path.join(work.dir, 'no-such-worker.cjs'), false);
    expect(fromMissing).toEqual(here);
  }, 60_000);

  it('refuses a reply that is not one of our JPEG images', async () => {
    const liar = path.join(work.dir, 'lying-worker.cjs');
    writeFileSync(
      liar,
      "const { parentPort } = require('node:worker_threads');\n" +
        "parentPort.on('message', (m) => parentPort.postMessage({ type: 'drawn', key: m.job.key, url: 'data:image/svg+xml;base64,PHN2Zy8+' }));\n",
    );
    await expect(drawDeckCharts(generatedDeck(1), liar)).rejects.toThrow(/not a chart image/);
  }, 60_000);

  it('stops the worker on cancel: the export rejects as aborted', async () => {
    const deck = generatedDeck(30);
    clearChartImageCache();
    const controller = new AbortController();
    const running = exportHandoutPdf(deck, { layout: 'handout', notes: 'handout', annex: true }, {
      chartWorker: workerFile,
      signal: controller.signal,
      onProgress: (done) => {
        if (done >= 1) controller.abort();
      },
    });
    await expect(running).rejects.toThrow(/abort|closed/i);
  }, 60_000);
});
