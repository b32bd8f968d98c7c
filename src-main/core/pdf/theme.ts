/**
 * The handout's look in one place: colours, page sizes and the type scale of a
 * slide. Slides are designed on a 960 × 540 canvas (the screen's 16:9) and drawn
 * at whatever scale a layout gives them, so a slide looks the same full page or
 * as a three-up thumbnail.
 */
import { PALETTE } from '../../../src-shared/chart-config';

export const COLORS = {
  ink: '#1a1a1a',
  muted: '#5a5a5a',
  faint: '#8a8a8a',
  rule: '#c9d1d9',
  frame: '#b8c2cc',
  accent: PALETTE[0],
  sectionFill: PALETTE[0],
  white: '#ffffff',
  ruled: '#d5d9de',
  confidence: { high: '#2e7d32', moderate: '#a86d00', low: '#b23b36' },
} as const;

/** A4 in points. */
export const A4 = { width: 595.28, height: 841.89 } as const;
/** Paper sizes in points, portrait. */
export const PAPER = { a4: A4, letter: { width: 612, height: 792 } } as const;
/** The slides layout's page: the slide itself, 16:9 (13.33 × 7.5 in, PowerPoint's widescreen size). */
export const SLIDE_PAGE = { width: 960, height: 540 } as const;

/** The slide design canvas, in design units (scaled per layout). */
export const SLIDE = {
  width: 960,
  height: 540,
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
} as const;

/** Chart bitmaps are drawn at this many pixels per design unit (2x, crisp in print). */
export const CHART_PIXEL_RATIO = 2;
export const JPEG_QUALITY = 92;

/** Body text of notes and summaries under a slide, in points. */
export const NOTES_TEXT = { size: 10.5, heading: 11, lineHeight: 1.25 } as const;
