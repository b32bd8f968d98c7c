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

export class TextMeasurer {
  private readonly widths = new Map<string, number>();

  constructor(private readonly ctx: MeasureContext) {}

  /** Forgets every measured word (a warm worker does after each job: no deck text outlives its export). */
  clear(): void {
    this.widths.clear();
  }

  /** How many words are remembered (tests). */
  get remembered(): number {
    return this.widths.size;
  }

  /** Width of `text` at `size`, on one line. */
  width(text: string, size: number, style: MeasureStyle = {}): number {
    return (this.referenceWidth(text, style) * size) / REFERENCE_SIZE;
  }

  /** Number of lines `text` wraps to in `maxWidth` at `size`. */
  lines(text: string, size: number, maxWidth: number, style: MeasureStyle = {}): number {
    const clean = cleanText(text);
    if (!clean) return 0;
    const limit = (maxWidth * REFERENCE_SIZE) / size;
    let lines = 0;
    for (const paragraph of clean.split('\n')) {
      lines += 1;
      let used = 0;
      for (const token of paragraph.match(TOKEN) ?? []) {
        const trimmed = token.trimEnd();
        const w = this.referenceWidth(trimmed, style);
        if (used > 0 && used + w > limit) {
          lines += 1;
          used = 0;
        }
        if (w > limit) {
          // pdfmake splits a word wider than the line by characters.
          lines += Math.ceil(w / limit) - 1;
          used = w % limit;
        } else used += w;
        used += this.referenceWidth(token.slice(trimmed.length), style);
      }
    }
    return lines;
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
