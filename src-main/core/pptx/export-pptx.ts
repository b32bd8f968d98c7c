/**
 * Deck → PowerPoint (.pptx) with pptxgenjs, in plain Node: every slide an
 * editable slide in the deck's theme, charts as native PowerPoint charts with
 * their data, maps (which PowerPoint cannot chart) as a picture drawn by the
 * PDF's chart code with their figures in the speaker notes, talking points in the
 * speaker notes. Nothing is read or fetched: pictures come only from the deck's
 * data URLs, and the finished package is checked to hold no external link.
 */
import PptxGenJS from 'pptxgenjs';
import type { ExportOptions } from '../../../src-shared/api';
import type { Deck, Image } from '../../../src-shared/deck-schema';
import { ChartImages } from '../pdf/chart-image';
import { pdfTheme, withPdfTheme } from '../pdf/theme';
import { loadPicture, type PictureData } from './pptx-images';
import { finishPackage } from './pptx-package';
import { SlideWriter, type SlideAssets } from './pptx-slides';
import { resolvePptxTheme } from './pptx-theme';

export interface PptxHooks {
  /** Called as work is done; `total` is known from the start and does not change. */
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
}

export interface PptxResult {
  buffer: Buffer;
  /** Slides in the file (a long table continues on extra slides). */
  slides: number;
}

/** Exports `deck` (already valid) as a .pptx. Only `includeHidden` of the options applies. */
export async function exportPptx(fullDeck: Deck, options: Pick<ExportOptions, 'includeHidden'> = {}, hooks: PptxHooks = {}): Promise<PptxResult> {
  const { signal } = hooks;
  signal?.throwIfAborted();
  // Hidden slides are skipped when presenting; left out unless asked (then kept hidden in PowerPoint too).
  const deck = options.includeHidden ? fullDeck : { ...fullDeck, slides: fullDeck.slides.filter((s) => !s.hidden) };
  const theme = resolvePptxTheme(deck);

  const images = new Map<string, Image>();
  for (const slide of deck.slides) if (slide.image) images.set(slide.image.src, slide.image);
  const maps = deck.slides.filter((s) => s.layout === 'chart' && s.chart?.type === 'map');
  const total = images.size + (deck.theme?.logo ? 1 : 0) + maps.length + deck.slides.length + 1;
  let done = 0;
  const step = () => hooks.onProgress?.(++done, total);

  const pictures = new Map<string, PictureData | null>();
  for (const [src, image] of images) {
    signal?.throwIfAborted();
    pictures.set(src, await loadPicture(image));
    step();
  }
  let logo: PictureData | null = null;
  if (deck.theme?.logo) {
    logo = await loadPicture(deck.theme.logo);
    step();
  }

  // Maps: drawn by the same Node chart code as the PDF, at about the size they fill (points).
  const mapImages = new Map<string, string>();
  if (maps.length) {
    const drawer = new ChartImages();
    // Drawn with the deck's theme, as the PDF's maps are (a request takes the theme of the export in progress).
    const look = pdfTheme(deck.theme);
    const keys = withPdfTheme(look, () => maps.map((slide) => [slide.id, drawer.request(slide.chart!, theme.width * 72 * 0.9, theme.height * 72 * 0.6)] as const));
    await drawer.drawAll(step, signal);
    const drawn = drawer.images();
    for (const [id, key] of keys) if (drawn[key]) mapImages.set(id, drawn[key]);
  }
  const assets: SlideAssets = { pictures, maps: mapImages, logo };

  const pptx = new PptxGenJS();
  pptx.defineLayout({ name: 'BRIEFING', width: theme.width, height: theme.height });
  pptx.layout = 'BRIEFING';
  pptx.title = deck.meta.title;
  if (deck.meta.subtitle) pptx.subject = deck.meta.subtitle;
  if (deck.meta.author) pptx.author = deck.meta.author;
  pptx.company = '';
  pptx.theme = { headFontFace: theme.font, bodyFontFace: theme.font };
  const writer = new SlideWriter(pptx, deck, theme, assets);
  let slides = 0;
  for (const slide of deck.slides) {
    signal?.throwIfAborted();
    slides += writer.write(slide).length;
    step();
  }
  signal?.throwIfAborted();
  // Stored, not deflated: finishPackage re-packs it with native deflate anyway.
  const raw = (await pptx.write({ outputType: 'nodebuffer', compression: false })) as Buffer;
  const buffer = finishPackage(raw);
  step();
  return { buffer, slides };
}
