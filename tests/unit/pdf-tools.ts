/**
 * Reading PDFs as a person would, with poppler-utils: the text (pdftotext), the
 * page count and metadata (pdfinfo), the bookmarks (pdftohtml -xml), and page
 * images (pdftoppm). Tests skip, saying why, where poppler is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Why poppler-based checks cannot run here, or null when they can. */
export function popplerMissing(): string | null {
  for (const tool of ['pdftotext', 'pdfinfo', 'pdftohtml', 'pdftoppm']) {
    if (spawnSync(tool, ['-v']).error) return `${tool} (poppler-utils) is not installed`;
  }
  return null;
}

/** A temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'briefing-pdf-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes a PDF buffer to a temp file for the poppler tools. */
export function writePdf(dir: string, name: string, pdf: Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, pdf);
  return file;
}

/** The text of the whole document, or of pages `first`..`last` (1-based). */
export function pdfText(file: string, first?: number, last?: number): string {
  const range = first ? ['-f', String(first), '-l', String(last ?? first)] : [];
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...range, file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** The text inside a rectangle (in points from the top left) of every page, e.g. one column. */
export function pdfTextIn(file: string, box: { x: number; y: number; width: number; height: number }): string {
  const crop = ['-x', box.x, '-y', box.y, '-W', box.width, '-H', box.height].map(String);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-r', '72', ...crop, file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Text per page (pdftotext separates pages with form feeds). */
export function pdfPages(file: string): string[] {
  const pages = pdfText(file).split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/** pdfinfo's fields, e.g. Pages, Title, Author. */
export function pdfInfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', ['-enc', 'UTF-8', file], { encoding: 'utf8' });
  return Object.fromEntries(
    out
      .split('\n')
      .filter((line) => line.includes(':'))
      .map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]),
  );
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The bookmark outline: title and target page of each top-level entry, in order. */
export function pdfOutline(file: string): Array<{ title: string; page: number }> {
  const xml = execFileSync('pdftohtml', ['-xml', '-stdout', '-i', '-q', '-enc', 'UTF-8', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const outline = xml.match(/<outline>([\s\S]*?)<\/outline>/)?.[1] ?? '';
  return [...outline.matchAll(/<item page="(\d+)">([\s\S]*?)<\/item>/g)].map((m) => ({
    page: Number(m[1]),
    title: m[2].replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => XML_ENTITIES[e]).replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))),
  }));
}

/** Renders one page to PNG at `dpi` and returns the PNG bytes. */
export function renderPage(file: string, page: number, dpi = 60): Buffer {
  const { dir, cleanup } = tempDir('briefing-png-');
  try {
    const prefix = path.join(dir, 'page');
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, prefix]);
    return readFileSync(`${prefix}.png`);
  } finally {
    cleanup();
  }
}

/**
 * Text normalised for comparison: whitespace collapsed, and hyphens dropped,
 * because pdftotext joins a word broken after a hyphen ("local-content" wrapped
 * at its hyphen reads back as "localcontent").
 */
export function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[’‘]/g, "'").replace(/-/g, '').trim();
}
