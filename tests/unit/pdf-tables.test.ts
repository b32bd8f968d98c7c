/**
 * Tables in the handout, read back with poppler as a reader meets them: a short table
 * sits on its slide with numbers and units; a 60-row table shows the rows that fit on
 * the slide and then the whole table across pages with the header row on every page
 * and the cells in order (pdftotext -layout); derived cells are marked † and explained;
 * the annex carries the table's data. Every layout draws the table.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExportOptions } from '../../src-shared/api';
import type { Deck, Table } from '../../src-shared/deck-schema';
import { exportHandoutPdf } from '../../src-main/core/pdf/export-pdf';
import { pdfPages, popplerMissing, renderPage, tempDir, writePdf } from './pdf-tools';

const missing = popplerMissing();
if (missing) console.warn(`PDF table tests skipped: ${missing}`);
const work = tempDir('briefing-pdf-tables-');
const KEEP = process.env.KEEP_PDF_DIR;
afterAll(() => work.cleanup());

const LONG_ROWS = 60;
const longTable: Table = {
  columns: [{ heading: 'Project' }, { heading: 'Country' }, { heading: 'Investment', unit: 'USD m' }],
  rows: Array.from({ length: LONG_ROWS }, (_, i) => [`Project R${String(i + 1).padStart(2, '0')}`, i % 2 ? 'Kazakhstan' : 'Uzbekistan', 100 + i]),
};
const shortTable: Table = {
  columns: [{ heading: 'Figure' }, { heading: 'Amount', unit: 'USD bn' }, { heading: 'Share', unit: '%' }],
  rows: [
    ['First half', 124, null],
    ['Kazakhstan', 23, { value: 18.5, derived: '23 / 124 × 100' }],
  ],
  caption: 'Short table caption',
};

function deckWith(): Deck {
  return {
    format: 'briefing-deck',
    version: 1,
    meta: { title: 'Tables in print' },
    sources: [{ id: 'src', title: 'Ledger', publisher: 'Finance office' }],
    slides: [
      { id: 'short', layout: 'table', title: 'A short table', table: shortTable, sources: ['src'] },
      { id: 'long', layout: 'table', title: 'A long table', table: longTable, sources: ['src'] },
      { id: 'after', layout: 'bullets', title: 'The slide after', bullets: ['One point'] },
    ],
  };
}

/** `pdftotext -layout`, one string per page. */
function layoutPages(file: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const pages = text.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

async function exported(name: string, options: ExportOptions): Promise<{ file: string; pages: string[]; layout: string[] }> {
  const { buffer } = await exportHandoutPdf(deckWith(), options);
  const file = writePdf(KEEP ?? work.dir, name, buffer);
  return { file, pages: pdfPages(file), layout: layoutPages(file) };
}

describe.skipIf(!!missing)(`tables in the PDF handout${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('a 60-row table continues after its slide with the header on every page and every cell in order', async () => {
    const { layout } = await exported('long-slides.pdf', { layout: 'slides', notes: 'none', annex: false });
    const slidePage = layout.findIndex((p) => p.includes('A long table'));
    expect(slidePage).toBeGreaterThan(0);
    // The slide itself says how much it shows and where the rest is.
    expect(layout[slidePage]).toMatch(/Rows 1–\d+ of 60; the whole table follows this slide/);
    const afterSlide = layout.slice(slidePage);
    const continued = afterSlide.filter((p) => p.includes('the whole table (60 rows)') || /Project R\d\d/.test(p));
    const tablePages = layout.slice(slidePage).filter((p, i) => i > 0 || p.includes('the whole table')).filter((p) => /Project R\d\d/.test(p));
    expect(continued.length).toBeGreaterThan(1);
    expect(tablePages.length, 'the 60 rows need more than one page').toBeGreaterThan(1);
    for (const page of tablePages) expect(page, 'header row repeated').toMatch(/Project\s+Country\s+Investment \(USD m\)/);
    // Every row of the whole table, in order, each with its number and unit on its line.
    const lines = tablePages.join('\n').split('\n').filter((l) => /Project R\d\d/.test(l));
    const ids = lines.map((l) => Number(/Project R(\d\d)/.exec(l)?.[1]));
    // The slide shows rows 1..k, the continuation 1..60: the last 60 lines are 1..60 in order.
    expect(ids.slice(-LONG_ROWS)).toEqual(Array.from({ length: LONG_ROWS }, (_, i) => i + 1));
    for (const line of lines.slice(-LONG_ROWS)) {
      const n = Number(/Project R(\d\d)/.exec(line)?.[1]);
      expect(line).toMatch(new RegExp(`Project R${String(n).padStart(2, '0')}\\s+(Kazakhstan|Uzbekistan)\\s+\\$${99 + n}m`));
    }
    // The slide after the table is still its own page.
    expect(layout.some((p) => p.includes('The slide after'))).toBe(true);
  });

  it('a short table sits on its slide: header, numbers with units right-aligned, derived cell marked and explained', async () => {
    const { layout, file } = await exported('short-handout.pdf', { layout: 'handout', notes: 'none', annex: true });
    const page = layout.find((p) => p.includes('A short table')) ?? '';
    expect(page).toMatch(/Figure\s+Amount \(USD bn\)\s+Share \(%\)/);
    expect(page).toMatch(/First half\s+\$124bn/);
    expect(page).toMatch(/Kazakhstan\s+\$23bn\s+18\.5% †/);
    expect(page).toContain('Short table caption');
    expect(page).toContain('† derived figure, see annex');
    // Right-aligned: the numbers end in the same column.
    const ends = page.split('\n').filter((l) => /\$124bn|\$23bn/.test(l)).map((l) => l.indexOf('bn') );
    expect(new Set(ends).size).toBe(1);
    // The annex carries the table, its derived cell marked, and says how it was derived.
    const annex = layout.slice(layout.findIndex((p) => p.includes('Data behind the charts'))).join('\n');
    expect(annex).toMatch(/Slide 1: A short table/);
    expect(annex).toMatch(/Kazakhstan\s+\$23bn\s+18\.5% †/);
    expect(annex).toMatch(/† Kazakhstan, Share: 23 \/ 124 × 100/);
    // The long table was printed whole after its slide: the annex points there instead of a second copy.
    expect(annex).toMatch(/Slide 2: A long table/);
    expect(annex).toContain('The whole table (60 rows) is printed right after slide 2.');
    expect(annex).not.toContain('Project R60');
    // There is ink where the table is drawn (the slide page is not blank).
    const png = renderPage(file, layout.findIndex((p) => p.includes('A short table')) + 1, 40);
    expect(png.length).toBeGreaterThan(2000);
  });

  for (const layout of ['slides', 'handout', 'three-up', 'notes'] as const) {
    it(`draws the table in the ${layout} layout`, async () => {
      const { pages } = await exported(`every-${layout}.pdf`, { layout, notes: 'handout', annex: false });
      const text = pages.join('\n');
      expect(text).toContain('$124bn');
      expect(text).toContain('Project R01');
      // The long table's last row is printed even without the annex.
      expect(text).toContain('Project R60');
    });
  }
});
