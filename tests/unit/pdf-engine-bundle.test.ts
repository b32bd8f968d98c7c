/**
 * build/pdf-engine.cjs is pdfmake with its dependencies bundled, with a few of their sources
 * edited at build time for speed (scripts/build-main.mjs): Unicode tables read pre-inflated
 * (unicode-tries.cjs), base64 decoded natively, fontkit's glyph names decoded
 * on first read, pdfkit's word widths kept per string, plain words laid out glyph by glyph, lines scanned
 * by character code, restructure's numbers read by a method name kept per type. These tests hold the bundle to the answers of the unedited packages in
 * node_modules. They need `npm run build` (npm test builds first).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withoutTables } from '../../src-main/core/pdf/font-metrics';

const load = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');
const bundle = path.join(root, 'build/pdf-engine.cjs');
const tries = path.join(root, 'build/pdf-engine-tries.bin');
const built = existsSync(bundle) && existsSync(tries);

interface FontkitFont {
  numGlyphs: number;
  getGlyph(id: number): { name: string | null };
  layout(text: string): { glyphs: Array<{ id: number }>; positions: Array<Record<string, number>> };
}

describe.skipIf(!built)(built ? 'the bundled PDF engine' : 'the bundled PDF engine (skipped: build/pdf-engine.cjs is not built; run npm run build)', () => {
  const engine = () => load(bundle) as { PDFDocument: new (...args: unknown[]) => { _font: { font: FontkitFont } } };
  const fontkit = () => load('fontkit') as { create(data: Buffer): FontkitFont };
  const bundledFont = (file: string) => {
    const { PDFDocument } = engine();
    return new PDFDocument({}, {}, {}, {}, { font: file })._font.font;
  };

  it('reads every Unicode table it inflated at build time, and each is the table inflated now', () => {
    const file = readFileSync(tries);
    expect(file.toString('latin1', 0, 8)).toBe('BDTRIES2');
    const indexLength = file.readUInt32LE(8);
    const index = JSON.parse(file.toString('utf8', 12, 12 + indexLength)) as { tries: Array<{ sourceOffset: number; sourceLength: number; dataOffset: number; dataLength: number }> };
    // Offsets count from the data area, which starts 4-byte aligned after the index.
    const base = Math.ceil((12 + indexLength) / 4) * 4;
    // linebreak's classes, unicode-properties' data and fontkit's shaping tables.
    expect(index.tries.length).toBeGreaterThanOrEqual(5);
    const inflate = load('tiny-inflate') as (input: Uint8Array, output: Uint8Array) => Uint8Array;
    for (const t of index.tries) {
      const source = file.subarray(base + t.sourceOffset, base + t.sourceOffset + t.sourceLength);
      const length = source.readUInt32LE(8);
      const once = inflate(source.subarray(12), new Uint8Array(length));
      const twice = inflate(once, new Uint8Array(length));
      expect(Buffer.compare(Buffer.from(twice), file.subarray(base + t.dataOffset, base + t.dataOffset + t.dataLength))).toBe(0);
    }
    const { lookup } = load(path.join(root, 'src-main/core/pdf/unicode-tries.cjs')) as { lookup(bytes: Uint8Array): unknown };
    // Bytes it was not built from are not found (they are inflated as usual).
    expect(lookup(new Uint8Array(64))).toBeUndefined();
  });

  it("gives pdfkit's widths, kept per string: the same with and without the memo, features included", () => {
    const file = path.join(root, 'assets/fonts', 'NotoSans-Regular.ttf');
    const { PDFDocument } = engine();
    type Doc = { _font: { widthOfString(s: string, size: number, features?: string[]): number } };
    const memo = (new PDFDocument({}, {}, {}, {}, { font: file }) as unknown as Doc)._font;
    // pdfkit's own option turns its layout cache off, and with it the memo.
    const plain = (new PDFDocument({}, {}, {}, {}, { font: file, fontLayoutCache: false }) as unknown as Doc)._font;
    const words = ['Kazakhstan ', 'AVATAR ', '$23bn', 'in January–June 2025 ', '\t tab ', 'Kazakhstan '];
    for (const size of [9, 12.5, 100]) {
      for (const word of words) {
        expect(memo.widthOfString(word, size)).toBe(plain.widthOfString(word, size));
        expect(memo.widthOfString(word, size, ['kern'])).toBe(plain.widthOfString(word, size, ['kern']));
      }
    }
    expect((memo as unknown as { $briefingWidths?: Map<string, number> }).$briefingWidths?.size).toBe(new Set(words).size);
    expect((plain as unknown as { $briefingWidths?: Map<string, number> }).$briefingWidths).toBeUndefined();
  });

  it('names every glyph as fontkit does (glyph names decoded on first read)', () => {
    for (const name of ['NotoSans-Regular', 'DejaVuSans']) {
      const file = path.join(root, 'assets/fonts', `${name}.ttf`);
      const ours = bundledFont(file);
      const theirs = fontkit().create(readFileSync(file));
      expect(ours.numGlyphs).toBe(theirs.numGlyphs);
      for (let id = 0; id < theirs.numGlyphs; id += 1) expect(ours.getGlyph(id).name, `${name} glyph ${id}`).toBe(theirs.getGlyph(id).name);
    }
  });

  it('positions combining marks as fontkit does (DejaVu Sans keeps its shaping tables in the PDF, and the bundle shapes with it)', () => {
    const text = 'Cafe\u0301 re\u0301sume\u0301 n\u0303 a\u0308\u0301 Ǫ\u0328 Kazakhstan AVATAR';
    for (const name of ['DejaVuSans', 'DejaVuSans-Oblique', 'NotoSans-Regular']) {
      const file = path.join(root, 'assets/fonts', `${name}.ttf`);
      const ours = bundledFont(file).layout(text);
      const theirs = fontkit().create(readFileSync(file)).layout(text);
      expect(ours.glyphs.map((g) => g.id)).toEqual(theirs.glyphs.map((g) => g.id));
      expect(ours.positions.map((p) => ({ ...p }))).toEqual(theirs.positions.map((p) => ({ ...p })));
      // The marks really were moved: some glyph has an offset.
      expect(theirs.positions.some((p) => p.xOffset !== 0 || p.yOffset !== 0)).toBe(true);
    }
  });

  it("lays out words as fontkit does, glyph by glyph where a font has no shaping tables, fontkit's way elsewhere", () => {
    type Run = { glyphs: Array<{ id: number; codePoints: number[] }>; positions: Array<Record<string, number>>; advanceWidth: number };
    type Embedded = { scale: number; font: { $briefingSimpleGlyphs?: Map<number, unknown> | null }; layoutRun(text: string, features?: string[]): Run };
    const { PDFDocument, parsedFonts } = engine() as unknown as { PDFDocument: new (...args: unknown[]) => unknown; parsedFonts: { clear(): void } };
    const texts = [
      // A first word without a space: fontkit makes the space's glyph after it all the same.
      'AVATAR',
      'a\u00a0b',
      'Kazakhstan ',
      '$23bn, January–June 2025 ',
      'Қазақстан «уран» ',
      '\t tab ',
      '',
      // A combining mark, a soft hyphen, a zero-width joiner, a variation selector, a surrogate pair, a CJK character.
      'Cafe\u0301 ',
      'co\u00adop ',
      'x-y ',
      'a\u200db ',
      '\u2764\ufe0f ',
      '\ud83d\ude00 ',
      '中 ',
      'AVATAR ',
    ];
    for (const name of ['NotoSans-Regular', 'NotoSans-BoldItalic', 'DejaVuSans']) {
      const bytes = readFileSync(path.join(root, 'assets/fonts', `${name}.ttf`));
      // As the PDF gets the theme's font (fonts.ts): no GSUB or GPOS. DejaVu Sans keeps its kern table.
      const stripped = withoutTables(bytes, ['GPOS', 'GSUB']);
      for (const data of [stripped, bytes]) {
        // A font fresh from its bytes on both sides: fontkit keeps each glyph with the characters it was first made for.
        parsedFonts.clear();
        const ours = (new PDFDocument({}, {}, {}, {}, { font: data }) as unknown as { _font: Embedded })._font;
        const reference = fontkit().create(data) as unknown as { layout(text: string, features?: string[]): Run; getGlyph(id: number): unknown };
        // pdfkit makes .notdef first, for no character (its EmbeddedFont's first width).
        reference.getGlyph(0);
        for (const text of texts) {
          const run = ours.layoutRun(text);
          const theirs = reference.layout(text);
          // pdfkit's own scaling of fontkit's run.
          const positions: Array<Record<string, number>> = theirs.positions.map((p, i) => {
            const scaled: Record<string, number> = {};
            for (const key of Object.keys(p)) scaled[key] = p[key]! * ours.scale;
            return { ...scaled, advanceWidth: (theirs.glyphs[i] as unknown as { advanceWidth: number }).advanceWidth * ours.scale };
          });
          const label = `${name}${data === stripped ? ' stripped' : ''}: ${JSON.stringify(text)}`;
          expect(run.glyphs.map((g) => [g.id, ...g.codePoints]), label).toEqual(theirs.glyphs.map((g) => [g.id, ...g.codePoints]));
          expect(run.positions.map((p) => ({ ...p })), label).toEqual(positions);
          expect(run.advanceWidth, label).toBe(positions.reduce((sum, p) => sum + p.xAdvance!, 0));
        }
        const simple = ours.font.$briefingSimpleGlyphs;
        if (data === stripped && name.startsWith('Noto')) {
          // The glyph-by-glyph path really ran, and turned the unusual characters down.
          expect(simple).toBeInstanceOf(Map);
          expect(simple!.get('K'.charCodeAt(0))).not.toBeNull();
          for (const code of [0x301, 0xad, 0x200d, 0xfe0f, 0xd83d]) expect(simple!.get(code), code.toString(16)).toBeNull();
        } else expect(simple).toBeNull();
      }
    }
  });

  it("lays out a line of words as node_modules' pdfkit does (the scan for spaces and the joining of the words' glyphs edited)", () => {
    type Layout = { glyphs: Array<{ id: number }>; positions: Array<Record<string, number>>; advanceWidth: number };
    type Font = { layout(text: string, features?: string[], onlyWidth?: boolean): Layout };
    const { PDFDocument } = engine();
    const PlainPdfkit = load('pdfkit') as new () => { font(src: Buffer): { _font: Font } };
    for (const name of ['NotoSans-Regular', 'DejaVuSans']) {
      const data = withoutTables(readFileSync(path.join(root, 'assets/fonts', `${name}.ttf`)), ['GPOS', 'GSUB']);
      const ours = (new PDFDocument({}, {}, {}, {}, { font: data }) as unknown as { _font: Font })._font;
      const theirs = new PlainPdfkit().font(data)._font;
      for (const text of ['Kazakhstan received $23bn in January–June 2025', '  two  spaces\tand a tab\t', 'one', '', ' ', 'ends with a space ', 'AVATAR AVATAR AVATAR']) {
        const a = ours.layout(text);
        const b = theirs.layout(text);
        expect(a.glyphs.map((g) => g.id), JSON.stringify(text)).toEqual(b.glyphs.map((g) => g.id));
        expect(a.positions.map((p) => ({ ...p })), JSON.stringify(text)).toEqual(b.positions.map((p) => ({ ...p })));
        expect(a.advanceWidth, JSON.stringify(text)).toBe(b.advanceWidth);
        expect(ours.layout(text, undefined, true).advanceWidth).toBe(b.advanceWidth);
      }
    }
  });
});
