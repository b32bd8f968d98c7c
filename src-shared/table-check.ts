/**
 * `briefing check`'s warnings for tables: what the schema allows but a reader would
 * trip over — a table with no rows, a number typed as text in a column with a unit
 * (it would be neither aligned nor formatted), text in a column of numbers, a unit on
 * a column that holds no numbers. Ragged rows are errors (deck-validate). Tolerant of
 * malformed input: it skips what the schema reports. Pure.
 */
import { formatPath, type DeckProblem } from './deck-validate';
import { isGapText } from './table-data';
import { parseNumberText } from './number-text';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => x !== null && typeof x === 'object' && !Array.isArray(x);

/** Adds the table warnings of every slide of `deck` to `out`. */
export function tableWarnings(deck: Obj, out: DeckProblem[]): void {
  const slides = Array.isArray(deck.slides) ? deck.slides : [];
  slides.forEach((slide, i) => {
    if (!isObj(slide) || !isObj(slide.table)) return;
    const table = slide.table;
    const at = (...keys: Array<string | number>) => formatPath(['slides', i, 'table', ...keys]);
    const columns = Array.isArray(table.columns) ? table.columns : [];
    const rows = Array.isArray(table.rows) ? table.rows.filter(Array.isArray) : [];
    if (rows.length === 0) {
      out.push({ path: at('rows'), message: 'the table has no rows; add a row or paste a table' });
      return;
    }
    columns.forEach((column, c) => {
      if (!isObj(column)) return;
      const unit = typeof column.unit === 'string' && column.unit.trim() ? column.unit : undefined;
      const heading = typeof column.heading === 'string' ? column.heading : `column ${c + 1}`;
      const values = rows.map((row) => {
        const raw: unknown = row[c];
        return isObj(raw) ? raw.value : raw;
      });
      const numbers = values.filter((value) => typeof value === 'number').length;
      let texts = 0;
      values.forEach((value, r) => {
        if (typeof value !== 'string' || value.trim() === '' || isGapText(value)) return;
        texts++;
        // A year or a code in a column of words is a label; only a column of figures is checked.
        if (!unit && numbers === 0) return;
        const asNumber = parseNumberText(value, { unit: unit ?? '%' });
        if (asNumber.ok && asNumber.value !== null) {
          out.push({
            path: at('rows', r, c),
            message: `"${clip(value)}" is a number written as text in "${heading}"; write it as a number (${asNumber.value}) so it is aligned and shown with its unit`,
          });
        } else if (unit) {
          out.push({
            path: at('rows', r, c),
            message: `"${clip(value)}" is text in "${heading}", a column in ${unit}; write a number, or leave the cell empty (null) when there is no figure`,
          });
        }
      });
      if (unit && numbers === 0 && texts === 0) {
        out.push({ path: at('columns', c, 'unit'), message: `"${heading}" has the unit "${unit}" but holds no numbers` });
      }
    });
  });
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
