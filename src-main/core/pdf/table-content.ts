/**
 * Tables in the handout. On the slide a table shrinks with the slide's type; when even
 * the smallest readable type cannot hold every row, the slide shows the rows that fit
 * and the rest follow right after the slide as a table that runs across pages with its
 * header row repeated (pdfmake `headerRows: 1`). The annex carries the whole table, as
 * it carries every chart's data. Cells are read through `src-shared/table-data.ts`, as
 * on screen.
 */
import type { Slide, Table } from '../../../src-shared/deck-schema';
import { cellDerived, columnAlign, columnHeading, derivedNotes, formatCell } from '../../../src-shared/table-data';
import type { Cell, Content, TableLayout, TableNode } from './pdf-types';
import { COLORS, SLIDE } from './theme';
import { textRuns } from './text-runs';
import type { TextMeasurer } from './text-measure';

export const DERIVED_MARK = '†';

/** Table type on the slide, in design units, before the slide's fit factor. */
export const TABLE_TYPE = { cell: 16, padX: 6, padY: 3.5 } as const;

/** Rows measured to choose column widths. */
const WIDTH_SAMPLE_ROWS = 120;

/** The shown text of every cell (with † on derived ones), header first. */
function cellTexts(table: Table, rows: readonly Table['rows'][number][]): string[][] {
  const header = table.columns.map((c) => columnHeading(c));
  const body = rows.map((row) => table.columns.map((column, c) => `${formatCell(row[c], column)}${cellDerived(row[c]) ? ` ${DERIVED_MARK}` : ''}`));
  return [header, ...body];
}

/**
 * Content widths of the columns (padding excluded) that fill `width`: each column gets
 * its natural width when all fit, else what it needs shrinks in proportion, but never
 * below a few characters, so long text wraps instead of pushing the table off the page.
 */
function columnWidths(texts: string[][], width: number, size: number, pad: number, m: TextMeasurer): number[] {
  const n = texts[0]?.length ?? 0;
  if (n === 0) return [];
  const room = Math.max(n * 10, width - n * 2 * pad);
  // The header and the first rows set the widths: measuring every cell of a 2000-row table
  // costs seconds and changes little (a wider cell further down wraps).
  const sample = texts.slice(0, WIDTH_SAMPLE_ROWS + 1);
  const natural = Array.from({ length: n }, (_, c) => {
    let widest = size * 2;
    sample.forEach((row, r) => {
      widest = Math.max(widest, m.width(row[c] ?? '', size, { bold: r === 0 }));
    });
    return widest + 1;
  });
  const total = natural.reduce((a, b) => a + b, 0);
  if (total <= room) {
    // Spread the spare room evenly so the table spans the slide as on screen.
    const spare = (room - total) / n;
    return natural.map((w) => w + spare);
  }
  const floor = Math.min(size * 4, room / n);
  const flexible = natural.map((w) => Math.max(0, w - floor));
  const spare = room - floor * n;
  const sum = flexible.reduce((a, b) => a + b, 0) || 1;
  return flexible.map((f) => floor + (f / sum) * spare);
}

function layout(pad: number, padY: number): TableLayout {
  return {
    hLineWidth: (i, node) => (i === 1 ? 1 : i === 0 || i === node.table.body.length ? 0 : 0.4),
    vLineWidth: () => 0,
    hLineColor: (i) => (i === 1 ? COLORS.accent : COLORS.rule),
    paddingLeft: () => pad,
    paddingRight: () => pad,
    paddingTop: () => padY,
    paddingBottom: () => padY,
    fillColor: (row) => (row > 0 && row % 2 === 0 ? '#f3f5f8' : null),
  };
}

export interface BuiltTable {
  node: TableNode;
  height: number;
}

/** The table's header and `rows` as a pdfmake table `width` points wide, with its estimated height. */
export function tableNode(
  table: Table,
  rows: readonly Table['rows'][number][],
  width: number,
  size: number,
  m: TextMeasurer,
  pad: number,
  padY: number,
  measure = true,
): BuiltTable {
  const texts = cellTexts(table, rows);
  const widths = columnWidths(texts, width, size, pad, m);
  const aligns = table.columns.map((_, c) => columnAlign(table, c));
  let height = 0;
  const body: Cell[][] = texts.map((row, r) => {
    // A table that flows across pages needs no height estimate: pdfmake breaks it.
    if (measure) height += Math.max(...row.map((value, c) => m.height(value || ' ', size, widths[c], { bold: r === 0 }))) + 2 * padY + (r === 1 ? 1 : 0.4);
    return row.map((value, c) => ({
      text: textRuns(value),
      alignment: aligns[c],
      ...(r === 0 ? { bold: true, color: COLORS.accent } : { color: COLORS.ink }),
    }));
  });
  return { node: { table: { headerRows: 1, widths, body, dontBreakRows: true }, layout: layout(pad, padY), fontSize: size }, height };
}

/** The table on a slide: the first `shown` rows (all by default) at the slide's scale, and a line saying where the rest are. */
export function slideTable(table: Table, width: number, s: number, k: number, m: TextMeasurer, shown?: number): { content: Content[]; height: number } {
  const rows = shown === undefined ? table.rows : table.rows.slice(0, shown);
  const built = tableNode(table, rows, width, TABLE_TYPE.cell * k, m, TABLE_TYPE.padX * s, TABLE_TYPE.padY * k);
  const content: Content[] = [built.node];
  let height = built.height;
  const notes: string[] = [];
  if (rows.length < table.rows.length) notes.push(`Rows 1–${rows.length} of ${table.rows.length}; the whole table follows this slide.`);
  if (table.caption) notes.push(table.caption);
  if (notes.length) {
    const size = SLIDE.caption * k;
    const text = notes.join('  ');
    content.push({ text: textRuns(text), fontSize: size, italics: true, color: COLORS.muted, lineHeight: SLIDE.lineHeight, margin: [0, SLIDE.gap * s * 0.6, 0, 0] });
    height += m.height(text, size, width, { italics: true, lineHeight: SLIDE.lineHeight }) + SLIDE.gap * s * 0.6;
  }
  return { content, height };
}

/** True when the table's derived cells or note make "† derived figure" true for the slide. */
export function tableHasDerived(table: Table | undefined): boolean {
  return !!table && (!!table.derived || table.rows.some((row) => row.some((cell) => !!cellDerived(cell))));
}

/**
 * What follows a slide whose table did not fit on it: the whole table, full width, as one
 * pdfmake table that breaks across pages with its header row repeated on each.
 */
export function tableContinuation(slide: Slide, n: number, shown: number | undefined, width: number, m: TextMeasurer): Content[] {
  const table = slide.layout === 'table' ? slide.table : undefined;
  if (!table || shown === undefined || shown >= table.rows.length) return [];
  const built = tableNode(table, table.rows, width, 9, m, 4, 2.5, false);
  return [
    {
      text: [{ text: `Slide ${n}: ` }, { text: textRuns(slide.title) }, { text: ` — the whole table (${table.rows.length} rows)` }],
      bold: true,
      fontSize: 10.5,
      color: COLORS.accent,
      margin: [0, 12, 0, 4],
    },
    built.node,
    ...notesFor(table),
  ];
}

/** The table's derived notes and unit-free caption lines, as under every data table of the handout. */
export function notesFor(table: Table): Content[] {
  const out: Content[] = [];
  for (const note of derivedNotes(table)) {
    out.push({ text: [{ text: `${DERIVED_MARK} `, bold: true }, { text: textRuns(`${note.where}: `), bold: true }, { text: textRuns(note.text) }], fontSize: 8.5, color: COLORS.muted });
  }
  if (table.derived) out.push({ text: [{ text: `${DERIVED_MARK} Derived: `, bold: true }, { text: textRuns(table.derived) }], fontSize: 8.5, color: COLORS.muted });
  return out;
}

/** The whole table for the annex: pdfmake sizes the columns (the annex has no fixed frame to fit). */
export function annexTable(table: Table): TableNode {
  const texts = cellTexts(table, table.rows);
  const aligns = table.columns.map((_, c) => columnAlign(table, c));
  const body: Cell[][] = texts.map((row, r) => row.map((value, c) => ({ text: textRuns(value), alignment: aligns[c], ...(r === 0 ? { bold: true } : {}) })));
  return {
    table: { headerRows: 1, widths: table.columns.map((_, c) => (aligns[c] === 'right' ? 'auto' : '*')), body, dontBreakRows: true },
    layout: {
      hLineWidth: (i, node) => (i === 0 || i === 1 || i === node.table.body.length ? 0.6 : 0.25),
      vLineWidth: () => 0,
      hLineColor: () => COLORS.rule,
      paddingTop: () => 2.5,
      paddingBottom: () => 2.5,
    },
    fontSize: table.columns.length > 6 ? 7.5 : 9,
    margin: [0, 3, 0, 3],
  };
}
