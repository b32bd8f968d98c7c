/**
 * Planning measures text with the PDF's own fonts (font-measure.ts): each character's advance
 * width read from the font's cmap and hmtx (parseFontWidths). These tests hold those widths to
 * fontkit's glyphs and to pdfkit's own widths of the fonts as the PDF gets them (no GPOS/GSUB).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFontMetrics, parseFontWidths, readFontMetrics, readFontTables, withoutTables } from '../../src-main/core/pdf/font-metrics';
import { FontMeasureContext } from '../../src-main/core/pdf/font-measure';
import { TextMeasurer } from '../../src-main/core/pdf/text-measure';

const load = createRequire(import.meta.url);
const fonts = path.resolve(import.meta.dirname, '../../assets/fonts');

interface FontkitFont {
  unitsPerEm: number;
  characterSet: number[];
  glyphForCodePoint(codePoint: number): { id: number; advanceWidth: number };
  getGlyph(id: number): { advanceWidth: number };
}
const fontkit = () => load('fontkit') as { create(data: Buffer): FontkitFont };
const bytes = (file: string) => readFileSync(path.join(fonts, file));

/** pdfkit's width of `text` at `size` in a font, as pdfmake asks for it. */
function pdfkitWidth(font: Buffer, text: string, size: number): number {
  const PDFDocument = load('pdfkit') as new () => { font(src: Buffer): { widthOfString(text: string, options?: object): number }; fontSize(size: number): unknown };
  const doc = new PDFDocument();
  doc.fontSize(size);
  return doc.font(font).widthOfString(text);
}

describe('font widths for planning', () => {
  it("reads every character's advance as fontkit does, and nothing for a character the font lacks", () => {
    for (const file of ['NotoSans-Regular.ttf', 'NotoSans-Bold.ttf', 'NotoSans-Italic.ttf', 'NotoSans-BoldItalic.ttf', 'DejaVuSans.ttf', 'DejaVuSans-BoldOblique.ttf', 'DroidSansFallbackFull.ttf']) {
      const data = bytes(file);
      const ours = parseFontWidths(data);
      const theirs = fontkit().create(data);
      expect(ours.unitsPerEm, file).toBe(theirs.unitsPerEm);
      expect(ours.notdefAdvance, file).toBe(theirs.getGlyph(0).advanceWidth);
      // Droid Sans Fallback maps ~30,000 characters: every 7th is plenty there.
      const step = theirs.characterSet.length > 5000 ? 7 : 1;
      let checked = 0;
      for (let i = 0; i < theirs.characterSet.length; i += step) {
        const codePoint = theirs.characterSet[i]!;
        const glyph = theirs.glyphForCodePoint(codePoint);
        expect(ours.advance(codePoint), `${file} U+${codePoint.toString(16)}`).toBe(glyph.id === 0 ? undefined : glyph.advanceWidth);
        checked++;
      }
      expect(checked, file).toBeGreaterThan(500);
      // A private-use character, and one past the last plane.
      for (const codePoint of [0xe000, 0x10fffd]) expect(ours.advance(codePoint), `${file} U+${codePoint.toString(16)}`).toBeUndefined();
    }
  });

  it("measures the theme's font exactly as pdfkit lays out the font the PDF gets, in each style", () => {
    const ctx = new FontMeasureContext();
    const texts = ['The Belt and Road at 12: from building to acquiring', 'AVATAR Kazakhstan ', 'Қазақстан «уран» 18.5% †', "$23bn, January–June 2025; it's “quoted”"];
    const styles = [
      { prefix: '', file: 'NotoSans-Regular.ttf' },
      { prefix: 'bold ', file: 'NotoSans-Bold.ttf' },
      { prefix: 'italic ', file: 'NotoSans-Italic.ttf' },
      { prefix: 'italic bold ', file: 'NotoSans-BoldItalic.ttf' },
    ];
    for (const { prefix, file } of styles) {
      const pdfFont = withoutTables(bytes(file), ['GPOS', 'GSUB']);
      ctx.font = `${prefix}100px 'Briefing Sans'`;
      for (const text of texts) expect(ctx.measureText(text).width, `${prefix}${text}`).toBeCloseTo(pdfkitWidth(pdfFont, text, 100), 8);
    }
    // The DejaVu Sans theme: its own faces. They keep a legacy kern table, which pdfkit applies and
    // the plan does not: the plan errs wide (so tall), never narrow.
    ctx.font = "bold 100px 'Briefing DejaVu'";
    const dejavu = withoutTables(bytes('DejaVuSans-Bold.ttf'), ['GPOS', 'GSUB']);
    expect(ctx.measureText('Kazakhstan').width).toBeCloseTo(pdfkitWidth(dejavu, 'Kazakhstan', 100), 8);
    const kerned = pdfkitWidth(dejavu, 'AVATAR', 100);
    expect(ctx.measureText('AVATAR').width).toBeGreaterThan(kerned);
    expect(ctx.measureText('AVATAR').width).toBeLessThan(kerned * 1.08);
  });

  it('measures a character the theme font lacks in the font the PDF draws it with', () => {
    const ctx = new FontMeasureContext();
    ctx.font = "12px 'Briefing Sans'";
    const em = (file: string, codePoint: number) => {
      const w = parseFontWidths(bytes(file));
      return (w.advance(codePoint) ?? w.notdefAdvance) / w.unitsPerEm;
    };
    // "≠" and "−": DejaVu Sans (text-runs.ts draws them with it); "中": the CJK font.
    expect(ctx.measureText('≠').width).toBeCloseTo(12 * em('DejaVuSans.ttf', 0x2260), 9);
    expect(ctx.measureText('−').width).toBeCloseTo(12 * em('DejaVuSans.ttf', 0x2212), 9);
    expect(ctx.measureText('中').width).toBeCloseTo(12 * em('DroidSansFallbackFull.ttf', 0x4e2d), 9);
    // No bundled font has it: the theme font's .notdef box.
    expect(ctx.measureText('\ue000').width).toBeCloseTo(12 * em('NotoSans-Regular.ttf', 0xe000), 9);
    expect(ctx.measureText('a≠中').width).toBeCloseTo(12 * (em('NotoSans-Regular.ttf', 0x61) + em('DejaVuSans.ttf', 0x2260) + em('DroidSansFallbackFull.ttf', 0x4e2d)), 9);
    // Bold text falls back to DejaVu Sans Bold.
    ctx.font = "bold 12px 'Briefing Sans'";
    expect(ctx.measureText('≠').width).toBeCloseTo(12 * em('DejaVuSans-Bold.ttf', 0x2260), 9);
  });

  it('reads only the tables it needs of a font file, with the same answers as the whole file', () => {
    for (const file of ['DroidSansFallbackFull.ttf', 'DejaVuSans.ttf']) {
      const whole = bytes(file);
      const partial = readFontTables(path.join(fonts, file), ['head', 'hhea', 'hmtx', 'cmap']);
      const a = parseFontWidths(whole);
      const b = parseFontWidths(partial);
      for (const codePoint of [0x41, 0x4e2d, 0x2260, 0x3042, 0xe000]) expect(b.advance(codePoint), `${file} U+${codePoint.toString(16)}`).toBe(a.advance(codePoint));
      const m = readFontMetrics(path.join(fonts, file));
      const n = parseFontMetrics(whole);
      expect(m.lineHeight).toBe(n.lineHeight);
      for (const codePoint of [0x41, 0x4e2d, 0x2260, 0xe000]) expect(m.has(codePoint)).toBe(n.has(codePoint));
    }
    // A file cut short inside a table it needs is an error, not a font of zeros.
    const dir = mkdtempSync(path.join(tmpdir(), 'font-tables-'));
    const cut = path.join(dir, 'cut.ttf');
    writeFileSync(cut, bytes('NotoSans-Regular.ttf').subarray(0, 2000));
    expect(() => readFontTables(cut, ['head', 'hhea', 'hmtx', 'cmap'])).toThrow(/truncated font/);
    writeFileSync(cut, Buffer.from('not a font at all'));
    expect(() => readFontMetrics(cut)).toThrow();
  });

  it('refuses a family that is not bundled', () => {
    const ctx = new FontMeasureContext();
    ctx.font = "12px 'Comic Sans'";
    expect(() => ctx.measureText('a')).toThrow(/not a bundled family/);
  });

  it('wraps a title where the PDF wraps it (the canvas, with kerning, measured this one 0.03 pt short of wrapping)', () => {
    const m = new TextMeasurer(new FontMeasureContext());
    const title = 'The Belt and Road at 12: from building to acquiring';
    // 34 pt bold in the 864 pt a slide's text may span: pdfkit's width is 864.65 pt.
    expect(m.width(title, 34, { bold: true })).toBeGreaterThan(864);
    expect(m.lines(title, 34, 864, { bold: true })).toBe(2);
    expect(m.width(title, 34, { bold: true })).toBeCloseTo(pdfkitWidth(withoutTables(bytes('NotoSans-Bold.ttf'), ['GPOS', 'GSUB']), title, 34), 8);
  });
});
