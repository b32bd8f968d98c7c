/**
 * Problems with deck fields, keyed by the JSON path `briefing check` prints, so the
 * edit panel shows each one on its field with the same message. Only the parts an
 * editor shows are checked (meta, sources, one slide): a keystroke never revalidates
 * a 500-slide deck. Pure: no DOM, no Node.
 */
import { DECK_FORMAT, DECK_VERSION } from './deck-schema';
import { checkDeck } from './deck-check';
import { formatPath, type DeckProblem } from './deck-validate';

/** Field path (as `formatPath` writes it) → the problems found there. */
export type FieldProblems = ReadonlyMap<string, string[]>;

export const NO_PROBLEMS: FieldProblems = new Map();

/** What a deck-level or slide-level editor shows; plain data (snapshots, never proxies). */
export interface ProblemScope {
  meta: unknown;
  sources?: unknown;
  /** The deck's theme, for editors that show it (contrast warnings on its colour fields). */
  theme?: unknown;
  /** The slide on screen and its index in the deck, or none for deck-only editors. */
  slide?: { index: number; value: unknown };
}

/** Warnings (allowed, but probably a slip) are shown with this before their message. */
export const WARNING_PREFIX = 'warning: ';

/**
 * Checks the scope as a deck of at most one slide, with `briefing check`'s rules and
 * messages (errors, and warnings marked as such), and keys each problem by its path
 * in the real deck.
 */
export function findFieldProblems(scope: ProblemScope): FieldProblems {
  const deck: Record<string, unknown> = { format: DECK_FORMAT, version: DECK_VERSION, meta: scope.meta, slides: scope.slide ? [scope.slide.value] : [] };
  if (scope.sources !== undefined) deck.sources = scope.sources;
  if (scope.theme !== undefined) deck.theme = scope.theme;
  const { errors, warnings } = checkDeck(deck);
  if (!errors.length && !warnings.length) return NO_PROBLEMS;
  const out = new Map<string, string[]>();
  const add = (problem: DeckProblem, prefix: string) => {
    const path = scope.slide ? problem.path.replace(/^slides\[0\]/, `slides[${scope.slide.index}]`) : problem.path;
    out.set(path, [...(out.get(path) ?? []), prefix + problem.message]);
  };
  errors.forEach((p) => add(p, ''));
  warnings.forEach((p) => add(p, WARNING_PREFIX));
  return out;
}

/** The key of an edit path: `['slides', 4, 'chart', 'unit']` → `slides[4].chart.unit`. */
export function fieldKey(path: ReadonlyArray<string | number>): string {
  return formatPath(path);
}

/** The problems exactly at one field, joined for its message line ('' when none). */
export function problemAt(problems: FieldProblems, path: ReadonlyArray<string | number>): string {
  return (problems.get(fieldKey(path)) ?? []).join('; ');
}

/**
 * Problems under `prefix` that no listed field shows exactly: a table or list shows
 * these on itself (e.g. `series[0].values: expected 4 values…`), so none is hidden.
 */
export function problemsUnder(problems: FieldProblems, prefix: ReadonlyArray<string | number>, shownElsewhere: ReadonlySet<string>): DeckProblem[] {
  const root = fieldKey(prefix);
  const out: DeckProblem[] = [];
  for (const [path, messages] of problems) {
    if (shownElsewhere.has(path)) continue;
    if (path === root || path.startsWith(`${root}.`) || path.startsWith(`${root}[`)) {
      for (const message of messages) out.push({ path, message });
    }
  }
  return out;
}

/** Web addresses in sources are text, never opened by the app; only http(s) is accepted. */
export function sourceUrlProblem(url: string | undefined): string {
  if (url === undefined || url.trim() === '') return '';
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return 'expected a web address starting with http:// or https://';
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? '' : 'expected a web address starting with http:// or https://';
}
