/**
 * Hidden slides are kept out of presenting, so a handout leaves them out too — unless
 * the author asks for them. Read back from the PDF as a reader meets it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Deck } from '../../src-shared/deck-schema';
import { exportHandoutPdf } from '../../src-main/core/pdf/export-pdf';
import { loadDefaultDeck } from './pdf-fixtures';
import { normalise, pdfPages, popplerMissing, tempDir, writePdf } from './pdf-tools';

const missing = popplerMissing();
const work = tempDir();
afterAll(() => work.cleanup());

describe('hidden slides in PDF handouts', () => {
  it.skipIf(missing)(`leaves a hidden slide out by default and includes it when asked${missing ? ` (skipped: ${missing})` : ''}`, async () => {
    const full = loadDefaultDeck();
    const deck: Deck = { ...full, slides: full.slides.slice(0, 4).map((s, i) => (i === 2 ? { ...s, title: 'Kept back from the room', hidden: true } : s)) };
    const without = await exportHandoutPdf(deck, { layout: 'slides', notes: 'none', annex: false });
    const withHidden = await exportHandoutPdf(deck, { layout: 'slides', notes: 'none', annex: false, includeHidden: true });
    const pagesWithout = pdfPages(writePdf(work.dir, 'without.pdf', without.buffer)).map(normalise);
    const pagesWith = pdfPages(writePdf(work.dir, 'with.pdf', withHidden.buffer)).map(normalise);
    expect(withHidden.pages - without.pages).toBe(1);
    expect(pagesWithout.join(' ')).not.toContain('Kept back from the room');
    expect(pagesWith.join(' ')).toContain('Kept back from the room');
    expect(pagesWithout.join(' ')).toContain(normalise(deck.slides[3].title));
  });
});
