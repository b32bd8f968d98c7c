/**
 * Text widths for planning a slide, from the fonts the PDF is drawn with: each character's
 * advance width, read from the font's own tables (`parseFontWidths`). The theme's font goes
 * into the PDF without kerning or shaping tables, so for it these are exactly the widths
 * pdfkit lays the words out with; a character the theme's font lacks is measured in the font
 * `text-runs.ts` draws it with (DejaVu Sans, then the CJK font), without their shaping.
 * No canvas: the thread that lays out the PDF need not load one, nor share its font cache
 * with the thread drawing the charts.
 */
import { THEME_FONT_FILES, faceOf, styleWidths } from './fonts';
import type { FontWidths } from './font-metrics';
import type { MeasureContext } from './text-measure';
import type { ThemeFont } from '../../../src-shared/theme';

/** A canvas font string as `TextMeasurer` sets it: `[italic ][bold ]<size>px '<family>'`. */
const FONT = /^(italic )?(bold )?(\d+(?:\.\d+)?)px '([^']+)'$/;

interface Style {
  size: number;
  widths: ReturnType<typeof styleWidths>;
}

/** A `MeasureContext` that measures with the bundled fonts' advance widths. */
export class FontMeasureContext implements MeasureContext {
  font = '';
  private parsedFont = '';
  private style: Style | undefined;

  measureText(text: string): { width: number } {
    const { size, widths } = this.currentStyle();
    const main = widths.main;
    let em = 0;
    for (const ch of text) {
      const codePoint = ch.codePointAt(0)!;
      const advance = main.advance(codePoint);
      em += advance === undefined ? fallbackEm(codePoint, widths) : advance / main.unitsPerEm;
    }
    return { width: em * size };
  }

  private currentStyle(): Style {
    if (this.style && this.parsedFont === this.font) return this.style;
    const match = FONT.exec(this.font);
    const family = match && (Object.keys(THEME_FONT_FILES) as ThemeFont[]).find((f) => THEME_FONT_FILES[f].canvas === match[4]);
    if (!match || !family) throw new Error(`cannot measure in "${this.font}": not a bundled family`);
    this.parsedFont = this.font;
    this.style = { size: Number(match[3]), widths: styleWidths(family, faceOf(Boolean(match[2]), Boolean(match[1]))) };
    return this.style;
  }
}

/** A character the theme's font lacks: DejaVu Sans, else the CJK font, else the theme font's .notdef (as `fontForCodePoint`). */
function fallbackEm(codePoint: number, widths: Style['widths']): number {
  // Controls, combining marks and variation selectors stay in the run they are in (text-runs.ts).
  const staysInRun = codePoint <= 0x20 || (codePoint >= 0x300 && codePoint <= 0x36f) || (codePoint >= 0xfe00 && codePoint <= 0xfe0f);
  if (!staysInRun) {
    // Each font is read only when a character reaches it (the CJK font is 4 MB).
    for (const font of [widths.extra, widths.cjk]) {
      const found: FontWidths = font();
      const advance = found.advance(codePoint);
      if (advance !== undefined) return advance / found.unitsPerEm;
    }
  }
  return widths.main.notdefAdvance / widths.main.unitsPerEm;
}
