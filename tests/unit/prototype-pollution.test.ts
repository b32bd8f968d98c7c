/**
 * Prototype pollution: `__proto__`, `constructor` and `prototype` keys at every
 * level of the default briefing (top, meta, each source, each slide, chart,
 * series, stats, columns, quote, and unknown nested fields), reaching the app by
 * every road — file text, JSON.parse'd objects with own `__proto__` keys,
 * null-prototype objects, the API handlers, the deck store, the editor's path
 * setter — are refused with the path where they are, or stay inert; and
 * `({}).polluted` is undefined after each load, edit and save.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Deck } from '../../src-shared/deck-schema';
import { formatPath, parseDeckText, validateDeck } from '../../src-shared/deck-validate';
import { buildChartConfig } from '../../src-shared/chart-config';
import { callApi } from '../../src-main/core/api-handlers';
import { sanitizeAppState } from '../../src-main/core/app-state';
import { createServices, type Services } from '../../src-main/core/services';
import { exportHandoutPdf } from '../../src-main/core/pdf/export-pdf';
import { allNodes, DEFAULT_DECK_TEXT } from '../helpers/fuzz-decks';

const RESERVED = ['__proto__', 'constructor', 'prototype'] as const;
/** What an attacker puts under each key: enough to pollute any naive merge. */
const PAYLOAD = '{"polluted":"yes","toString":"x","prototype":{"polluted":"yes"},"__proto__":{"polluted":"yes"}}';

type Key = string | number;

afterEach(() => {
  const polluted = Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted');
  // Clean up before failing, so one polluting road cannot fail every later test too.
  delete (Object.prototype as Record<string, unknown>).polluted;
  expect(polluted, 'Object.prototype was polluted').toBe(false);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(typeof Object.prototype.toString).toBe('function');
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
});

/** Paths of every object in the default deck, plus an unknown nested field on a slide. */
const base = JSON.parse(DEFAULT_DECK_TEXT) as Record<string, unknown>;
(base.slides as Record<string, unknown>[])[3]['x-extra'] = { nested: { deeper: {} } };
const objectPaths: Key[][] = [];
(function walk(node: unknown, at: Key[]) {
  if (Array.isArray(node)) node.forEach((child, i) => walk(child, [...at, i]));
  else if (node !== null && typeof node === 'object') {
    objectPaths.push(at);
    for (const [k, child] of Object.entries(node)) walk(child, [...at, k]);
  }
})(base, []);

/** The deck's text with `"key": PAYLOAD` added as the first member of the object at `at`. */
function textWithKey(at: Key[], key: string): string {
  const copy = structuredClone(base);
  let node: Record<Key, unknown> = copy;
  for (const step of at) node = node[step] as Record<Key, unknown>;
  node.__marker = 0;
  return JSON.stringify(copy, null, 2).replace(/"__marker": 0/, `${JSON.stringify(key)}: ${PAYLOAD}`);
}

/** The same as an object whose every object has no prototype, with the key as an own property. */
function nullProtoWithKey(at: Key[] | null, key: string): unknown {
  const convert = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(convert);
    if (value === null || typeof value !== 'object') return value;
    const out = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) out[k] = convert(v);
    return out;
  };
  const copy = convert(base) as Record<Key, unknown>;
  if (at) {
    let node = copy;
    for (const step of at) node = node[step] as Record<Key, unknown>;
    // On a null-prototype object even `obj.__proto__ = …` makes an own key: the worst case for a naive merge.
    node[key] = convert(JSON.parse(PAYLOAD));
  }
  return copy;
}

const cases = objectPaths.flatMap((at) => RESERVED.map((key) => ({ at, key, where: formatPath([...at, key]) })));

describe('every level of the deck', () => {
  it('covers top, meta, sources, slides, charts, series, stats, columns, quotes and unknown fields', () => {
    const wheres = new Set(cases.map((c) => formatPath(c.at).replace(/\[\d+\]/g, '[]')));
    for (const level of ['', 'meta', 'sources[]', 'slides[]', 'slides[].chart', 'slides[].chart.series[]', 'slides[].stats[]', 'slides[].columns[]', 'slides[].quote', 'slides[]["x-extra"].nested.deeper']) {
      expect(wheres, level).toContain(level);
    }
    expect(cases.length).toBeGreaterThan(150);
  });

  it.each(RESERVED)('refuses "%s" at every level in file text, naming where it is', (key) => {
    for (const c of cases.filter((x) => x.key === key)) {
      const result = parseDeckText(textWithKey(c.at, key));
      expect(result.ok, c.where).toBe(false);
      if (!result.ok) {
        expect(result.problems[0].path).toBe(c.where);
        expect(result.problems[0].message).toMatch(/reserved/);
      }
    }
  });

  it.each(RESERVED)('refuses "%s" at every level in a JSON.parse\'d object (own key, as IPC and HTTP deliver it)', (key) => {
    for (const c of cases.filter((x) => x.key === key)) {
      const value = JSON.parse(textWithKey(c.at, key)) as unknown;
      const result = validateDeck(value);
      expect(result.ok, c.where).toBe(false);
      if (!result.ok) expect(result.problems[0].path).toBe(c.where);
    }
  });

  it.each(RESERVED)('refuses "%s" at every level in null-prototype objects', (key) => {
    for (const c of cases.filter((x) => x.key === key)) {
      const result = validateDeck(nullProtoWithKey(c.at, key));
      expect(result.ok, c.where).toBe(false);
      if (!result.ok) expect(result.problems[0].path).toBe(c.where);
    }
  });

  it('accepts a clean deck made of null-prototype objects, and hands back ordinary objects', () => {
    const result = validateDeck(nullProtoWithKey(null, ''));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.deck.slides.length).toBeGreaterThan(10);
      JSON.stringify(result.deck);
    }
  });

  it('treats reserved words as plain text in values, ids and unknown field names that are not reserved', () => {
    const deck = JSON.parse(DEFAULT_DECK_TEXT) as Deck & Record<string, unknown>;
    deck.sources = [...(deck.sources ?? []), { id: 'constructor', title: '__proto__' }, { id: 'prototype', title: 'constructor' }];
    deck.slides[0].id = 'constructor';
    deck.slides[1].id = 'prototype';
    deck.slides[1].sources = ['constructor', 'prototype'];
    deck.slides[2].title = '__proto__';
    Object.assign(deck.slides[2], { polluted: { polluted: 'yes' }, hasOwnProperty: 'no', toString: 'x' });
    const result = parseDeckText(JSON.stringify(deck));
    expect(result.ok, JSON.stringify(!result.ok && result.problems)).toBe(true);
    // Ids that name Object.prototype members are not sources unless a deck defines them.
    const bad = structuredClone(deck);
    bad.slides[1].sources = ['toString', 'hasOwnProperty', 'valueOf'];
    const refused = validateDeck(bad);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problems.map((p) => p.message)).toEqual(['unknown source "toString"', 'unknown source "hasOwnProperty"', 'unknown source "valueOf"']);
  });
});

describe('the app: API, deck store, PDF and the editor', () => {
  let work: string;
  let services: Services;
  let deckId: string;

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'proto-pollution-'));
    services = await createServices({
      transport: 'http',
      decksDir: path.join(work, 'decks'),
      statePath: path.join(work, 'state.json'),
      exportsDir: path.join(work, 'exports'),
    });
    const opened = await callApi(services.handlers, 'newFromDefault', []);
    deckId = (opened as { result: { info: { id: string } } }).result.info.id;
  });
  afterAll(async () => {
    await services.flush();
    rmSync(work, { recursive: true, force: true });
  });

  const file = () => services.context.store.pathForId(deckId) as string;

  it('saveDeck refuses a deck with a reserved key at any level and leaves the file as it was', async () => {
    const before = readFileSync(file(), 'utf8');
    for (const c of cases.filter((_, i) => i % 7 === 0)) {
      const deck = JSON.parse(textWithKey(c.at, c.key)) as unknown;
      const reply = await callApi(services.handlers, 'saveDeck', [deckId, deck]);
      expect(reply, c.where).toEqual({ error: expect.stringContaining(`${c.where}: the key "${c.key}" is reserved`) });
      const exportReply = await callApi(services.handlers, 'startExport', [deckId, deck, { layout: 'slides', notes: 'none' }]);
      expect(exportReply).toEqual({ error: expect.stringContaining('reserved') });
    }
    expect(readFileSync(file(), 'utf8')).toBe(before);
  });

  it('importDeck refuses such text, naming the path, and writes no file', async () => {
    // A bar chart's object (maps name countries, so their labels are checked against a list).
    const at = (JSON.parse(DEFAULT_DECK_TEXT) as Deck).slides.findIndex((s) => s.chart && s.chart.type !== 'map');
    const before = new Set(services.context.store.pathForId(deckId) ? [file()] : []);
    for (const key of RESERVED) {
      const reply = (await callApi(services.handlers, 'importDeck', [`evil-${key}.briefing.json`, textWithKey(['slides', at, 'chart'], key)])) as {
        result: { ok: boolean; problems: { path: string }[] };
      };
      expect(reply.result.ok).toBe(false);
      expect(reply.result.problems[0].path).toBe(formatPath(['slides', at, 'chart', key]));
      expect(existsSync(path.join(services.context.decksDir, `evil-${key}.briefing.json`))).toBe(false);
    }
    expect(before.size).toBe(1);
  });

  it('setPrefs refuses reserved keys, and app state drops them when loading', async () => {
    for (const text of ['{"__proto__":{"polluted":"yes"}}', '{"constructor":{"prototype":{"polluted":"yes"}}}', '{"prototype":{"polluted":"yes"}}']) {
      const reply = await callApi(services.handlers, 'setPrefs', [JSON.parse(text)]);
      expect(reply).toEqual({ error: expect.stringMatching(/unknown preference "(__proto__|constructor|prototype)"/) });
    }
    const state = sanitizeAppState(
      JSON.parse('{"lastSlide":{"__proto__":{"polluted":1},"/a/b.json":2},"windows":{"__proto__":{"width":800,"height":600}},"prefs":{"__proto__":{"polluted":1}}}'),
    );
    expect(Object.keys(state.lastSlide)).toEqual(['/a/b.json']);
    expect(Object.keys(state.windows)).toEqual([]);
    expect(Object.getPrototypeOf(state.lastSlide)).toBe(Object.prototype);
  });

  it('a deck on disk with a reserved key opens as a problem with its path, not as a deck', async () => {
    const evil = path.join(services.context.decksDir, 'evil-on-disk.briefing.json');
    writeFileSync(evil, textWithKey(['slides', 0], '__proto__'));
    const id = services.context.store.idForPath(evil);
    const reply = (await callApi(services.handlers, 'openDeck', [id])) as { result: { ok: boolean; problems: { path: string; message: string }[] } };
    expect(reply.result.ok).toBe(false);
    expect(reply.result.problems[0]).toEqual({ path: 'slides[0].__proto__', message: 'the key "__proto__" is reserved and may not appear in a deck' });
  });

  it('a clean save and reopen keeps unknown fields named like prototype members as plain data', async () => {
    const deck = JSON.parse(DEFAULT_DECK_TEXT) as Deck;
    Object.assign(deck.slides[0], { polluted: 'just text', toString: 'x', valueOf: 1 });
    const revision = await services.context.store.revisionNow(deckId);
    const saved = await callApi(services.handlers, 'saveDeck', [deckId, deck, revision]);
    expect(saved).toHaveProperty('result.info.id');
    const reopened = (await callApi(services.handlers, 'openDeck', [deckId])) as { result: { ok: true; deck: Deck } };
    expect(reopened.result.ok).toBe(true);
    expect(reopened.result.deck.slides[0]).toMatchObject({ polluted: 'just text', toString: 'x', valueOf: 1 });
    expect(JSON.parse(readFileSync(file(), 'utf8')).slides[0].polluted).toBe('just text');
  });

  it('the chart config and the PDF export treat reserved words in a deck as text', async () => {
    const deck = JSON.parse(DEFAULT_DECK_TEXT) as Deck;
    const chartSlide = deck.slides.find((s) => s.chart && s.chart.type !== 'map') as Deck['slides'][number];
    chartSlide.chart = { ...chartSlide.chart!, labels: chartSlide.chart!.labels.map((_, i) => ['__proto__', 'constructor', 'prototype', 'toString'][i % 4]) };
    chartSlide.chart.series[0].name = '__proto__';
    deck.slides[0].id = 'constructor';
    deck.meta.title = '__proto__';
    const valid = validateDeck(deck);
    expect(valid.ok).toBe(true);
    const config = buildChartConfig(chartSlide.chart);
    expect(config.data.labels?.[0]).toBe('__proto__');
    const pdf = await exportHandoutPdf(deck, { layout: 'handout', notes: 'handout', annex: true });
    expect(pdf.pages).toBeGreaterThan(1);
  });

  const editorMissing = ['deck-editor.svelte.ts', 'window-sync.ts']
    .map((f) => path.join(process.cwd(), 'src-renderer/lib', f))
    .find((f) => !existsSync(f));
  if (editorMissing) console.warn(`editor checks skipped: ${editorMissing} does not exist yet`);

  it.skipIf(editorMissing)('the deck editor refuses to write a reserved key, and edits stay inside the deck', async () => {
    const { getAt, setAt } = await import('../../src-renderer/lib/deck-editor.svelte');
    const deck = JSON.parse(DEFAULT_DECK_TEXT) as Deck;
    for (const key of RESERVED) {
      expect(() => setAt(deck, [key], { polluted: 'yes' }), key).toThrow();
      expect(() => setAt(deck, ['slides', 0, key], { polluted: 'yes' }), key).toThrow();
      expect(() => setAt(deck, ['meta', key], { polluted: 'yes' }), key).toThrow();
      expect(() => setAt(deck, ['slides', 4, 'chart', 'series', 0, key], { polluted: 'yes' }), key).toThrow();
    }
    expect(getAt(deck, ['meta', 'title'])).toBe(deck.meta.title);
    const before = deck.slides[0].notes;
    const edited = setAt(deck, ['slides', 0, 'notes'], 'edited');
    expect(edited.slides[0].notes).toBe('edited');
    expect(deck.slides[0].notes).toBe(before); // a new deck: the old one is left as it was
    expect(validateDeck(edited).ok).toBe(true);
  });

  it.skipIf(editorMissing)('an edit from another window cannot carry a reserved key anywhere in its path', async () => {
    const { parseSyncMessage } = await import('../../src-renderer/lib/window-sync');
    const walks = [['__proto__', 'polluted'], ['constructor', 'prototype', 'polluted'], ['slides', 0, '__proto__', 'polluted'], ['meta', 'constructor', 'prototype', 'polluted']];
    for (const walk of walks) expect(parseSyncMessage({ type: 'edit', deckId: 'x', path: walk, value: 'yes' }), walk.join('.')).toBeNull();
    expect(parseSyncMessage({ type: 'edit', deckId: 'x', path: ['slides', 0, 'notes'], value: 'ok' })).not.toBeNull();
  });

  // Defence in depth: a path that walks *through* a reserved key is refused at every step, not only
  // at its last key (no caller builds such a path; window-sync refuses them too).
  it.skipIf(editorMissing)('setAt refuses a path that walks through a reserved key', async () => {
    const { setAt } = await import('../../src-renderer/lib/deck-editor.svelte');
    const deck = JSON.parse(DEFAULT_DECK_TEXT) as Deck;
    const polluted: string[] = [];
    for (const walk of [['__proto__', 'polluted'], ['constructor', 'prototype', 'polluted'], ['slides', 0, '__proto__', 'polluted']]) {
      try {
        setAt(deck, walk, 'yes');
      } catch {
        // refused: what we want
      }
      if (Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')) polluted.push(walk.join('.'));
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
    expect(polluted).toEqual([]);
  });

  it('finds no reserved key anywhere in what the store wrote', () => {
    const nodes = allNodes(JSON.parse(readFileSync(file(), 'utf8')));
    const keys = nodes.map((n) => n.key);
    for (const key of RESERVED) expect(keys).not.toContain(key);
  });
});
