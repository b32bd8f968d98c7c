/**
 * Slide-level changes to a deck as operations: plain data that the editor's undo
 * stack, window sync, keys, menus, the overview's drag and the edit panel all share.
 *
 * `applyOp` is pure: it returns a new deck (a new object and a new `slides` array, the
 * slides themselves shared, not copied) and the exact inverse operation, so undo is
 * "apply the inverse" and redo is "apply the op again". The renderer holds its deck as
 * an immutable value (`$state.raw`): an operation replaces only the objects along its
 * path, so every slide it did not touch keeps its identity and nothing that shows one
 * re-renders. `withOp` is the same without the inverse.
 *
 * The builders (`addSlideOp`, `duplicateSlideOp`, …) never change the deck; they read it
 * to pick fresh ids and copy slides.
 */
import type { Deck, Layout, Slide, Stash } from './deck-schema';

export type DeckOp =
  /** Puts `slide` at `index` (0 … length). */
  | { kind: 'insert'; index: number; slide: Slide }
  /** Takes out the slide at `index`; `id` must match, so a stale op cannot remove the wrong slide. */
  | { kind: 'remove'; index: number; id: string }
  /** Moves the slide at `from` so that it ends up at `to`. */
  | { kind: 'move'; from: number; to: number }
  /** Replaces the slide at `index` (same id) with `slide`: layout changes, hide/show. */
  | { kind: 'replace'; index: number; slide: Slide };

export class DeckOpError extends Error {
  override name = 'DeckOpError';
}

/** Content fields a layout may show; what one layout does not show, a layout change sets aside. */
export const STASH_FIELDS = ['subtitle', 'bullets', 'columns', 'stats', 'chart', 'quote', 'confidence', 'image', 'table'] as const;
export type StashField = (typeof STASH_FIELDS)[number];

/** What each layout shows (Slide.svelte and the PDF frame draw exactly these). */
export const LAYOUT_FIELDS: Readonly<Record<Layout, readonly StashField[]>> = {
  title: ['subtitle'],
  section: ['subtitle'],
  bullets: ['subtitle', 'bullets', 'confidence', 'image'],
  stats: ['subtitle', 'stats', 'bullets', 'confidence'],
  chart: ['subtitle', 'chart', 'bullets', 'confidence'],
  'two-column': ['subtitle', 'columns', 'bullets', 'confidence', 'image'],
  quote: ['subtitle', 'quote', 'bullets', 'confidence'],
  sources: ['subtitle', 'bullets', 'confidence'],
  image: ['subtitle', 'image', 'bullets', 'confidence'],
  table: ['subtitle', 'table', 'bullets', 'confidence'],
};

/** The field a layout cannot do without (deck-validate's cross-check says the same). */
const REQUIRED: Partial<Record<Layout, StashField>> = { stats: 'stats', chart: 'chart', 'two-column': 'columns', quote: 'quote', table: 'table' };

/** Human names of the layouts, for pickers and menus. */
export const LAYOUT_NAMES: Readonly<Record<Layout, string>> = {
  title: 'Title',
  section: 'Section divider',
  bullets: 'Bullets',
  stats: 'Big numbers',
  chart: 'Chart',
  'two-column': 'Two columns',
  quote: 'Quote',
  sources: 'Sources',
  image: 'Image',
  table: 'Table',
};

/** Starter content a new slide of a layout gets, so it is valid and shows where to type. */
export function starterContent(field: StashField): Slide[StashField] {
  switch (field) {
    case 'stats':
      return [
        { value: 0, label: 'What this number is' },
        { value: 0, label: 'What this number is' },
      ];
    case 'chart':
      return { type: 'bar', labels: ['A', 'B', 'C'], series: [{ name: 'Series 1', values: [1, 2, 3] }] };
    case 'columns':
      return [
        { heading: 'Left', bullets: ['A point'] },
        { heading: 'Right', bullets: ['A point'] },
      ];
    case 'quote':
      return { text: 'The quotation, word for word', attribution: 'Who said it' };
    case 'bullets':
      return ['A point'];
    case 'table':
      return { columns: [{ heading: 'Item' }, { heading: 'Value' }], rows: [['First item', null]] };
    default:
      return undefined;
  }
}

const NEW_TITLES: Readonly<Record<Layout, string>> = {
  title: 'Title of the briefing',
  section: 'Section title',
  bullets: 'The message of this slide',
  stats: 'What the numbers say',
  chart: 'What the chart shows',
  'two-column': 'Two sides of the question',
  quote: 'Who said what',
  sources: 'Sources',
  image: 'What the picture shows',
  table: 'What the table shows',
};

/** A new slide of `layout` with id `id`: the title and starter content say where to type. */
export function newSlide(layout: Layout, id: string): Slide {
  const slide: Slide = { id, layout, title: NEW_TITLES[layout] };
  const required = REQUIRED[layout];
  if (layout === 'bullets') slide.bullets = ['A point'];
  if (required) (slide as Record<string, unknown>)[required] = starterContent(required);
  return slide;
}

const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/i;

/** An id not used by any slide of the deck, made from `base` (`chart`, `chart-2`, …; at most 64 characters). */
export function freshSlideId(deck: Deck, base: string): string {
  const used = new Set(deck.slides.map((s) => s.id));
  let stem = base.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[-_]+/, '').slice(0, 52) || 'slide';
  if (!ID_PATTERN.test(stem)) stem = 'slide';
  if (!used.has(stem)) return stem;
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** Adds a new slide of `layout` after slide `after` (-1 puts it first). */
export function addSlideOp(deck: Deck, after: number, layout: Layout): DeckOp {
  const index = clampIndex(after + 1, deck.slides.length);
  return { kind: 'insert', index, slide: newSlide(layout, freshSlideId(deck, layout)) };
}

/** A deep copy of slide `index` right after it, under a new id. */
export function duplicateSlideOp(deck: Deck, index: number): DeckOp {
  const original = slideAt(deck, index);
  const copy = cloneJson(original);
  copy.id = freshSlideId(deck, `${original.id.replace(/-copy(-\d+)?$/, '')}-copy`);
  return { kind: 'insert', index: index + 1, slide: copy };
}

export function deleteSlideOp(deck: Deck, index: number): DeckOp {
  return { kind: 'remove', index, id: slideAt(deck, index).id };
}

/** Moves slide `from` to position `to` (both 0-based; `to` is where it ends up). */
export function moveSlideOp(deck: Deck, from: number, to: number): DeckOp {
  slideAt(deck, from);
  slideAt(deck, to);
  return { kind: 'move', from, to };
}

/** Gives slide `index` another layout (see `withLayout`). */
export function changeLayoutOp(deck: Deck, index: number, layout: Layout): DeckOp {
  return { kind: 'replace', index, slide: withLayout(slideAt(deck, index), layout) };
}

/** Hides (kept out of presenting and handouts) or shows slide `index`. */
export function setHiddenOp(deck: Deck, index: number, hidden: boolean): DeckOp {
  const slide = cloneJson(slideAt(deck, index));
  if (hidden) slide.hidden = true;
  else delete slide.hidden;
  return { kind: 'replace', index, slide };
}

/** Drops what a layout change set aside on slide `index`, when the author no longer wants it. */
export function discardStashOp(deck: Deck, index: number): DeckOp {
  const slide = cloneJson(slideAt(deck, index));
  delete slide.stash;
  return { kind: 'replace', index, slide };
}

/**
 * The slide under another layout. Fields the new layout shows are kept; the others move
 * into `stash` (saved with the deck, so nothing is lost, even across sessions); fields
 * the new layout shows come back from `stash` when the slide has none of its own; a
 * field the layout cannot do without and that neither has gets starter content.
 */
export function withLayout(slide: Slide, layout: Layout): Slide {
  const next = cloneJson(slide);
  next.layout = layout;
  // Fields are moved by name; the schema checks the result, so a loose record is enough here.
  const copy = next as unknown as Record<string, unknown>;
  const stash: Record<string, unknown> = { ...(next.stash ?? {}) };
  const shows = new Set<StashField>(LAYOUT_FIELDS[layout]);
  for (const field of STASH_FIELDS) {
    if (!shows.has(field) && copy[field] !== undefined) {
      stash[field] = copy[field];
      delete copy[field];
    } else if (shows.has(field) && copy[field] === undefined && stash[field] !== undefined) {
      copy[field] = stash[field];
      delete stash[field];
    }
  }
  const required = REQUIRED[layout];
  if (required && copy[required] === undefined) copy[required] = starterContent(required);
  if (Object.keys(stash).length) copy.stash = stash as Stash;
  else delete copy.stash;
  return next;
}

/** What `applyOp` returns: the new deck and the operation that undoes `op` on it. */
export interface OpResult {
  deck: Deck;
  inverse: DeckOp;
}

/**
 * Applies `op` and returns the new deck with the operation that undoes it exactly. `deck`
 * is left as it was: the result is a new deck object with a new `slides` array, and the
 * slides are shared (an inserted or replacing slide is `op.slide` itself).
 */
export function applyOp(deck: Deck, op: DeckOp): OpResult {
  const slides = deck.slides;
  const next = (list: Slide[]): Deck => ({ ...deck, slides: list });
  switch (op.kind) {
    case 'insert': {
      if (!Number.isInteger(op.index) || op.index < 0 || op.index > slides.length) throw new DeckOpError(`cannot insert a slide at ${op.index}`);
      if (slides.some((s) => s.id === op.slide.id)) throw new DeckOpError(`a slide with id "${op.slide.id}" already exists`);
      return { deck: next([...slides.slice(0, op.index), op.slide, ...slides.slice(op.index)]), inverse: { kind: 'remove', index: op.index, id: op.slide.id } };
    }
    case 'remove': {
      const slide = slideAt(deck, op.index);
      if (slide.id !== op.id) throw new DeckOpError(`slide ${op.index + 1} is "${slide.id}", not "${op.id}"`);
      return { deck: next([...slides.slice(0, op.index), ...slides.slice(op.index + 1)]), inverse: { kind: 'insert', index: op.index, slide } };
    }
    case 'move': {
      const slide = slideAt(deck, op.from);
      slideAt(deck, op.to);
      const list = slides.slice();
      list.splice(op.from, 1);
      list.splice(op.to, 0, slide);
      return { deck: next(list), inverse: { kind: 'move', from: op.to, to: op.from } };
    }
    case 'replace': {
      const before = slideAt(deck, op.index);
      if (before.id !== op.slide.id) throw new DeckOpError(`slide ${op.index + 1} is "${before.id}", not "${op.slide.id}"`);
      return { deck: next(slides.map((s, i) => (i === op.index ? op.slide : s))), inverse: { kind: 'replace', index: op.index, slide: before } };
    }
  }
}

/** The new deck with `op` applied; `deck` is left as it was (slides are shared, not copied). */
export function withOp(deck: Deck, op: DeckOp): Deck {
  return applyOp(deck, op).deck;
}

/** Where the current slide should be after `op`: the new slide, the neighbour of a deleted one, a moved slide itself. */
export function indexAfterOp(op: DeckOp, current: number, total: number): number {
  switch (op.kind) {
    case 'insert':
      return op.index;
    case 'remove':
      return Math.max(0, Math.min(op.index, total - 1));
    case 'move':
      return op.to;
    case 'replace':
      return op.index;
  }
  return current;
}

/** Indexes of the slides that are presented (not hidden), in order. */
export function shownSlideIndexes(deck: Deck): number[] {
  const out: number[] = [];
  deck.slides.forEach((s, i) => {
    if (!s.hidden) out.push(i);
  });
  return out;
}

function slideAt(deck: Deck, index: number): Slide {
  const slide = Number.isInteger(index) ? deck.slides[index] : undefined;
  if (!slide) throw new DeckOpError(`there is no slide ${index + 1}`);
  return slide;
}

function clampIndex(i: number, length: number): number {
  return Math.max(0, Math.min(length, Math.trunc(i)));
}

function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
