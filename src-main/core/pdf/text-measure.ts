/**
 * Estimates how tall pdfmake will make a piece of text, so a slide's content can
 * be shrunk to fit its frame before pdfmake lays it out (pdfmake itself has no
 * shrink-to-fit). Widths come from the same bundled fonts via the canvas; line
 * heights from the fonts' own metrics, as pdfkit computes them. The estimate errs
 * on the tall side: breaking only at spaces and between CJK characters.
 */
import { cjkFontMetrics, mainFont, mainFontMetrics } from './fonts';
import { cleanText } from './text-runs';

/** The part of a canvas 2D context we need. */
export interface MeasureContext {
  font: string;
  measureText(text: string): { width: number };
}

const REFERENCE_SIZE = 100;
// One token per CJK character (pdfmake may break between any two), else a word with its trailing spaces.
const TOKEN = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+[^\S\n]*|[^\S\n]+/g;
const HAS_WIDE = /[^\u0000-\u024f\u0300-\u052f\u1e00-\u1eff\u2000-\u20cf]/;

export interface MeasureStyle {
  bold?: boolean;
  italics?: boolean;
  /** pdfmake's `lineHeight` multiplier. */
  lineHeight?: number;
}

/** The font last set on each context through a measurer (measurers may share a context). */
const fontSet = new WeakMap<MeasureContext, string>();

/**
 * A text split as `lines` splits it, with each piece's width at the reference size: per
 * paragraph, the widths of its tokens without and then of their trailing spaces.
 */
type Prepared = Float64Array[];

export class TextMeasurer {
  private readonly widths = new Map<string, number>();
  /** Texts already split and measured: planning asks for the same text at several sizes and widths. */
  private readonly prepared = new Map<string, Prepared>();

  constructor(private readonly ctx: MeasureContext) {}

  /** Forgets every measured word (a warm worker does after each job: no deck text outlives its export). */
  clear(): void {
    this.widths.clear();
    this.prepared.clear();
  }

  /** How many words are remembered (tests). */
  get remembered(): number {
    return this.widths.size + this.prepared.size;
  }

  /** Width of `text` at `size`, on one line. */
  width(text: string, size: number, style: MeasureStyle = {}): number {
    return (this.referenceWidth(text, style) * size) / REFERENCE_SIZE;
  }

  /** Number of lines `text` wraps to in `maxWidth` at `size`. */
  lines(text: string, size: number, maxWidth: number, style: MeasureStyle = {}): number {
    const paragraphs = this.prepare(text, style);
    if (!paragraphs) return 0;
    const limit = (maxWidth * REFERENCE_SIZE) / size;
    let lines = 0;
    for (const pieces of paragraphs) {
      lines += 1;
      let used = 0;
      for (let i = 0; i < pieces.length; i += 2) {
        const w = pieces[i]!;
        if (used > 0 && used + w > limit) {
          lines += 1;
          used = 0;
        }
        if (w > limit) {
          // pdfmake splits a word wider than the line by characters.
          lines += Math.ceil(w / limit) - 1;
          used = w % limit;
        } else used += w;
        used += pieces[i + 1]!;
      }
    }
    return lines;
  }

  /** `text` cleaned, split into paragraphs and tokens, and measured once; null when it is empty. */
  private prepare(text: string, style: MeasureStyle): Prepared | null {
    const key = `${mainFont().canvas}|${style.bold ? 'b' : ''}${style.italics ? 'i' : ''}|${text}`;
    let paragraphs = this.prepared.get(key);
    if (paragraphs) return paragraphs;
    const clean = cleanText(text);
    if (!clean) return null;
    paragraphs = clean.split('\n').map((paragraph) => {
      const tokens = paragraph.match(TOKEN) ?? [];
      const pieces = new Float64Array(tokens.length * 2);
      tokens.forEach((token, i) => {
        const trimmed = token.trimEnd();
        pieces[2 * i] = this.referenceWidth(trimmed, style);
        pieces[2 * i + 1] = this.referenceWidth(token.slice(trimmed.length), style);
      });
      return pieces;
    });
    if (this.prepared.size > 10_000) this.prepared.clear();
    this.prepared.set(key, paragraphs);
    return paragraphs;
  }

  /** Height in points of `text` wrapped in `maxWidth` at `size`. */
  height(text: string, size: number, maxWidth: number, style: MeasureStyle = {}): number {
    return this.lines(text, size, maxWidth, style) * this.lineHeight(text, size, style);
  }

  /** Height of one line, including pdfmake's `lineHeight` factor. */
  lineHeight(text: string, size: number, style: MeasureStyle = {}): number {
    const factor = HAS_WIDE.test(text) ? Math.max(mainFontMetrics().lineHeight, cjkFontMetrics().lineHeight) : mainFontMetrics().lineHeight;
    return factor * size * (style.lineHeight ?? 1);
  }

  private referenceWidth(text: string, style: MeasureStyle): number {
    if (!text) return 0;
    const family = mainFont().canvas;
    const key = `${family}|${style.bold ? 'b' : ''}${style.italics ? 'i' : ''}|${text}`;
    let w = this.widths.get(key);
    if (w === undefined) {
      const font = `${style.italics ? 'italic ' : ''}${style.bold ? 'bold ' : ''}${REFERENCE_SIZE}px '${family}'`;
      // Setting a canvas font parses it (a native call): only when it changes, and most words share one.
      if (fontSet.get(this.ctx) !== font) {
        this.ctx.font = font;
        fontSet.set(this.ctx, font);
      }
      w = this.ctx.measureText(text).width;
      if (this.widths.size > 50_000) this.widths.clear();
      this.widths.set(key, w);
    }
    return w;
  }
}
