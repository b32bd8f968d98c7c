/**
 * What a preview of pasted cells shows, as one grid for both kinds of paste: chart data
 * (labels down, series across, numbers in the chart's unit, unreadable cells marked) and
 * a table slide's table (headings with their unit, every cell as the slide will show it).
 * `PastePreview.svelte` draws the grid; these builders decide what is in it.
 */
import { formatValue } from '../../src-shared/chart-config';
import { columnHeading, formatCell } from '../../src-shared/table-data';
import type { ParsedTable, TableProblem } from '../../src-shared/table-import';
import type { PastedTable } from '../../src-shared/table-ops';

/** A heading cell; `bad` marks one that could not be read. */
export interface PreviewHeading {
  text: string;
  bad?: boolean;
}

/** A body cell: `num` aligns it as a number, `gap` greys a missing value, `problem` marks it and says why. */
export interface PreviewCell {
  text: string;
  num?: boolean;
  gap?: boolean;
  problem?: string;
}

/** One preview: the title's summary, the header row, the body rows (a row may have its own heading) and the problems. */
export interface PreviewGrid {
  /** "3 labels × 2 series, unit “%”", "3 rows × 3 columns". */
  summary: string;
  columns: PreviewHeading[];
  rows: { heading?: PreviewHeading; cells: PreviewCell[] }[];
  problems: TableProblem[];
  /** Something to apply: an empty paste cannot replace the data. */
  usable: boolean;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The grid for chart data read from a paste or a CSV file. */
export function chartPreviewGrid(table: ParsedTable): PreviewGrid {
  // Spreadsheet numbering: row 1 is the header, column 1 the labels.
  const problemAt = (row: number, column: number) => table.problems.find((p) => p.row === row && p.column === column);
  return {
    summary: `${count(table.labels.length, 'label', 'labels')} × ${count(table.series.length, 'series', 'series')}${table.unit ? `, unit “${table.unit}”` : ''}`,
    columns: table.series.length ? [{ text: 'Label' }, ...table.series.map((s, j) => ({ text: s.name, bad: !!problemAt(1, j + 2) }))] : [],
    rows: table.labels.map((label, r) => ({
      heading: { text: label, bad: !!problemAt(r + 2, 1) },
      cells: table.series.map((s, j) => {
        const value = s.values[r];
        return {
          text: value === null ? '–' : formatValue(value, table.unit),
          num: true,
          gap: value === null,
          problem: problemAt(r + 2, j + 2)?.message,
        };
      }),
    })),
    problems: table.problems,
    usable: table.labels.length > 0 && table.series.length > 0,
  };
}

/** The grid for a table slide's table read from a paste. */
export function tablePreviewGrid(table: PastedTable): PreviewGrid {
  return {
    summary: `${count(table.rows.length, 'row', 'rows')} × ${count(table.columns.length, 'column', 'columns')}`,
    columns: table.columns.map((column) => ({ text: columnHeading(column) })),
    rows: table.rows.map((row) => ({
      cells: table.columns.map((column, c) => ({ text: formatCell(row[c], column), num: typeof row[c] === 'number' })),
    })),
    problems: table.problems,
    usable: table.columns.length > 0 && table.rows.length > 0,
  };
}
