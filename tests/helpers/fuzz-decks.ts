/**
 * fast-check arbitraries for decks from strangers: mutations of the default
 * briefing (dropped fields, wrong types, huge numbers, NaN/Infinity, 100,000-
 * character strings, duplicate ids, empty lists, deep nesting, reserved keys,
 * random JSON), decks generated from scratch, and plain junk. Each case says how
 * it is meant to reach the app: as an object (IPC, HTTP after JSON.parse) or as
 * file text (open, import, `briefing check`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { CHART_TYPES, CONFIDENCE, LAYOUTS } from '../../src-shared/deck-schema';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_DECK_TEXT = readFileSync(path.join(ROOT, 'assets', 'decks', 'central-asia-mining.briefing.json'), 'utf8');

/** How many times more cases `npm run fuzz` runs than `npm test` (FUZZ_SCALE=10 there). */
export const FUZZ_SCALE = Math.max(1, Number(process.env.FUZZ_SCALE ?? 1) || 1);
/** A seed to replay a failure that fast-check printed (`FUZZ_SEED=… npx vitest run …`). */
export const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Key = string | number;

/** One generated case: the value and whether it still is plain JSON (no NaN, no undefined). */
export interface DeckCase {
  kind: string;
  value: unknown;
  /** The file text a person could have sent; NaN/Infinity are written as bare tokens, as a careless tool would. */
  text: string;
  /** False when the value holds NaN/Infinity: its text cannot be the same deck (JSON has no such numbers). */
  plainJson: boolean;
}

const HUGE_NUMBERS = [1e308, -1e308, Number.MAX_VALUE, 3e307, Number.MIN_VALUE, -0, 2 ** 53 + 1, -(2 ** 63), 1e21, 1e15, -1e15, 999_999_999_999_999.9, 0.1 + 0.2, 123456789.123456789];
const NON_FINITE = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
const WRONG_TYPES: unknown[] = [null, true, false, 0, -1, '', 'x', [], {}, [null], { a: 1 }, '1', 'true', '[]'];
const RESERVED = ['__proto__', 'constructor', 'prototype'];
const NASTY_TEXT = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  '\u202eevil\u202c',
  '\u0000\u0001\u001f',
  '\ud800',
  '👩‍👩‍👧‍👦'.repeat(50),
  'e\u0301'.repeat(200),
  '\\u0000',
  '{"__proto__":{"polluted":1}}',
  'file:///etc/passwd',
  'http://127.0.0.1:9/x.png',
];

/** One node of a JSON value: its value and where it hangs (no parent for the root). */
interface Node {
  parent: Record<Key, unknown> | unknown[] | null;
  key: Key;
  value: unknown;
}

/** Every node in a JSON value (objects, arrays and leaves), capped so huge values stay cheap. */
export function allNodes(value: unknown, cap = 5000): Node[] {
  const out: Node[] = [];
  const walk = (node: unknown, parent: Node['parent'], key: Key) => {
    if (out.length >= cap) return;
    out.push({ parent, key, value: node });
    if (Array.isArray(node)) for (let i = 0; i < node.length; i++) walk(node[i], node, i);
    else if (node !== null && typeof node === 'object') for (const k of Object.keys(node)) walk((node as Record<string, unknown>)[k], node as Record<Key, unknown>, k);
  };
  walk(value, null, '');
  return out;
}

/** Replaces a node; returns the (possibly new) root. */
function setNode(root: unknown, node: Node, value: unknown): unknown {
  if (!node.parent) return value;
  (node.parent as Record<Key, unknown>)[node.key] = value;
  return root;
}

function dropNode(root: unknown, node: Node): unknown {
  if (!node.parent) return undefined;
  if (Array.isArray(node.parent) && typeof node.key === 'number') node.parent.splice(node.key, 1);
  else delete (node.parent as Record<Key, unknown>)[node.key];
  return root;
}

/** Defines an own, enumerable key even when it is `__proto__` (plain assignment would set the prototype). */
export function defineOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length];
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const where = (nodes: Node[], test: (v: unknown) => boolean): Node[] => nodes.filter((n) => test(n.value));

interface Mutation {
  op: number;
  a: number;
  b: number;
  json: Json;
}

const MUTATIONS = [
  'drop',
  'wrong-type',
  'huge-number',
  'non-finite',
  'long-string',
  'duplicate-id',
  'empty-list',
  'deep-nesting',
  'random-json',
  'reserved-key',
  'change-layout',
  'many-slides',
  'nasty-text',
  'length-mismatch',
  'unknown-field',
  'chart-everywhere',
] as const;

/** Applies one mutation; returns the new root (a mutation may replace it). */
function mutate(root: unknown, m: Mutation): unknown {
  const kind = pick(MUTATIONS, m.op);
  const nodes = allNodes(root);
  const anyNode = pick(nodes, m.a);
  const numbers = () => where(nodes, (v) => typeof v === 'number');
  const strings = () => where(nodes, (v) => typeof v === 'string');
  const objects = () => where(nodes, isObject);
  const slides = isObject(root) && Array.isArray(root.slides) ? (root.slides as unknown[]) : [];
  switch (kind) {
    case 'drop':
      return dropNode(root, anyNode);
    case 'wrong-type':
      return setNode(root, anyNode, structuredClone(pick(WRONG_TYPES, m.b)));
    case 'huge-number': {
      const nums = numbers();
      return nums.length ? setNode(root, pick(nums, m.a), pick(HUGE_NUMBERS, m.b)) : root;
    }
    case 'non-finite': {
      // Chart values and stat values first: that is where a spreadsheet export puts them.
      const nums = numbers();
      const preferred = nums.filter((n) => n.key === 'value' || (Array.isArray(n.parent) && nums.length > 0));
      const list = preferred.length ? preferred : nums;
      return list.length ? setNode(root, pick(list, m.a), pick(NON_FINITE, m.b)) : root;
    }
    case 'long-string': {
      const texts = strings();
      const unit = pick(['a', 'Қазақстан ', '中', '\u202e', ' ', 'x\n- '], m.b);
      const long = unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
      return texts.length ? setNode(root, pick(texts, m.a), long) : root;
    }
    case 'duplicate-id': {
      if (slides.length < 2) return root;
      const from = slides[m.a % slides.length];
      const to = slides[m.b % slides.length];
      if (isObject(from) && isObject(to)) to.id = from.id;
      return root;
    }
    case 'empty-list': {
      const lists = where(nodes, Array.isArray);
      if (m.b % 3 === 0 && isObject(root)) root.slides = [];
      else if (lists.length) setNode(root, pick(lists, m.a), []);
      return root;
    }
    case 'deep-nesting': {
      let v: unknown = m.json;
      const depth = 1 + (m.b % 80);
      for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { nest: v };
      return setNode(root, anyNode, v);
    }
    case 'random-json':
      return m.b % 7 === 0 ? m.json : setNode(root, anyNode, m.json);
    case 'reserved-key': {
      const found = objects();
      const target = found.length ? pick(found, m.a).value : null;
      if (isObject(target)) defineOwn(target, pick(RESERVED, m.b), { polluted: 'yes', prototype: { polluted: 'yes' } });
      return root;
    }
    case 'change-layout': {
      const slide = slides.length ? slides[m.a % slides.length] : null;
      if (isObject(slide)) slide.layout = pick(LAYOUTS, m.b);
      return root;
    }
    case 'many-slides': {
      if (!slides.length) return root;
      const copies = 1 + (m.b % 400);
      for (let i = 0; i < copies; i++) {
        const copy = structuredClone(slides[(m.a + i) % slides.length]);
        if (isObject(copy) && m.b % 2 === 0) copy.id = `copy-${i}`;
        slides.push(copy);
      }
      return root;
    }
    case 'nasty-text': {
      const texts = strings();
      return texts.length ? setNode(root, pick(texts, m.a), pick(NASTY_TEXT, m.b)) : root;
    }
    case 'length-mismatch': {
      const values = nodes.filter((n) => n.key === 'values' || n.key === 'labels');
      if (!values.length) return root;
      const list = pick(values, m.a).value;
      if (Array.isArray(list)) {
        if (m.b % 2 && list.length) list.pop();
        else list.push(m.b % 3 === 0 ? null : m.b);
      }
      return root;
    }
    case 'unknown-field': {
      const found = objects();
      const target = found.length ? pick(found, m.a).value : null;
      if (isObject(target)) target[pick(['image', 'html', 'onload', 'src', 'x-future', 'polluted', 'toString', 'hasOwnProperty'], m.b)] = m.json;
      return root;
    }
    case 'chart-everywhere': {
      const slide = slides.length ? slides[m.a % slides.length] : null;
      if (isObject(slide)) {
        slide.layout = 'chart';
        slide.chart = {
          type: pick(CHART_TYPES, m.b),
          labels: ['a', 'b', 'c'],
          series: [{ name: 's', values: [m.b, pick(HUGE_NUMBERS, m.a), null] }],
        };
      }
      return root;
    }
  }
}

const jsonArb: fc.Arbitrary<Json> = fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json>;
const mutationArb: fc.Arbitrary<Mutation> = fc.record({ op: fc.nat(MUTATIONS.length * 8), a: fc.nat(), b: fc.nat(), json: jsonArb });

/** File text for a value, with NaN/Infinity written as bare tokens (JSON has none; some tools write them). */
export function toText(value: unknown, nonFinite = true): string {
  if (!nonFinite) return JSON.stringify(value) ?? '';
  const marks: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) {
      marks.push(String(v));
      return `\u0000NUM${marks.length - 1}\u0000`;
    }
    return v;
  });
  if (text === undefined) return '';
  return text.replace(/"\\u0000NUM(\d+)\\u0000"/g, (_m, i: string) => marks[Number(i)]);
}

/** Mutations of the default briefing: 1 to 4 changes each. */
export const mutatedDeckArb: fc.Arbitrary<DeckCase> = fc.array(mutationArb, { minLength: 1, maxLength: 4 }).map((ms) => {
  let root: unknown = JSON.parse(DEFAULT_DECK_TEXT);
  for (const m of ms) root = mutate(root, m);
  const names = ms.map((m) => pick(MUTATIONS, m.op));
  const nonFinite = names.includes('non-finite');
  return { kind: `mutated(${names.join(',')})`, value: root, text: toText(root, nonFinite), plainJson: !nonFinite };
});

const idArb = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,10}$/);
const shortTextArb = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...NASTY_TEXT.map((t) => t.slice(0, 101))), fc.string({ unit: 'grapheme', maxLength: 20 }));
// Values a chart may hold (|v| ≤ 10^15), edges included, so generated decks reach the builders (mutations go beyond).
const numberArb = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -1e15, max: 1e15, noNaN: true }) },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE_NUMBERS.filter((n) => Math.abs(n) <= 1e15)) },
  { weight: 1, arbitrary: fc.constant(null) },
);

const chartArb = fc.integer({ min: 0, max: 12 }).chain((n) =>
  fc.record(
    {
      type: fc.constantFrom(...CHART_TYPES),
      labels: fc.array(shortTextArb, { minLength: n, maxLength: n }),
      series: fc.array(fc.record({ name: shortTextArb, values: fc.array(numberArb, { minLength: n, maxLength: n }) }), { minLength: 1, maxLength: 4 }),
      unit: fc.constantFrom('USD bn', '%', 'tonnes', '中国', ''),
      caption: shortTextArb,
    },
    { requiredKeys: ['type', 'labels', 'series'] },
  ),
);

const slideArb = fc.record(
  {
    id: idArb,
    layout: fc.constantFrom(...LAYOUTS),
    title: shortTextArb,
    subtitle: shortTextArb,
    bullets: fc.array(fc.string({ maxLength: 300 }), { maxLength: 12 }),
    columns: fc.array(fc.record({ heading: shortTextArb, bullets: fc.array(shortTextArb, { maxLength: 6 }) }), { minLength: 1, maxLength: 4 }),
    stats: fc.array(fc.record({ value: fc.double({ noNaN: true, noDefaultInfinity: true }), unit: fc.constantFrom('USD bn', '%', 'x'), label: shortTextArb }), {
      minLength: 1,
      maxLength: 8,
    }),
    chart: chartArb,
    quote: fc.record({ text: fc.string({ maxLength: 400 }), attribution: shortTextArb }),
    confidence: fc.constantFrom(...CONFIDENCE),
    notes: fc.string({ maxLength: 600 }),
    handout: fc.string({ maxLength: 600 }),
    durationSec: fc.integer({ min: 1, max: 36000 }),
  },
  { requiredKeys: ['id', 'layout', 'title'] },
);

/** Decks generated from scratch: mostly well-formed, so the builders get exercised too. */
export const generatedDeckArb: fc.Arbitrary<DeckCase> = fc
  .record({
    title: shortTextArb,
    slides: fc.array(slideArb, { maxLength: 8 }),
  })
  .map(({ title, slides }) => {
    const seen = new Set<string>();
    const unique = slides.filter((s) => !seen.has(s.id) && seen.add(s.id));
    // A layout without its content is refused; keep most generated decks valid so the builders see them.
    const needs: Record<string, string> = { stats: 'stats', chart: 'chart', 'two-column': 'columns', quote: 'quote' };
    for (const slide of unique) if (needs[slide.layout] && !(needs[slide.layout] in slide)) slide.layout = 'bullets';
    const value = { format: 'briefing-deck', version: 1, meta: { title }, slides: unique };
    return { kind: 'generated', value, text: toText(value, false), plainJson: true };
  });

/** Text that is barely a deck: random JSON, truncated or garbled decks, literal NaN tokens, deep brackets. */
export const junkTextArb: fc.Arbitrary<DeckCase> = fc.oneof(
  jsonArb.map((v) => ({ kind: 'random-json', value: v as unknown, text: JSON.stringify(v), plainJson: true })),
  fc.nat(DEFAULT_DECK_TEXT.length).map((n) => ({ kind: 'truncated', value: undefined as unknown, text: DEFAULT_DECK_TEXT.slice(0, n), plainJson: true })),
  fc
    .tuple(fc.nat(DEFAULT_DECK_TEXT.length), fc.string({ minLength: 1, maxLength: 4 }))
    .map(([n, s]) => ({ kind: 'garbled', value: undefined as unknown, text: DEFAULT_DECK_TEXT.slice(0, n) + s + DEFAULT_DECK_TEXT.slice(n + s.length), plainJson: true })),
  fc.constantFrom('NaN', 'Infinity', '-Infinity').map((token) => ({
    kind: 'nan-token',
    value: undefined as unknown,
    text: DEFAULT_DECK_TEXT.replace(/"values": \[\s*([\d.]+)/, `"values": [${token}`),
    plainJson: false,
  })),
  fc.integer({ min: 1, max: 100_000 }).map((n) => ({ kind: 'deep-brackets', value: undefined as unknown, text: `${'['.repeat(n)}${']'.repeat(n % 3 === 0 ? n : 0)}`, plainJson: true })),
);

/** The mix both fuzz runs use: half mutated default briefings, a third generated decks, the rest junk. */
export const deckCaseArb: fc.Arbitrary<DeckCase> = fc.oneof(
  { weight: 5, arbitrary: mutatedDeckArb },
  { weight: 3, arbitrary: generatedDeckArb },
  { weight: 2, arbitrary: junkTextArb },
);
