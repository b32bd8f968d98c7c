/**
 * A table pasted from a spreadsheet (TSV on the clipboard) or read from a CSV file,
 * turned into chart data: the first row names the series, the first column holds
 * the labels. papaparse splits cells (quotes, embedded newlines); this module
 * picks the delimiter and reads numbers the way people write them. It never
 * throws: everything it could not read becomes a problem with its row and column,
 * shown in the preview before anything is applied.
 *
 * Numbers (see docs/deck-format.md, "Pasting a table"):
 * - thousands separators: `1,200`, `1 200` (also no-break and thin spaces),
 *   `1.200.300`, `1,200.5`, `1.200,5` (with both marks, the last one is the decimal);
 * - one mark alone: `1,5` and `12,75` are decimal commas, `1,200` is twelve hundred
 *   and `1.200` is one point two — except in a `;`-separated table (the European
 *   spreadsheet export), where a comma is always the decimal mark and `1.200` is
 *   twelve hundred;
 * - `18.5%` → 18.5 with unit `%`; `$23bn` → 23 with unit `USD bn` (the number is
 *   kept as written, the currency and scale go to the unit: `$`→USD, `€`→EUR,
 *   `£`→GBP; scales k, m, mn, bn, tn). A unit is set only when every value carries
 *   the same one; mixed units are a problem, the numbers are kept as written;
 * - `-5`, `−5` and `(5)` (accounting) are negative;
 * - an empty cell, `-`, `–`, `—`, `n/a`, `NA` or `..` is a gap (null), without a problem.
 */
import Papa from 'papaparse';
import { MAX_CHART_VALUE } from './chart-config';
import { LIMITS } from './deck-schema';

/** Where a problem is, 1-based as a spreadsheet counts (row 1 is the header row); 0 means the whole table. */
export interface TableProblem {
  row: number;
  column: number;
  message: string;
}

export interface ParsedTable {
  /** First column, after the header row. */
  labels: string[];
  /** Header row → names; one value per label, null for a gap. */
  series: { name: string; values: (number | null)[] }[];
  /** e.g. '%' when every value carried a percent sign, 'USD bn' when every value read like `$23bn`. */
  unit?: string;
  /** Non-numbers, cut rows, mixed units…; never throws. */
  problems: TableProblem[];
}

export type TableDelimiter = 'auto' | ',' | '\t' | ';';

/** Input limits: a chart cannot hold more, and a huge paste must not freeze the window. */
export const TABLE_LIMITS = {
  maxChars: 1024 * 1024,
  maxDataRows: LIMITS.maxChartPoints,
  maxSeries: LIMITS.maxSeries,
  maxProblems: 100,
} as const;

const CURRENCIES: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP' };
const SCALES = ['k', 'm', 'mn', 'bn', 'tn'];
const GAP = /^(?:-|–|—|n\/?a|\.\.)$/i;
const GROUP_SPACE = /[ \u00a0\u202f\u2009]/g;

/** Parses TSV (spreadsheet clipboard) or CSV text; delimiter 'auto' detects tabs vs commas. */
export function parseTableText(text: string, opts: { delimiter?: TableDelimiter } = {}): ParsedTable {
  const problems: TableProblem[] = [];
  const empty = (message: string): ParsedTable => ({ labels: [], series: [], problems: [{ row: 0, column: 0, message }] });
  if (typeof text !== 'string') return empty('expected text');
  if (text.length > TABLE_LIMITS.maxChars) {
    return empty(`the table is larger than ${TABLE_LIMITS.maxChars / 1024 / 1024} MB; paste or import at most ${TABLE_LIMITS.maxDataRows} rows`);
  }
  // One kind of line break: a paste can mix \r\n and \n, and papaparse picks one per text.
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (source.trim() === '') return empty('the table is empty');

  const delimiter = chooseDelimiter(source, opts.delimiter ?? 'auto');
  const parsed = Papa.parse<string[]>(source, { delimiter, newline: '\n', skipEmptyLines: false, header: false });
  // papaparse reports quote trouble but still returns its best split; say so and carry on.
  for (const err of parsed.errors.slice(0, 5)) {
    if (err.code === 'UndetectableDelimiter') continue;
    problems.push({ row: (err.row ?? -1) + 1, column: 0, message: `the table could not be split cleanly: ${err.message}` });
  }

  // Keep spreadsheet row numbers (1-based, header = 1) while skipping blank rows.
  const rows: { row: number; cells: string[] }[] = [];
  parsed.data.forEach((cells, i) => {
    if (cells.some((c) => c.trim() !== '')) rows.push({ row: i + 1, cells });
  });
  if (rows.length === 0) return empty('the table is empty');

  const header = rows[0];
  let width = Math.max(...rows.map((r) => r.cells.length));
  if (width < 2) {
    return {
      labels: [],
      series: [],
      problems: [
        ...problems,
        { row: header.row, column: 0, message: 'expected at least two columns: labels first, then one column of numbers per series' },
      ],
    };
  }
  if (width - 1 > TABLE_LIMITS.maxSeries) {
    problems.push({
      row: header.row,
      column: TABLE_LIMITS.maxSeries + 2,
      message: `a chart holds at most ${TABLE_LIMITS.maxSeries} series; columns from ${TABLE_LIMITS.maxSeries + 2} on were left out`,
    });
    width = TABLE_LIMITS.maxSeries + 1;
  }

  let dataRows = rows.slice(1);
  if (dataRows.length === 0) problems.push({ row: header.row, column: 0, message: 'expected rows of data below the header row' });
  if (dataRows.length > TABLE_LIMITS.maxDataRows) {
    const cut = dataRows[TABLE_LIMITS.maxDataRows];
    problems.push({
      row: cut.row,
      column: 0,
      message: `a chart holds at most ${TABLE_LIMITS.maxDataRows} labels; this row and the ${dataRows.length - TABLE_LIMITS.maxDataRows - 1} after it were left out`,
    });
    dataRows = dataRows.slice(0, TABLE_LIMITS.maxDataRows);
  }

  const series: ParsedTable['series'] = [];
  for (let col = 1; col < width; col++) {
    let name = clip(header.cells[col] ?? '', LIMITS.maxTitle, header.row, col + 1, 'series name', problems);
    if (name === '') {
      name = `Series ${col}`;
      problems.push({ row: header.row, column: col + 1, message: `no series name in the header row; called it "${name}"` });
    }
    series.push({ name, values: [] });
  }

  const decimalComma = delimiter === ';';
  const labels: string[] = [];
  let unit: string | undefined;
  let unitState: 'none-yet' | 'same' | 'mixed' = 'none-yet';
  for (const { row, cells } of dataRows) {
    const label = clip(cells[0] ?? '', LIMITS.maxTitle, row, 1, 'label', problems);
    if (label === '') problems.push({ row, column: 1, message: 'no label in the first column' });
    labels.push(label);
    for (let col = 1; col < width; col++) {
      const raw = (cells[col] ?? '').trim();
      const read = readNumber(raw, decimalComma);
      if (read.kind === 'gap') {
        series[col - 1].values.push(null);
        continue;
      }
      if (read.kind === 'error') {
        series[col - 1].values.push(null);
        problems.push({ row, column: col + 1, message: read.message });
        continue;
      }
      series[col - 1].values.push(read.value);
      const cellUnit = read.unit ?? '';
      if (unitState === 'none-yet') {
        unit = cellUnit;
        unitState = 'same';
      } else if (unitState === 'same' && cellUnit !== unit) {
        problems.push({
          row,
          column: col + 1,
          message: `this value is ${describeUnit(cellUnit)} but earlier values are ${describeUnit(unit ?? '')}; a chart has one unit, so none was set and the numbers are kept as written`,
        });
        unitState = 'mixed';
      }
    }
  }

  const result: ParsedTable = { labels, series, problems: capProblems(problems) };
  if (unitState === 'same' && unit) result.unit = unit;
  return result;
}

type NumberRead = { kind: 'gap' } | { kind: 'error'; message: string } | { kind: 'number'; value: number; unit?: string };

/** Reads one cell as people write numbers (see the module comment). */
export function readNumber(raw: string, decimalComma = false): NumberRead {
  const cell = raw.trim();
  if (cell === '' || GAP.test(cell)) return { kind: 'gap' };
  const shown = cell.length > 40 ? `${cell.slice(0, 40)}…` : cell;
  const notANumber: NumberRead = { kind: 'error', message: `expected a number, found "${shown}"; left as a gap` };

  let s = cell;
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1].trim();
  }
  const sign = /^([+\-\u2212])\s*/.exec(s);
  if (sign) {
    if (paren) return notANumber;
    negative = sign[1] !== '+';
    s = s.slice(sign[0].length);
  }
  let currency: string | undefined;
  const symbol = /^([$€£])\s*/.exec(s);
  if (symbol) {
    currency = CURRENCIES[symbol[1]];
    s = s.slice(symbol[0].length);
  } else {
    const code = /^(USD|EUR|GBP)\s+/i.exec(s);
    if (code) {
      currency = code[1].toUpperCase();
      s = s.slice(code[0].length);
    }
  }
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trimEnd();
  }
  let scale: string | undefined;
  const suffix = /^(.*\d)\s*([a-z]{1,2})$/i.exec(s);
  if (suffix && SCALES.includes(suffix[2].toLowerCase())) {
    scale = suffix[2].toLowerCase();
    s = suffix[1];
  }
  if (percent && (currency || scale)) return notANumber;

  const value = readDigits(s, decimalComma);
  if (value === null) return notANumber;
  const signed = negative ? -value : value;
  if (!Number.isFinite(signed) || Math.abs(signed) > MAX_CHART_VALUE) {
    return { kind: 'error', message: `"${shown}" is larger than a chart can draw (10^15); use a larger unit` };
  }
  const unit = percent ? '%' : [currency, scale].filter(Boolean).join(' ') || undefined;
  return { kind: 'number', value: signed === 0 ? 0 : signed, unit };
}

/** The digits with their separators, or null when they do not read as one number. */
function readDigits(text: string, decimalComma: boolean): number | null {
  let s = text;
  // Space-grouped thousands: 1 200 or 1 200,5 / 1 200.5.
  if (/^\d{1,3}([ \u00a0\u202f\u2009]\d{3})+([.,]\d+)?$/.test(s)) s = s.replace(GROUP_SPACE, '');
  if (/^\d+(\.\d+)?e[+-]?\d+$/i.test(s)) return Number(s);
  const hasDot = s.includes('.');
  const hasComma = s.includes(',');
  if (hasDot && hasComma) {
    if (/^\d{1,3}(,\d{3})+\.\d+$/.test(s)) return Number(s.replace(/,/g, ''));
    if (/^\d{1,3}(\.\d{3})+,\d+$/.test(s)) return Number(s.replace(/\./g, '').replace(',', '.'));
    return null;
  }
  if (hasComma) {
    if (/^\d{1,3}(,\d{3}){2,}$/.test(s)) return Number(s.replace(/,/g, ''));
    if (!decimalComma && /^\d{1,3},\d{3}$/.test(s)) return Number(s.replace(',', ''));
    if (/^\d*,\d+$/.test(s) && s !== ',') return Number(s.replace(',', '.'));
    return null;
  }
  if (hasDot) {
    if (/^\d{1,3}(\.\d{3}){2,}$/.test(s)) return Number(s.replace(/\./g, ''));
    if (decimalComma && /^\d{1,3}\.\d{3}$/.test(s)) return Number(s.replace('.', ''));
    if (/^\d*\.\d+$/.test(s)) return Number(s);
    return null;
  }
  return /^\d+$/.test(s) ? Number(s) : null;
}

/** Tabs win when the first line has one (a spreadsheet paste); else whichever of , and ; the header row uses more, outside quotes. */
function chooseDelimiter(text: string, wanted: TableDelimiter): string {
  if (wanted !== 'auto') return wanted;
  const firstLine = text.split('\n').find((line) => line.trim() !== '') ?? '';
  if (firstLine.includes('\t')) return '\t';
  const commas = countOutsideQuotes(firstLine, ',');
  const semicolons = countOutsideQuotes(firstLine, ';');
  return semicolons > commas ? ';' : ',';
}

function countOutsideQuotes(line: string, mark: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === mark && !quoted) n++;
  }
  return n;
}

function clip(raw: string, max: number, row: number, column: number, what: string, problems: TableProblem[]): string {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  problems.push({ row, column, message: `the ${what} is longer than ${max} characters; it was cut` });
  return text.slice(0, max);
}

function describeUnit(unit: string): string {
  return unit ? `in "${unit}"` : 'a plain number';
}

function capProblems(problems: TableProblem[]): TableProblem[] {
  if (problems.length <= TABLE_LIMITS.maxProblems) return problems;
  const rest = problems.length - TABLE_LIMITS.maxProblems;
  return [...problems.slice(0, TABLE_LIMITS.maxProblems), { row: 0, column: 0, message: `and ${rest} more problems` }];
}
