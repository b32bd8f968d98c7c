/**
 * The four handout layouts: how slides and their notes are placed on pages.
 *   slides    one slide per landscape page, as presented
 *   handout   the slide with its summary (or talking points) beneath; two slides a page without notes
 *   three-up  three slides per portrait page, notes and ruled lines beside each
 *   notes     the presenter's script: a small slide and the full notes under it
 * Each slide is drawn exactly once and carries its bookmark.
 */
import type { ExportOptions, PdfLayout } from '../../../src-shared/api';
import type { Deck, Slide } from '../../../src-shared/deck-schema';
import { notesContent, notesFor, notesHeading } from './notes-text';
import type { CanvasShape, Content } from './pdf-types';
import { slideFrame, type SlidePlan } from './slide-frame';
import { tableContinuation } from './table-content';
import type { TextMeasurer } from './text-measure';
import { A4, COLORS, NOTES_TEXT, SLIDE } from './theme';
import { textRuns } from './text-runs';

export interface PageSetup {
  size: { width: number; height: number };
  orientation: 'portrait' | 'landscape';
  /** left, top, right, bottom; the bottom leaves room for the footer. */
  margins: [number, number, number, number];
}

/** Page size and margins of each layout. */
export function pageSetup(layout: PdfLayout): PageSetup {
  if (layout === 'slides') return { size: { width: A4.height, height: A4.width }, orientation: 'landscape', margins: [28, 26, 28, 40] };
  return { size: { width: A4.width, height: A4.height }, orientation: 'portrait', margins: [40, 36, 40, 46] };
}

export function contentWidth(setup: PageSetup): number {
  return setup.size.width - setup.margins[0] - setup.margins[2];
}

export function contentHeight(setup: PageSetup): number {
  return setup.size.height - setup.margins[1] - setup.margins[3];
}

interface LayoutInput {
  deck: Deck;
  plans: readonly SlidePlan[];
  measurer: TextMeasurer;
  options: ExportOptions;
  setup: PageSetup;
}

const frame = (input: LayoutInput, slide: Slide, i: number, width: number) =>
  slideFrame(slide, input.deck, input.plans[i], input.measurer, { width, number: i + 1, outline: true });

/** A table too long for its slide continues right after it, across pages, header repeated. */
const rest = (input: LayoutInput, slide: Slide, i: number, width: number): Content[] =>
  tableContinuation(slide, i + 1, input.plans[i]?.tableRows, width, input.measurer);

function notesBlock(slide: Slide, options: ExportOptions, size: number = NOTES_TEXT.size): Content[] {
  const text = notesFor(slide, options.notes);
  if (!text) return [];
  return [
    { text: notesHeading(options.notes), bold: true, fontSize: NOTES_TEXT.heading, color: COLORS.accent, margin: [0, 0, 0, 5] },
    ...notesContent(text, size, NOTES_TEXT.lineHeight),
  ];
}

function slidesLayout(input: LayoutInput): Content[] {
  const width = Math.min(contentWidth(input.setup), (contentHeight(input.setup) - 8) * (SLIDE.width / SLIDE.height));
  const x = (contentWidth(input.setup) - width) / 2;
  return input.deck.slides.map((slide, i) => ({ stack: [frame(input, slide, i, width), ...rest(input, slide, i, width)], margin: [x, 0, 0, 0], pageBreak: 'before' as const }));
}

function handoutLayout(input: LayoutInput): Content[] {
  const width = contentWidth(input.setup);
  const out: Content[] = [];
  if (input.options.notes === 'none') {
    // Without notes a slide leaves half the page empty: put two on each page (narrower when 4:3 slides are too tall for two).
    const pair = Math.min(width, ((contentHeight(input.setup) - 28 - 40) / 2) * (SLIDE.width / SLIDE.height));
    const x = (width - pair) / 2;
    input.deck.slides.forEach((slide, i) => {
      out.push({ stack: [frame(input, slide, i, pair), ...rest(input, slide, i, pair)], margin: [x, i % 2 === 0 ? 0 : 28, 0, 0], pageBreak: i % 2 === 0 ? 'before' : undefined });
    });
    return out;
  }
  input.deck.slides.forEach((slide, i) => {
    out.push({ stack: [frame(input, slide, i, width), ...rest(input, slide, i, width), { stack: notesBlock(slide, input.options), margin: [0, 16, 0, 0] }], pageBreak: 'before' });
  });
  return out;
}

const THREE_UP = { frameWidth: 320, rowGap: 48, columnGap: 16, ruleSpacing: 19, minNotesSize: 6.5, notesSize: 8 } as const;

function threeUpLayout(input: LayoutInput): Content[] {
  const total = contentWidth(input.setup);
  // Three 4:3 slides at full width would not fit a page: the frame narrows to keep three rows.
  const frameWidth = Math.min(THREE_UP.frameWidth, ((contentHeight(input.setup) - 2 * THREE_UP.rowGap - 30) / 3) * (SLIDE.width / SLIDE.height));
  const frameHeight = (frameWidth * SLIDE.height) / SLIDE.width;
  const side = total - frameWidth - THREE_UP.columnGap;
  return input.deck.slides.flatMap((slide, i) => {
    const beside = threeUpNotes(slide, input, side, frameHeight);
    const row: Content = {
      columns: [
        { width: frameWidth, stack: [frame(input, slide, i, frameWidth)] },
        { width: side, stack: beside },
      ],
      columnGap: THREE_UP.columnGap,
      margin: [0, i % 3 === 0 ? 0 : THREE_UP.rowGap, 0, 0],
      pageBreak: i % 3 === 0 ? 'before' : undefined,
    };
    return [row, ...rest(input, slide, i, total)];
  });
}

/** Notes beside a three-up slide, shrunk (then cut) to the frame's height, and ruled lines under them. */
function threeUpNotes(slide: Slide, input: LayoutInput, width: number, height: number): Content[] {
  const m = input.measurer;
  const text = notesFor(slide, input.options.notes);
  const out: Content[] = [];
  let used = 0;
  if (text) {
    const headingHeight = m.lineHeight('T', 8) + 2;
    const room = height * 0.8 - headingHeight;
    const bulletIndent = 10;
    let size: number = THREE_UP.notesSize;
    const measure = (value: string, s: number) => m.height(value.replace(/^\s*[-•]\s+/gm, ''), s, width - bulletIndent, { lineHeight: 1.2 }) + value.split('\n').length * s * 0.5;
    while (size > THREE_UP.minNotesSize && measure(text, size) > room) size -= 0.5;
    let shown = text;
    if (measure(shown, size) > room) {
      // Cut at a word; the full text is in the handout and notes layouts.
      const words = shown.split(/(?<=\s)/);
      while (words.length > 1 && measure(`${words.join('')}…`, size) > room) words.splice(Math.max(1, Math.floor(words.length * 0.9)));
      shown = `${words.join('').trimEnd()}…`;
    }
    out.push({ text: notesHeading(input.options.notes), bold: true, fontSize: 8, color: COLORS.accent, margin: [0, 0, 0, 2] });
    out.push(...notesContent(shown, size, 1.2));
    used = headingHeight + measure(shown, size) + 6;
  }
  const lines: CanvasShape[] = [];
  for (let y = Math.max(used, THREE_UP.ruleSpacing); y <= height - 2; y += THREE_UP.ruleSpacing) {
    lines.push({ type: 'line', x1: 0, y1: y - used, x2: width, y2: y - used, lineWidth: 0.5, lineColor: COLORS.ruled });
  }
  if (lines.length) out.push({ canvas: lines });
  return out;
}

/** "about 1 min 30 s" for a slide's planned duration. */
export function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `about ${m ? `${m} min` : ''}${m && s ? ' ' : ''}${s || !m ? `${s} s` : ''}`;
}

function notesLayout(input: LayoutInput): Content[] {
  const total = contentWidth(input.setup);
  const width = Math.round(total * 0.8);
  const count = input.deck.slides.length;
  return input.deck.slides.map((slide, i) => ({
    stack: [
      { stack: [frame(input, slide, i, width)], margin: [(total - width) / 2, 0, 0, 10] },
      ...rest(input, slide, i, total),
      {
        text: `Slide ${i + 1} of ${count}${slide.durationSec ? ` · ${formatDuration(slide.durationSec)}` : ''}`,
        fontSize: 8.5,
        color: COLORS.faint,
        alignment: 'center',
        margin: [0, 0, 0, 12],
      } satisfies Content,
      ...(notesFor(slide, input.options.notes) ? notesBlock(slide, input.options, 11.5) : [{ text: textRuns('No notes for this slide.'), italics: true, color: COLORS.faint } as Content]),
    ],
    pageBreak: 'before' as const,
  }));
}

/** The pages that show the slides, for the chosen layout. */
export function slidePages(input: LayoutInput): Content[] {
  switch (input.options.layout) {
    case 'slides':
      return slidesLayout(input);
    case 'handout':
      return handoutLayout(input);
    case 'three-up':
      return threeUpLayout(input);
    case 'notes':
      return notesLayout(input);
  }
}

/** The number of pages the slide part of a layout takes when no notes run over (tests and progress use it). */
export function expectedSlidePages(layout: PdfLayout, notes: ExportOptions['notes'], slides: number): number {
  if (layout === 'three-up') return Math.ceil(slides / 3);
  if (layout === 'handout' && notes === 'none') return Math.ceil(slides / 2);
  return slides;
}
