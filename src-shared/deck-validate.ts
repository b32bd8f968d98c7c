/**
 * Turning untrusted text into a valid deck: size and depth limits before parsing,
 * prototype-polluting keys refused, schema validation, then the checks a schema
 * cannot express (unique ids, known sources, chart shapes). Every problem carries
 * the JSON path a person can find in the file.
 */
import * as v from 'valibot';
import { MAX_CHART_VALUE } from './chart-config';
import { DECK_VERSION, DeckSchema, LIMITS, type Deck } from './deck-schema';
import { resolveCountry, unknownCountryMessage } from './countries';
import { locateJsonError } from './json-error';

/** One thing wrong with a deck, with the JSON path where it is (empty for the whole file). */
export interface DeckProblem {
  path: string;
  message: string;
  /** Set by checkDeck: the slide or source a person would look for, e.g. `slide 5 'Title' (id s5)`. */
  where?: string;
}

export type DeckResult = { ok: true; deck: Deck } | { ok: false; problems: DeckProblem[] };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Formats a path like `slides[3].chart.series[0].values[2]`. */
export function formatPath(keys: ReadonlyArray<string | number>): string {
  let out = '';
  for (const key of keys) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** Formats problems one per line: `path: message`, as the CLI and the UI show them. */
export function formatProblems(problems: readonly DeckProblem[]): string[] {
  return problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
}

/**
 * Measures the deepest nesting of arrays/objects in JSON text without parsing it,
 * so a file nested a million deep is refused before JSON.parse or any recursion.
 * Stops counting as soon as `limit` is passed.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return false;
}

/** Byte length of a string as UTF-8, without allocating a buffer. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Parses and validates deck text. Never throws for bad input. */
export function parseDeckText(text: string): DeckResult {
  if (text.length > LIMITS.maxBytes || utf8Length(text) > LIMITS.maxBytes) {
    return fail('', `the file is larger than ${LIMITS.maxBytes / 1024 / 1024} MB, the most a deck may be`);
  }
  if (jsonDepthExceeds(text, LIMITS.maxDepth)) {
    return fail('', `the file is nested deeper than ${LIMITS.maxDepth} levels, more than the deck format allows`);
  }
  let value: unknown;
  try {
    // JSON.parse stores "__proto__" as an ordinary own key (it never sets the
    // prototype), so reserved keys are safe to find afterwards, with their path.
    value = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return fail('', text.trim() === '' ? 'the file is empty' : `the file is not valid JSON (${describeJsonError(reason, text)})`);
  }
  return validateDeck(value);
}

/**
 * JSON.parse reports an offset for some mistakes and none for others; people look
 * for a line and column and a reason. A file cut off mid-write (the common
 * corruption) gets said so plainly.
 */
function describeJsonError(reason: string, text: string): string {
  const located = locateJsonError(text);
  if (located) {
    if (/ends too early/.test(located.message)) return 'it ends too early; it may have been cut off';
    return `line ${located.line}, column ${located.column}: ${located.message}`;
  }
  if (/unexpected end of json input/i.test(reason)) return 'it ends too early; it may have been cut off';
  return reason;
}

/** Validates an already-parsed value as a deck (schema + cross-field checks). */
export function validateDeck(value: unknown): DeckResult {
  return validate(value, false);
}

/**
 * Every error in one pass, for `briefing check` and field problems in the app:
 * unlike validateDeck, cross-reference problems (unknown sources, duplicate ids,
 * series lengths) are reported even when the schema also fails. Hostile input
 * (reserved keys, deep nesting, a newer version) still stops at its one problem.
 */
export function collectDeckErrors(value: unknown): DeckProblem[] {
  const result = validate(value, true);
  return result.ok ? [] : result.problems;
}

function validate(value: unknown, allInOnePass: boolean): DeckResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail('', 'expected a JSON object that starts with "format": "briefing-deck"');
  }
  const structural = findStructureProblem(value, [], 0);
  if (structural) return { ok: false, problems: [structural] };
  const version = (value as Record<string, unknown>).version;
  if (typeof version === 'number' && Number.isInteger(version) && version > DECK_VERSION) {
    return fail('version', `this deck is format version ${version}; this app reads version ${DECK_VERSION} — a newer Briefing Desk is needed`);
  }
  const result = v.safeParse(DeckSchema, value, { abortEarly: false });
  if (!result.success) {
    const problems = result.issues.slice(0, 200).map((issue) => ({
      path: formatPath((issue.path ?? []).map((item) => item.key as string | number)),
      message: isMissingKey(issue) ? 'missing' : issue.message,
    }));
    if (allInOnePass) problems.push(...crossReferenceProblems(value));
    return { ok: false, problems: dedupe(problems) };
  }
  const problems = crossReferenceProblems(result.output);
  return problems.length ? { ok: false, problems } : { ok: true, deck: result.output };
}

/**
 * valibot reports an absent required key as an object-level issue ("Invalid key: …");
 * a person reading `meta.title: missing` knows at once what to add.
 */
function isMissingKey(issue: v.BaseIssue<unknown>): boolean {
  return issue.kind === 'schema' && issue.type.endsWith('object') && issue.received === 'undefined' && (issue.path?.length ?? 0) > 0;
}

/**
 * Walks the raw value before the schema does: refuses reserved keys (with their
 * path) and nesting deeper than the format allows — a value handed over in memory
 * (IPC, HTTP) never went through the text depth check, and may even be cyclic.
 */
function findStructureProblem(value: unknown, path: (string | number)[], depth: number): DeckProblem | null {
  if (value === null || typeof value !== 'object') return null;
  if (depth >= LIMITS.maxDepth) {
    return { path: formatPath(path), message: `nested deeper than ${LIMITS.maxDepth} levels, more than the deck format allows` };
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findStructureProblem(value[i], [...path, i], depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) {
      return { path: formatPath([...path, key]), message: `the key "${key}" is reserved and may not appear in a deck` };
    }
    const hit = findStructureProblem((value as Record<string, unknown>)[key], [...path, key], depth + 1);
    if (hit) return hit;
  }
  return null;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => x !== null && typeof x === 'object' && !Array.isArray(x);
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/**
 * What the schema cannot say: each layout has its content, ids are unique,
 * references resolve, chart series fit their labels. Tolerant of a value that
 * failed the schema (it skips what is malformed), so `checkDeck` can report these
 * alongside schema problems in one pass.
 */
export function crossReferenceProblems(deck: unknown): DeckProblem[] {
  const problems: DeckProblem[] = [];
  if (!isObj(deck)) return problems;
  const sourceIds = new Set<string>();
  arr(deck.sources).forEach((source, i) => {
    if (!isObj(source) || typeof source.id !== 'string') return;
    if (sourceIds.has(source.id)) problems.push({ path: `sources[${i}].id`, message: `duplicate source id "${source.id}"` });
    sourceIds.add(source.id);
  });
  const slideIds = new Set<string>();
  const needs: Record<string, string> = { stats: 'stats', chart: 'chart', 'two-column': 'columns', quote: 'quote', table: 'table' };
  arr(deck.slides).forEach((slide, i) => {
    if (!isObj(slide)) return;
    const at = `slides[${i}]`;
    if (typeof slide.id === 'string') {
      if (slideIds.has(slide.id)) problems.push({ path: `${at}.id`, message: `duplicate slide id "${slide.id}"` });
      slideIds.add(slide.id);
    }
    const field = typeof slide.layout === 'string' && Object.hasOwn(needs, slide.layout) ? needs[slide.layout] : undefined;
    if (field && slide[field] === undefined) {
      problems.push({ path: `${at}.${field}`, message: `a "${String(slide.layout)}" slide needs ${field}` });
    }
    arr(slide.sources).forEach((ref, j) => {
      if (typeof ref === 'string' && !sourceIds.has(ref)) problems.push({ path: `${at}.sources[${j}]`, message: `unknown source "${ref}"` });
    });
    arr(slide.stats).forEach((stat, j) => {
      if (isObj(stat) && typeof stat.source === 'string' && !sourceIds.has(stat.source)) {
        problems.push({ path: `${at}.stats[${j}].source`, message: `unknown source "${stat.source}"` });
      }
    });
    const table = slide.table;
    if (isObj(table) && Array.isArray(table.columns)) {
      const n = table.columns.length;
      arr(table.rows).forEach((row, r) => {
        if (Array.isArray(row) && row.length !== n) {
          problems.push({
            path: `${at}.table.rows[${r}]`,
            message: `expected ${n} cells, one per column, but found ${row.length}`,
          });
        }
      });
    }
    const chart = slide.chart;
    if (isObj(chart) && Array.isArray(chart.labels)) {
      const n = chart.labels.length;
      arr(chart.series).forEach((series, j) => {
        if (!isObj(series) || !Array.isArray(series.values)) return;
        if (series.values.length !== n) {
          problems.push({
            path: `${at}.chart.series[${j}].values`,
            message: `expected ${n} values, one per label, but found ${series.values.length}`,
          });
        }
        series.values.forEach((value, k) => {
          if (typeof value === 'number' && Math.abs(value) > MAX_CHART_VALUE) {
            problems.push({
              path: `${at}.chart.series[${j}].values[${k}]`,
              message: 'expected a number no larger than 10^15 either way (a chart cannot draw more); use a larger unit',
            });
          }
        });
      });
      if (chart.type === 'map') problems.push(...mapLabelProblems(chart.labels, `${at}.chart.labels`));
    }
  });
  return problems;
}

/** A map's labels must each name one country, once: an unknown name gets a "did you mean". */
function mapLabelProblems(labels: unknown[], at: string): DeckProblem[] {
  const problems: DeckProblem[] = [];
  const seen = new Map<string, number>();
  labels.forEach((label, k) => {
    if (typeof label !== 'string') return;
    const country = resolveCountry(label);
    if (!country) {
      problems.push({ path: `${at}[${k}]`, message: unknownCountryMessage(label) });
      return;
    }
    const key = country.alpha3 || country.name;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ path: `${at}[${k}]`, message: `${country.name} is already on this map (label ${first + 1}); name each country once` });
    } else seen.set(key, k);
  });
  return problems;
}

function fail(path: string, message: string): DeckResult {
  return { ok: false, problems: [{ path, message }] };
}

function dedupe(problems: DeckProblem[]): DeckProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
