/**
 * The PDF draws what the screen draws (issue 13): Arabic and Hebrew in DejaVu Sans with
 * their words right to left, "≠" as itself, a 200-character word broken inside the page,
 * on the multilingual fixture, read back with poppler.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deck } from '../../src-shared/deck-schema';
import { exportHandoutPdf } from '../../src-main/core/pdf/export-pdf';
import { PDF_FONT_EXTRA } from '../../src-main/core/pdf/fonts';
import { bidiSegments, textRuns } from '../../src-main/core/pdf/text-runs';
import { ROOT } from './pdf-fixtures';
import { popplerMissing, tempDir, writePdf } from './pdf-tools';

const fixture = JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/decks/multilingual.briefing.json'), 'utf8')) as Deck;
const missing = popplerMissing();

describe('right-to-left text for pdfmake, which has no bidi', () => {
  it('keeps a left-to-right line as written and makes each right-to-left run one unbreakable piece', () => {
    expect(bidiSegments('Quote: שלום עולם end')).toEqual([
      { text: 'Quote: ', rtl: false },
      { text: 'שלום\u00a0עולם', rtl: true },
      { text: ' end', rtl: false },
    ]);
  });

  it('reverses the digits of numbers inside a right-to-left run (the shaper reverses them back)', () => {
    expect(bidiSegments('ارتفع إلى 124 مليار')).toEqual([{ text: 'ارتفع\u00a0إلى\u00a0421\u00a0مليار', rtl: true }]);
    expect(bidiSegments('הגיעה ל־23 מיליארד')[0].text).toBe('הגיעה\u00a0ל־32\u00a0מיליארד');
  });

  it('places the pieces of a right-to-left line from right to left, an English phrase kept in its order', () => {
    expect(bidiSegments('السلام عليكم Hello World يا صديقي')).toEqual([
      { text: 'يا\u00a0صديقي', rtl: true },
      { text: ' Hello World ', rtl: false },
      { text: 'السلام\u00a0عليكم', rtl: true },
    ]);
  });

  it('draws Arabic and Hebrew runs in DejaVu Sans, and "≠" too instead of "!="', () => {
    expect(textRuns('Kazakhstan')).toBe('Kazakhstan');
    expect(textRuns('Report: العربية')).toEqual([{ text: 'Report: ' }, { text: 'العربية', font: PDF_FONT_EXTRA }]);
    expect(textRuns('124 ≠ 122')).toEqual([{ text: '124 ' }, { text: '≠ ', font: PDF_FONT_EXTRA }, { text: '122' }]);
  });
});

describe.skipIf(missing)('the multilingual fixture as a PDF', () => {
  const work = tempDir();
  let file = '';
  afterAll(() => work.cleanup());
  beforeAll(async () => {
    const { buffer } = await exportHandoutPdf(fixture, { layout: 'slides', notes: 'talking-points', annex: true });
    file = writePdf(work.dir, 'multilingual.pdf', buffer);
  }, 120_000);

  it('embeds Noto Sans, Droid Sans Fallback and DejaVu Sans (italic runs in its oblique), and no other font', () => {
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    const names = [...fonts.matchAll(/\+(\S+)/g)].map((m) => m[1].replace(/-(Regular|Bold|Italic|BoldItalic|Oblique|BoldOblique)$/, ''));
    expect(new Set(names)).toEqual(new Set(['NotoSans', 'DroidSansFallback', 'DejaVuSans']));
  });

  it('has the Arabic, Hebrew and Chinese text as text, and "≠" as one character', () => {
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    for (const word of ['العربية', 'Қазақстан', '一带一路', 'Ελλάδα', '≠']) expect(text).toContain(word);
    expect(text).not.toContain('!=');
    // Hebrew survives as letters (poppler may give a run in either order).
    expect(/שלום|םולש/.test(text.replace(/\s+/g, ' '))).toBe(true);
  });

  it('keeps every word inside its page: the 200-character word is broken across lines', () => {
    const xml = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const pages = [...xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)];
    expect(pages.length).toBeGreaterThan(5);
    const outside: string[] = [];
    let longPieces = 0;
    for (const [, w, h, body] of pages) {
      for (const [, x0, y0, x1, y1, word] of body.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
        if (Number(x0) < 0 || Number(y0) < 0 || Number(x1) > Number(w) + 0.5 || Number(y1) > Number(h) + 0.5) outside.push(`${word} ${x0}..${x1}`);
        if (word.includes('supercalifragilistic')) longPieces++;
      }
    }
    expect(outside).toEqual([]);
    // Slide 2 and the two-column slide each hold the word, broken onto several lines.
    expect(longPieces).toBeGreaterThanOrEqual(4);
  });
});
