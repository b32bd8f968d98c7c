/**
 * Deck text → pdfmake inline runs, each in a bundled font that has its glyphs.
 * pdfmake draws a whole run in one font, so a title mixing Kazakh and Chinese
 * becomes two runs: Noto Sans for the Cyrillic, Droid Sans Fallback for the Han.
 */
import { cjkFontMetrics, mainFont, mainFontMetrics, PDF_FONT_CJK } from './fonts';
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

/** Which bundled font draws a code point: Noto Sans unless only the CJK font has it. */
export function fontForCodePoint(codePoint: number): string {
  if (mainFontMetrics().has(codePoint)) return mainFont().pdf;
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
  const runs: InlineText[] = [];
  let current = '';
  let currentFont = mainFont().pdf;
  for (const original of text) {
    let ch = original;
    let cp = ch.codePointAt(0) ?? 0x20;
    const stand = SUBSTITUTES[cp];
    if (stand !== undefined && !mainFontMetrics().has(cp) && !cjkFontMetrics().has(cp)) {
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
  if (current) runs.push(run(current, currentFont));
  if (runs.length === 1 && !runs[0].font) return runs[0].text;
  return runs;
}

function run(text: string, font: string): InlineText {
  // The main font is the document's default: runs in it need no name.
  return font === mainFont().pdf ? { text } : { text, font };
}

/** The plain string of rich text (for outlines and measurements). */
export function plainText(text: RichText): string {
  return typeof text === 'string' ? text : text.map((r) => (typeof r.text === 'string' ? r.text : plainText(r.text))).join('');
}
