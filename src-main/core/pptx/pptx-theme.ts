/**
 * A deck's theme (deck.theme) resolved for PowerPoint: slide size, colours and font.
 * The values follow the screen's defaults (src-renderer/styles/global.css and
 * Slide.svelte); a deck's own primary, accent, palette, font and aspect win.
 * Colours are returned without '#', as pptxgenjs wants them.
 */
import { PALETTE } from '../../../src-shared/chart-config';
import type { Deck, Theme } from '../../../src-shared/deck-schema';

export interface PptxTheme {
  /** Slide size in inches. */
  width: number;
  height: number;
  aspect: '16:9' | '4:3';
  font: string;
  /** Accent bar, column headings, stat bars (the screen's --accent). */
  primary: string;
  /** Titles and the section slide's background (the screen's --ink). */
  ink: string;
  accent: string;
  body: string;
  muted: string;
  faint: string;
  background: string;
  /** Chart series colours, in order. */
  palette: string[];
  confidence: Record<'high' | 'moderate' | 'low', string>;
}

const FONT_NAMES: Record<NonNullable<Theme['font']>, string> = { 'noto-sans': 'Noto Sans', 'dejavu-sans': 'DejaVu Sans' };

const bare = (colour: string) => colour.replace(/^#/, '').toUpperCase();

/** The theme PowerPoint gets for `deck`. */
export function resolvePptxTheme(deck: Deck): PptxTheme {
  const theme: Theme = deck.theme ?? {};
  const highContrast = theme.base === 'high-contrast';
  const aspect = theme.aspect ?? '16:9';
  const primary = theme.primary ?? (highContrast ? '#000000' : PALETTE[0]);
  return {
    // PowerPoint's own sizes: Widescreen (13.333 × 7.5 in) and Standard (10 × 7.5 in).
    width: aspect === '4:3' ? 10 : 13.333,
    height: 7.5,
    aspect,
    font: FONT_NAMES[theme.font ?? 'noto-sans'],
    primary: bare(primary),
    ink: bare(highContrast ? '#000000' : (theme.primary ?? '#14304f')),
    accent: bare(theme.accent ?? (highContrast ? '#0b57d0' : PALETTE[1])),
    body: bare(highContrast ? '#000000' : '#1b1f24'),
    muted: bare(highContrast ? '#1a1a1a' : '#4a5360'),
    faint: bare(highContrast ? '#333333' : '#5d6673'),
    background: 'FFFFFF',
    palette: (theme.palette?.length ? theme.palette : [...PALETTE]).map(bare),
    confidence: highContrast ? { high: '005A1E', moderate: '6B4500', low: '8B0000' } : { high: '1D6B3A', moderate: '8A5A00', low: 'A12A2A' },
  };
}
