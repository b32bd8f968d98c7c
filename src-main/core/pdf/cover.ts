/**
 * The handout's cover page: title, subtitle, author, date and "as of", with a
 * line saying what the handout holds.
 */
import type { PdfLayout, PdfNotes } from '../../../src-shared/api';
import type { ResolvedPdfOptions } from '../../../src-shared/export-rules';
import type { Deck } from '../../../src-shared/deck-schema';
import type { Content } from './pdf-types';
import { COLORS, currentPdfTheme, fitLogo, LOGO_IMAGE } from './theme';
import { textRuns } from './text-runs';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2025-07-15" → "15 July 2025" (the deck's date is a calendar date, not a moment). */
export function formatDeckDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return m >= 1 && m <= 12 ? `${d} ${MONTHS[m - 1]} ${y}` : date;
}

const PER_PAGE_WORDS = ['', 'one', 'two', 'three', 'four', 'five', 'six'];

function layoutName(options: ResolvedPdfOptions): string {
  const paper = options.paper === 'letter' ? 'US Letter' : 'A4';
  const names: Record<PdfLayout, string> = {
    slides: 'slides, one per page',
    handout: `handout, ${PER_PAGE_WORDS[options.perPage]} slide${options.perPage === 1 ? '' : 's'} per page`,
    'three-up': 'three slides per page with room for notes',
    notes: "presenter's notes",
  };
  return `${names[options.layout]}, ${paper}`;
}
const NOTES_NAMES: Record<PdfNotes, string> = {
  'talking-points': 'with talking points',
  handout: 'with audience summaries',
  none: 'without notes',
};

/** The cover, filling the first page; `height` is the page's content height. */
export function coverPage(deck: Deck, options: ResolvedPdfOptions, height: number, now: Date = new Date(), deckCount = deck.slides.length): Content {
  const { meta } = deck;
  const details: Content[] = [];
  if (meta.author) details.push({ text: textRuns(meta.author), fontSize: 13, color: COLORS.ink, margin: [0, 0, 0, 4] });
  const when = [meta.date ? formatDeckDate(meta.date) : undefined, meta.asOf ? `As of ${meta.asOf}` : undefined].filter(Boolean).join('  ·  ');
  if (when) details.push({ text: textRuns(when), fontSize: 12, color: COLORS.muted });
  const count = deck.slides.length;
  const notes = options.notes === 'none' && options.layout !== 'handout' ? '' : `, ${NOTES_NAMES[options.notes]}`;
  const of = count === deckCount ? '' : ` of ${deckCount}`;
  const made = formatDeckDate(`${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`);
  const holds = `${count} slide${count === 1 ? '' : 's'}${of} · ${layoutName(options)}${notes}${options.annex ? ' · sources and chart data in the annex' : ''} · handout made ${made}`;
  const logo = currentPdfTheme().logo;
  const logoBox = logo ? fitLogo(logo, 160, 60) : undefined;
  return {
    stack: [
      ...(logoBox ? [{ image: LOGO_IMAGE, width: logoBox.width, height: logoBox.height, margin: [0, 0, 0, 24] } satisfies Content] : []),
      { canvas: [{ type: 'rect', x: 0, y: 0, w: 64, h: 5, color: COLORS.accent }], margin: [0, 0, 0, 18] },
      { text: textRuns(meta.title), fontSize: 30, bold: true, color: COLORS.accent, lineHeight: 1.1, margin: [0, 0, 0, 10] },
      ...(meta.subtitle ? [{ text: textRuns(meta.subtitle), fontSize: 15, color: COLORS.muted, lineHeight: 1.2, margin: [0, 0, 0, 26] as [number, number, number, number] }] : []),
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 200, y2: 0, lineWidth: 0.75, lineColor: COLORS.rule }], margin: [0, 0, 0, 12] },
      ...details,
      { text: holds, fontSize: 9.5, color: COLORS.faint, margin: [0, 28, 0, 0] },
    ],
    margin: [0, Math.round(height * 0.26) - (logoBox ? logoBox.height + 24 : 0), 0, 0],
  };
}
