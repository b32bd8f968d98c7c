/**
 * Lets pdfmake lay a document out before its chart images exist, and draw it once they do.
 *
 * pdfmake lays out every page, then renders them, in one synchronous step, and it opens
 * (and embeds) each image while measuring. Of an image, the layout needs only its size in
 * pixels, which we know before the chart is drawn (its design size × the pixel ratio). So
 * the export hands pdfmake a stand-in for each chart still being drawn in the worker: it
 * answers the layout with that size, and embeds the real JPEG when the first page showing
 * it is rendered. Rendering is held after the layout and released page by page as each
 * page's images arrive (`holdingProgress`): the layout (a third of an export) runs while
 * the charts are drawn, and so do the first pages.
 *
 * The PDF shows the same thing; only the order of objects in the file changes (a chart's
 * image object is written when it is first drawn rather than when it is first measured).
 */

/** A chart image still being drawn: its size in pixels (it is keyed by its name in `doc.images`). */
export interface LateImage {
  width: number;
  height: number;
}

/** The parts of pdfkit's image object that pdfkit and pdfmake read. */
interface PdfkitImage {
  width: number;
  height: number;
  label?: string;
  obj?: unknown;
  orientation?: number;
  embed(doc: PdfkitDocument): void;
}

interface PdfkitDocument {
  images: Record<string, string>;
  _imageRegistry: Record<string, PdfkitImage | undefined>;
  openImage(src: Buffer): PdfkitImage;
}

interface PdfDocumentClass {
  prototype: { provideImage(this: PdfkitDocument, src: string): PdfkitImage; __briefingLateImages?: boolean };
}

interface RendererClass {
  prototype: { renderPages(this: { progressCallback?: unknown }, pages: unknown[]): void; __briefingHeldRender?: boolean };
}

/** Late images per document, keyed by its `images` dictionary (pdfmake's PDFDocument keeps that very object). */
const lateByImages = new WeakMap<object, ReadonlyMap<string, LateImage>>();

const HOLD = Symbol('briefing.holdRender');

/** What `renderPages` left for later: the renderer and its pages. */
interface Hold {
  held?: { renderer: object; pages: unknown[] };
}

type HoldingCallback = ((fraction: number) => void) & { [HOLD]?: Hold };

let renderPages: RendererClass['prototype']['renderPages'] | undefined;

/**
 * Teaches pdfmake's classes (once per process) to take late images and to hold rendering.
 * Documents without late images and callers that do not hold behave exactly as before.
 */
export function installLateImages(PdfDocument: PdfDocumentClass, Renderer: RendererClass): void {
  const doc = PdfDocument.prototype;
  if (!doc.__briefingLateImages) {
    const provideImage = doc.provideImage;
    doc.provideImage = function (this: PdfkitDocument, src: string) {
      const late = lateByImages.get(this.images)?.get(src);
      if (!late) return provideImage.call(this, src);
      return (this._imageRegistry[src] ??= standIn(src, late));
    };
    doc.__briefingLateImages = true;
  }
  const renderer = Renderer.prototype;
  if (!renderer.__briefingHeldRender) {
    const original = renderer.renderPages;
    renderPages = original;
    renderer.renderPages = function (this: { progressCallback?: unknown }, pages: unknown[]) {
      const hold = (this.progressCallback as HoldingCallback | undefined)?.[HOLD];
      if (hold && !hold.held) {
        hold.held = { renderer: this, pages };
        return;
      }
      return original.call(this, pages);
    };
    renderer.__briefingHeldRender = true;
  }
}

/** Registers `late` as images of the document whose `images` dictionary is `images`. */
export function declareLateImages(images: Record<string, string>, late: ReadonlyMap<string, LateImage>): void {
  if (late.size) lateByImages.set(images, late);
}

/**
 * A stand-in with the image's size: pdfmake measures it, and pdfkit embeds it when it is
 * first drawn (`doc.image` embeds an image that has no `obj` yet), from the data URL the
 * document's `images` holds by then.
 */
function standIn(key: string, size: LateImage): PdfkitImage {
  const image: PdfkitImage = {
    width: size.width,
    height: size.height,
    embed(doc: PdfkitDocument) {
      const url = doc.images[key];
      const comma = url?.indexOf('base64,') ?? -1;
      if (!url || comma < 0 || url.length <= comma + 7) throw new Error(`the chart image ${key} was not ready when the page was drawn`);
      const real = doc.openImage(Buffer.from(url.slice(comma + 7), 'base64'));
      // The layout used the announced size: a different one would misplace the page.
      if (real.width !== size.width || real.height !== size.height) {
        throw new Error(`the chart image ${key} is ${real.width} × ${real.height} px, not the ${size.width} × ${size.height} it was laid out with`);
      }
      real.embed(doc);
      image.obj = real.obj;
      image.label = real.label;
      image.orientation = real.orientation;
    },
  };
  return image;
}

/** A laid-out page as pdfmake holds it: its items, images among them (by key). */
interface HeldPage {
  items: Array<{ type: string; item: { image?: unknown } }>;
}

/** The keys of the images a page draws. */
function imageKeys(page: HeldPage): string[] {
  return page.items.flatMap((entry) => (entry.type === 'image' && typeof entry.item.image === 'string' ? [entry.item.image] : []));
}

/**
 * A progress callback that makes pdfmake stop after the layout; `releaseByPage` then renders
 * page after page, each once `beforePage` (given the keys of the images on it) has resolved:
 * the first pages are drawn while the last charts are still being drawn, with the same calls
 * in the same order as one uninterrupted rendering.
 */
export function holdingProgress(onFraction: (fraction: number) => void): {
  callback: (fraction: number) => void;
  releaseByPage(beforePage: (imageKeys: readonly string[]) => Promise<void>): Promise<void>;
} {
  const hold: Hold = {};
  const callback: HoldingCallback = (fraction: number) => onFraction(fraction);
  callback[HOLD] = hold;
  return {
    callback,
    async releaseByPage(beforePage) {
      const held = hold.held;
      const render = renderPages;
      if (!held || !render) throw new Error('pdfmake did not lay the document out');
      const pages = held.pages as HeldPage[];
      const renderer = held.renderer as { progressCallback?: (fraction: number) => void };
      const outer = renderer.progressCallback;
      const total = Math.max(1, pages.reduce((n, page) => n + page.items.length, 0));
      let drawnItems = 0;
      try {
        for (const page of pages) {
          await beforePage(imageKeys(page));
          const base = drawnItems;
          const count = page.items.length;
          // pdfmake reports the share of the pages it was given: scaled to the whole document.
          renderer.progressCallback = outer && ((fraction: number) => outer((base + fraction * count) / total));
          render.call(renderer, [page]);
          drawnItems += count;
        }
      } finally {
        renderer.progressCallback = outer;
      }
    },
  };
}
