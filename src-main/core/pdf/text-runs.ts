/**
 * Deck text → pdfmake inline runs, each in a bundled font that has its glyphs.
 * pdfmake draws a whole run in one font, so a title mixing Kazakh and Chinese
 * becomes two runs: Noto Sans for the Cyrillic, Droid Sans Fallback for the Han,
 * DejaVu Sans for Arabic, Hebrew and symbols such as "≠".
 *
 * pdfmake has no bidirectional layout: it places words left to right. fontkit shapes
 * each word and draws an Arabic or Hebrew word's letters right to left, so we put the
 * words of right-to-left text in visual order ourselves (`visualOrder`). That is right
 * for text on one line; a right-to-left paragraph that wraps reads its lines in the
 * wrong order (docs/pdf-export.md).
 */
import { cjkFontMetrics, extraFontMetrics, mainFont, mainFontMetrics, PDF_FONT_CJK, PDF_FONT_EXTRA } from './fonts';
import type { InlineText, RichText } from './pdf-types';

// Characters every Noto Sans build has: Latin, Latin-1, Latin Extended, general punctuation.
const COMMON_ONLY = /^[\n\t\u0020-\u007e\u00a0-\u024f\u2010-\u2027\u2030-\u205e\u20ac]*$/;
// C0/C1 controls other than tab and newline draw as boxes or upset layout; lone surrogates are not text.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Removes control characters and broken surrogates; `\r\n` becomes `\n`. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNSAFE, (ch) => (ch.length === 1 && ch >= '\ud800' ? '\ufffd' : ''));
}

/**
 * Stand-ins for common symbols neither bundled font has (Noto Sans here lacks the
 * maths and arrow blocks): a near look-alike reads better than an empty box.
 */
const SUBSTITUTES: Record<number, string> = {
  0x2212: '–', // minus sign
  0x2248: '~', // almost equal
  0x2260: '!=',
  0x2264: '<=',
  0x2265: '>=',
  0x2192: '->',
  0x2190: '<-',
  0x2194: '<->',
  0x21d2: '=>',
  0x2191: '(up)',
  0x2193: '(down)',
  0x25cf: '•',
  0x25cb: '•',
  0x25a0: '•',
  0x25aa: '•',
  0x25b2: '^',
  0x25bc: 'v',
  0x2713: '(yes)',
  0x2714: '(yes)',
  0x2717: '(no)',
  0x2718: '(no)',
  0x221e: 'infinity',
};

/** Which bundled font draws a code point: Noto Sans, else DejaVu Sans, else the CJK font. */
export function fontForCodePoint(codePoint: number): string {
  if (mainFontMetrics().has(codePoint)) return mainFont().pdf;
  if (extraFontMetrics().has(codePoint)) return PDF_FONT_EXTRA;
  if (cjkFontMetrics().has(codePoint)) return PDF_FONT_CJK;
  // Neither has it: the main font's .notdef is the honest result, and no other font is ours to use.
  return mainFont().pdf;
}

/**
 * Splits text into runs by font. Plain Latin text comes back as the string itself
 * (the common case, and cheaper for pdfmake); mixed text as inline runs.
 */
export function textRuns(raw: string): RichText {
  const text = cleanText(raw);
  if (COMMON_ONLY.test(text)) return text;
  const segments = RTL_CHAR.test(text)
    ? text.split('\n').flatMap((line, i) => [...(i ? [{ text: '\n', rtl: false }] : []), ...bidiSegments(line)])
    : [{ text, rtl: false }];
  const runs: InlineText[] = [];
  let current = '';
  let currentFont = mainFont().pdf;
  for (const segment of segments) {
    if (segment.rtl) {
      // One run in one font: DejaVu Sans has the letters, digits and punctuation of the run.
      if (current) runs.push(run(current, currentFont));
      runs.push(run(segment.text, PDF_FONT_EXTRA));
      current = '';
      continue;
    }
    for (const original of segment.text) {
      let ch = original;
      let cp = ch.codePointAt(0) ?? 0x20;
      const stand = SUBSTITUTES[cp];
      if (stand !== undefined && !mainFontMetrics().has(cp) && !extraFontMetrics().has(cp) && !cjkFontMetrics().has(cp)) {
        ch = stand;
        cp = ch.codePointAt(0) ?? 0x20;
      }
      // Spaces, newlines and combining marks stay with the run they are in.
      const font = cp <= 0x20 || (cp >= 0x300 && cp <= 0x36f) || (cp >= 0xfe00 && cp <= 0xfe0f) ? currentFont : fontForCodePoint(cp);
      if (font !== currentFont && current) {
        runs.push(run(current, currentFont));
        current = '';
      }
      currentFont = font;
      current += ch;
    }
  }
  if (current) runs.push(run(current, currentFont));
  if (runs.length === 1 && !runs[0].font) return runs[0].text;
  return runs;
}

/** Hebrew, Arabic (and their presentation forms): letters written right to left. */
const RTL_CHAR = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;
/** A letter of a left-to-right script (Latin, Greek, Cyrillic, CJK...). */
const LTR_CHAR = /\p{L}/u;

type Kind = 'rtl' | 'ltr' | 'neutral' | 'space';
const kindOf = (token: string): Kind => (/^\s+$/.test(token) ? 'space' : RTL_CHAR.test(token) ? 'rtl' : LTR_CHAR.test(token) ? 'ltr' : 'neutral');

/** A piece of a line in the order it goes on the page; `rtl` pieces are drawn by DejaVu Sans as one shaped run. */
export interface BidiSegment {
  text: string;
  rtl: boolean;
}

/**
 * One line of text as pieces in the order they appear on the page, for a layout engine
 * that places pieces left to right: a simplified Unicode bidi algorithm. A run of
 * right-to-left words (with the numbers and punctuation between them) becomes one piece
 * whose spaces do not break (U+00A0), so pdfkit hands it to fontkit whole, and fontkit,
 * which reverses the glyphs of a right-to-left script, draws the words right to left.
 * Numbers inside such a run ("124", "ל־23") are reversed beforehand, so that reversal
 * puts their digits back in order. The line's direction is that of its first strong word: in a
 * right-to-left line the pieces themselves are placed in reverse order.
 */
export function bidiSegments(line: string): BidiSegment[] {
  const tokens = line.match(/\s+|\S+/g) ?? [];
  if (!RTL_CHAR.test(line)) return [{ text: line, rtl: false }];
  const kinds = tokens.map(kindOf);
  const base = kinds.find((k) => k === 'rtl' || k === 'ltr') === 'rtl' ? 'rtl' : 'ltr';
  const pieces: BidiSegment[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (kinds[i] !== 'rtl') {
      // Left-to-right text, neutrals and spaces outside a right-to-left run: as written.
      pieces.push({ text: tokens[i], rtl: false });
      i++;
      continue;
    }
    let end = i;
    for (let j = i; j < tokens.length && kinds[j] !== 'ltr'; j++) if (kinds[j] === 'rtl') end = j;
    const run = tokens
      .slice(i, end + 1)
      .map((t, k) => (kinds[i + k] === 'space' ? '\u00a0'.repeat(t.length) : t.replace(/\d(?:[\d.,]*\d)?/g, (n) => [...n].reverse().join(''))))
      .join('');
    pieces.push({ text: run, rtl: true });
    i = end + 1;
  }
  if (base === 'ltr') return merge(pieces);
  // A right-to-left line: its pieces from right to left; a left-to-right stretch keeps its own order.
  const groups: BidiSegment[][] = [];
  for (const piece of pieces) {
    const last = groups[groups.length - 1];
    const ltrText = !piece.rtl && kindOf(piece.text) !== 'space';
    if (ltrText && last && !last[0].rtl && last.some((p) => kindOf(p.text) === 'ltr')) last.push(piece);
    else if (!piece.rtl && kindOf(piece.text) === 'space' && last && !last[0].rtl) last.push(piece);
    else groups.push([piece]);
  }
  // Spaces after a left-to-right stretch separate it from what follows: they move with the order, not with the stretch.
  const split = groups.flatMap((g) => {
    let cut = g.length;
    while (cut > 1 && kindOf(g[cut - 1].text) === 'space') cut--;
    return cut < g.length ? [g.slice(0, cut), ...g.slice(cut).map((p) => [p])] : [g];
  });
  return merge(split.reverse().flat());
}

function merge(pieces: BidiSegment[]): BidiSegment[] {
  const out: BidiSegment[] = [];
  for (const p of pieces) {
    const last = out[out.length - 1];
    if (last && !last.rtl && !p.rtl) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

function run(text: string, font: string): InlineText {
  // The main font is the document's default: runs in it need no name.
  return font === mainFont().pdf ? { text } : { text, font };
}

/** The plain string of rich text (for outlines and measurements). */
export function plainText(text: RichText): string {
  return typeof text === 'string' ? text : text.map((r) => (typeof r.text === 'string' ? r.text : plainText(r.text))).join('');
}
