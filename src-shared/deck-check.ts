/**
 * `briefing check` and the app's field problems share this: every error in one
 * pass (schema and cross-reference alike), plus warnings for what is allowed but
 * probably a slip — an unknown field (with a "did you mean"), a chart or figures
 * with no source. Each problem keeps its JSON path (the UI maps it to a field)
 * and names the slide or source a person would look for.
 */
import type * as v from 'valibot';
import type { Deck } from './deck-schema';
import {
  ChartSchema,
  ColumnSchema,
  DeckSchema,
  ImageSchema,
  MetaSchema,
  QuoteSchema,
  SeriesSchema,
  SlideSchema,
  SourceSchema,
  StatSchema,
  ThemeSchema,
  TableColumnSchema,
  TableSchema,
} from './deck-schema';
import { collectDeckErrors, formatPath, parseDeckText, type DeckProblem } from './deck-validate';
import { estimateSlideFit } from './slide-fit';
import { deckImageProblems } from './image-check';
import { themeContrastProblems } from './theme';
import { tableWarnings } from './table-check';
import { closestKey } from './did-you-mean';

// Kept importable from here, where `briefing check` first used them.
export { closestKey, levenshtein } from './did-you-mean';

export interface DeckCheck {
  errors: DeckProblem[];
  warnings: DeckProblem[];
}

/** Fields starting with this are the author's own: kept, never warned about. */
export const EXTENSION_PREFIX = 'x-';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => x !== null && typeof x === 'object' && !Array.isArray(x);

/** Known keys per level, read from the schema so a field added there is known here at once. */
const keysOf = (schema: { entries: Record<string, v.GenericSchema> }): readonly string[] => Object.keys(schema.entries);

/** Where the keys of each level are checked: path pattern → known keys, and how to go deeper. */
interface Level {
  keys: readonly string[];
  children?: Record<string, { level: Level; list?: boolean }>;
}
const SERIES: Level = { keys: keysOf(SeriesSchema) };
const CHART: Level = { keys: keysOf(ChartSchema), children: { series: { level: SERIES, list: true } } };
const SLIDE: Level = {
  keys: keysOf(SlideSchema),
  children: {
    stats: { level: { keys: keysOf(StatSchema) }, list: true },
    columns: { level: { keys: keysOf(ColumnSchema) }, list: true },
    chart: { level: CHART },
    table: { level: { keys: keysOf(TableSchema), children: { columns: { level: { keys: keysOf(TableColumnSchema) }, list: true } } } },
    quote: { level: { keys: keysOf(QuoteSchema) } },
    image: { level: { keys: keysOf(ImageSchema) } },
  },
};
const DECK: Level = {
  keys: keysOf(DeckSchema),
  children: {
    meta: { level: { keys: keysOf(MetaSchema) } },
    sources: { level: { keys: keysOf(SourceSchema) }, list: true },
    slides: { level: SLIDE, list: true },
    theme: { level: { keys: keysOf(ThemeSchema) } },
  },
};

/** Errors and warnings for a parsed deck (or anything: never throws). */
export function checkDeck(value: unknown): DeckCheck {
  const errors = collectDeckErrors(value);
  // Hostile or unreadable input stops at one whole-file problem; warnings would only add noise.
  const stopped = errors.length === 1 && (errors[0].path === '' || /newer Briefing Desk|is reserved|nested deeper/.test(errors[0].message));
  const warnings: DeckProblem[] = [];
  if (!stopped && isObj(value)) {
    unknownFields(value, DECK, [], warnings);
    unsourcedData(value, warnings);
    // Only a deck that validates has the shape the estimate reads.
    if (errors.length === 0) overfullSlides(value as unknown as Deck, warnings);
    // Alt text (the theme's logo's too), where an image lives and what its bytes are: errors for check, yet the deck still opens to be fixed.
    errors.push(...deckImageProblems(value));
    // Colours a deck sets that fail WCAG AA against the slide background.
    warnings.push(...themeContrastProblems(value.theme));
    tableWarnings(value, warnings);
  }
  return { errors: errors.map((p) => locate(value, p)), warnings: warnings.map((p) => locate(value, p)) };
}

/** Parses deck text and checks it; a syntax error comes back as one error with its line and column. */
export function checkDeckText(text: string): DeckCheck {
  // A byte-order mark is what some Windows editors write; the store drops it too.
  const body = text.replace(/^\uFEFF/, '');
  const parsed = parseDeckText(body);
  if (!parsed.ok && parsed.problems.length === 1 && parsed.problems[0].path === '') return { errors: parsed.problems, warnings: [] };
  // parseDeckText checked size and depth and parsed it once; JSON.parse cannot fail now.
  return checkDeck(JSON.parse(body));
}

/** One line per problem as the CLI prints it: `slide 5 'Title' (id s5) at slides[4].bulets: …`. */
export function formatCheckProblem(problem: DeckProblem): string {
  const at = problem.where && problem.path ? `${problem.where} at ${problem.path}` : problem.where || problem.path;
  return at ? `${at}: ${problem.message}` : problem.message;
}

/** Names the slide (or source) a path points into, e.g. `slide 5 'Title' (id s5)`. */
export function describeWhere(deck: unknown, path: string): string | undefined {
  const m = /^(slides|sources)\[(\d+)\]/.exec(path);
  if (!m || !isObj(deck)) return undefined;
  const list = deck[m[1]];
  const index = Number(m[2]);
  const item = Array.isArray(list) ? list[index] : undefined;
  const kind = m[1] === 'slides' ? 'slide' : 'source';
  const title = isObj(item) && typeof item.title === 'string' && item.title.trim() ? ` '${clip(item.title.trim(), 50)}'` : '';
  const id = isObj(item) && typeof item.id === 'string' && item.id ? ` (id ${clip(item.id, 64)})` : '';
  return `${kind} ${index + 1}${title}${id}`;
}

function locate(deck: unknown, problem: DeckProblem): DeckProblem {
  const where = describeWhere(deck, problem.path);
  return where ? { ...problem, where } : problem;
}

function unknownFields(value: Obj, level: Level, path: (string | number)[], out: DeckProblem[]): void {
  for (const key of Object.keys(value)) {
    if (level.keys.includes(key)) {
      const child = level.children?.[key];
      const item = value[key];
      if (!child) continue;
      if (child.list && Array.isArray(item)) {
        item.forEach((entry, i) => {
          if (isObj(entry)) unknownFields(entry, child.level, [...path, key, i], out);
        });
      } else if (!child.list && isObj(item)) unknownFields(item, child.level, [...path, key], out);
      continue;
    }
    if (key.startsWith(EXTENSION_PREFIX)) continue;
    const suggestion = closestKey(key, level.keys);
    out.push({
      path: formatPath([...path, key]),
      message: suggestion
        ? `unknown field "${key}": did you mean "${suggestion}"? (kept in the file, but not used)`
        : `unknown field "${key}" (kept in the file, but not used; name your own fields "${EXTENSION_PREFIX}…" to silence this)`,
    });
  }
}

/** A chart or figures without a source: the audience cannot tell where the numbers come from. */
function unsourcedData(deck: Obj, out: DeckProblem[]): void {
  const slides = Array.isArray(deck.slides) ? deck.slides : [];
  slides.forEach((slide, i) => {
    if (!isObj(slide)) return;
    const hasChart = slide.layout === 'chart' || isObj(slide.chart);
    const stats = Array.isArray(slide.stats) ? slide.stats : [];
    const hasStats = slide.layout === 'stats' || stats.length > 0;
    const hasTable = slide.layout === 'table' || isObj(slide.table);
    if (!hasChart && !hasStats && !hasTable) return;
    const cited = Array.isArray(slide.sources) && slide.sources.length > 0;
    const statCited = stats.some((s) => isObj(s) && typeof s.source === 'string');
    if (cited || statCited) return;
    const what = hasChart ? 'a chart' : hasTable && !hasStats ? 'a table' : 'figures';
    out.push({
      path: formatPath(['slides', i, 'sources']),
      message: `this slide shows ${what} but names no source; add the id of the source its numbers come from`,
    });
  });
}

/** A slide whose text is too long to fit on it: the screen cuts it off at the bottom. */
function overfullSlides(deck: Deck, out: DeckProblem[]): void {
  deck.slides.forEach((slide, i) => {
    const fit = estimateSlideFit(deck, slide);
    if (!fit || fit.fits) return;
    const over = Math.round((fit.needed / fit.available - 1) * 100);
    out.push({
      path: formatPath(['slides', i]),
      message: `this slide's text does not fit on it at the smallest size (about ${over}% too much): the screen cuts off the bottom and the PDF shrinks or shortens it; split the slide or shorten its text`,
    });
  });
}

function clip(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
