/**
 * A deck table (`slide.table`) as it is shown: which cells are numbers, how a number
 * reads with its column's unit, which cells are derived, and a chart's data as a
 * table. The screen (TableView, ChartDataTable), the PDF (slide body and annex) and
 * `briefing check` all read tables through these, so they agree. Pure: no DOM, no Node.
 */
import type { Chart, Table, TableCell, TableColumn } from './deck-schema';
import { formatNumber } from './number-format';

/** A cell's value: a number, text, or null for an empty cell. */
export function cellValue(cell: TableCell | undefined): number | string | null {
  if (cell === undefined || cell === null) return null;
  if (typeof cell === 'object') return cell.value;
  return cell;
}

/** How a derived cell was computed, or undefined when it was reported, not derived. */
export function cellDerived(cell: TableCell | undefined): string | undefined {
  return cell !== null && typeof cell === 'object' && cell.derived ? cell.derived : undefined;
}

/** True when the column holds at least one number and no other text (empty cells are fine). */
export function isNumberColumn(table: Table, column: number): boolean {
  let numbers = 0;
  for (const row of table.rows) {
    const value = cellValue(row[column]);
    if (typeof value === 'number') numbers++;
    else if (typeof value === 'string' && value.trim() !== '' && !isGapText(value)) return false;
  }
  return numbers > 0;
}

/** Text a table writes for "no figure": a dash or n/a; not a problem in a column of numbers. */
export function isGapText(text: string): boolean {
  return /^(?:-|–|—|n\/?a|\.\.)$/i.test(text.trim());
}

/** The column's alignment: as the deck says, else right for a column of numbers, left otherwise. */
export function columnAlign(table: Table, column: number): 'left' | 'right' {
  return table.columns[column]?.align ?? (isNumberColumn(table, column) ? 'right' : 'left');
}

/** "Amount (USD bn)": the heading with its unit, as the header row shows it. */
export function columnHeading(column: TableColumn): string {
  return column.unit ? `${column.heading} (${column.unit})` : column.heading;
}

/**
 * A number with its unit, written as stats are (`$124bn`, `18.5%`, `150 countries`), but
 * with every decimal the deck gives: a table is where a reader checks the exact figure.
 */
export function formatTableNumber(value: number, unit?: string): string {
  const text = formatNumber(value, 6);
  if (!unit) return text;
  if (unit === '%') return `${text}%`;
  if (unit.startsWith('USD ')) return `${value < 0 ? '-$' : '$'}${text.replace(/^-/, '')}${unit.slice(4)}`;
  return `${text} ${unit}`;
}

/** A cell as shown: numbers with their column's unit, text as written, an empty cell as ''. */
export function formatCell(cell: TableCell | undefined, column: TableColumn | undefined): string {
  const value = cellValue(cell);
  if (value === null) return '';
  if (typeof value === 'number') return formatTableNumber(value, column?.unit);
  return value;
}

/** One derived note of a table: the cell it belongs to (1-based, as a reader counts) and how. */
export interface DerivedNote {
  row: number;
  column: number;
  /** "Row label, Column heading" — names the cell without coordinates. */
  where: string;
  text: string;
}

/** The table's derived cells with their notes, in reading order. */
export function derivedNotes(table: Table): DerivedNote[] {
  const out: DerivedNote[] = [];
  table.rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      const text = cellDerived(cell);
      if (!text) return;
      const first = cellValue(row[0]);
      const rowName = c > 0 && first !== null ? String(first) : `Row ${r + 1}`;
      out.push({ row: r + 1, column: c + 1, where: `${rowName}, ${table.columns[c]?.heading ?? `column ${c + 1}`}`, text });
    });
  });
  return out;
}

/**
 * A chart's data as a table: a column of labels, one column per series in the chart's
 * unit; the chart's derived note becomes the table's. What a screen reader reads for a
 * chart, and what a chart slide shows when it is viewed as a table.
 */
export function chartToTable(chart: Chart): Table {
  const circular = chart.type === 'doughnut' || chart.type === 'pie';
  const first = chart.type === 'map' ? 'Country' : circular ? 'Segment' : 'Category';
  const table: Table = {
    columns: [{ heading: first }, ...chart.series.map((s): TableColumn => ({ heading: s.name, ...(chart.unit ? { unit: chart.unit } : {}), align: 'right' }))],
    rows: chart.labels.map((label, i) => [label, ...chart.series.map((s) => s.values[i] ?? null)]),
  };
  if (chart.caption) table.caption = chart.caption;
  if (chart.derived) table.derived = chart.derived;
  return table;
}
