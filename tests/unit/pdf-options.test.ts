/**
 * Every PDF export option of issue 11, read back from the PDF with poppler as a
 * reader meets it: page size and count for each paper and count per page
 * (pdfinfo), the slide range, skipped sections, the notes kind and the cover
 * (pdftotext, the bookmark outline). The command line: each option that does not
 * apply to a layout is refused with one line and exit 2, and no file is written.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExportOptions, PdfPaper, PdfPerPage } from '../../src-shared/api';
import { runExportCommand } from '../../src-main/cli/export-command';
import { exportHandoutPdf } from '../../src-main/core/pdf/export-pdf';
import { DEFAULT_DECK_PATH, loadDefaultDeck } from './pdf-fixtures';
import { normalise, pdfInfo, pdfOutline, pdfPages, popplerMissing, tempDir, writePdf } from './pdf-tools';

const missing = popplerMissing();
const skipWhy = missing ? ` (skipped: ${missing})` : '';
const work = tempDir('briefing-options-');
afterAll(() => work.cleanup());
const deck = loadDefaultDeck();
const count = deck.slides.length;
const sectionNumbers = deck.slides.flatMap((s, i) => (s.layout === 'section' ? [i + 1] : []));

let serial = 0;
async function exported(options: ExportOptions): Promise<{ file: string; pages: number }> {
  const { buffer, pages } = await exportHandoutPdf(deck, options);
  return { file: writePdf(work.dir, `out-${++serial}.pdf`, buffer), pages };
}

/** pdfinfo's page size in points, rounded: [width, height]. */
function pageSize(file: string): [number, number] {
  const m = /([\d.]+) x ([\d.]+) pts/.exec(pdfInfo(file)['Page size'] ?? '');
  if (!m) throw new Error(`no page size in ${file}`);
  return [Math.round(Number(m[1])), Math.round(Number(m[2]))];
}

const PORTRAIT: Record<PdfPaper, [number, number]> = { a4: [595, 842], letter: [612, 792] };

describe.skipIf(missing)(`PDF options read back with poppler${skipWhy}`, () => {
  const perPages: PdfPerPage[] = [1, 2, 3, 4, 6];
  for (const paper of ['a4', 'letter'] as const) {
    it.each(perPages)(`handout, %i per page on ${paper}: page size and count`, async (perPage) => {
      const { file, pages } = await exported({
        layout: 'handout',
        notes: perPage >= 4 ? 'none' : 'handout',
        annex: false,
        perPage,
        paper,
        noCover: true,
      });
      const [w, h] = PORTRAIT[paper];
      // Four a page is a landscape 2 × 2 grid; the rest are portrait.
      expect(pageSize(file)).toEqual(perPage === 4 ? [h, w] : [w, h]);
      expect(Number(pdfInfo(file).Pages)).toBe(Math.ceil(count / perPage));
      expect(pages).toBe(Math.ceil(count / perPage));
      // In reading order, page by page.
      const outline = pdfOutline(file);
      outline.forEach((o, i) => expect(o.page, outline[i].title).toBe(1 + Math.floor(i / perPage)));
    });
  }

  it('4 and 6 a page number every slide under it', async () => {
    const { file } = await exported({ layout: 'handout', notes: 'none', annex: false, perPage: 6, noCover: true });
    const first = normalise(pdfPages(file)[0]);
    for (let n = 1; n <= 6; n++) expect(first).toContain(`Slide ${n}`);
    expect(first).not.toContain('Slide 7');
  });

  it('the slides layout: pages sized to the slide (16:9), one a page, no cover, no notes', async () => {
    const { file } = await exported({ layout: 'slides', notes: 'none', annex: false });
    const [w, h] = pageSize(file);
    expect(w / h).toBeCloseTo(16 / 9, 3);
    expect(Number(pdfInfo(file).Pages)).toBe(count);
    const pages = pdfPages(file).map(normalise);
    expect(pages[0]).toContain(normalise(deck.slides[0].title));
    expect(pages.join(' ')).not.toContain('handout made');
    expect(pages.join(' ')).not.toContain(normalise(notesOpening(deck.slides[1].handout)));
  });

  it('the three-up and notes layouts take the paper', async () => {
    const three = await exported({ layout: 'three-up', notes: 'handout', annex: false, paper: 'letter' });
    expect(pageSize(three.file)).toEqual(PORTRAIT.letter);
    expect(Number(pdfInfo(three.file).Pages)).toBe(1 + Math.ceil(count / 3));
    const notes = await exported({ layout: 'notes', notes: 'talking-points', annex: false, paper: 'a4', slides: '1-3' });
    expect(pageSize(notes.file)).toEqual(PORTRAIT.a4);
    expect(Number(pdfInfo(notes.file).Pages)).toBe(1 + 3);
  });

  it('a slide range shows those slides only, under their deck numbers', async () => {
    const { file } = await exported({ layout: 'handout', notes: 'none', annex: false, perPage: 1, slides: '2-5,8' });
    const outline = pdfOutline(file);
    expect(outline.map((o) => o.title)).toEqual([2, 3, 4, 5, 8].map((n) => `${n}. ${deck.slides[n - 1].title}`));
    const text = normalise(pdfPages(file).join(' '));
    for (const n of [2, 3, 4, 5, 8]) expect(text).toContain(normalise(deck.slides[n - 1].title));
    // (Slide 1 is titled as the deck, which the cover and footers carry.)
    for (const n of [6, 7, 9, 23]) expect(text, `slide ${n}`).not.toContain(normalise(deck.slides[n - 1].title));
    expect(text).toContain(`5 slides of ${count}`);
    expect(Number(pdfInfo(file).Pages)).toBe(1 + 5);
  });

  it('--skip-sections leaves out every section divider', async () => {
    expect(sectionNumbers.length).toBeGreaterThan(0);
    const { file } = await exported({ layout: 'handout', notes: 'none', annex: false, perPage: 1, skipSections: true });
    const titles = pdfOutline(file).map((o) => o.title);
    expect(titles).toHaveLength(count - sectionNumbers.length);
    for (const n of sectionNumbers) expect(titles).not.toContain(`${n}. ${deck.slides[n - 1].title}`);
    const text = normalise(pdfPages(file).join(' '));
    for (const n of sectionNumbers) expect(text).not.toContain(normalise(deck.slides[n - 1].subtitle ?? deck.slides[n - 1].title));
  });

  it('no cover when asked: the first page is the first slide', async () => {
    const withCover = await exported({ layout: 'handout', notes: 'handout', annex: false, slides: '2-3' });
    const without = await exported({ layout: 'handout', notes: 'handout', annex: false, slides: '2-3', noCover: true });
    expect(normalise(pdfPages(withCover.file)[0])).toContain('handout made');
    const first = normalise(pdfPages(without.file)[0]);
    expect(first).not.toContain('handout made');
    expect(first).toContain(normalise(deck.slides[1].title));
    expect(Number(pdfInfo(withCover.file).Pages) - Number(pdfInfo(without.file).Pages)).toBe(1);
  });
});

/** The first words of a notes text, as pdftotext shows them. */
function notesOpening(text: string | undefined): string {
  return (text ?? '')
    .replace(/^\s*-\s+/, '')
    .split(/\s+/)
    .slice(0, 6)
    .join(' ');
}

async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runExportCommand(
    argv,
    (line) => out.push(line),
    (line) => err.push(line),
  );
  return { code, out, err };
}

describe('briefing export: options that do not apply are refused with one line', () => {
  const refusals: Array<[string[], RegExp]> = [
    [['--layout', 'slides', '--per-page', '4'], /^briefing export: --per-page does not apply here: the slides layout puts one slide on each page/],
    [
      ['--layout', 'slides', '--paper', 'letter'],
      /^briefing export: --paper does not apply here: the slides layout has pages sized to the slide \(16:9\)/,
    ],
    [['--layout', 'slides', '--no-cover'], /^briefing export: --no-cover does not apply here: the slides layout has no cover$/],
    [['--layout', 'slides', '--notes', 'talking-points'], /^briefing export: --notes does not apply here: the slides layout shows no notes$/],
    [['--per-page', '6', '--notes', 'handout'], /^briefing export: --notes does not apply here: 6 slides a page is a grid of slides without notes$/],
    [
      ['--layout', 'three-up', '--per-page', '2'],
      /^briefing export: --per-page does not apply here: the three-up layout always has three slides a page/,
    ],
    [['--layout', 'notes', '--per-page', '2'], /^briefing export: --per-page does not apply here: the speaker-notes layout/],
    [['--slides', '5-2'], /^briefing export: --slides: "5-2" runs backwards \(write 2-5\)$/],
    [['--slides', 'two'], /^briefing export: --slides: "two" is not a slide number or range/],
    [['--slides', '2-5,30'], /^briefing export: there is no slide 30: the deck has \d+ slides$/],
  ];
  it.each(refusals)('%j', async (args, message) => {
    const out = path.join(work.dir, `refused-${++serial}.pdf`);
    const r = await cli(DEFAULT_DECK_PATH, '-o', out, ...args);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('an unknown count per page or paper gives the choices', async () => {
    const perPage = await cli(DEFAULT_DECK_PATH, '--per-page', '5');
    expect(perPage.code).toBe(2);
    expect(perPage.err[0]).toMatch(/unknown --per-page "5" \(expected one of: 1, 2, 3, 4, 6\)/);
    const paper = await cli(DEFAULT_DECK_PATH, '--paper', 'a3');
    expect(paper.err[0]).toMatch(/unknown paper "a3" \(expected one of: a4, letter\)/);
  });

  it.skipIf(missing)(`the notes layout defaults to talking points; A4 unless told${skipWhy}`, async () => {
    const out = path.join(work.dir, 'notes-default.pdf');
    const r = await cli(DEFAULT_DECK_PATH, '-o', out, '--layout', 'notes', '--slides', '2', '--no-annex');
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(r.out[0]).toMatch(/notes layout \(A4\)/);
    const text = normalise(pdfPages(out).join(' '));
    expect(text).toContain('Talking points');
    expect(text).toContain(normalise(notesOpening(deck.slides[1].notes)));
    expect(text).not.toContain(normalise(notesOpening(deck.slides[1].handout)));
    expect(pageSize(out)).toEqual(PORTRAIT.a4);
  });

  it.skipIf(missing)(`--paper letter --per-page 4 --slides 1-4 writes one Letter landscape page after the cover${skipWhy}`, async () => {
    const out = path.join(work.dir, 'grid.pdf');
    const r = await cli(DEFAULT_DECK_PATH, '-o', out, '--per-page', '4', '--paper', 'letter', '--slides', '1-4', '--no-annex');
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(r.out[0]).toMatch(/: 2 pages, .*handout layout \(4 per page, Letter\)/);
    expect(pageSize(out)).toEqual([792, 612]);
  });
});
