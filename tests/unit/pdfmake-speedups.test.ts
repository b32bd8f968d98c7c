/**
 * The faster style lookups (pdfmake-speedups.ts) must give pdfmake's own answers. pdfmake's
 * StyleContextStack is loaded here in a fresh VM context from node_modules, so it is the
 * original code even if an export in this worker has installed the faster one.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { getProperty, getStyleProperty, measure, PDFMAKE_VERSION, speedUpPdfmake, type StyleStack, type TextInlinesLike, type Word } from '../../src-main/core/pdf/pdfmake-speedups';

const load = createRequire(import.meta.url);

interface OriginalClass {
  new (dictionary: StyleStack['styleDictionary'], defaultStyle?: Record<string, unknown>): StyleStack;
  getStyleProperty(item: Record<string, unknown>, stack: StyleStack | null, property: string, defaultValue: unknown): unknown;
}

/**
 * pdfmake's own modules, each run in a fresh VM context from node_modules: their originals,
 * whatever an export in this worker has installed on the shared copies. Relative requires
 * inside pdfmake/js load the same way; packages (linebreak) come from node_modules.
 */
function originals(): { StyleContextStack: OriginalClass; TextInlines: { new (doc: unknown): TextInlinesLike } } {
  const root = path.dirname(load.resolve('pdfmake/js/StyleContextStack'));
  const cache = new Map<string, unknown>();
  const requireFrom = (dir: string) => (id: string): unknown => {
    if (!id.startsWith('.')) return load(id);
    const file = load.resolve(path.resolve(dir, id));
    if (!file.startsWith(root)) throw new Error(`unexpected module ${file}`);
    if (!cache.has(file)) {
      const module = { exports: {} as unknown };
      cache.set(file, module.exports);
      runInNewContext(`(function (exports, require, module) {${readFileSync(file, 'utf8')}\n})`, { Set, Map, Array, String, Object, Math, Number, Error })(module.exports, requireFrom(path.dirname(file)), module);
      cache.set(file, module.exports);
    }
    return cache.get(file);
  };
  const get = requireFrom(root);
  return {
    StyleContextStack: (get('./StyleContextStack') as { default: OriginalClass }).default,
    TextInlines: (get('./TextInlines') as { default: { new (doc: unknown): TextInlinesLike } }).default,
  };
}

function originalStyleContextStack(): OriginalClass {
  return originals().StyleContextStack;
}

/** A small deterministic random source (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ (t + Math.imul(t ^ (t >>> 14), 61 | t));
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROPS = ['font', 'fontSize', 'bold', 'color', 'lineHeight', 'noWrap'];
const NAMES = ['a', 'b', 'c', 'd', 'e', 'missing'];

function world(rand: () => number) {
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!;
  const value = () => pick<unknown>([undefined, null, 0, false, '', 'x', 12, true, 'Noto']);
  const props = () => {
    const o: Record<string, unknown> = {};
    for (const p of PROPS) if (rand() < 0.35) o[p] = value();
    return o;
  };
  const dictionary: Record<string, Record<string, unknown>> = {};
  for (const name of NAMES.slice(0, 5)) {
    const style = props();
    if (rand() < 0.5) style.extends = rand() < 0.5 ? pick(NAMES) : [pick(NAMES), pick(NAMES)];
    dictionary[name] = style;
  }
  const overrides: unknown[] = [];
  const depth = Math.floor(rand() * 7);
  for (let i = 0; i < depth; i++) overrides.push(rand() < 0.5 ? pick(NAMES) : props());
  const defaultStyle = rand() < 0.8 ? props() : undefined;
  const item = props();
  if (rand() < 0.5) item.style = rand() < 0.5 ? pick(NAMES) : [pick(NAMES), pick(NAMES)];
  return { dictionary, overrides, defaultStyle, item, pick, value };
}

describe('pdfmake style lookups', () => {
  it('is written against the installed pdfmake', () => {
    expect(load('pdfmake/package.json').version).toBe(PDFMAKE_VERSION);
  });

  it('gives pdfmake’s own answers for 5,000 random style stacks', () => {
    const Original = originalStyleContextStack();
    const rand = random(20261129);
    let compared = 0;
    for (let round = 0; round < 5000; round++) {
      const { dictionary, overrides, defaultStyle, item, pick, value } = world(rand);
      const stack = new Original(dictionary, defaultStyle);
      stack.styleOverrides.push(...overrides);
      for (const property of PROPS) {
        expect(getProperty.call(stack, property)).toStrictEqual(stack.getProperty(property));
        const fallback = value();
        const withStack = rand() < 0.9;
        expect(getStyleProperty(item, withStack ? stack : null, property, fallback)).toStrictEqual(Original.getStyleProperty(item, withStack ? stack : null, property, fallback));
        compared += 2;
      }
      // The stack is left as it was found.
      expect(stack.styleOverrides).toEqual(overrides);
      void pick;
    }
    expect(compared).toBe(5000 * PROPS.length * 2);
  });

  it('measures words as pdfmake does, on 2,000 random text nodes', () => {
    const { StyleContextStack: Original, TextInlines } = originals();
    const rand = random(7);
    // A stand-in document: fonts named by their arguments, widths from the text and size.
    const doc = {
      provideFont: (font: unknown, bold: unknown, italics: unknown) => ({
        name: `${String(font)}/${String(bold)}/${String(italics)}`,
        lineHeight: (size: number) => size * 1.25,
        widthOfString: (text: string, size: number) => text.length * size * 0.5,
      }),
    };
    // Leading and trailing white space of every kind `\s` matches: the cuts are found from the word's ends.
    const texts = ['Kazakhstan ', '  $23bn', 'in January–June 2025 ', ' ', 'x', 'trailing  ', '\t\u00a0tab\u3000', 'line\n', '\u2028 a b\u202f', '', '\ufeffbom\u200b', '😀 '];
    for (let round = 0; round < 2000; round++) {
      const { dictionary, overrides, defaultStyle, pick } = world(rand);
      const words = (): Word[] => {
        const seeded = random(round + 1);
        const list: Word[] = [];
        const count = 1 + Math.floor(seeded() * 6);
        for (let i = 0; i < count; i++) {
          const word: Word = { text: texts[Math.floor(seeded() * texts.length)]! };
          const r = seeded();
          if (r < 0.3) word.style = NAMES[Math.floor(seeded() * NAMES.length)];
          else if (r < 0.4) word.style = [NAMES[Math.floor(seeded() * NAMES.length)], NAMES[Math.floor(seeded() * NAMES.length)]];
          if (seeded() < 0.3) word.fontSize = 10 + Math.floor(seeded() * 8);
          if (seeded() < 0.2) word.bold = seeded() < 0.5;
          if (seeded() < 0.1) word.sup = true;
          if (seeded() < 0.1) word.preserveLeadingSpaces = true;
          if (seeded() < 0.1) word.characterSpacing = 1;
          if (seeded() < 0.05) word.leadingIndent = 4;
          list.push(word);
        }
        return list;
      };
      const stackA = new Original(dictionary, defaultStyle);
      const stackB = new Original(dictionary, defaultStyle);
      stackA.styleOverrides.push(...overrides);
      stackB.styleOverrides.push(...overrides);
      const theirs = new TextInlines(doc).measure(words(), stackA);
      const ours = measure.call(new TextInlines(doc), words(), stackB);
      expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));
      expect(stackB.styleOverrides).toEqual(overrides);
      void pick;
    }
  });

  it('is installed only on the version it was written for', () => {
    const { StyleContextStack: Original, TextInlines } = originals();
    const before = Original.prototype.getProperty;
    expect(speedUpPdfmake(Original, TextInlines, '0.3.12')).toBe(false);
    expect(Original.prototype.getProperty).toBe(before);
    expect(speedUpPdfmake(Original, TextInlines, PDFMAKE_VERSION)).toBe(true);
    expect(Original.prototype.getProperty).toBe(getProperty);
    expect(Original.getStyleProperty).toBe(getStyleProperty);
    expect(TextInlines.prototype.measure).toBe(measure);
  });
});
