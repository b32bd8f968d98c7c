/**
 * How slides and their notes are placed on pages, for each layout and count per page:
 *   slides            one slide per page, the page sized to the slide (16:9): a projector backup
 *   handout 1         the slide with its notes beneath, one a page
 *   handout 2         (the default) two slides a page, each with its notes below it
 *   handout 3         three a page, notes and ruled lines beside each (= the three-up layout)
 *   handout 4 / 6     a grid of numbered slides (4: landscape 2 × 2, 6: portrait 2 × 3), no notes
 *   notes             the presenter's script: a smaller slide and the full notes under it
 * Each slide is drawn exactly once and carries its bookmark, under its number in the deck.
 */
import type { PdfLayout, PdfNotes, PdfPerPage } from '../../../src-shared/api';
import type { Deck, Slide } from '../../../src-shared/deck-schema';
import type { ResolvedPdfOptions } from '../../../src-shared/export-rules';
import { notesContent, notesFor, notesHeading } from './notes-text';
import type { CanvasShape, Content } from './pdf-types';
import { slideFrame, type SlidePlan } from './slide-frame';
import { tableContinuation } from './table-content';
import type { TextMeasurer } from './text-measure';
import { COLORS, NOTES_TEXT, PAPER, SLIDE, SLIDE_PAGE } from './theme';
import { textRuns } from './text-runs';

export interface PageSetup {
  size: { width: number; height: number };
  orientation: 'portrait' | 'landscape';
  /** left, top, right, bottom; the bottom leaves room for the footer. */
  margins: [number, number, number, number];
  /** Whether pages carry the "title … N / M" footer (not the projector-backup slides). */
  footer: boolean;
}

type PageInput = Pick<ResolvedPdfOptions, 'layout' | 'perPage' | 'paper'>;

/** Page size and margins of a layout on the chosen paper. */
export function pageSetup(options: PageInput): PageSetup {
  if (options.layout === 'slides') return { size: { ...SLIDE_PAGE }, orientation: 'landscape', margins: [16, 12, 16, 12], footer: false };
  const paper = PAPER[options.paper];
  // Four a page fill a landscape sheet as a 2 × 2 grid; on a portrait sheet half of it stayed blank.
  if (options.layout === 'handout' && options.perPage === 4) {
    return { size: { width: paper.height, height: paper.width }, orientation: 'landscape', margins: [40, 30, 40, 44], footer: true };
  }
  return { size: { width: paper.width, height: paper.height }, orientation: 'portrait', margins: [40, 36, 40, 46], footer: true };
}

export function contentWidth(setup: PageSetup): number {
  return setup.size.width - setup.margins[0] - setup.margins[2];
}

export function contentHeight(setup: PageSetup): number {
  return setup.size.height - setup.margins[1] - setup.margins[3];
}

export interface LayoutInput {
  /** The slides to draw (range, hidden slides and sections already applied). */
  deck: Deck;
  /** Each drawn slide's 1-based number in the whole deck. */
  numbers: readonly number[];
  /** How many slides the whole deck has ("Slide 3 of 24"). */
  deckCount: number;
  plans: readonly SlidePlan[];
  measurer: TextMeasurer;
  options: ResolvedPdfOptions;
  setup: PageSetup;
}

const frame = (input: LayoutInput, slide: Slide, i: number, width: number, border = true) =>
  slideFrame(slide, input.deck, input.plans[i], input.measurer, { width, number: input.numbers[i], outline: true, border });

/** A table too long for its slide continues right after it, across pages, header repeated. */
const rest = (input: LayoutInput, slide: Slide, i: number, width: number): Content[] =>
  tableContinuation(slide, input.numbers[i], input.plans[i]?.tableRows, width, input.measurer);

const slideHeight = (width: number) => (width * SLIDE.height) / SLIDE.width;
const slideWidth = (height: number) => (height * SLIDE.width) / SLIDE.height;

function notesBlock(slide: Slide, notes: PdfNotes, size: number = NOTES_TEXT.size): Content[] {
  const text = notesFor(slide, notes);
  if (!text) return [];
  return [
    { text: notesHeading(notes), bold: true, fontSize: NOTES_TEXT.heading, color: COLORS.accent, margin: [0, 0, 0, 5] },
    ...notesContent(text, size, NOTES_TEXT.lineHeight),
  ];
}

function slidesLayout(input: LayoutInput): Content[] {
  // Nearly fills the 16:9 page. A frame's rows are estimated (slide-frame.ts plans with a
  // safety margin), so leave that margin here too: a frame never tips onto a second page.
  const width = Math.min(contentWidth(input.setup), slideWidth(contentHeight(input.setup) * 0.9));
  const x = (contentWidth(input.setup) - width) / 2;
  return input.deck.slides.map((slide, i) => ({ stack: [frame(input, slide, i, width, false), ...rest(input, slide, i, width)], margin: [x, 0, 0, 0], pageBreak: i === 0 && !input.options.cover ? undefined : ('before' as const) }));
}

/** pageBreak for the first item of each page: none before the very first page when there is no cover. */
const breakBefore = (input: LayoutInput, i: number, perPage: number): 'before' | undefined =>
  i % perPage !== 0 ? undefined : i === 0 && !input.options.cover ? undefined : 'before';

function onePerPage(input: LayoutInput): Content[] {
  const width = contentWidth(input.setup);
  return input.deck.slides.map((slide, i) => ({
    stack: [frame(input, slide, i, width), ...rest(input, slide, i, width), { stack: notesBlock(slide, input.options.notes), margin: [0, 16, 0, 0] }],
    pageBreak: breakBefore(input, i, 1),
  }));
}

const TWO_UP = { gap: 22, notesGap: 8, minNotesSize: 7, notesSize: 9.5 } as const;

/** Two slides a page, each with its notes below, shrunk (then cut) to the half page. */
function twoPerPage(input: LayoutInput): Content[] {
  const total = contentWidth(input.setup);
  const half = (contentHeight(input.setup) - TWO_UP.gap) / 2 - 4;
  const hasNotes = input.options.notes !== 'none' && input.deck.slides.some((s) => notesFor(s, input.options.notes));
  // With notes the slide takes about two thirds of its half page; without, all of it.
  // A frame's rows are estimated with a margin (slide-frame.ts): leave it here too, so a tall (4:3) slide never tips onto a page of its own.
  const width = Math.min(total, slideWidth(hasNotes ? half * 0.68 : half * 0.94));
  const x = (total - width) / 2;
  return input.deck.slides.map((slide, i) => {
    const room = half - slideHeight(width) - TWO_UP.notesGap;
    const notes = hasNotes ? fittedNotes(slide, input, width, room, { size: TWO_UP.notesSize, min: TWO_UP.minNotesSize }) : { content: [], height: 0 };
    return {
      stack: [frame(input, slide, i, width), ...rest(input, slide, i, width), ...(notes.content.length ? [{ stack: notes.content, margin: [0, TWO_UP.notesGap, 0, 0] } satisfies Content] : [])],
      margin: [x, i % 2 === 0 ? 0 : TWO_UP.gap, 0, 0],
      pageBreak: breakBefore(input, i, 2),
    } satisfies Content;
  });
}

const THREE_UP = { frameWidth: 320, rowGap: 48, columnGap: 16, ruleSpacing: 19, minNotesSize: 6.5, notesSize: 8 } as const;

function threePerPage(input: LayoutInput): Content[] {
  const total = contentWidth(input.setup);
  // Three 4:3 slides at full width would not fit a page: the frame narrows to keep three rows.
  const frameWidth = Math.min(THREE_UP.frameWidth, slideWidth((contentHeight(input.setup) - 2 * THREE_UP.rowGap - 30) / 3));
  const frameHeight = slideHeight(frameWidth);
  const side = total - frameWidth - THREE_UP.columnGap;
  return input.deck.slides.flatMap((slide, i) => {
    const notes = fittedNotes(slide, input, side, frameHeight * 0.8, { size: THREE_UP.notesSize, min: THREE_UP.minNotesSize });
    const row: Content = {
      columns: [
        { width: frameWidth, stack: [frame(input, slide, i, frameWidth)] },
        { width: side, stack: [...notes.content, ...ruledLines(side, frameHeight, notes.height)] },
      ],
      columnGap: THREE_UP.columnGap,
      margin: [0, i % 3 === 0 ? 0 : THREE_UP.rowGap, 0, 0],
      pageBreak: breakBefore(input, i, 3),
    };
    return [row, ...rest(input, slide, i, total)];
  });
}

/** Ruled lines for handwriting under `used` points of notes, down to `height`. */
function ruledLines(width: number, height: number, used: number): Content[] {
  const lines: CanvasShape[] = [];
  const start = used ? used + 6 : 0;
  for (let y = Math.max(start, THREE_UP.ruleSpacing); y <= height - 2; y += THREE_UP.ruleSpacing) {
    lines.push({ type: 'line', x1: 0, y1: y - start, x2: width, y2: y - start, lineWidth: 0.5, lineColor: COLORS.ruled });
  }
  return lines.length ? [{ canvas: lines }] : [];
}

/** A slide's notes with heading, shrunk to `room` points of height (then cut at a word with "…"). */
function fittedNotes(slide: Slide, input: LayoutInput, width: number, room: number, sizes: { size: number; min: number }): { content: Content[]; height: number } {
  const m = input.measurer;
  const text = notesFor(slide, input.options.notes);
  if (!text) return { content: [], height: 0 };
  const headingHeight = m.lineHeight('T', 8) + 2;
  const space = room - headingHeight;
  const bulletIndent = 10;
  let size = sizes.size;
  const measure = (value: string, s: number) => m.height(value.replace(/^\s*[-•]\s+/gm, ''), s, width - bulletIndent, { lineHeight: 1.2 }) + value.split('\n').length * s * 0.5;
  // More characters than the box could hold at the smallest size (generously counted) are never
  // shown, so they are never measured either: a 50,000-character note costs what a full box does.
  const capacity = Math.ceil((width / (sizes.min * 0.3)) * Math.max(1, space / (sizes.min * 1.1)));
  const candidate = text.length > capacity ? text.slice(0, capacity) : text;
  while (size > sizes.min && measure(candidate, size) > space) size -= 0.5;
  let shown = candidate;
  if (candidate !== text || measure(shown, size) > space) {
    // Cut at a word; the full text is in the one-a-page handout and the notes layout.
    const words = shown.split(/(?<=\s)/);
    while (words.length > 1 && measure(`${words.join('')}…`, size) > space) words.splice(Math.max(1, Math.floor(words.length * 0.9)));
    shown = `${words.join('').trimEnd()}…`;
  }
  return {
    content: [{ text: notesHeading(input.options.notes), bold: true, fontSize: 8, color: COLORS.accent, margin: [0, 0, 0, 2] }, ...notesContent(shown, size, 1.2)],
    height: headingHeight + measure(shown, size),
  };
}

const GRID = { columnGap: 20, rowGap: 16, label: 8, labelGap: 3 } as const;

/** 4 (2 × 2, landscape) or 6 (2 × 3, portrait) slides a page, each numbered "Slide N". */
function gridPerPage(input: LayoutInput, perPage: 4 | 6): Content[] {
  const columns = 2;
  const rows = perPage / columns;
  const total = contentWidth(input.setup);
  const labelHeight = input.measurer.lineHeight('S', GRID.label) + GRID.labelGap;
  const rowHeight = (contentHeight(input.setup) - (rows - 1) * GRID.rowGap - 4) / rows;
  const width = Math.min((total - GRID.columnGap) / columns, slideWidth(rowHeight - labelHeight));
  const offset = (total - (columns * width + GRID.columnGap)) / 2;
  const out: Content[] = [];
  for (let start = 0; start < input.deck.slides.length; start += columns) {
    const cells: Content[] = [];
    for (let i = start; i < Math.min(start + columns, input.deck.slides.length); i++) {
      cells.push({
        width,
        stack: [
          frame(input, input.deck.slides[i], i, width),
          { text: `Slide ${input.numbers[i]}`, fontSize: GRID.label, color: COLORS.muted, alignment: 'center', margin: [0, GRID.labelGap, 0, 0] },
        ],
      });
    }
    const row = start / columns;
    out.push({
      columns: cells,
      columnGap: GRID.columnGap,
      margin: [offset, row % rows === 0 ? 0 : GRID.rowGap, 0, 0],
      pageBreak: breakBefore(input, start, perPage),
    } satisfies Content);
    for (let i = start; i < Math.min(start + columns, input.deck.slides.length); i++) out.push(...rest(input, input.deck.slides[i], i, total));
  }
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
  return input.deck.slides.map((slide, i) => ({
    stack: [
      { stack: [frame(input, slide, i, width)], margin: [(total - width) / 2, 0, 0, 10] },
      ...rest(input, slide, i, total),
      {
        text: `Slide ${input.numbers[i]} of ${input.deckCount}${slide.durationSec ? ` · ${formatDuration(slide.durationSec)}` : ''}`,
        fontSize: 8.5,
        color: COLORS.faint,
        alignment: 'center',
        margin: [0, 0, 0, 12],
      } satisfies Content,
      ...(notesFor(slide, input.options.notes) ? notesBlock(slide, input.options.notes, 11.5) : [{ text: textRuns('No notes for this slide.'), italics: true, color: COLORS.faint } as Content]),
    ],
    pageBreak: breakBefore(input, i, 1),
  }));
}

/** The pages that show the slides, for the chosen layout and count per page. */
export function slidePages(input: LayoutInput): Content[] {
  switch (input.options.layout) {
    case 'slides':
      return slidesLayout(input);
    case 'notes':
      return notesLayout(input);
    case 'three-up':
      return threePerPage(input);
    case 'handout':
      return handoutPages(input, input.options.perPage);
  }
}

function handoutPages(input: LayoutInput, perPage: PdfPerPage): Content[] {
  if (perPage === 1) return onePerPage(input);
  if (perPage === 2) return twoPerPage(input);
  if (perPage === 3) return threePerPage(input);
  return gridPerPage(input, perPage);
}

/** Slides on each page of a layout (tests and the cover use it). */
export function slidesPerPage(layout: PdfLayout, perPage: PdfPerPage): number {
  if (layout === 'three-up') return 3;
  if (layout === 'handout') return perPage;
  return 1;
}

/** The number of pages the slide part of a layout takes when no notes run over (tests and progress use it). */
export function expectedSlidePages(layout: PdfLayout, perPage: PdfPerPage, slides: number): number {
  return Math.ceil(slides / slidesPerPage(layout, perPage));
}
