/**
 * Each layout of the default briefing, read back the way a reader meets it:
 * every slide title on its page, the chosen notes and not the other kind, the
 * pages the layout implies, one bookmark per slide, every source in the annex,
 * a source line on each data slide, the document's metadata, and charts that
 * are actually drawn.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportOptions, PdfNotes } from '../../src-shared/api';
import type { Deck, Slide } from '../../src-shared/deck-schema';
import { exportHandoutPdf } from '../../src-main/core/pdf/export-pdf';
import { expectedSlidePages, slidesPerPage } from '../../src-main/core/pdf/layouts';
import { resolvePdfOptions } from '../../src-shared/export-rules';
import { loadDefaultDeck } from './pdf-fixtures';
import { normalise, pdfInfo, pdfOutline, pdfPages, pdfTextIn, popplerMissing, renderPage, tempDir, writePdf } from './pdf-tools';

const missing = popplerMissing();
if (missing) console.warn(`PDF layout tests skipped: ${missing}`);

const deck: Deck = loadDefaultDeck();
const work = tempDir();
afterAll(() => work.cleanup());

/** What a reader should find of a notes text: its lines without bullet markers (long lines only, to avoid chance matches). */
function notesLines(text: string | undefined): string[] {
  return (text ?? '')
    .split('\n')
    .map((l) => normalise(l.replace(/^\s*-\s+/, '')))
    .filter((l) => l.length > 0);
}

/** All the text the slide itself shows, to tell "this line is on the slide anyway" from "leaked notes". */
function slideWords(slide: Slide): string {
  const parts = [slide.title, slide.subtitle, ...(slide.bullets ?? []), slide.quote?.text, slide.chart?.caption, ...(slide.stats ?? []).map((s) => s.label)];
  return normalise(parts.filter(Boolean).join(' '));
}

interface Exported {
  file: string;
  pages: string[];
  pageCount: number;
}

const cases: Array<{ options: ExportOptions; shows: PdfNotes | null }> = [
  { options: { layout: 'slides', notes: 'talking-points', annex: true }, shows: null },
  { options: { layout: 'handout', notes: 'handout', annex: true, perPage: 1 }, shows: 'handout' },
  { options: { layout: 'handout', notes: 'handout', annex: true }, shows: 'handout' },
  { options: { layout: 'handout', notes: 'none', annex: true }, shows: null },
  { options: { layout: 'three-up', notes: 'handout', annex: true }, shows: 'handout' },
  { options: { layout: 'notes', notes: 'talking-points', annex: true }, shows: 'talking-points' },
];

describe.skipIf(missing)('PDF layouts of the default briefing', () => {
  const results = new Map<string, Exported>();
  const key = (o: ExportOptions) => `${o.layout}+${o.notes}${o.perPage ? `+${o.perPage}` : ''}`;

  beforeAll(async () => {
    for (const { options } of cases) {
      const { buffer, pages } = await exportHandoutPdf(deck, options);
      const file = writePdf(work.dir, `${key(options)}.pdf`, buffer);
      results.set(key(options), { file, pages: pdfPages(file), pageCount: pages });
    }
  }, 120_000);

  describe.each(cases)('$options.layout layout, notes: $options.notes', ({ options, shows }) => {
    const get = () => results.get(key(options)) as Exported;

    it('has the pages the layout implies: cover, slide pages, annex', () => {
      const { file, pages, pageCount } = get();
      const total = Number(pdfInfo(file).Pages);
      expect(total).toBe(pageCount);
      expect(pages.length).toBe(total);
      const annexPage = pages.findIndex((p) => /^\s*Annex\s+Sources/.test(p)) + 1;
      expect(annexPage, 'the annex starts on its own page').toBeGreaterThan(1);
      const resolved = resolvePdfOptions(options);
      const coverPages = resolved.cover ? 1 : 0;
      expect(annexPage - 1 - coverPages, 'pages between the cover and the annex').toBe(expectedSlidePages(options.layout, resolved.perPage, deck.slides.length));
    });

    it('shows every slide title, on the page its bookmark points to', () => {
      const { file, pages } = get();
      const outline = pdfOutline(file);
      expect(outline.map((o) => o.title)).toEqual([...deck.slides.map((s, i) => `${i + 1}. ${s.title}`), 'Annex: sources and data']);
      deck.slides.forEach((slide, i) => {
        const page = outline[i].page;
        expect(normalise(pages[page - 1]), `slide ${i + 1} on page ${page}`).toContain(normalise(slide.title));
      });
      // Slides come in order, as many a page as the layout puts there (the slides layout has no cover).
      const resolved = resolvePdfOptions(options);
      const perPage = slidesPerPage(options.layout, resolved.perPage);
      outline.slice(0, deck.slides.length).forEach((o, i) => expect(o.page).toBe((resolved.cover ? 2 : 1) + Math.floor(i / perPage)));
    });

    it('includes the chosen notes and never the other kind', () => {
      // Three-up notes sit in a column beside the slides; read that column on its own so lines do not interleave.
      const text = normalise(options.layout === 'three-up' ? pdfTextIn(get().file, { x: 370, y: 0, width: 226, height: 842 }) : get().pages.join(' '));
      let checkedAbsent = 0;
      let checkedPresent = 0;
      for (const slide of deck.slides) {
        const chosen = shows === 'talking-points' ? slide.notes : shows === 'handout' ? slide.handout : undefined;
        const others = [shows === 'talking-points' ? undefined : slide.notes, shows === 'handout' ? undefined : slide.handout];
        if (chosen) {
          // three-up and two a page may shorten long notes to fit; their opening words are always there.
          const shortened = options.layout === 'three-up' || (options.layout === 'handout' && resolvePdfOptions(options).perPage > 1);
          for (const line of notesLines(chosen)) {
            const expected = shortened ? line.split(' ').slice(0, 6).join(' ') : line;
            expect(text.includes(expected), `notes of "${slide.id}" should show: ${expected}`).toBe(true);
            checkedPresent++;
          }
        }
        const alsoShown = normalise(`${chosen ?? ''} ${slideWords(slide)}`);
        for (const other of others) {
          for (const line of notesLines(other)) {
            if (line.length < 30 || alsoShown.includes(line)) continue;
            expect(text.includes(line), `"${slide.id}" must not show: ${line}`).toBe(false);
            checkedAbsent++;
          }
        }
      }
      // Guard against a vacuous pass: the deck has notes of both kinds to look for.
      expect(checkedAbsent).toBeGreaterThanOrEqual(deck.slides.length);
      if (shows) expect(checkedPresent).toBeGreaterThanOrEqual(deck.slides.length);
    });

    it('puts a source line on every data slide', () => {
      const { file, pages } = get();
      const outline = pdfOutline(file);
      deck.slides.forEach((slide, i) => {
        if (slide.layout !== 'chart' && slide.layout !== 'stats') return;
        expect(normalise(pages[outline[i].page - 1]), `slide ${i + 1}`).toMatch(/Sources?: /);
      });
    });

    it('lists every source in the annex, with the data behind each chart', () => {
      const { pages } = get();
      const annexStart = pages.findIndex((p) => /^\s*Annex\s+Sources/.test(p));
      const annex = normalise(pages.slice(annexStart).join(' '));
      for (const source of deck.sources ?? []) {
        expect(annex).toContain(normalise(source.title));
        if (source.publisher) expect(annex).toContain(normalise(source.publisher));
      }
      deck.slides.forEach((slide, i) => {
        if (!slide.chart) return;
        expect(annex).toContain(normalise(`Slide ${i + 1}: ${slide.title}`));
        for (const label of slide.chart.labels) expect(annex).toContain(normalise(label));
        if (slide.chart.derived) expect(annex).toContain('† Derived:');
      });
    });
  });

  it('carries the deck in the document metadata', () => {
    const info = pdfInfo(results.get('handout+handout')?.file ?? '');
    expect(info.Title).toBe(deck.meta.title);
    if (deck.meta.author) expect(info.Author).toBe(deck.meta.author);
    expect(info.Subject).toBe(deck.meta.subtitle);
    expect(info.Keywords).toContain('briefing');
    expect(new Date(info.CreationDate).getFullYear()).toBeGreaterThanOrEqual(2025);
  });

  it('draws every chart: the chart area of each chart slide is not blank', async () => {
    const { file } = results.get('slides+talking-points') as Exported;
    const outline = pdfOutline(file);
    const chartSlides = deck.slides.map((s, i) => ({ s, i })).filter(({ s }) => s.chart);
    expect(chartSlides.length).toBeGreaterThan(0);
    for (const { s, i } of chartSlides) {
      const image = await loadImage(renderPage(file, outline[i].page, 50));
      const canvas = createCanvas(image.width, image.height);
      const ctx = canvas.getContext('2d');
      ctx.drawImage(image, 0, 0);
      // The body of the slide: below the title, above the source line.
      const top = Math.round(image.height * 0.2);
      const { data } = ctx.getImageData(0, top, image.width, Math.round(image.height * 0.5));
      let coloured = 0;
      for (let p = 0; p < data.length; p += 4) {
        const [r, g, b] = [data[p], data[p + 1], data[p + 2]];
        // Chart marks are in the palette's colours; slide text is black or grey.
        if (Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured++;
      }
      const share = coloured / (data.length / 4);
      expect(share, `chart on slide ${i + 1} (${s.id})`).toBeGreaterThan(0.02);
    }
  });
});
