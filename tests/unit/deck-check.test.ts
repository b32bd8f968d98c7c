/**
 * `checkDeck`: every problem in one pass, each naming its slide and JSON path,
 * plus warnings for unknown fields (with "did you mean") and data with no source.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDeck, checkDeckText, closestKey, describeWhere, formatCheckProblem, levenshtein } from '../../src-shared/deck-check';
import { validateDeck } from '../../src-shared/deck-validate';
import { createDeckFromTemplate, DECK_TEMPLATES } from '../../src-shared/templates';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
type Obj = Record<string, unknown>;
const smallValid = (): Obj => JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/decks/small-valid.briefing.json'), 'utf8'));
/** The object at a path of keys, to break a deck on purpose without `any`. */
const at = (root: Obj, ...keys: (string | number)[]): Obj => keys.reduce<Obj>((node, key) => node[key] as Obj, root);
const slides = (deck: Obj) => deck.slides as Obj[];
const lines = (problems: { path: string; message: string; where?: string }[]) => problems.map(formatCheckProblem);

describe('checkDeck', () => {
  it('passes the default briefing with no errors and no warnings', () => {
    const deck = JSON.parse(readFileSync(path.join(ROOT, 'assets/decks/central-asia-mining.briefing.json'), 'utf8'));
    expect(checkDeck(deck)).toEqual({ errors: [], warnings: [] });
  });

  it.each(DECK_TEMPLATES.map((t) => t.id))('template %s: no errors and no warnings (passes --strict)', (id) => {
    expect(checkDeck(createDeckFromTemplate(id))).toEqual({ errors: [], warnings: [] });
  });

  it('reports schema and cross-reference errors in one pass, naming each slide', () => {
    const deck = smallValid();
    at(deck, 'slides', 1, 'chart').type = 'pie-chart'; // schema
    at(deck, 'slides', 1, 'chart', 'series', 0).values = [1, 2]; // cross-reference: 3 labels
    at(deck, 'slides', 1).sources = ['nowhere']; // cross-reference
    slides(deck).push({ ...slides(deck)[0] }); // duplicate id
    expect(validateDeck(deck).ok).toBe(false);
    expect(lines(checkDeck(deck).errors)).toEqual([
      "slide 2 'A bar chart' (id numbers) at slides[1].chart.type: expected one of bar, horizontal-bar, stacked-bar, line, doughnut, pie, map",
      "slide 2 'A bar chart' (id numbers) at slides[1].sources[0]: unknown source \"nowhere\"",
      "slide 2 'A bar chart' (id numbers) at slides[1].chart.series[0].values: expected 3 values, one per label, but found 2",
      "slide 4 'Small valid deck' (id intro) at slides[3].id: duplicate slide id \"intro\"",
    ]);
  });

  it('keeps the JSON path and the slide apart, so the app can map a problem to its field', () => {
    const deck = smallValid();
    at(deck, 'slides', 1, 'chart', 'labels')[0] = 7;
    expect(checkDeck(deck).errors).toEqual([
      { path: 'slides[1].chart.labels[0]', message: 'expected text', where: "slide 2 'A bar chart' (id numbers)" },
    ]);
  });

  it('warns on unknown fields at every level, with a "did you mean"', () => {
    const deck = smallValid();
    delete at(deck, 'slides', 2).futureField;
    at(deck, 'slides', 1).bulets = ['typo'];
    at(deck, 'slides', 1, 'chart').lables = [];
    at(deck, 'slides', 1, 'chart', 'series', 0).valeus = [];
    at(deck, 'meta').Title = 'case';
    at(deck, 'sources', 0).publsher = 'x';
    at(deck, 'slides', 0).colour = 'red';
    at(deck, 'slides', 0)['x-mine'] = 'own field, never warned';
    const { errors, warnings } = checkDeck(deck);
    expect(errors).toEqual([]);
    expect(lines(warnings)).toEqual([
      'meta.Title: unknown field "Title": did you mean "title"? (kept in the file, but not used)',
      "source 1 'Made-up figures for tests' (id demo) at sources[0].publsher: unknown field \"publsher\": did you mean \"publisher\"? (kept in the file, but not used)",
      "slide 1 'Small valid deck' (id intro) at slides[0].colour: unknown field \"colour\" (kept in the file, but not used; name your own fields \"x-…\" to silence this)",
      "slide 2 'A bar chart' (id numbers) at slides[1].chart.series[0].valeus: unknown field \"valeus\": did you mean \"values\"? (kept in the file, but not used)",
      "slide 2 'A bar chart' (id numbers) at slides[1].chart.lables: unknown field \"lables\": did you mean \"labels\"? (kept in the file, but not used)",
      "slide 2 'A bar chart' (id numbers) at slides[1].bulets: unknown field \"bulets\": did you mean \"bullets\"? (kept in the file, but not used)",
    ]);
  });

  it('warns on a chart or stats slide with no source; a stat citing one is enough', () => {
    const deck = smallValid();
    delete at(deck, 'slides', 2).futureField;
    delete at(deck, 'slides', 1).sources;
    slides(deck).splice(2, 0, { id: 'figs', layout: 'stats', title: 'Figures', stats: [{ value: 1, label: 'a' }] });
    slides(deck).splice(3, 0, { id: 'cited', layout: 'stats', title: 'Cited', stats: [{ value: 1, label: 'a', source: 'demo' }] });
    expect(lines(checkDeck(deck).warnings)).toEqual([
      "slide 2 'A bar chart' (id numbers) at slides[1].sources: this slide shows a chart but names no source; add the id of the source its numbers come from",
      "slide 3 'Figures' (id figs) at slides[2].sources: this slide shows figures but names no source; add the id of the source its numbers come from",
    ]);
  });

  it('stops at one problem for hostile input, without warnings', () => {
    expect(checkDeck(null).errors).toHaveLength(1);
    expect(checkDeck(JSON.parse('{"__proto__": {"x": 1}, "bulets": 1}'))).toEqual({
      errors: [{ path: '__proto__', message: 'the key "__proto__" is reserved and may not appear in a deck' }],
      warnings: [],
    });
    const newer = { ...smallValid(), version: 2, bulets: 1 };
    expect(checkDeck(newer).warnings).toEqual([]);
  });

  it('checkDeckText gives a JSON syntax error with line and column', () => {
    expect(checkDeckText('{\n  "format": "briefing-deck",\n  "version": 1,\n}\n')).toEqual({
      errors: [{ path: '', message: 'the file is not valid JSON (line 3, column 15: a comma after the last field is not allowed in JSON)' }],
      warnings: [],
    });
    expect(checkDeckText(`\uFEFF${JSON.stringify(smallValid())}`).errors).toEqual([]);
  });

  it('names slides with odd titles and ids safely', () => {
    const deck = { slides: [{ title: `  ${'long '.repeat(30)}`, id: 'a' }, 'junk', { id: 5 }] };
    expect(describeWhere(deck, 'slides[0].title')).toMatch(/^slide 1 'long long .*…' \(id a\)$/);
    expect(describeWhere(deck, 'slides[1]')).toBe('slide 2');
    expect(describeWhere(deck, 'slides[2].id')).toBe('slide 3');
    expect(describeWhere(deck, 'meta.title')).toBeUndefined();
  });
});

describe('did you mean', () => {
  it('suggests only close keys', () => {
    const keys = ['bullets', 'title', 'subtitle', 'notes', 'id'];
    expect(closestKey('bulets', keys)).toBe('bullets');
    expect(closestKey('BULLETS', keys)).toBe('bullets');
    expect(closestKey('note', keys)).toBe('notes');
    expect(closestKey('ix', keys)).toBeUndefined(); // 1 edit, but half the word
    expect(closestKey('colour', keys)).toBeUndefined();
    expect(closestKey('', keys)).toBeUndefined();
  });

  it('computes edit distance', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('same', 'same')).toBe(0);
  });
});
