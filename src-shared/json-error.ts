/**
 * Where a JSON text goes wrong, as a line and column and a reason a person can act
 * on. JSON.parse says "Unexpected token '}'" with no position for many mistakes
 * (Node 20), and the commonest hand-editing slips — a comma after the last item,
 * single quotes, a comment — deserve to be named. Runs only after JSON.parse has
 * failed, on text whose nesting depth was already limited.
 */

export interface JsonErrorLocation {
  /** 1-based line and column (columns count UTF-16 code units, as editors mostly do). */
  line: number;
  column: number;
  offset: number;
  message: string;
}

class Located extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 512;

/** Finds the first syntax error in `text`; null when the text is valid JSON. */
export function locateJsonError(text: string): JsonErrorLocation | null {
  let i = 0;
  const n = text.length;
  const fail = (message: string, at = i): never => {
    throw new Located(at, message);
  };
  const show = (at: number): string => {
    if (at >= n) return 'the end of the file';
    const c = text[at];
    if (c === '\n' || c === '\r') return 'a line break';
    return `'${c}'`;
  };
  const ws = () => {
    while (i < n) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) fail('comments are not allowed in JSON');
      else break;
    }
  };
  const cutOff = () => fail('the file ends too early; it may have been cut off');

  const string = () => {
    const start = i;
    i++; // opening quote
    for (;;) {
      if (i >= n) fail('a text in double quotes is not closed', start);
      const code = text.charCodeAt(i);
      if (code === 34 /* " */) {
        i++;
        return;
      }
      if (code < 0x20) fail(code === 10 || code === 13 ? 'a line break inside double quotes; write it as \\n, or close the quotes' : 'a control character inside double quotes; write it as an escape such as \\t');
      if (code === 92 /* \ */) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('"\\u" must be followed by four hex digits');
          i += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) fail(`"\\${next ?? ''}" is not a JSON escape; write a backslash as \\\\`);
        i += 2;
        continue;
      }
      i++;
    }
  };

  const number = () => {
    const start = i;
    const re = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m || m[0] === '-') fail(`expected a number after '-'`);
    i += m![0].length;
    if (i < n && /[0-9.eE]/.test(text[i])) fail('this is not a JSON number (no leading zeros, a digit on both sides of the point)', start);
  };

  const value = (depth: number, closer: string | null): void => {
    if (depth > MAX_DEPTH) fail('nested too deeply');
    ws();
    if (i >= n) cutOff();
    const c = text[i];
    if (c === '{') return container(depth, '}');
    if (c === '[') return container(depth, ']');
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    const word = /^[A-Za-z]+/.exec(text.slice(i, i + 6))?.[0] ?? '';
    if (word && i + word.length >= n && ['true', 'false', 'null'].some((w) => w.startsWith(word))) cutOff();
    if (c === "'") fail('text must be in double quotes ("…"), not single quotes');
    if (c === closer || c === ',') fail(`expected a value, found ${show(i)}`);
    fail(/[A-Za-z]/.test(c) ? `unexpected word; text must be in double quotes ("…")` : `unexpected ${show(i)}; expected a value`);
  };

  const container = (depth: number, close: '}' | ']'): void => {
    const isObject = close === '}';
    i++;
    ws();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (isObject) {
        if (i >= n) cutOff();
        if (text[i] === "'") fail('field names must be in double quotes ("…"), not single quotes');
        if (text[i] !== '"') fail(`expected a field name in double quotes, found ${show(i)}`);
        string();
        ws();
        if (i >= n) cutOff();
        if (text[i] !== ':') fail(`expected ':' after the field name, found ${show(i)}`);
        i++;
      }
      value(depth + 1, close);
      ws();
      if (i >= n) cutOff();
      if (text[i] === ',') {
        const comma = i;
        i++;
        ws();
        if (text[i] === close) fail(`a comma after the last ${isObject ? 'field' : 'item'} is not allowed in JSON`, comma);
        continue;
      }
      if (text[i] === close) {
        i++;
        return;
      }
      const wanted = `',' or '${close}'`;
      fail(
        text[i] === '"' || /[\w[{]/.test(text[i]) ? `expected ${wanted}; is a comma missing before this?` : `expected ${wanted}, found ${show(i)}`,
      );
    }
  };

  try {
    ws();
    if (i >= n) fail('the file is empty');
    value(0, null);
    ws();
    if (i < n) fail(`unexpected ${show(i)} after the end of the JSON value; is there an extra '}' or ']'?`);
    return null;
  } catch (err) {
    if (!(err instanceof Located)) throw err;
    const offset = Math.min(err.offset, n);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    return { line, column, offset, message: err.message };
  }
}
