/**
 * Deck validation as a user meets it: a broken deck gets one line per problem,
 * each naming the JSON path to fix; hostile files are refused before parsing.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src-shared/deck-schema';
import { formatPath, formatProblems, jsonDepthExceeds, parseDeckText, utf8Length, validateDeck, type DeckResult } from '../../src-shared/deck-validate';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/decks');
const fixture = (name: string) => readFileSync(resolve(FIXTURES, name), 'utf8');

type JsonObject = Record<string, unknown>;

/** A fresh copy of the small valid deck, as a plain object to break on purpose. */
function validDeck(): JsonObject {
  return JSON.parse(fixture('small-valid.briefing.json')) as JsonObject;
}

/** Splits `slides[1].chart.type` into keys, the same syntax the problems use. */
function keysOf(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
}

function parentOf(root: JsonObject, path: string): { parent: Record<string | number, unknown>; key: string | number } {
  const keys = keysOf(path);
  let node: unknown = root;
  for (const key of keys.slice(0, -1)) node = (node as Record<string | number, unknown>)[key];
  return { parent: node as Record<string | number, unknown>, key: keys[keys.length - 1] };
}

/** Sets a value at a path (an index one past the end appends). */
function set(root: JsonObject, path: string, value: unknown): void {
  const { parent, key } = parentOf(root, path);
  parent[key] = value;
}

function remove(root: JsonObject, path: string): void {
  const { parent, key } = parentOf(root, path);
  delete parent[key];
}

/** The problems as the CLI prints them; fails the test if the deck was accepted. */
function lines(result: DeckResult): string[] {
  if (result.ok) throw new Error('expected the deck to be rejected');
  return formatProblems(result.problems);
}

describe('valid decks', () => {
  it('accepts the small fixture deck', () => {
    const result = parseDeckText(fixture('small-valid.briefing.json'));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.deck.slides.map((s) => s.id)).toEqual(['intro', 'numbers', 'closing']);
  });

  it('keeps fields it does not know, so a newer deck survives a save', () => {
    const raw = validDeck();
    set(raw, 'meta.theme', 'dark');
    set(raw, 'slides[1].chart.colors', ['#000']);
    set(raw, 'extension', { by: 'a newer app' });
    const result = validateDeck(raw);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const saved = JSON.parse(JSON.stringify(result.deck));
    expect(saved.meta.theme).toBe('dark');
    expect(saved.slides[1].chart.colors).toEqual(['#000']);
    expect(saved.slides[2].futureField).toEqual({ kept: true });
    expect(saved.extension).toEqual({ by: 'a newer app' });
  });

  it('keeps null chart values as gaps', () => {
    const raw = validDeck();
    set(raw, 'slides[1].chart.series[0].values', [3, null, 8]);
    const result = validateDeck(raw);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.deck.slides[1].chart?.series[0].values).toEqual([3, null, 8]);
  });

  it('accepts a deck with no slides yet', () => {
    expect(validateDeck({ format: 'briefing-deck', version: 1, meta: { title: 'Empty' }, slides: [] }).ok).toBe(true);
  });
});

describe('schema problems carry the JSON path', () => {
  it('reports every problem in the invalid fixture, each at its path', () => {
    const problems = lines(parseDeckText(fixture('schema-invalid.briefing.json')));
    expect(problems).toContain('meta.title: missing');
    expect(problems).toContain(
      'slides[1].layout: expected one of title, bullets, stats, chart, two-column, quote, section, sources, image, table',
    );
    expect(problems).toContain('slides[2].title: missing');
    expect(problems).toContain('slides[2].bullets[1]: expected text');
    expect(problems).toContain('slides[3].chart.series[0].values[2]: expected a number');
    expect(problems).toHaveLength(5);
  });

  it('names the wrong format', () => {
    const raw = validDeck();
    set(raw, 'format', 'powerpoint');
    expect(lines(validateDeck(raw))).toEqual(['format: expected "briefing-deck"']);
  });

  it('says when a deck is from a newer version of the format', () => {
    const raw = validDeck();
    set(raw, 'version', 2);
    expect(lines(validateDeck(raw))).toEqual([expect.stringMatching(/^version: this deck is format version 2; this app reads version 1/)]);
  });

  it('rejects a version that is not 1', () => {
    const raw = validDeck();
    set(raw, 'version', '1');
    expect(lines(validateDeck(raw))).toEqual(['version: expected 1 (this app reads deck format v1)']);
  });

  it('reports missing top-level parts as missing', () => {
    expect(lines(validateDeck({ format: 'briefing-deck', version: 1 }))).toEqual(['meta: missing', 'slides: missing']);
  });

  it('reports a missing stat label and a missing series name', () => {
    const raw = validDeck();
    set(raw, 'slides[3]', { id: 'stats', layout: 'stats', title: 'Stats', stats: [{ value: 1 }] });
    remove(raw, 'slides[1].chart.series[0].name');
    expect(lines(validateDeck(raw))).toEqual(['slides[1].chart.series[0].name: missing', 'slides[3].stats[0].label: missing']);
  });

  it('reports a wrong type where an object belongs', () => {
    const raw = validDeck();
    set(raw, 'slides[1].chart', 'a bar chart');
    expect(lines(validateDeck(raw))).toEqual(['slides[1].chart: expected an object']);
  });

  it('reports an unknown chart type, confidence and a malformed date', () => {
    const raw = validDeck();
    set(raw, 'slides[1].chart.type', 'radar');
    set(raw, 'slides[1].confidence', 'certain');
    set(raw, 'meta.date', '15/07/2025');
    expect(lines(validateDeck(raw))).toEqual([
      'meta.date: expected a date as YYYY-MM-DD',
      'slides[1].chart.type: expected one of bar, horizontal-bar, stacked-bar, line, doughnut, pie, map',
      'slides[1].confidence: expected one of high, moderate, low',
    ]);
  });

  it('rejects infinite and non-numeric values in charts and stats', () => {
    const raw = validDeck();
    set(raw, 'slides[1].chart.series[0].values', [1, '2', Infinity]);
    set(raw, 'slides[3]', { id: 's', layout: 'stats', title: 'S', stats: [{ value: 'many', label: 'x' }] });
    expect(lines(validateDeck(raw))).toEqual([
      'slides[1].chart.series[0].values[1]: expected a number',
      'slides[1].chart.series[0].values[2]: expected a finite number',
      'slides[3].stats[0].value: expected a number',
    ]);
  });

  it('rejects an id with spaces and a title over the limit', () => {
    const raw = validDeck();
    set(raw, 'slides[0].id', 'the intro');
    set(raw, 'slides[1].title', 'x'.repeat(LIMITS.maxTitle + 1));
    expect(lines(validateDeck(raw))).toEqual([
      'slides[0].id: expected an id of letters, digits, "-" or "_" (at most 64)',
      `slides[1].title: expected at most ${LIMITS.maxTitle} characters`,
    ]);
  });

  it('rejects a duration that is not a whole number of seconds', () => {
    const raw = validDeck();
    set(raw, 'slides[0].durationSec', 0);
    set(raw, 'slides[1].durationSec', 1.5);
    expect(lines(validateDeck(raw))).toEqual(['slides[0].durationSec: expected at least 1', 'slides[1].durationSec: expected a whole number']);
  });

  it('refuses something that is not a deck object at all', () => {
    for (const text of ['[]', '"deck"', '42', 'null']) {
      expect(lines(parseDeckText(text))).toEqual(['expected a JSON object that starts with "format": "briefing-deck"']);
    }
  });
});

describe('cross-field checks', () => {
  it('finds duplicate slide ids and duplicate source ids', () => {
    const raw = validDeck();
    set(raw, 'slides[2].id', 'intro');
    set(raw, 'sources[1]', { id: 'demo', title: 'Again' });
    expect(lines(validateDeck(raw))).toEqual(['sources[1].id: duplicate source id "demo"', 'slides[2].id: duplicate slide id "intro"']);
  });

  it('finds references to sources that do not exist', () => {
    const raw = validDeck();
    set(raw, 'slides[1].sources', ['demo', 'nowhere']);
    set(raw, 'slides[3]', { id: 's', layout: 'stats', title: 'S', stats: [{ value: 1, label: 'x', source: 'ghost' }] });
    expect(lines(validateDeck(raw))).toEqual(['slides[1].sources[1]: unknown source "nowhere"', 'slides[3].stats[0].source: unknown source "ghost"']);
  });

  it('finds a series whose length does not match the labels', () => {
    const raw = validDeck();
    set(raw, 'slides[1].chart.series[1]', { name: 'Gadgets', values: [1, 2] });
    expect(lines(validateDeck(raw))).toEqual(['slides[1].chart.series[1].values: expected 3 values, one per label, but found 2']);
  });

  it('finds a layout without the content it needs', () => {
    const raw = validDeck();
    remove(raw, 'slides[1].chart');
    set(raw, 'slides[3]', { id: 'q', layout: 'quote', title: 'Q' });
    set(raw, 'slides[4]', { id: 't', layout: 'two-column', title: 'T' });
    set(raw, 'slides[5]', { id: 's', layout: 'stats', title: 'S' });
    expect(lines(validateDeck(raw))).toEqual([
      'slides[1].chart: a "chart" slide needs chart',
      'slides[3].quote: a "quote" slide needs quote',
      'slides[4].columns: a "two-column" slide needs columns',
      'slides[5].stats: a "stats" slide needs stats',
    ]);
  });
});

describe('broken and hostile files', () => {
  it('reports a truncated file as invalid JSON, without throwing', () => {
    const text = fixture('corrupt-truncated.briefing.json');
    const problems = lines(parseDeckText(text));
    // Cut off after a comma, so the parser stops at the very end of the file.
    expect(problems).toEqual(['the file is not valid JSON (it ends too early; it may have been cut off)']);
  });

  it('says where a syntax error is by line and column', () => {
    // Node 20's JSON.parse gives no position for this one; json-error.ts finds it and names the slip.
    expect(lines(parseDeckText('{\n  "format": "briefing-deck",\n}'))).toEqual([
      'the file is not valid JSON (line 2, column 28: a comma after the last field is not allowed in JSON)',
    ]);
    expect(lines(parseDeckText('{\n  "format": "briefing-deck"\n  "version": 1\n}'))).toEqual([
      "the file is not valid JSON (line 3, column 3: expected ',' or '}'; is a comma missing before this?)",
    ]);
  });

  it('says plainly when a file was cut off mid-value', () => {
    expect(lines(parseDeckText('{"format": "briefing-deck", "version": tru'))).toEqual([
      'the file is not valid JSON (it ends too early; it may have been cut off)',
    ]);
  });

  it('reports an empty file as empty', () => {
    expect(lines(parseDeckText(''))).toEqual(['the file is empty']);
    expect(lines(parseDeckText(' \n\t'))).toEqual(['the file is empty']);
  });

  it('refuses nesting deeper than the limit before parsing it', () => {
    const deep = '['.repeat(LIMITS.maxDepth + 1) + ']'.repeat(LIMITS.maxDepth + 1);
    expect(lines(parseDeckText(deep))).toEqual([`the file is nested deeper than ${LIMITS.maxDepth} levels, more than the deck format allows`]);
    const million = '['.repeat(1_000_000);
    expect(lines(parseDeckText(million))[0]).toMatch(/nested deeper/);
  });

  it('counts depth correctly around brackets inside strings', () => {
    expect(jsonDepthExceeds('{"a":"[[[[[[[[[[\\"[[[["}', 2)).toBe(false);
    expect(jsonDepthExceeds('{"a":[[1]]}', 2)).toBe(true);
  });

  it('refuses an in-memory value nested too deep, with the path where it happens', () => {
    let deep: unknown = 1;
    for (let i = 0; i < LIMITS.maxDepth + 5; i++) deep = { x: deep };
    const raw = validDeck();
    set(raw, 'meta.extra', deep);
    const [problem] = lines(validateDeck(raw));
    expect(problem).toMatch(/^meta\.extra(\.x)+: nested deeper than 32 levels/);
  });

  it('refuses a cyclic value instead of looping', () => {
    const raw = validDeck();
    const meta = raw.meta as JsonObject;
    meta.self = meta;
    expect(lines(validateDeck(raw))[0]).toMatch(/^meta\.self(\.self)*: nested deeper/);
  });

  it('refuses files larger than the size limit', () => {
    const big = `{"format":"briefing-deck","pad":"${'x'.repeat(LIMITS.maxBytes)}"}`;
    expect(lines(parseDeckText(big))).toEqual(['the file is larger than 20 MB, the most a deck may be']);
  });

  it('measures the limit in UTF-8 bytes, not characters', () => {
    const chars = Math.floor(LIMITS.maxBytes / 2) + 10;
    const text = `{"pad":"${'é'.repeat(chars)}"}`;
    expect(text.length).toBeLessThan(LIMITS.maxBytes);
    expect(utf8Length(text)).toBeGreaterThan(LIMITS.maxBytes);
    expect(lines(parseDeckText(text))[0]).toMatch(/larger than 20 MB/);
    expect(utf8Length('a€😀')).toBe(1 + 3 + 4);
  });

  it('refuses "__proto__" anywhere in the file, naming where', () => {
    const text = fixture('small-valid.briefing.json').replace('"subtitle": "Three slides for tests"', '"__proto__": { "polluted": true }');
    expect(lines(parseDeckText(text))).toEqual(['meta.__proto__: the key "__proto__" is reserved and may not appear in a deck']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses "constructor" and "prototype" keys', () => {
    const raw = validDeck();
    set(raw, 'slides[1].chart.series[0].constructor', { prototype: {} });
    expect(lines(validateDeck(raw))).toEqual(['slides[1].chart.series[0].constructor: the key "constructor" is reserved and may not appear in a deck']);
    const text = JSON.stringify({ ...validDeck(), sources: [{ id: 'a', title: 'b', prototype: 1 }] });
    expect(lines(parseDeckText(text))).toEqual(['sources[0].prototype: the key "prototype" is reserved and may not appear in a deck']);
  });
});

describe('paths and problem lines', () => {
  it('writes paths as a person would type them', () => {
    expect(formatPath(['slides', 3, 'chart', 'series', 0, 'values', 2])).toBe('slides[3].chart.series[0].values[2]');
    expect(formatPath(['meta', 'odd key'])).toBe('meta["odd key"]');
    expect(formatPath([])).toBe('');
  });

  it('prints whole-file problems without a path prefix', () => {
    expect(formatProblems([{ path: '', message: 'the file is empty' }, { path: 'meta.title', message: 'missing' }])).toEqual([
      'the file is empty',
      'meta.title: missing',
    ]);
  });
});

describe('the documentation', () => {
  it('shows an example deck that validates', () => {
    const doc = readFileSync(resolve(FIXTURES, '../../../docs/deck-format.md'), 'utf8');
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(example, 'docs/deck-format.md has a ```json example').toBeDefined();
    const result = parseDeckText(example ?? '');
    expect(result.ok ? [] : formatProblems(result.problems)).toEqual([]);
  });
});
