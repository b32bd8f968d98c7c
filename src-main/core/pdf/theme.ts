/**
 * The handout's look in one place: the deck's theme (src-shared/theme.ts, the same
 * object the screen draws with) as PDF colours, font and slide shape, plus page
 * sizes and the type scale of a slide. Slides are designed on a canvas 960 units
 * wide (540 high at 16:9, 720 at 4:3, as on screen) and drawn at whatever scale a
 * layout gives them, so a slide looks the same full page or as a thumbnail.
 *
 * One export draws with one theme. It is held in an AsyncLocalStorage for the
 * duration of that export (`withPdfTheme`), so every module that draws reads it
 * through `COLORS` and `SLIDE` without threading it through each function, and two
 * exports running at once in one process (the CLI's tests, the browser-mode host)
 * each keep their own.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Theme } from '../../../src-shared/deck-schema';
import { resolveTheme, type ResolvedTheme, type ThemeColors } from '../../../src-shared/theme';

/** A logo ready for pdfmake: a PNG or JPEG data URL and its natural size in pixels. */
export interface PdfLogo {
  dataUrl: string;
  width: number;
  height: number;
}

/** One export's theme. */
export interface PdfTheme {
  resolved: ResolvedTheme;
  colors: ThemeColors;
  /** The logo, when the deck has one pdfmake can draw (prepared by `pdf-logo.ts`). */
  logo?: PdfLogo;
}

/** The image key of the logo in the document's `images`. */
export const LOGO_IMAGE = 'logo';

/** A PDF theme for a deck's `theme` (the default theme when it has none). */
export function pdfTheme(theme: Theme | undefined, logo?: PdfLogo): PdfTheme {
  const resolved = resolveTheme(theme);
  return { resolved, colors: resolved.colors, ...(logo ? { logo } : {}) };
}

const DEFAULT_THEME = pdfTheme(undefined);
const current = new AsyncLocalStorage<PdfTheme>();

/** Runs `fn` (and everything it awaits) with `theme` as the handout's theme. */
export function withPdfTheme<T>(theme: PdfTheme, fn: () => T): T {
  return current.run(theme, fn);
}

/** The theme of the export in progress (the default theme outside one: unit tests of single parts). */
export function currentPdfTheme(): PdfTheme {
  return current.getStore() ?? DEFAULT_THEME;
}

const c = () => currentPdfTheme().colors;

/** The colours of the export in progress, by what they are for. */
export const COLORS = {
  /** Body text. */
  get ink() {
    return c().text;
  },
  /** Titles, stat values, the fill of section slides. */
  get primary() {
    return c().primary;
  },
  /** Column headings, bullet markers, headings of the handout's own pages. */
  get accent() {
    return c().accent;
  },
  get muted() {
    return c().muted;
  },
  get faint() {
    return c().faint;
  },
  get rule() {
    return c().rule;
  },
  get frame() {
    return c().frame;
  },
  get sectionFill() {
    return c().primary;
  },
  get sectionText() {
    return c().sectionText;
  },
  get sectionMuted() {
    return c().sectionMuted;
  },
  /** The slide background (gaps between stat cards are drawn in it). */
  get white() {
    return c().background;
  },
  get ruled() {
    return c().ruled;
  },
  get cardFill() {
    return c().cardFill;
  },
  get confidence() {
    return c().confidence;
  },
};

/** A4 in points. */
export const A4 = { width: 595.28, height: 841.89 } as const;
/** Paper sizes in points, portrait. */
export const PAPER = { a4: A4, letter: { width: 612, height: 792 } } as const;
/** The slides layout's page: the slide itself, 16:9 (13.33 × 7.5 in, PowerPoint's widescreen size). */
export const SLIDE_PAGE = { width: 960, height: 540 } as const;

/** The slide design canvas, in design units (scaled per layout). */
export const SLIDE = {
  width: 960,
  /** 540 at 16:9, 720 at 4:3: the deck's aspect, as on screen. */
  get height() {
    return Math.round(960 / currentPdfTheme().resolved.ratio);
  },
  /** Thickness of frame lines relative to the default theme (high contrast: 2). */
  get lineScale() {
    return currentPdfTheme().resolved.lineScale;
  },
  padX: 48,
  padTop: 34,
  padBottom: 18,
  gap: 10,
  title: 34,
  subtitle: 20,
  body: 22,
  bulletGap: 8,
  statValue: 44,
  statUnit: 20,
  statLabel: 16,
  columnHeading: 22,
  columnBody: 19,
  quote: 30,
  attribution: 18,
  caption: 14,
  source: 12,
  badge: 12,
  coverTitle: 48,
  coverSubtitle: 24,
  /** Smallest fit factor before content is cut (text then is 55% of its design size). */
  minFit: 0.55,
  lineHeight: 1.12,
};

/** Chart bitmaps are drawn at this many pixels per design unit (2x, crisp in print). */
export const CHART_PIXEL_RATIO = 2;
export const JPEG_QUALITY = 92;

/** Body text of notes and summaries under a slide, in points. */
export const NOTES_TEXT = { size: 10.5, heading: 11, lineHeight: 1.25 } as const;

/** The logo's size fitted into a box of `maxWidth` × `maxHeight` points, keeping its shape. */
export function fitLogo(logo: PdfLogo, maxWidth: number, maxHeight: number): { width: number; height: number } {
  const scale = Math.min(maxWidth / logo.width, maxHeight / logo.height);
  return { width: logo.width * scale, height: logo.height * scale };
}
