/**
 * Deck images → images pdfmake can embed: only data URLs (never a path or Buffer
 * for pdfmake to open), and only JPEG or PNG. A JPEG goes in as it is; PNG, WebP
 * and SVG are drawn on @napi-rs/canvas and encoded as PNG, so pdfkit never parses
 * a WebP or an SVG (an SVG is sanitised first anyway: image-svg.ts). An image
 * named by path must have been read by main first (`resolveDeckImages`): here a
 * path is refused, never opened. Each distinct image is prepared once per export.
 */
import { createHash } from 'node:crypto';
import type { Deck } from '../../src-shared/deck-schema';
import { deckImages } from '../../src-shared/image-check';
import { checkImageBytes, classifyImageSrc, decodeBase64, encodeBase64, IMAGE_TYPE_NAMES, imageSizeProblem, parseDataUrl, toDataUrl } from '../../src-shared/image-sniff';
import { sanitizeSvg } from './image-svg';
import type { Content } from './pdf/pdf-types';
import { textRuns } from './pdf/text-runs';

/** A deck image ready for the document: its key in pdfmake's `images`, and its pixel size (for the aspect). */
export type PdfPicture = { ok: true; key: string; width: number; height: number } | { ok: false; message: string };

/** Longest side an SVG is drawn at: sharp when printed at the slide's size. */
const SVG_PIXELS = 1600;

/** The images of one export, keyed by the deck's `src`. */
export class PdfPictures {
  private readonly bySrc = new Map<string, PdfPicture>();
  private readonly urls = new Map<string, string>();

  /** Prepares every image the deck shows (slide images and the theme's logo). */
  static async prepare(deck: Deck, signal?: AbortSignal): Promise<PdfPictures> {
    const pictures = new PdfPictures();
    for (const { image } of deckImages(deck)) {
      signal?.throwIfAborted();
      const src = typeof image.src === 'string' ? image.src : '';
      if (!pictures.bySrc.has(src)) pictures.bySrc.set(src, await pictures.load(src));
    }
    return pictures;
  }

  /** The picture for an image's `src` (or why it is left out); undefined when the deck has no such image. */
  get(src: string | undefined): PdfPicture | undefined {
    return src === undefined ? undefined : this.bySrc.get(src);
  }

  /** pdfmake's `images` dictionary: data URLs we made or checked. */
  images(): Record<string, string> {
    return Object.fromEntries(this.urls);
  }

  private async load(src: string): Promise<PdfPicture> {
    const where = classifyImageSrc(src);
    if (where.kind === 'refused') return { ok: false, message: where.message };
    if (where.kind === 'path') return { ok: false, message: `the image file "${src}" was not read for this export` };
    const parsed = parseDataUrl(src);
    if (!parsed.ok) return parsed;
    const tooBig = imageSizeProblem(parsed.bytes);
    if (tooBig) return { ok: false, message: tooBig };
    let bytes = decodeBase64(parsed.base64);
    const checked = checkImageBytes(bytes, bytes.length, parsed.declared || undefined);
    if (!checked.ok) return checked;
    const key = `image-${createHash('sha256').update(src).digest('hex').slice(0, 20)}`;
    try {
      const { loadImage, createCanvas } = await import('@napi-rs/canvas');
      if (checked.type === 'image/svg+xml') {
        const clean = await sanitizeSvg(new TextDecoder().decode(bytes));
        if (!clean.ok) return clean;
        bytes = new TextEncoder().encode(sizedSvg(clean.svg));
      }
      const img = await loadImage(Buffer.from(bytes));
      const width = img.width;
      const height = img.height;
      if (!width || !height) return { ok: false, message: `the ${IMAGE_TYPE_NAMES[checked.type]} image has no size` };
      if (checked.type === 'image/jpeg') {
        this.urls.set(key, toDataUrl('image/jpeg', parsed.base64));
      } else {
        const canvas = createCanvas(width, height);
        canvas.getContext('2d').drawImage(img, 0, 0, width, height);
        this.urls.set(key, toDataUrl('image/png', encodeBase64(await canvas.encode('png'))));
      }
      return { ok: true, key, width, height };
    } catch (err) {
      return { ok: false, message: `the ${IMAGE_TYPE_NAMES[checked.type]} image cannot be decoded (${err instanceof Error ? err.message : String(err)})` };
    }
  }
}

/**
 * Gives the root `<svg>` a pixel size from its own width/height or viewBox, with the
 * longest side SVG_PIXELS, so it is drawn sharp and in its own proportions (the
 * canvas would otherwise draw it at 300 × 150).
 */
export function sizedSvg(svg: string): string {
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open) return svg;
  const tag = open[0];
  const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  const num = (value: string | undefined) => (value && /^\s*[\d.]+(px)?\s*$/.test(value) ? Number.parseFloat(value) : undefined);
  const box = attr('viewBox')?.trim().split(/[\s,]+/).map(Number);
  let w = num(attr('width')) ?? (box && box.length === 4 ? box[2] : undefined);
  let h = num(attr('height')) ?? (box && box.length === 4 ? box[3] : undefined);
  if (!w || !h || !Number.isFinite(w) || !Number.isFinite(h)) {
    w = 400;
    h = 300;
  }
  const scale = SVG_PIXELS / Math.max(w, h);
  const sized = tag.replace(/\s(width|height)="[^"]*"/g, '').replace(/^<svg/, `<svg width="${Math.round(w * scale)}" height="${Math.round(h * scale)}"`);
  // Without a viewBox, the drawing keeps its user units: give it one so it scales with the size.
  const withBox = attr('viewBox') ? sized : sized.replace(/^<svg/, `<svg viewBox="0 0 ${w} ${h}"`);
  return withBox + svg.slice(tag.length);
}

/**
 * The images' alt text, listed in the annex: pdfmake cannot tag an image with /Alt,
 * so a reader (or a screen reader) finds each picture's description as text.
 */
export function imageDescriptions(deck: Deck, colours: { accent: string; muted: string }): Content[] {
  const items: Content[] = [];
  deck.slides.forEach((slide, i) => {
    if (!slide.image) return;
    const alt = slide.image.alt?.trim() || 'no description given';
    items.push({
      text: [{ text: `Slide ${i + 1}: `, bold: true }, { text: textRuns(slide.title) }, { text: ' — ' }, { text: textRuns(alt) }],
      margin: [0, 0, 0, 4],
    });
  });
  if (!items.length) return [];
  return [
    { text: 'Images', fontSize: 18, bold: true, color: colours.accent, margin: [0, 16, 0, 2] },
    { text: 'What each picture in the slides shows, as its alt text says.', fontSize: 9, color: colours.muted, margin: [0, 0, 0, 6] },
    { stack: items, fontSize: 10, lineHeight: 1.15 },
  ];
}
