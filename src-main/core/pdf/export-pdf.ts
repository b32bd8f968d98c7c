/**
 * Deck → PDF handout, in plain Node (no window): plan each slide, draw its chart
 * once, lay the document out with pdfmake and return the bytes. pdfmake may read
 * our bundled fonts and nothing else, and never fetches a URL; the only images
 * it gets are data URLs we drew.
 */
import { PDF_LAYOUTS, PDF_NOTES, PDF_PAPERS, PDF_PER_PAGE, type ExportOptions } from '../../../src-shared/api';
import { resolvePdfOptions, type ResolvedPdfOptions } from '../../../src-shared/export-rules';
import { MAX_RANGE_CHARS } from '../../../src-shared/slide-range';
import type { Deck } from '../../../src-shared/deck-schema';
import { createRequire } from 'node:module';
import { builtBeside, requireWithCodeCache } from './code-cache';
import { PdfPictures } from '../image-pdf';
import { startChartDrawer } from './chart-drawer';
import { ChartImages, inlineChartDrawer, type ChartDrawer } from './chart-image';
import { buildDocument } from './doc-builder';
import { isAllowedLocalFile, pdfFontDescriptors } from './fonts';
import type { DocDefinition } from './pdf-types';
import { declareLateImages, holdingProgress, installLateImages } from './late-images';
import { FontMeasureContext } from './font-measure';
import { drawLinesMerged } from './merged-lines';
import { preparePdfLogo } from './pdf-logo';
import { speedUpPdfmake } from './pdfmake-speedups';
import { planSlide } from './slide-frame';
import { selectSlides } from './slide-selection';
import { TextMeasurer } from './text-measure';
import { currentPdfTheme, LOGO_IMAGE, pdfTheme, withPdfTheme } from './theme';

export interface ExportHooks {
  /** Called as work is done; `total` is known after planning and does not change afterwards. */
  onProgress?(done: number, total: number): void;
  /** Aborts between steps (a worker is terminated instead for an immediate stop). */
  signal?: AbortSignal;
  /** The chart worker script; null draws charts on this thread. Default: build/chart-worker.cjs beside the bundle, if built. */
  chartWorker?: string | null;
  /**
   * A chart drawer the caller started early (`startChartDrawer`, before reading the deck), so
   * the worker loads while the deck is read. The export uses it and closes it when done.
   */
  chartDrawer?: ChartDrawer;
}

export interface PdfResult {
  buffer: Buffer;
  pages: number;
}

/**
 * Checks options coming from outside (CLI, IPC): a bad layout, notes kind, count per
 * page or paper is an error, not a default. Then applies the layout rules
 * (`export-rules.ts`): options that do not apply are dropped, absent ones take defaults.
 */
export function checkExportOptions(options: ExportOptions): ResolvedPdfOptions {
  if (!PDF_LAYOUTS.includes(options.layout)) throw new Error(`unknown layout "${String(options.layout)}" (expected ${PDF_LAYOUTS.join(', ')})`);
  if (!PDF_NOTES.includes(options.notes)) throw new Error(`unknown notes kind "${String(options.notes)}" (expected ${PDF_NOTES.join(', ')})`);
  if (options.perPage !== undefined && !PDF_PER_PAGE.includes(options.perPage)) throw new Error(`slides per page must be one of ${PDF_PER_PAGE.join(', ')}`);
  if (options.paper !== undefined && !PDF_PAPERS.includes(options.paper)) throw new Error(`paper must be one of ${PDF_PAPERS.join(', ')}`);
  if (options.slides !== undefined && (typeof options.slides !== 'string' || options.slides.length > MAX_RANGE_CHARS)) throw new Error('the slide range must be text like 2-5,8');
  return resolvePdfOptions(options);
}

let measurer: TextMeasurer | undefined;

/** Forgets the words measured for past exports; returns how many there were (a warm worker calls it after each job). */
export function forgetMeasuredText(): number {
  const count = measurer?.remembered ?? 0;
  measurer?.clear();
  return count;
}

/** What a chart still being drawn is in `doc.images` until its image arrives (a JPEG data URL with no data). */
const LATE_JPEG = 'data:image/jpeg;base64,';

/** Exports `deck` as a PDF handout. The deck must already be valid (`parseDeckText`/`validateDeck`). */
export async function exportHandoutPdf(fullDeck: Deck, rawOptions: ExportOptions, hooks: ExportHooks = {}): Promise<PdfResult> {
  try {
    const options = checkExportOptions(rawOptions);
    // Range, sections and hidden slides (left out unless asked, as when presenting) applied once here.
    const selection = selectSlides(fullDeck, options);
    const deck: Deck = { ...fullDeck, slides: selection.slides };
    hooks.signal?.throwIfAborted();
    // Everything below draws with the deck's theme: the same one the screen uses.
    const theme = pdfTheme(deck.theme, await preparePdfLogo(deck.theme));
    return await withPdfTheme(theme, () => exportThemed(fullDeck, deck, selection.numbers, options, hooks));
  } finally {
    // A drawer handed in is the export's to close, whatever happened (a live worker would keep the process up).
    hooks.chartDrawer?.close();
  }
}

async function exportThemed(fullDeck: Deck, deck: Deck, numbers: readonly number[], options: ResolvedPdfOptions, hooks: ExportHooks): Promise<PdfResult> {
  const { signal } = hooks;
  // Charts are drawn in a worker thread while this one plans, loads pdfmake and builds the
  // document (chart-drawer.ts). Started first, so it loads Chart.js while this thread plans.
  const maps = deck.slides.some((s) => s.chart?.type === 'map');
  const drawer = hooks.chartDrawer ?? (deck.slides.some((s) => s.chart) ? startChartDrawer({ maps, file: hooks.chartWorker }) : inlineChartDrawer());
  drawer.prepare(maps);
  // A cancel stops the worker at once; its pending charts then reject and the export ends.
  const stop = () => drawer.close();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    // Widths from the PDF's own fonts (font-measure.ts): no canvas on this thread.
    measurer ??= new TextMeasurer(new FontMeasureContext());
    const m = measurer;

    const charts = new ChartImages();
    // A worker gets each chart as its slide is planned (the progress counts it once the total is known).
    let onChartDrawn = () => {};
    charts.drawAsRequested(drawer, () => onChartDrawn());
    // Deck images: checked from their bytes, SVG sanitised, drawn to PNG unless JPEG; paths were read by main already.
    const pictures = await PdfPictures.prepare(deck, signal);
    const plans = deck.slides.map((slide) => planSlide(slide, deck, m, charts, pictures));
    const chartSteps = charts.pendingCount;
    const slideSteps = deck.slides.length;
    const total = chartSteps + slideSteps + 1;
    let done = 0;
    const report = (value: number) => {
      if (value > done) {
        done = Math.min(value, total);
        hooks.onProgress?.(done, total);
      }
    };
    hooks.onProgress?.(0, total);
    // Progress: the charts drawn, plus the share of the pages rendered.
    let rendered = 0;
    const progress = () => report(charts.drawn + Math.floor(rendered * slideSteps));
    progress();
    onChartDrawn = progress;
    // Posted now, awaited only when pdfmake needs the images.
    const drawing = charts.drawAll(progress, signal, drawer);
    // Awaited below; until then a failure must not count as an unhandled rejection.
    drawing.catch(() => undefined);

    // The charts still being drawn, with their sizes: pdfmake lays the pages out with these
    // while the worker draws, and embeds each image when its page is rendered (late-images.ts).
    const late = charts.pendingSizes();

    const pdfmake = preparePdfmake();
    let pages = 0;
    const logo = currentPdfTheme().logo;
    const doc = buildDocument({
      deck,
      numbers,
      deckCount: fullDeck.slides.length,
      options,
      plans,
      measurer: m,
      images: {},
      onPageCount: (n) => (pages = n),
    });
    const images: Record<string, string> = { ...charts.images(), ...pictures.images(), ...(logo ? { [LOGO_IMAGE]: logo.dataUrl } : {}) };
    for (const key of late.keys()) images[key] = LATE_JPEG;
    doc.images = images;
    declareLateImages(images, late);
    assertOnlyOurResources(doc);
    let contentChecked = false;
    const buffer = await renderPdf(
      pdfmake,
      doc,
      (fraction) => {
        rendered = fraction;
        progress();
      },
      // Each page is drawn once its own charts are: the first pages while the worker draws the last charts.
      async (keys) => {
        const waiting = keys.filter((key) => late.has(key));
        if (waiting.length) await charts.whenDrawn(waiting, drawing);
        signal?.throwIfAborted();
        // The same dictionary pdfmake holds: its stand-ins read the images from it as pages are drawn.
        Object.assign(images, charts.images());
        for (const key of waiting) if (images[key] === LATE_JPEG) throw new Error(`the chart ${key} was not drawn`);
        // The images changed (charts arrived); the content was checked before the layout, and
        // walked once more after it, before the first page: 18 walks of every word cost ~20 ms.
        if (contentChecked) assertOurImages(doc);
        else assertOnlyOurResources(doc);
        contentChecked = true;
      },
    );
    // Every chart was asked for by a page; a failure of any still ends the export.
    await drawing;
    signal?.throwIfAborted();
    report(total);
    return { buffer, pages };
  } finally {
    signal?.removeEventListener('abort', stop);
    drawer.close();
  }
}

type Pdfmake = (typeof import('pdfmake'))['default'];

interface PdfEngine {
  pdfmake: Pdfmake;
  Renderer: Parameters<typeof drawLinesMerged>[0] & Parameters<typeof installLateImages>[1];
  PDFDocument: Parameters<typeof installLateImages>[0];
  StyleContextStack: Parameters<typeof speedUpPdfmake>[0];
  TextInlines: Parameters<typeof speedUpPdfmake>[1];
  version: string;
}

/**
 * pdfmake and the two classes we extend: from build/pdf-engine.cjs beside this bundle (one
 * file, loaded with a V8 code cache: code-cache.ts) when built, else from node_modules
 * (vitest and tsx run the sources). Both are the same code.
 */
function loadPdfEngine(): PdfEngine {
  const bundled = builtBeside(import.meta.url, 'pdf-engine.cjs');
  if (bundled) {
    try {
      return requireWithCodeCache(bundled) as PdfEngine;
    } catch {
      // A bundle that cannot be read here (e.g. a thread without asar support): node_modules has the same code.
    }
  }
  const load = createRequire(import.meta.url);
  return {
    pdfmake: load('pdfmake') as Pdfmake,
    Renderer: (load('pdfmake/js/Renderer') as { default: PdfEngine['Renderer'] }).default,
    PDFDocument: (load('pdfmake/js/PDFDocument') as { default: PdfEngine['PDFDocument'] }).default,
    StyleContextStack: (load('pdfmake/js/StyleContextStack') as { default: PdfEngine['StyleContextStack'] }).default,
    TextInlines: (load('pdfmake/js/TextInlines') as { default: PdfEngine['TextInlines'] }).default,
    version: (load('pdfmake/package.json') as { version: string }).version,
  };
}

let pdfmakeModule: Pdfmake | undefined;

/**
 * pdfmake, loaded on first use with `require` (an `import()` of this CommonJS package
 * would also run Node's export scanner over it), with its policies and our fonts set.
 */
function preparePdfmake(): Pdfmake {
  if (!pdfmakeModule) {
    const engine = loadPdfEngine();
    drawLinesMerged(engine.Renderer);
    installLateImages(engine.PDFDocument, engine.Renderer);
    speedUpPdfmake(engine.StyleContextStack, engine.TextInlines, engine.version);
    pdfmakeModule = engine.pdfmake;
  }
  const pdfmake = pdfmakeModule;
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(isAllowedLocalFile);
  pdfmake.setFonts(pdfFontDescriptors(pdfmake.virtualfs, currentPdfTheme().resolved.font));
  return pdfmake;
}

/**
 * Lays `doc` out, then draws the pages one by one, each once `beforePage` (its chart images) resolves, and
 * returns the file. pdfmake lays out in a microtask after `createPdf`, so the layout runs
 * as soon as this thread is free, whatever the charts are doing meanwhile.
 */
async function renderPdf(pdfmake: Pdfmake, doc: DocDefinition, onFraction: (fraction: number) => void, beforePage: (imageKeys: readonly string[]) => Promise<void>): Promise<Buffer> {
  // pdfmake reads the callback when the document is created, so concurrent exports keep their own.
  const hold = holdingProgress(onFraction);
  pdfmake.setProgressCallback(hold.callback);
  const output = pdfmake.createPdf(doc);
  pdfmake.setProgressCallback(undefined);
  // Resolves once the layout is done; the rendering is held until released.
  await output.getStream();
  await hold.releaseByPage(beforePage);
  return output.getBuffer();
}

/**
 * Defence in depth: every image node names one of our data-URL images, and no
 * node type that reads files (svg, attachment) is present, whatever the deck said.
 */
function assertOnlyOurResources(doc: DocDefinition): void {
  assertOurImages(doc);
  const stack: unknown[] = [doc.content];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const child of node) stack.push(child);
    } else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if ('svg' in record || 'attachment' in record || 'files' in record) throw new Error('refusing a document node that reads files');
      if ('image' in record && !(typeof record.image === 'string' && record.image in doc.images)) throw new Error('refusing an image that is not one we drew');
      for (const key of ['stack', 'columns', 'ul', 'text', 'table', 'body']) if (key in record) stack.push(record[key]);
    }
  }
}

/** Every entry of the document's image dictionary is one of our data-URL images. */
function assertOurImages(doc: DocDefinition): void {
  for (const [key, url] of Object.entries(doc.images)) {
    const chart = /^chart-[0-9a-f]+$/.test(key) && url.startsWith('data:image/jpeg;base64,');
    const picture = /^image-[0-9a-f]+$/.test(key) && /^data:image\/(jpeg|png);base64,/.test(url);
    // The logo: bytes checked and, unless PNG or JPEG already, re-encoded by pdf-logo.ts.
    const logo = key === LOGO_IMAGE && /^data:image\/(png|jpeg);base64,/.test(url);
    if (!chart && !picture && !logo) throw new Error(`refusing image "${key}": not one we drew`);
  }
}
