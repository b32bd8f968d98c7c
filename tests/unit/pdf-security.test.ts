/**
 * A deck from a stranger cannot make the export fetch a URL or read a local file:
 * its text fields hold web URLs, file URLs, relative paths and unknown "image"
 * fields, and the export must succeed with every network entry point stubbed to
 * throw, read nothing outside the app, embed nothing but the charts we drew, and
 * carry none of /etc/passwd's bytes. Its long Kazakh, Russian and Chinese runs
 * must come out as text in fonts that have the glyphs.
 */
import { execFileSync } from 'node:child_process';
import dns from 'node:dns';
import fs, { existsSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PDF_LAYOUTS } from '../../src-shared/api';
import { exportHandoutPdf } from '../../src-main/core/pdf/export-pdf';
import { cjkFontMetrics, fontFiles, isAllowedLocalFile, mainFontMetrics, PDF_FONT_CJK, PDF_FONT_EXTRA } from '../../src-main/core/pdf/fonts';
import { fontForCodePoint, textRuns } from '../../src-main/core/pdf/text-runs';
import { generatedDeck, hostileDeck, ROOT, UNICODE_RUN } from './pdf-fixtures';
import { normalise, pdfText, popplerMissing, tempDir, writePdf } from './pdf-tools';

const missing = popplerMissing();
if (missing) console.warn(`PDF security checks that read the PDF back are skipped: ${missing}`);
const PASSWD_MARK = 'root:x:0:0';
const hasPasswd = existsSync('/etc/passwd') && fs.readFileSync('/etc/passwd', 'utf8').includes(PASSWD_MARK);
if (!hasPasswd) console.warn('the /etc/passwd byte check is skipped: this system has no /etc/passwd with a root entry');

/** Every stream of a PDF, inflated where it is compressed, plus the raw file: what a reader could extract. */
function allPdfBytes(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const parts = [raw];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) continue;
    const bytes = pdf.subarray(start, end);
    try {
      parts.push(inflateSync(bytes).toString('latin1'));
    } catch {
      // An image or an uncompressed stream: the raw text above covers it.
    }
  }
  return parts.join('\n');
}

const network: string[] = [];
const reads: string[] = [];
const work = tempDir();
afterAll(() => work.cleanup());

function stubNetwork(): void {
  const deny = (name: string) => () => {
    network.push(name);
    throw new Error(`network access attempted in a PDF export: ${name}`);
  };
  vi.spyOn(http, 'request').mockImplementation(deny('http.request'));
  vi.spyOn(http, 'get').mockImplementation(deny('http.get'));
  vi.spyOn(https, 'request').mockImplementation(deny('https.request'));
  vi.spyOn(https, 'get').mockImplementation(deny('https.get'));
  vi.spyOn(net, 'connect').mockImplementation(deny('net.connect'));
  vi.spyOn(net, 'createConnection').mockImplementation(deny('net.createConnection'));
  vi.spyOn(tls, 'connect').mockImplementation(deny('tls.connect'));
  vi.spyOn(dns, 'lookup').mockImplementation(deny('dns.lookup'));
  vi.spyOn(globalThis, 'fetch').mockImplementation(deny('fetch'));
}

function recordReads(): void {
  const record = (name: 'readFileSync' | 'openSync' | 'readFile' | 'open' | 'createReadStream') => {
    const original = fs[name] as (...args: unknown[]) => unknown;
    vi.spyOn(fs, name).mockImplementation(((...args: unknown[]) => {
      if (typeof args[0] === 'string' || args[0] instanceof URL) reads.push(String(args[0]));
      return original.apply(fs, args);
    }) as never);
  };
  for (const name of ['readFileSync', 'openSync', 'readFile', 'open', 'createReadStream'] as const) record(name);
}

describe('exporting a hostile deck', () => {
  const deck = hostileDeck();
  const pdfs = new Map<string, Buffer>();

  beforeAll(async () => {
    // Load the libraries first, so what is recorded below is the export's own behaviour.
    await exportHandoutPdf(generatedDeck(1), { layout: 'slides', notes: 'none', annex: true });
    stubNetwork();
    recordReads();
    for (const layout of PDF_LAYOUTS) {
      const notes = layout === 'three-up' ? 'handout' : 'talking-points';
      const { buffer } = await exportHandoutPdf(deck, { layout, notes, annex: true });
      pdfs.set(layout, buffer);
    }
  }, 120_000);
  afterAll(() => vi.restoreAllMocks());

  it('succeeds in every layout', () => {
    for (const layout of PDF_LAYOUTS) expect(pdfs.get(layout)?.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('never touches the network', () => {
    expect(network).toEqual([]);
  });

  it('reads no file outside the app (fonts and its own modules), and never a path from the deck', () => {
    // The recording works: the CJK font is read from the fonts folder for the Chinese runs.
    expect(reads.some((p) => p.endsWith('DroidSansFallbackFull.ttf'))).toBe(true);
    const outside = reads.filter((p) => !path.resolve(p.replace(/^file:\/\//, '')).startsWith(ROOT + path.sep));
    expect(outside).toEqual([]);
    expect(reads.filter((p) => p.includes('passwd') || p.includes('../../x') || p.startsWith('http'))).toEqual([]);
  });

  it.skipIf(!hasPasswd)("carries none of /etc/passwd's bytes, even inside compressed streams", () => {
    for (const [layout, pdf] of pdfs) expect(allPdfBytes(pdf).includes(PASSWD_MARK), layout).toBe(false);
  });

  it('links only web URLs: no file: or javascript: link survives', () => {
    const raw = allPdfBytes(pdfs.get('handout') as Buffer);
    expect(raw).toContain('/URI (https://example.com/a.png)');
    expect(raw).not.toMatch(/\/URI \((file|javascript):/i);
    expect(raw).not.toMatch(/\/(Launch|EmbeddedFile|GoToR|JavaScript)\b/);
  });

  it.skipIf(missing)('embeds only the charts it drew', () => {
    const file = writePdf(work.dir, 'hostile.pdf', pdfs.get('slides') as Buffer);
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images.length).toBe(1);
    expect(images[0]).toMatch(/\bjpeg\b/);
    expect(execFileSync('pdfdetach', ['-list', file], { encoding: 'utf8' })).toMatch(/^0 embedded files/);
  });

  it.skipIf(missing)('renders Kazakh, Russian and Chinese as text in the bundled fonts', () => {
    const file = writePdf(work.dir, 'hostile-notes.pdf', pdfs.get('notes') as Buffer);
    const text = normalise(pdfText(file));
    for (const phrase of ['Қазақстан Республикасы', 'Ғылым, ұлт, үміт, һәм, іскер, өнер', 'Ёлка, щука, объём', '中国对中亚矿业的投资大幅增长', '铝和铜是重点']) {
      expect(text).toContain(phrase);
    }
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSans-Regular/);
    expect(fonts).toMatch(/DroidSansFallback/);
  });
});

describe("pdfmake's local file policy", () => {
  it('allows the bundled font files and nothing else', () => {
    for (const font of fontFiles()) expect(isAllowedLocalFile(font)).toBe(true);
    const fonts = path.dirname(fontFiles()[0]);
    for (const denied of ['/etc/passwd', path.join(fonts, '..', '..', 'package.json'), path.join(fonts, '../fonts/../../../etc/passwd'), `${fontFiles()[0]}\0`, fonts, path.join(fonts, 'OFL.txt'), 'https://example.com/font.ttf', '../../x']) {
      expect(isAllowedLocalFile(denied), denied).toBe(false);
    }
  });
});

describe('picking a font per script', () => {
  it('gives every character of Kazakh, Russian and Chinese text a font that has its glyph', () => {
    for (const ch of UNICODE_RUN) {
      const cp = ch.codePointAt(0) as number;
      if (cp <= 0x20) continue;
      const font = fontForCodePoint(cp);
      const has = font === PDF_FONT_CJK ? cjkFontMetrics().has(cp) : mainFontMetrics().has(cp);
      expect(has, `U+${cp.toString(16)} "${ch}" in ${font}`).toBe(true);
    }
  });

  it('splits mixed text into runs, Chinese in the CJK font and the rest in Noto Sans', () => {
    expect(textRuns('Kazakhstan')).toBe('Kazakhstan');
    expect(textRuns('Қазақстан 中国 2025')).toEqual([{ text: 'Қазақстан ' }, { text: '中国 ', font: PDF_FONT_CJK }, { text: '2025' }]);
  });

  it('draws symbols Noto Sans lacks with DejaVu Sans, as the screen does, rather than look-alikes or empty boxes', () => {
    expect(textRuns('124 − 23 → 101')).toEqual([{ text: '124 ' }, { text: '− ', font: PDF_FONT_EXTRA }, { text: '23 ' }, { text: '→ ', font: PDF_FONT_EXTRA }, { text: '101' }]);
  });

  it('drops control characters that would upset the layout', () => {
    expect(textRuns('a\u0000b\u0007c\r\nd')).toBe('abc\nd');
  });
});
