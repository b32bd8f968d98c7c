/**
 * Reading a number a person typed or pasted (a chart value in the edit panel, a cell of a
 * spreadsheet paste): thousands separators and a percent sign where the chart's unit is a
 * percentage are accepted; anything else that is not plainly a number is refused with a
 * message for the field, never guessed at. Pure: no DOM, no Node.
 */

export type NumberText =
  /** `value` is null for an empty field: no value at that point (a gap in the chart). */
  | { ok: true; value: number | null }
  | { ok: false; message: string };

export interface NumberTextOptions {
  /** The chart's unit: a trailing "%" is accepted only when it is a percentage. */
  unit?: string;
}

// Spaces people and spreadsheets put between groups of digits: space, no-break space,
// narrow no-break space, thin space, and the apostrophe used in Switzerland.
const GROUP_SPACE = /[ \u00a0\u202f\u2009']/;
const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
// One way of grouping per number: "1,200,000" or "1 200 000", groups of exactly three.
const GROUPED_COMMA = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;
const GROUPED_SPACE = /^[+-]?\d{1,3}(?:[ \u00a0\u202f\u2009']\d{3})+(?:\.\d*)?$/;

/** True when the unit names a percentage ("%", "% of GDP", "percent"). */
export function isPercentUnit(unit: string | undefined): boolean {
  return unit !== undefined && (unit.includes('%') || /\bper ?cent\b/i.test(unit));
}

/** Parses one typed or pasted number; empty text is null (no value). */
export function parseNumberText(text: string, options: NumberTextOptions = {}): NumberText {
  let t = text.trim().replace(/\u2212/g, '-'); // a typographic minus, as copied from documents
  if (t === '') return { ok: true, value: null };
  if (t.endsWith('%')) {
    if (!isPercentUnit(options.unit)) {
      return { ok: false, message: `not a number: this chart's unit is ${options.unit ? `"${options.unit}"` : 'not set'}, not %` };
    }
    t = t.slice(0, -1).trimEnd();
  }
  let plain: string;
  if (PLAIN.test(t)) plain = t;
  else if (GROUPED_COMMA.test(t)) plain = t.replace(/,/g, '');
  else if (GROUPED_SPACE.test(t)) plain = t.replace(new RegExp(GROUP_SPACE.source, 'g'), '');
  else if (/^[+-]?\d+,\d{1,2}$|^[+-]?\d+,\d{4,}$/.test(t)) {
    return { ok: false, message: 'not a number: use a point for decimals (1.5); a comma separates thousands (1,200)' };
  } else return { ok: false, message: 'not a number: type digits such as 1200, 1,200 or -3.5' };
  const value = Number(plain);
  if (!Number.isFinite(value)) return { ok: false, message: 'not a number: too large' };
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}
