/**
 * pdfmake writes every word of a line as its own text object (font, size, colour,
 * opacity and position set again for each): about 3,900 pdfkit `text()` calls for
 * the default handout's 570 lines, a third of the drawing time. Its renderer has a
 * TODO for this ("lines without differently styled inlines should be written to pdf
 * as one stream"); `mergeLineWords` does it for the words pdfmake has already placed.
 *
 * Neighbouring words merge only when nothing about them differs but the text, and the
 * second starts exactly where the first ends. The merged run is drawn from the same
 * glyphs at the same positions: pdfkit lays text out word by word (cut at spaces)
 * either way, and the words merge only in fonts with no shaping or kerning tables
 * (our main font is embedded without them, see `withoutTables` in fonts.ts), where a
 * run's advances are exactly the sum of its words'. The page looks the same; the
 * content stream is shorter.
 */

/** The parts of a pdfmake inline (a placed word) that decide how it is drawn. */
interface Inline {
  text: string;
  x: number;
  width: number;
  font: { font?: { directory?: { tables?: Record<string, unknown> } } };
  [key: string]: unknown;
}

interface Line {
  inlines: Inline[];
}

interface RendererClass {
  prototype: { renderLine(line: Line, x: number, y: number): void; __briefingMergedLines?: boolean };
}

/** Everything but the text, position and width that pdfmake reads when drawing a word. */
const LOOK = [
  'fontSize',
  'color',
  'opacity',
  'characterSpacing',
  'fontFeatures',
  'link',
  'linkToPage',
  'linkToDestination',
  'decoration',
  'decorationColor',
  'decorationStyle',
  'decorationThickness',
  'background',
  'sup',
  'sub',
  'height',
  'alignment',
] as const;

const SHAPING_TABLES = ['GSUB', 'GPOS', 'kern', 'morx', 'mort', 'kerx'];
const plainFonts = new WeakMap<object, boolean>();

/** Whether a font lays a run out as the sum of its words: no substitution, positioning or kerning tables. */
function isPlain(font: Inline['font']): boolean {
  let plain = plainFonts.get(font);
  if (plain === undefined) {
    const tables = font.font?.directory?.tables;
    plain = tables !== undefined && SHAPING_TABLES.every((t) => !(t in tables));
    plainFonts.set(font, plain);
  }
  return plain;
}

function sameLook(a: Inline, b: Inline): boolean {
  if (a.font !== b.font || a._pageNodeRef || b._pageNodeRef) return false;
  for (const key of LOOK) if (a[key] !== b[key]) return false;
  return Math.abs(a.x + a.width - b.x) < 1e-6;
}

/** The line's words with neighbours of the same look joined into one run each (the inlines themselves are not changed). */
export function mergeLineWords(inlines: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  // The run being grown is a copy made at its first merge (pdfmake's own inlines stay as they were).
  let copy: Inline | undefined;
  for (const inline of inlines) {
    const prev = out[out.length - 1];
    if (prev && isPlain(inline.font) && sameLook(prev, inline)) {
      if (copy !== prev) out[out.length - 1] = copy = { ...prev };
      copy.text += inline.text;
      copy.width += inline.width;
      copy.trailingCut = inline.trailingCut;
    } else out.push(inline);
  }
  return out;
}

/** Makes pdfmake's renderer draw each line's words as merged runs (once per process). */
export function drawLinesMerged(Renderer: RendererClass): void {
  const proto = Renderer.prototype;
  if (proto.__briefingMergedLines) return;
  const renderLine = proto.renderLine;
  proto.renderLine = function (this: unknown, line: Line, x: number, y: number) {
    const original = line.inlines;
    if (original.length < 2) return renderLine.call(this, line, x, y);
    line.inlines = mergeLineWords(original);
    try {
      return renderLine.call(this, line, x, y);
    } finally {
      line.inlines = original;
    }
  };
  proto.__briefingMergedLines = true;
}
