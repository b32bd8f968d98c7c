/**
 * The Export dialog's preview: the PDF built by the same code as the export
 * (`exportHandoutPdf`; in the app, in the warm export worker through
 * `ExportJobs.build`, which keeps it for an Export pressed next), nothing written,
 * and its first page (and the second, when the first is the cover) drawn to PNG by
 * pdf.js on @napi-rs/canvas, in Node.
 */
import type { ExportOptions, ExportPreview } from '../../../src-shared/api';
import type { Deck } from '../../../src-shared/deck-schema';
import { resolvePdfOptions } from '../../../src-shared/export-rules';
import { exportHandoutPdf, type PdfResult } from './export-pdf';
import { selectSlides } from './slide-selection';

/** Longest side of a preview image, in pixels (drawn at 2x for a ~360 px box). */
export const PREVIEW_MAX_PX = 720;
/** Above this many slides a preview builds only the first ones (the page count then comes with the export). */
export const PREVIEW_MAX_SLIDES = 60;
const PARTIAL_SLIDES = 12;

interface PdfJs {
  getDocument(src: {
    data: Uint8Array;
    isEvalSupported: boolean;
    disableFontFace: boolean;
    useSystemFonts: boolean;
    verbosity: number;
    stopAtErrors: boolean;
  }): {
    promise: Promise<PdfDocument>;
  };
}
interface PdfDocument {
  numPages: number;
  canvasFactory: { create(w: number, h: number): { canvas: NodeCanvas; context: unknown } };
  getPage(n: number): Promise<PdfPage>;
  destroy(): Promise<void>;
}
interface PdfPage {
  getViewport(o: { scale: number }): { width: number; height: number };
  render(o: { canvasContext: unknown; viewport: unknown; canvas: NodeCanvas }): { promise: Promise<void> };
}
interface NodeCanvas {
  toBuffer(mime: 'image/png'): Buffer;
}

let pdfjs: Promise<PdfJs> | undefined;
// A real dynamic import: pdf.js ships as ES modules only, and the main bundle is CommonJS.
const importEsm = (specifier: string): Promise<unknown> => import(/* @vite-ignore */ specifier);

/** Draws page `n` of `doc` as a PNG data URL, no side longer than PREVIEW_MAX_PX. */
async function drawPage(doc: PdfDocument, n: number): Promise<string> {
  const page = await doc.getPage(n);
  const unit = page.getViewport({ scale: 1 });
  const scale = PREVIEW_MAX_PX / Math.max(unit.width, unit.height);
  const viewport = page.getViewport({ scale });
  const { canvas, context } = doc.canvasFactory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  await page.render({ canvasContext: context, viewport, canvas }).promise;
  return `data:image/png;base64,${canvas.toBuffer('image/png').toString('base64')}`;
}

/** Makes the PDF of a deck in memory: `exportHandoutPdf` here, or the export jobs' warm worker. */
export type PdfBuilder = (deck: Deck, options: ExportOptions) => Promise<PdfResult>;

/** Builds the export of `deck` with `options` in memory (with `build`) and draws its first page (two when the first is the cover). */
export async function previewExport(deck: Deck, options: ExportOptions, build: PdfBuilder = (d, o) => exportHandoutPdf(d, o)): Promise<ExportPreview> {
  const resolved = resolvePdfOptions(options);
  const selection = selectSlides(deck, resolved); // a bad range is refused before any work
  const whole = selection.slides.length <= PREVIEW_MAX_SLIDES;
  // A very large deck: the range narrowed to its first slides, which is all the first two pages show.
  const narrowed: ExportOptions = whole ? options : { ...options, slides: selection.numbers.slice(0, PARTIAL_SLIDES).join(','), annex: false };
  const { buffer, pages } = await build(deck, narrowed);
  pdfjs ??= importEsm('pdfjs-dist/legacy/build/pdf.mjs') as Promise<PdfJs>;
  const lib = await pdfjs;
  const doc = await lib.getDocument({
    data: new Uint8Array(buffer),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    stopAtErrors: true,
  }).promise;
  try {
    const png = await drawPage(doc, 1);
    const page2 = resolved.cover && doc.numPages > 1 ? await drawPage(doc, 2) : undefined;
    return { png, ...(page2 ? { page2 } : {}), pages: whole ? pages : null };
  } finally {
    await doc.destroy();
  }
}
