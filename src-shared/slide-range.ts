/**
 * Slide ranges as a person types them: "2-5,8", "1, 3-", "7". Numbers are 1-based,
 * as the deck numbers its slides. Pure TypeScript, shared by the command line, main
 * (API arguments) and the Export dialog, so every place gives the same message.
 */

/** The longest range text accepted (a range is typed, not generated). */
export const MAX_RANGE_CHARS = 200;

export type SlideRangeResult = { ok: true; numbers: number[] } | { ok: false; error: string };

const PART = /^(\d{1,6})?\s*(-)?\s*(\d{1,6})?$/;

/**
 * Parses `text` into the sorted, distinct 1-based slide numbers it names, for a deck of
 * `count` slides (pass `Infinity` to check the syntax only). An open range "5-" runs to
 * the last slide. Errors are one short sentence naming the part that is wrong.
 */
export function parseSlideRange(text: string, count: number): SlideRangeResult {
  if (text.length > MAX_RANGE_CHARS) return { ok: false, error: `the slide range is longer than ${MAX_RANGE_CHARS} characters` };
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'the slide range is empty (write e.g. 2-5,8)' };
  const chosen = new Set<number>();
  for (const raw of trimmed.split(',')) {
    const part = raw.trim();
    const m = PART.exec(part);
    if (!part || !m || (!m[1] && !m[3]) || (!m[2] && m[3] !== undefined && m[1] !== undefined)) {
      return { ok: false, error: `"${part.slice(0, 20)}" is not a slide number or range (write e.g. 2-5,8)` };
    }
    const from = m[1] !== undefined ? Number(m[1]) : 1;
    const to = m[2] ? (m[3] !== undefined ? Number(m[3]) : count) : from;
    if (from < 1 || (m[3] !== undefined && Number(m[3]) < 1)) return { ok: false, error: `slides are numbered from 1: "${part}"` };
    if (m[2] && m[1] !== undefined && m[3] !== undefined && to < from) return { ok: false, error: `"${part}" runs backwards (write ${to}-${from})` };
    const highest = Math.max(from, m[3] !== undefined ? Number(m[3]) : from);
    if (Number.isFinite(count) && highest > count) {
      return { ok: false, error: `there is no slide ${highest}: the deck has ${count} slide${count === 1 ? '' : 's'}` };
    }
    if (!Number.isFinite(to)) continue; // syntax-only check of an open range
    for (let n = from; n <= to; n++) chosen.add(n);
  }
  return { ok: true, numbers: [...chosen].sort((a, b) => a - b) };
}
