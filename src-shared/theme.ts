/**
 * A deck's look, resolved once and used by every writer: the screen (CSS custom
 * properties at the slide root), the PDF (src-main/core/pdf/theme.ts) and the PPTX.
 * A deck names a built-in base and may override colours, the chart palette, the
 * font, the aspect and a logo; `resolveTheme` fills in the rest. Also the contrast
 * rules `briefing check` applies to a deck's own colours (the logo's alt text is an
 * image rule, checked with every deck image in image-check.ts). Pure: no DOM, no Node.
 */
import { AA_LARGE, AA_TEXT, contrastRatio, formatRatio, parseHex } from './contrast';
import type { Image, Theme, ThemeBase } from './deck-schema';

export type ThemeFont = 'noto-sans' | 'dejavu-sans';
export type Aspect = '16:9' | '4:3';

/** Every colour a slide is drawn with. All `#rrggbb`. */
export interface ThemeColors {
  /** The slide's background. */
  background: string;
  /** Body text: bullets, quotes, table cells. */
  text: string;
  /** Titles and stat values; also the fill of section slides. */
  primary: string;
  /** Rules, column headings, quote bars, bullet markers. */
  accent: string;
  /** Subtitles, captions, stat labels. */
  muted: string;
  /** Source lines and footers (the least important text, still readable). */
  faint: string;
  /** Lines between table rows and under headings. */
  rule: string;
  /** The frame round a slide in the PDF. */
  frame: string;
  /** Ruled note-taking lines in the PDF. */
  ruled: string;
  /** Fill of stat cards in the PDF. */
  cardFill: string;
  /** Section slides: text on the primary colour, its secondary text and its top rule. */
  sectionText: string;
  sectionMuted: string;
  sectionRule: string;
  confidence: { high: string; moderate: string; low: string };
  /** Chart ticks and legend, grid lines, axis titles. */
  chartText: string;
  chartGrid: string;
  chartAxisTitle: string;
}

/**
 * How a map chart (src-shared/map-chart.ts) is drawn. All `#rrggbb`. The shade scale
 * runs from `low` (the smallest value) to `high` (the largest: the palette's first colour).
 */
export interface MapColors {
  /** The lightest shade: a tint of `high`. */
  low: string;
  /** The darkest shade: the theme's (or the deck's) first chart colour. */
  high: string;
  /** Borders of the named countries, the legend's scale bar and its "no figure reported" box. */
  outline: string;
  /** A named country without a figure: this fill crossed by `hatch` lines, so it never reads as the lowest shade. */
  noFigure: string;
  hatch: string;
  /** The neighbours drawn for context around the named countries. */
  contextFill: string;
  contextBorder: string;
  /** Country names, figures and the legend's text. */
  ink: string;
  /** The halo drawn round label text so it reads on any shade, and its opacity (0–1). */
  halo: string;
  haloAlpha: number;
}

/** The theme every writer draws with. */
export interface ResolvedTheme {
  base: ThemeBase;
  colors: ThemeColors;
  /** Chart series (or slices), in order; at least one colour. */
  palette: readonly string[];
  font: ThemeFont;
  /** The CSS font-family list of `font` (the canvas family name comes first). */
  fontFamily: string;
  aspect: Aspect;
  /** Width ÷ height of a slide. */
  ratio: number;
  /** Thickness of rules and bars relative to the default look (high contrast draws them thicker). */
  lineScale: number;
  /** Map charts: shade scale, outlines, context and label colours. */
  map: MapColors;
  logo?: Image;
}

/** The font families a theme may name, as CSS lists; the first name is the one registered from assets/fonts. */
export const FONT_FAMILIES: Record<ThemeFont, string> = {
  'noto-sans': "'Briefing Sans', 'Noto Sans', 'DejaVu Sans', sans-serif",
  'dejavu-sans': "'Briefing DejaVu', 'DejaVu Sans', 'Briefing Sans', sans-serif",
};

/** Names shown in the app for each choice. */
export const THEME_NAMES: Record<ThemeBase, string> = { default: 'Default', 'high-contrast': 'High contrast' };
export const FONT_NAMES: Record<ThemeFont, string> = { 'noto-sans': 'Noto Sans', 'dejavu-sans': 'DejaVu Sans' };

const ASPECT_RATIOS: Record<Aspect, number> = { '16:9': 16 / 9, '4:3': 4 / 3 };

/** The current look: the values the slides and the handout were drawn with before themes existed. */
const DEFAULT_COLORS: ThemeColors = {
  background: '#ffffff',
  text: '#1b1f24',
  primary: '#14304f',
  accent: '#1f4e79',
  muted: '#4a5360',
  faint: '#5d6673',
  rule: '#c9d1d9',
  frame: '#b8c2cc',
  ruled: '#d5d9de',
  cardFill: '#f1f4f8',
  sectionText: '#ffffff',
  sectionMuted: '#c9d6e6',
  sectionRule: '#5b9bd5',
  confidence: { high: '#1d6b3a', moderate: '#8a5a00', low: '#a12a2a' },
  chartText: '#333333',
  chartGrid: '#e3e3e3',
  chartAxisTitle: '#555555',
};

/**
 * Restrained palette, readable in colour and in greyscale print (dark to light). Every
 * colour at least 3:1 against the white slide (WCAG AA for graphics, as a deck's own
 * palette is checked): the amber and the light blue were #e0a526 (2.19:1) and #5b9bd5 (2.96:1).
 */
const DEFAULT_PALETTE = ['#1f4e79', '#c0504d', '#4f9d69', '#b8860b', '#7a5c99', '#4f8fcc', '#8c8c8c', '#2e8b8b'] as const;

/**
 * For bright meeting rooms and readers with low vision: near-black on white, every
 * text at least 7:1 (AAA), no grey text, section slides white on black with a yellow
 * rule, thick lines, and a palette whose every colour is at least 3:1 against white
 * and whose neighbours differ in lightness as well as hue (tests/unit/theme.test.ts).
 */
const HIGH_CONTRAST_COLORS: ThemeColors = {
  background: '#ffffff',
  text: '#000000',
  primary: '#000000',
  accent: '#003d99',
  muted: '#1a1a1a',
  faint: '#262626',
  rule: '#000000',
  frame: '#000000',
  ruled: '#595959',
  cardFill: '#ffffff',
  sectionText: '#ffffff',
  sectionMuted: '#ffffff',
  sectionRule: '#ffd500',
  confidence: { high: '#00501c', moderate: '#5c3b00', low: '#8b0000' },
  chartText: '#000000',
  chartGrid: '#595959',
  chartAxisTitle: '#000000',
};

/** Okabe–Ito hues, darkened to at least 3:1 on white, alternating dark and light so neighbours never blur. */
const HIGH_CONTRAST_PALETTE = ['#003d99', '#c25700', '#000000', '#00704a', '#5c2d91', '#0072b2', '#9c1f6e', '#767676'] as const;

/** The map as it was drawn before themes reached it: a light blue to the palette's navy, grey context, light hatching. */
const DEFAULT_MAP: MapColors = {
  low: '#d6e4f0',
  high: DEFAULT_PALETTE[0],
  outline: '#2b2b2b',
  noFigure: '#ffffff',
  hatch: '#b9b9b9',
  contextFill: '#eeeeee',
  contextBorder: '#c4c4c4',
  // Darker than the axis text (chartText): labels sit on shaded land, behind a translucent halo.
  ink: DEFAULT_COLORS.text,
  halo: '#ffffff',
  haloAlpha: 0.9,
};

/**
 * High contrast: black outlines (drawn thicker by lineScale), black text on an opaque
 * white halo (21:1 on any shade), a dark hatch at least 3:1 against both the white
 * "no figure" fill and the lightest shade, and context land that stays quiet but visible.
 */
const HIGH_CONTRAST_MAP: MapColors = {
  low: '#dbe7f7',
  high: HIGH_CONTRAST_PALETTE[0],
  outline: '#000000',
  noFigure: '#ffffff',
  hatch: '#4d4d4d',
  contextFill: '#e6e6e6',
  contextBorder: '#767676',
  ink: HIGH_CONTRAST_COLORS.chartText,
  halo: '#ffffff',
  haloAlpha: 1,
};

interface BaseTheme {
  colors: ThemeColors;
  palette: readonly string[];
  lineScale: number;
  map: MapColors;
}

/** The two built-in themes. */
export const BASE_THEMES: Record<ThemeBase, BaseTheme> = {
  default: { colors: DEFAULT_COLORS, palette: DEFAULT_PALETTE, lineScale: 1, map: DEFAULT_MAP },
  'high-contrast': { colors: HIGH_CONTRAST_COLORS, palette: HIGH_CONTRAST_PALETTE, lineScale: 2, map: HIGH_CONTRAST_MAP },
};

/** How much of the top colour the lightest map shade keeps when a deck brings its own palette. */
const MAP_TINT = 0.16;

/** `colour` blended toward white: `share` of the colour is kept (0 = white, 1 = the colour). */
export function tint(colour: string, share: number): string {
  const rgb = parseHex(colour) ?? [0, 0, 0];
  const k = Math.max(0, Math.min(1, share));
  return `#${rgb.map((v) => Math.round(255 + (v - 255) * k).toString(16).padStart(2, '0')).join('')}`;
}

/** The default palette; charts drawn without a deck (tests, samples) use it. */
export const PALETTE = DEFAULT_PALETTE;

const isColour = (value: unknown): value is string => typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value);
const lower = (value: string) => value.toLowerCase();

/**
 * A deck's `theme` (or none) → the theme every writer draws with. Tolerates a
 * partial or odd value (a deck being edited): what is not a valid choice falls
 * back to the base's.
 */
export function resolveTheme(theme: Theme | undefined | null): ResolvedTheme {
  const base: ThemeBase = theme?.base === 'high-contrast' ? 'high-contrast' : 'default';
  const built = BASE_THEMES[base];
  const colors: ThemeColors = { ...built.colors, confidence: { ...built.colors.confidence } };
  if (isColour(theme?.primary)) colors.primary = lower(theme.primary);
  if (isColour(theme?.accent)) colors.accent = lower(theme.accent);
  const ownPalette = Array.isArray(theme?.palette) ? theme.palette.filter(isColour).map(lower) : [];
  const font: ThemeFont = theme?.font === 'dejavu-sans' ? 'dejavu-sans' : 'noto-sans';
  const aspect: Aspect = theme?.aspect === '4:3' ? '4:3' : '16:9';
  const logo = theme?.logo && typeof theme.logo.src === 'string' && theme.logo.src ? theme.logo : undefined;
  const palette = ownPalette.length ? ownPalette : [...built.palette];
  // A deck's own first colour tops the map's scale, from a light tint of that same colour.
  const map: MapColors = palette[0] === built.map.high ? { ...built.map } : { ...built.map, high: palette[0], low: tint(palette[0], MAP_TINT) };
  return {
    base,
    colors,
    palette,
    font,
    fontFamily: FONT_FAMILIES[font],
    aspect,
    ratio: ASPECT_RATIOS[aspect],
    lineScale: built.lineScale,
    map,
    ...(logo ? { logo } : {}),
  };
}

/** A theme problem: the JSON path of the field and what is wrong, as `briefing check` prints it. */
export interface ThemeProblem {
  path: string;
  message: string;
}

/**
 * Contrast warnings for the colours a deck sets itself (the built-in themes are
 * checked by the tests): primary and accent are text, so they need 4.5:1 against
 * the slide background; palette colours are graphics and need 3:1 (WCAG 2.x AA, 1.4.3 and
 * 1.4.11). Takes the deck's raw `theme` value: it never throws.
 */
export function themeContrastProblems(theme: unknown): ThemeProblem[] {
  if (theme === null || typeof theme !== 'object' || Array.isArray(theme)) return [];
  const t = theme as Record<string, unknown>;
  const resolved = resolveTheme(t as Theme);
  const bg = resolved.colors.background;
  const out: ThemeProblem[] = [];
  if (isColour(t.primary)) {
    // Section slides put white text on the primary colour: on a white slide that is the same test.
    const problem = textContrast(t.primary, bg, 'titles and stat values');
    if (problem) out.push({ path: 'theme.primary', message: problem });
  }
  if (isColour(t.accent)) {
    const problem = textContrast(t.accent, bg, 'column headings');
    if (problem) out.push({ path: 'theme.accent', message: problem });
  }
  if (Array.isArray(t.palette)) {
    t.palette.forEach((colour, i) => {
      if (!isColour(colour)) return;
      const ratio = contrastRatio(colour, bg);
      if (ratio < AA_LARGE) {
        out.push({
          path: `theme.palette[${i}]`,
          message: `chart colour ${lower(colour)} has a contrast of ${formatRatio(ratio)} against the slide background ${bg}; chart bars and lines need at least 3:1 (WCAG AA)`,
        });
      }
    });
  }
  return out;
}

/** One colour used as text on the background: a message when it falls short of 4.5:1, else null. */
function textContrast(colour: string, background: string, usedFor: string): string | null {
  const ratio = contrastRatio(colour, background);
  if (ratio >= AA_TEXT) return null;
  return `${lower(colour)} has a contrast of ${formatRatio(ratio)} against the slide background ${background}; ${usedFor} are text and need at least 4.5:1 (WCAG AA)`;
}

/** True when `value` is a colour a theme accepts (`#rrggbb`). */
export function isThemeColour(value: string): boolean {
  return isColour(value) && parseHex(value) !== null;
}
