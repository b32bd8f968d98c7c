/**
 * The bundled PDF engine (build/pdf-engine.cjs) keeps the fonts pdfkit parses across
 * documents (scripts/build-main.mjs, parsedFontsPlugin): a font file is parsed once, and
 * every document still gets exactly the PDF, font subset and all, that pdfmake from
 * node_modules (which parses each font anew) makes of it. Subsets stay per document.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ENGINE = path.join(ROOT, 'build', 'pdf-engine.cjs');
const FONTS = path.join(ROOT, 'assets', 'fonts');
const load = createRequire(import.meta.url);

interface Pdfmake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (file: string) => boolean): void;
  createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
}
interface ParsedFonts {
  readonly hits: number;
  readonly misses: number;
  readonly size: number;
  clear(): void;
}

const face = (file: string) => path.join(FONTS, file);
const FAMILIES = {
  Noto: { normal: face('NotoSans-Regular.ttf'), bold: face('NotoSans-Bold.ttf'), italics: face('NotoSans-Italic.ttf'), bolditalics: face('NotoSans-BoldItalic.ttf') },
  DejaVu: { normal: face('DejaVuSans.ttf'), bold: face('DejaVuSans-Bold.ttf'), italics: face('DejaVuSans-Oblique.ttf'), bolditalics: face('DejaVuSans-BoldOblique.ttf') },
};

/** A document in both families, with a fixed creation date so that two runs can be compared byte for byte. */
const documentOf = (words: string) => ({
  info: { title: 'Parsed fonts', creationDate: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) },
  defaultStyle: { font: 'Noto' },
  content: [
    { text: `Regular ${words}` },
    { text: `Bold ${words}`, bold: true },
    { text: `Italic ${words}`, italics: true },
    { text: `DejaVu ${words} − 1`, font: 'DejaVu' },
  ],
});

function prepared(pdfmake: Pdfmake): Pdfmake {
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => file.startsWith(FONTS + path.sep));
  pdfmake.setFonts(FAMILIES);
  return pdfmake;
}

/** The embedded font programs (FontFile2 stream objects) of a PDF, in order, as text. */
function fontPrograms(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const refs = [...text.matchAll(/\/FontFile2 (\d+) 0 R/g)].map((m) => m[1]);
  return refs.map((ref) => {
    const start = text.indexOf(`\n${ref} 0 obj`);
    const end = text.indexOf('endobj', start);
    return text.slice(start, end);
  });
}

describe.skipIf(!existsSync(ENGINE))(`parsed fonts kept across documents${existsSync(ENGINE) ? '' : ' (skipped: build/pdf-engine.cjs is not built; npm run build)'}`, () => {
  it('parses each font once, and each document is byte for byte the PDF that pdfmake from node_modules makes', async () => {
    const engine = load(ENGINE) as { pdfmake: Pdfmake; parsedFonts?: ParsedFonts };
    expect(engine.parsedFonts, 'the bundle exports the cache (the plugin is in the build)').toBeDefined();
    const cache = engine.parsedFonts!;
    cache.clear();
    const bundled = prepared(engine.pdfmake);
    const plain = prepared((load('pdfmake') as { default?: Pdfmake } & Pdfmake).default ?? (load('pdfmake') as Pdfmake));

    const first = await bundled.createPdf(documentOf('alpha beta')).getBuffer();
    // Regular, bold, italic and DejaVu: four fonts parsed, none kept yet.
    expect({ hits: cache.hits, misses: cache.misses }).toEqual({ hits: 0, misses: 4 });
    const second = await bundled.createPdf(documentOf('gamma delta ÀÉÎ')).getBuffer();
    expect({ hits: cache.hits, misses: cache.misses, size: cache.size }).toEqual({ hits: 4, misses: 4, size: 4 });
    const again = await bundled.createPdf(documentOf('alpha beta')).getBuffer();
    expect(cache.hits).toBe(8);

    // The same documents from node_modules' pdfmake, each font parsed anew.
    const plainFirst = await plain.createPdf(documentOf('alpha beta')).getBuffer();
    const plainSecond = await plain.createPdf(documentOf('gamma delta ÀÉÎ')).getBuffer();
    expect(first.equals(plainFirst)).toBe(true);
    expect(second.equals(plainSecond)).toBe(true);
    expect(again.equals(first)).toBe(true);

    // Subsets are per document: the second's fonts hold other glyphs than the first's.
    expect(fontPrograms(first)).toHaveLength(4);
    expect(fontPrograms(second)).toHaveLength(4);
    expect(fontPrograms(second)).not.toEqual(fontPrograms(first));
  }, 60_000);

  it('fonts are found by their bytes: the same files under other family names are not parsed again, other files are', async () => {
    const engine = load(ENGINE) as { pdfmake: Pdfmake; parsedFonts?: ParsedFonts };
    const cache = engine.parsedFonts!;
    cache.clear();
    const pdfmake = prepared(engine.pdfmake);
    await pdfmake.createPdf(documentOf('one')).getBuffer();
    // The families swapped: the two regular faces were parsed (under the other name); DejaVu's bold and oblique are new.
    pdfmake.setFonts({ Noto: FAMILIES.DejaVu, DejaVu: FAMILIES.Noto });
    const swapped = await pdfmake.createPdf(documentOf('two')).getBuffer();
    expect({ hits: cache.hits, misses: cache.misses }).toEqual({ hits: 2, misses: 6 });
    expect(swapped.subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);
});
