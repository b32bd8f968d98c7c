/**
 * Faster versions of pdfmake 0.3.11's style lookups, with the same results.
 *
 * pdfmake asks for 22 style properties of every word it measures, each through
 * `StyleContextStack.getStyleProperty`, which pushes the word on the style stack, builds a
 * closure and a `Set` per style name, and walks the whole stack down to the default style
 * for every property that no style sets. In a CPU profile of the default handout these
 * lookups were ~120 ms of its ~1.4 s main thread (docs/benchmarks.md, session 6).
 *
 * These replacements keep pdfmake's rules exactly (the word's own property first, then the
 * stack from the top, a named style through its `extends` chain with each name visited once,
 * then the default style) and allocate nothing per lookup. They are installed only on the
 * pdfmake version they were written against; any other version keeps its own code.
 * tests/unit/pdfmake-speedups.test.ts compares them with pdfmake's on random stacks.
 */

/** The part of pdfmake's StyleContextStack these functions use. */
export interface StyleStack {
  styleDictionary: Record<string, Record<string, unknown> | undefined>;
  defaultStyle?: Record<string, unknown>;
  styleOverrides: unknown[];
  autopush(item: unknown): number;
  pop(howMany?: number): void;
  getProperty(property: string): unknown;
}

interface StyleStackClass {
  prototype: StyleStack;
  getStyleProperty(item: Record<string, unknown>, stack: StyleStack | null | undefined, property: string, defaultValue: unknown): unknown;
}

/** The pdfmake version whose StyleContextStack these replace. */
export const PDFMAKE_VERSION = '0.3.11';

const isValue = (v: unknown): boolean => v !== undefined && v !== null;
// pdfmake also treats a String object as a style name.
const isString = (v: unknown): boolean => typeof v === 'string' || v instanceof String;

/** A property from a named style, following `extends` (last parent first), each name once. */
function fromStyle(dictionary: StyleStack['styleDictionary'], name: string, property: string, visited: Set<string> | null): unknown {
  if (visited) {
    if (visited.has(name)) return undefined;
    visited.add(name);
  }
  const style = dictionary[name];
  if (!style) return undefined;
  if (isValue(style[property])) return style[property];
  const parents = style.extends;
  if (parents) {
    // pdfmake's visited set starts with the first name; it is made only when a chain is followed.
    const seen = visited ?? new Set([name]);
    const list = (Array.isArray(parents) ? parents : [parents]) as string[];
    for (let i = list.length - 1; i >= 0; i--) {
      const value = fromStyle(dictionary, list[i]!, property, seen);
      if (isValue(value)) return value;
    }
  }
  return undefined;
}

/** `StyleContextStack.prototype.getProperty`, without a closure or a Set per call. */
export function getProperty(this: StyleStack, property: string): unknown {
  const overrides = this.styleOverrides;
  if (overrides) {
    for (let i = overrides.length - 1; i >= 0; i--) {
      const item = overrides[i];
      if (isString(item)) {
        const value = fromStyle(this.styleDictionary, String(item), property, null);
        if (isValue(value)) return value;
      } else if (isValue((item as Record<string, unknown>)[property])) {
        return (item as Record<string, unknown>)[property];
      }
    }
  }
  return this.defaultStyle && this.defaultStyle[property];
}

/** `StyleContextStack.getStyleProperty`, without a closure per call. */
export function getStyleProperty(item: Record<string, unknown>, stack: StyleStack | null | undefined, property: string, defaultValue: unknown): unknown {
  if (isValue(item[property])) return item[property];
  if (!stack) return defaultValue;
  const pushed = stack.autopush(item);
  const value = stack.getProperty(property);
  if (pushed > 0) stack.pop(pushed);
  return isValue(value) ? value : defaultValue;
}

/** A word as pdfmake's TextInlines measures it (its style properties are copied onto it). */
export type Word = Record<string, unknown> & { text: string };

/** The part of pdfmake's font wrapper `measure` uses. */
interface MeasuredFont {
  lineHeight(fontSize: number): number;
}

/** The part of pdfmake's TextInlines `measure` uses. */
export interface TextInlinesLike {
  pdfDocument: { provideFont(font: unknown, bold: unknown, italics: unknown): MeasuredFont };
  widthOfText(text: string, inline: Word): number;
  measure(array: Word[], stack: StyleStack | null | undefined): Word[];
}

const WHITE_SPACE = /\s/;

/** Whether UTF-16 code unit `c` is one `\s` matches (space and \t–\r; other ones are past 127). */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && WHITE_SPACE.test(String.fromCharCode(c)));
}

/**
 * What pdfmake's `text.match(/^(\s)+/g)?.[0]` and `text.match(/(\s)+$/g)?.[0]` give (the leading
 * or trailing white space, or undefined), found from that end of the word alone: a global match
 * scanned and allocated for every one of the ~7,900 words of a handout, twice.
 */
function leadingSpace(text: string): string | undefined {
  let i = 0;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i ? text.slice(0, i) : undefined;
}
function trailingSpace(text: string): string | undefined {
  let i = text.length;
  while (i > 0 && isSpace(text.charCodeAt(i - 1))) i--;
  return i < text.length ? text.slice(i) : undefined;
}

/** The style names a word pushes (autopush), as a cache key; null when the lookup must not be cached. */
function styleKey(word: Word): string | null {
  if (word.section !== undefined) return null;
  const style = word.style;
  if (style === undefined || style === null || style === '') return '';
  const names = Array.isArray(style) ? style : [style];
  for (const name of names) if (typeof name !== 'string') return null;
  return (names as string[]).join('\u0000');
}

/**
 * Style lookups for the words of one text node. Every word of a node sits on the same style
 * stack and differs only in its own properties and style names, so what the stack gives for a
 * property is looked up once per set of style names rather than once per word. A word's own
 * property still comes first, exactly as pdfmake's `getStyleProperty` does.
 */
function wordStyles(stack: StyleStack | null | undefined) {
  const byStyle = new Map<string, Map<string, unknown>>();
  // Per word: its set of style names is found once, not once per property (a join per lookup).
  return (word: Word) => {
    const key = stack ? styleKey(word) : null;
    let values = key === null ? undefined : byStyle.get(key);
    if (key !== null && !values) byStyle.set(key, (values = new Map()));
    return (property: string, defaultValue: unknown): unknown => {
      const own = word[property];
      if (isValue(own)) return own;
      if (!stack) return defaultValue;
      if (key === null || !values) return getStyleProperty(word, stack, property, defaultValue);
      let value = values.get(property);
      if (value === undefined && !values.has(property)) {
        const names = key === '' ? [] : key.split('\u0000');
        for (const name of names) stack.styleOverrides.push(name);
        value = stack.getProperty(property);
        if (names.length) stack.pop(names.length);
        values.set(property, value);
      }
      return isValue(value) ? value : defaultValue;
    };
  };
}

/** `TextInlines.prototype.measure` of pdfmake 0.3.11, line for line, with the style lookups of `wordStyles` (`get(property, default)` for pdfmake's `getStyleProperty(item, styleContextStack, property, default)`). */
export function measure(this: TextInlinesLike, array: Word[], stack: StyleStack | null | undefined): Word[] {
  const stylesOf = wordStyles(stack);
  if (array.length) {
    const leadingIndent = getStyleProperty(array[0]!, stack, 'leadingIndent', 0) as number;
    if (leadingIndent) {
      array[0]!.leadingCut = -leadingIndent;
      array[0]!.leadingIndent = leadingIndent;
    }
  }
  for (const item of array) {
    const get = stylesOf(item);
    const font = get('font', 'Roboto');
    const bold = get('bold', false);
    const italics = get('italics', false);
    const measured = this.pdfDocument.provideFont(font, bold, italics);
    item.font = measured;
    item.alignment = get('alignment', 'left');
    item.fontSize = get('fontSize', 12);
    item.fontFeatures = get('fontFeatures', null);
    item.characterSpacing = get('characterSpacing', 0);
    item.color = get('color', 'black');
    item.decoration = get('decoration', null);
    item.decorationColor = get('decorationColor', null);
    item.decorationStyle = get('decorationStyle', null);
    item.decorationThickness = get('decorationThickness', null);
    item.background = get('background', null);
    item.link = get('link', null);
    item.linkToPage = get('linkToPage', null);
    item.linkToDestination = get('linkToDestination', null);
    item.noWrap = get('noWrap', null);
    item.opacity = get('opacity', 1);
    item.sup = get('sup', false);
    item.sub = get('sub', false);
    if (item.sup || item.sub) item.fontSize = (item.fontSize as number) * 0.58;
    const lineHeight = get('lineHeight', 1) as number;
    item.width = this.widthOfText(item.text, item);
    item.height = measured.lineHeight(item.fontSize as number) * lineHeight;
    if (!item.leadingCut) item.leadingCut = 0;
    if (!get('preserveLeadingSpaces', false)) {
      const leadingSpaces = leadingSpace(item.text);
      if (leadingSpaces) item.leadingCut = (item.leadingCut as number) + this.widthOfText(leadingSpaces, item);
    }
    item.trailingCut = 0;
    if (!get('preserveTrailingSpaces', false)) {
      const trailingSpaces = trailingSpace(item.text);
      if (trailingSpaces) item.trailingCut = this.widthOfText(trailingSpaces, item);
    }
  }
  return array;
}

/**
 * Installs the faster lookups on pdfmake's StyleContextStack and TextInlines if pdfmake is the
 * version they were written for; returns whether it did.
 */
export function speedUpPdfmake(StyleContextStack: StyleStackClass, TextInlines: { prototype: TextInlinesLike }, version: string): boolean {
  if (version !== PDFMAKE_VERSION) return false;
  StyleContextStack.prototype.getProperty = getProperty;
  StyleContextStack.getStyleProperty = getStyleProperty;
  TextInlines.prototype.measure = measure;
  return true;
}
