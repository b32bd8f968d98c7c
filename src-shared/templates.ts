/**
 * Deck templates: what File → New and `briefing new` start from. Every template
 * is a valid deck that also passes `briefing check --strict`. Placeholder text
 * reads as placeholder ("Your bottom line up front…"), and the template charts
 * and figures are labelled sample values ("Sample", "Replace with your data"),
 * never invented figures that could pass for real ones.
 */
import { DECK_FORMAT, DECK_VERSION, type Deck, type Slide, type Source } from './deck-schema';

export interface DeckTemplate {
  id: 'blank' | 'situation' | 'data-update';
  name: string;
  description: string;
}

export type DeckTemplateId = DeckTemplate['id'];

export interface TemplateOptions {
  title?: string;
  author?: string;
  /** YYYY-MM-DD; left out when not given (the format says: leave it out rather than guess). */
  date?: string;
}

export const DECK_TEMPLATES: readonly DeckTemplate[] = Object.freeze([
  { id: 'blank', name: 'Blank', description: 'A title slide and nothing else: start from an empty page.' },
  {
    id: 'situation',
    name: 'Situation briefing',
    description: 'Bottom line up front, key judgments with confidence, evidence with a chart, implications, outlook and sources.',
  },
  {
    id: 'data-update',
    name: 'Data update',
    description: 'Headline figures, a trend chart, a breakdown, what changed since last time, and sources.',
  },
] as const satisfies readonly DeckTemplate[]);

/** The text every sample figure carries, so nobody mistakes it for data. */
export const SAMPLE_CAPTION = 'Sample values — replace with your data.';

const PLACEHOLDER_SOURCE: Source = {
  id: 'source-1',
  title: 'Your source: the report, article or data set the figures come from…',
  publisher: 'Who published it…',
  note: 'Placeholder: replace with your own source, or remove it and the slides that cite it.',
};

/** A date as YYYY-MM-DD in the local time zone: the day a person creates a deck. */
export function localDateString(date: Date = new Date()): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** True when `id` names a template. */
export function isDeckTemplateId(id: unknown): id is DeckTemplateId {
  return typeof id === 'string' && DECK_TEMPLATES.some((t) => t.id === id);
}

/**
 * A new, valid deck (passes validateDeck and `briefing check`) with fresh unique
 * slide ids. Each call returns new objects, so callers may edit the result freely.
 */
export function createDeckFromTemplate(id: DeckTemplateId, opts: TemplateOptions = {}): Deck {
  const template = DECK_TEMPLATES.find((t) => t.id === id);
  if (!template) throw new Error(`unknown template "${String(id)}"; expected one of ${DECK_TEMPLATES.map((t) => t.id).join(', ')}`);
  const title = cleanTitle(opts.title) ?? (id === 'blank' ? 'Untitled briefing' : `${template.name}: your title…`);
  const meta: Deck['meta'] = { title };
  const author = cleanTitle(opts.author);
  if (author) meta.author = author;
  if (opts.date !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(opts.date)) meta.date = opts.date;

  const slides = id === 'situation' ? situationSlides(title) : id === 'data-update' ? dataUpdateSlides(title) : blankSlides(title);
  const deck: Deck = { format: DECK_FORMAT, version: DECK_VERSION, meta, slides };
  if (id !== 'blank') deck.sources = [{ ...PLACEHOLDER_SOURCE }];
  return deck;
}

/** Trims, and caps at the format's title length; empty becomes undefined. */
function cleanTitle(text: string | undefined): string | undefined {
  const trimmed = text?.replace(/\s+/g, ' ').trim();
  return trimmed ? trimmed.slice(0, 500) : undefined;
}

function titleSlide(title: string, subtitle: string): Slide {
  return {
    id: 'title',
    layout: 'title',
    title,
    subtitle,
    notes: '- Who you are and why the room is here…\n- How long you will take, and when to ask questions…',
  };
}

function blankSlides(title: string): Slide[] {
  return [titleSlide(title, 'Your subtitle…')];
}

function situationSlides(title: string): Slide[] {
  return [
    titleSlide(title, 'One line on what this briefing covers…'),
    {
      id: 'bottom-line',
      layout: 'bullets',
      title: 'Bottom line up front',
      bullets: [
        'Your bottom line up front: the one thing the room must take away…',
        'What it means for the people in this room…',
        'What you recommend, or what decision is needed…',
      ],
      notes: '- Say the bottom line first, in one breath…\n- Everything after this slide is the evidence…',
    },
    {
      id: 'key-judgments',
      layout: 'bullets',
      title: 'Key judgments',
      confidence: 'moderate',
      bullets: [
        'High confidence: a judgment well supported by several independent sources…',
        'Moderate confidence: a judgment with credible but incomplete support…',
        'Low confidence: a judgment that is plausible but thinly sourced…',
      ],
      notes: '- Set the slide\'s confidence to your overall confidence in these judgments…\n- Say what would change your mind…',
      sources: ['source-1'],
    },
    {
      id: 'evidence-section',
      layout: 'section',
      title: 'The evidence',
      subtitle: 'What the sources show…',
    },
    {
      id: 'evidence-figures',
      layout: 'stats',
      title: 'Your headline figure as a message…',
      stats: [
        { value: 100, unit: 'units', label: 'Sample figure — replace with yours', source: 'source-1' },
        { value: 50, unit: '%', label: 'Sample share — replace with yours', source: 'source-1' },
      ],
      notes: '- Replace both sample figures with your own, and cite where each comes from…',
      sources: ['source-1'],
    },
    {
      id: 'evidence-chart',
      layout: 'chart',
      title: 'Your chart title: the message the chart proves…',
      chart: {
        type: 'bar',
        labels: ['Sample A', 'Sample B', 'Sample C'],
        series: [{ name: 'Sample', values: [1, 2, 3] }],
        caption: SAMPLE_CAPTION,
      },
      notes: '- Paste your table into the chart (first row: series names; first column: labels)…',
      sources: ['source-1'],
    },
    {
      id: 'implications',
      layout: 'two-column',
      title: 'Implications',
      columns: [
        { heading: 'For us…', bullets: ['First implication…', 'Second implication…'] },
        { heading: 'For others…', bullets: ['First implication…', 'Second implication…'] },
      ],
    },
    {
      id: 'outlook',
      layout: 'bullets',
      title: 'Outlook',
      confidence: 'low',
      bullets: ['What you expect next, and by when…', 'Signposts to watch that would confirm or refute it…'],
    },
    { id: 'sources', layout: 'sources', title: 'Sources', sources: ['source-1'] },
  ];
}

function dataUpdateSlides(title: string): Slide[] {
  return [
    titleSlide(title, 'The period this update covers…'),
    {
      id: 'summary',
      layout: 'bullets',
      title: 'What changed since the last update',
      bullets: ['The biggest change, in one sentence…', 'What stayed the same…', 'What to watch before the next update…'],
    },
    {
      id: 'headline-figures',
      layout: 'stats',
      title: 'Headline figures',
      stats: [
        { value: 100, unit: 'units', label: 'Sample figure, this period — replace with yours', source: 'source-1' },
        { value: 90, unit: 'units', label: 'Sample figure, last period — replace with yours', source: 'source-1' },
        { value: 11.1, unit: '%', label: 'Sample change (derived) — replace with yours', source: 'source-1', derived: 'Sample arithmetic: (100 − 90) / 90 × 100 = 11.1. Say how you computed yours.' },
      ],
      sources: ['source-1'],
    },
    {
      id: 'trend',
      layout: 'chart',
      title: 'Your trend as a message…',
      chart: {
        type: 'line',
        labels: ['Sample period 1', 'Sample period 2', 'Sample period 3', 'Sample period 4'],
        series: [{ name: 'Sample', values: [1, 2, 2, 3] }],
        caption: SAMPLE_CAPTION,
      },
      sources: ['source-1'],
    },
    {
      id: 'breakdown',
      layout: 'chart',
      title: 'Your breakdown as a message…',
      chart: {
        type: 'horizontal-bar',
        labels: ['Sample category A', 'Sample category B', 'Sample category C'],
        series: [{ name: 'Sample', values: [3, 2, 1] }],
        caption: SAMPLE_CAPTION,
      },
      sources: ['source-1'],
    },
    {
      id: 'next-steps',
      layout: 'bullets',
      title: 'Next steps',
      bullets: ['What you will do before the next update…', 'What you need from the room…'],
    },
    { id: 'sources', layout: 'sources', title: 'Sources', sources: ['source-1'] },
  ];
}
