/**
 * Turning untrusted text into a valid deck: size and depth limits before parsing,
 * prototype-polluting keys refused, schema validation, then the checks a schema
 * cannot express (unique ids, known sources, chart shapes). Every problem carries
 * the JSON path a person can find in the file.
 */
import * as v from 'valibot';
import { MAX_CHART_VALUE } from './chart-config';
import { DECK_VERSION, DeckSchema, LIMITS, type Deck } from './deck-schema';

/** One thing wrong with a deck, with the JSON path where it is (empty for the whole file). */
export interface DeckProblem {
  path: string;
  message: string;
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
 * JSON.parse reports an offset into the text; people look for a line and column.
 * A file cut off mid-write (the common corruption) gets said so plainly.
 */
function describeJsonError(reason: string, text: string): string {
  if (/unexpected end of json input/i.test(reason)) return 'it ends too early; it may have been cut off';
  const at = / in JSON at position (\d+)/.exec(reason) ?? / at position (\d+)/.exec(reason);
  if (!at) return reason;
  const offset = Math.min(Number(at[1]), text.length);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${reason.slice(0, at.index)}${reason.slice(at.index + at[0].length)} at line ${line}, column ${column}`;
}

/** Validates an already-parsed value as a deck (schema + cross-field checks). */
export function validateDeck(value: unknown): DeckResult {
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
    return { ok: false, problems: dedupe(problems) };
  }
  const problems = crossCheck(result.output);
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

/** What the schema cannot say: each layout has its content, ids are unique, references resolve. */
function crossCheck(deck: Deck): DeckProblem[] {
  const problems: DeckProblem[] = [];
  const sourceIds = new Set<string>();
  (deck.sources ?? []).forEach((source, i) => {
    if (sourceIds.has(source.id)) problems.push({ path: `sources[${i}].id`, message: `duplicate source id "${source.id}"` });
    sourceIds.add(source.id);
  });
  const slideIds = new Set<string>();
  deck.slides.forEach((slide, i) => {
    const at = `slides[${i}]`;
    if (slideIds.has(slide.id)) problems.push({ path: `${at}.id`, message: `duplicate slide id "${slide.id}"` });
    slideIds.add(slide.id);
    const needs: Partial<Record<typeof slide.layout, keyof typeof slide>> = {
      stats: 'stats',
      chart: 'chart',
      'two-column': 'columns',
      quote: 'quote',
    };
    const field = needs[slide.layout];
    if (field && slide[field] === undefined) {
      problems.push({ path: `${at}.${String(field)}`, message: `a "${slide.layout}" slide needs ${String(field)}` });
    }
    (slide.sources ?? []).forEach((ref, j) => {
      if (!sourceIds.has(ref)) problems.push({ path: `${at}.sources[${j}]`, message: `unknown source "${ref}"` });
    });
    (slide.stats ?? []).forEach((stat, j) => {
      if (stat.source !== undefined && !sourceIds.has(stat.source)) {
        problems.push({ path: `${at}.stats[${j}].source`, message: `unknown source "${stat.source}"` });
      }
    });
    if (slide.chart) {
      const n = slide.chart.labels.length;
      slide.chart.series.forEach((series, j) => {
        if (series.values.length !== n) {
          problems.push({
            path: `${at}.chart.series[${j}].values`,
            message: `expected ${n} values, one per label, but found ${series.values.length}`,
          });
        }
        series.values.forEach((value, k) => {
          if (value !== null && Math.abs(value) > MAX_CHART_VALUE) {
            problems.push({
              path: `${at}.chart.series[${j}].values[${k}]`,
              message: 'expected a number no larger than 10^15 either way (a chart cannot draw more); use a larger unit',
            });
          }
        });
      });
    }
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
