/**
 * Changes to a table slide's table as whole-table operations (table → new table), so
 * adding a row, removing a column or applying a pasted table is one undo step; plus the
 * "Show as table" change of a chart slide. Unknown fields of the table and its columns
 * are carried over. Pure.
 */
import { withLayout } from './deck-ops';
import { LIMITS, type Slide, type Table, type TableCell, type TableColumn } from './deck-schema';
import Papa from 'papaparse';
import { parseNumberText } from './number-text';
import { cellDerived, cellValue, chartToTable, isGapText } from './table-data';
import { readNumber, type TableProblem } from './table-import';

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Adds an empty row at the end (one empty cell per column). */
export function addTableRow(table: Table): Table {
  const next = copy(table);
  if (next.rows.length >= LIMITS.maxTableRows) return next;
  next.rows.push(next.columns.map(() => null));
  return next;
}

/** Removes row `row`. */
export function removeTableRow(table: Table, row: number): Table {
  const next = copy(table);
  next.rows.splice(row, 1);
  return next;
}

/** Adds a column at the end, with an empty cell in every row. */
export function addTableColumn(table: Table): Table {
  const next = copy(table);
  if (next.columns.length >= LIMITS.maxTableColumns) return next;
  next.columns.push({ heading: `Column ${next.columns.length + 1}` });
  for (const row of next.rows) {
    while (row.length < next.columns.length - 1) row.push(null);
    row.push(null);
  }
  return next;
}

/** Removes column `column` and its cell in every row; a table keeps at least one column. */
export function removeTableColumn(table: Table, column: number): Table {
  const next = copy(table);
  if (next.columns.length <= 1) return next;
  next.columns.splice(column, 1);
  for (const row of next.rows) row.splice(column, 1);
  return next;
}

/** A pasted table: headings, cells (numbers read as people write them), and what could not be read. */
export interface PastedTable {
  columns: TableColumn[];
  rows: TableCell[][];
  problems: TableProblem[];
}

/**
 * Reads a spreadsheet paste (TSV) or CSV text as a table: the first row is the header.
 * A column whose every filled cell reads as a number becomes a column of numbers (with
 * the unit its cells carried, `$23bn` → `USD bn`); any other column keeps its text as
 * written. Never throws; limits are reported as problems.
 */
export function parsePastedTable(text: string): PastedTable {
  const problems: TableProblem[] = [];
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (source.trim() === '') return { columns: [], rows: [], problems: [{ row: 0, column: 0, message: 'the table is empty' }] };
  const firstLine = source.split('\n').find((l) => l.trim() !== '') ?? '';
  const delimiter = firstLine.includes('\t') ? '\t' : (firstLine.split(';').length > firstLine.split(',').length ? ';' : ',');
  const parsed = Papa.parse<string[]>(source, { delimiter, newline: '\n', skipEmptyLines: 'greedy', header: false });
  let data = parsed.data.map((r) => r.map((c) => c.trim()));
  if (data.length === 0) return { columns: [], rows: [], problems: [{ row: 0, column: 0, message: 'the table is empty' }] };
  let width = Math.max(...data.map((r) => r.length));
  if (width > LIMITS.maxTableColumns) {
    problems.push({ row: 1, column: LIMITS.maxTableColumns + 1, message: `a table holds at most ${LIMITS.maxTableColumns} columns; the rest were left out` });
    width = LIMITS.maxTableColumns;
  }
  if (data.length - 1 > LIMITS.maxTableRows) {
    problems.push({ row: LIMITS.maxTableRows + 2, column: 0, message: `a table holds at most ${LIMITS.maxTableRows} rows; this row and those after it were left out` });
    data = data.slice(0, LIMITS.maxTableRows + 1);
  }
  const header = data[0];
  const body = data.slice(1);
  if (body.length === 0) problems.push({ row: 1, column: 0, message: 'expected rows of data below the header row' });
  const columns: TableColumn[] = [];
  const cells: TableCell[][] = body.map(() => []);
  for (let c = 0; c < width; c++) {
    let heading = (header[c] ?? '').slice(0, LIMITS.maxTitle);
    if (!heading) {
      heading = `Column ${c + 1}`;
      problems.push({ row: 1, column: c + 1, message: `no heading; called it "${heading}"` });
    }
    const reads = body.map((r) => readNumber(r[c] ?? '', delimiter === ';'));
    const filled = reads.filter((r) => r.kind !== 'gap');
    const numeric = filled.length > 0 && filled.every((r) => r.kind === 'number');
    const units = new Set(filled.map((r) => (r.kind === 'number' ? (r.unit ?? '') : '')));
    const column: TableColumn = { heading };
    if (numeric && units.size === 1 && [...units][0]) column.unit = [...units][0];
    if (numeric && units.size > 1) problems.push({ row: 1, column: c + 1, message: 'the numbers in this column carry different units; none was set' });
    columns.push(column);
    body.forEach((r, i) => {
      const read = reads[i];
      const raw = (r[c] ?? '').slice(0, 2000);
      cells[i].push(numeric ? (read.kind === 'number' ? read.value : null) : raw === '' ? null : raw);
    });
  }
  body.forEach((r, i) => {
    if (r.length !== header.length && r.length < width) problems.push({ row: i + 2, column: 0, message: `this row has ${r.length} cells, the header ${header.length}; the missing cells were left empty` });
  });
  return { columns, rows: cells, problems: problems.slice(0, 100) };
}

/** Puts a pasted table into a table, keeping its caption, derived note and unknown fields. */
export function applyPastedTable(table: Table, pasted: Pick<PastedTable, 'columns' | 'rows'>): Table {
  const next = copy(table);
  next.columns = pasted.columns.map((c) => ({ ...c }));
  next.rows = pasted.rows.map((r) => [...r]);
  return next;
}

/**
 * A chart slide shown as a table of its data: the layout becomes `table` and the chart is
 * set aside in the slide's stash (so "Chart" in the layout picker brings it back), with
 * the table made from the chart's data unless the slide already had one.
 */
export function chartSlideAsTable(slide: Slide): Slide {
  const next = withLayout(slide, 'table');
  if (!slide.table && !slide.stash?.table && slide.chart) next.table = chartToTable(slide.chart);
  return next;
}

/**
 * What a person typed into cell (`row`, `column`) becomes: empty is an empty cell (null);
 * plain number text ("1,200", "18.5", "−3", "45%" in a % column) is a number when the
 * column is one of figures — it has a unit, or no other cell holds words; anything else
 * is text as typed. A derived cell stays derived, with its note.
 */
export function typedCell(table: Table, row: number, column: number, text: string): TableCell {
  const before = table.rows[row]?.[column];
  const col = table.columns[column];
  let value: number | string | null;
  if (text.trim() === '') value = null;
  else {
    const others = table.rows.filter((_, r) => r !== row).map((r) => cellValue(r[column]));
    const words = others.some((v) => typeof v === 'string' && v.trim() !== '' && !isGapText(v));
    const asNumber = parseNumberText(text, { unit: col?.unit ?? '%' });
    value = (col?.unit || !words) && asNumber.ok && asNumber.value !== null ? asNumber.value : text;
  }
  const derived = cellDerived(before);
  if (derived && value !== null) return { value, derived };
  return value;
}

/** A cell's text in an editor field: numbers as plain digits (no unit), text as written. */
export function cellEditText(cell: TableCell | undefined): string {
  const value = cellValue(cell);
  return value === null ? '' : String(value);
}
