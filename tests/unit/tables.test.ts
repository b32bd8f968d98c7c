/**
 * Tables in the deck format: how cells read and are written with their unit, the check
 * rules (ragged rows, empty tables, text in a column of figures), editing operations,
 * a spreadsheet paste, and a chart's data as a table.
 */
import { describe, expect, it } from 'vitest';
import { checkDeck, formatCheckProblem } from '../../src-shared/deck-check';
import { withLayout } from '../../src-shared/deck-ops';
import type { Chart, Deck, Slide, Table } from '../../src-shared/deck-schema';
import { validateDeck } from '../../src-shared/deck-validate';
import { findFieldProblems } from '../../src-shared/field-problems';
import { cellValue, chartToTable, columnAlign, columnHeading, derivedNotes, formatCell, formatTableNumber, isNumberColumn } from '../../src-shared/table-data';
import {
  addTableColumn,
  addTableRow,
  applyPastedTable,
  chartSlideAsTable,
  parsePastedTable,
  removeTableColumn,
  removeTableRow,
  typedCell,
} from '../../src-shared/table-ops';

const table = (): Table => ({
  columns: [{ heading: 'Project' }, { heading: 'Amount', unit: 'USD bn' }, { heading: 'Share', unit: '%' }],
  rows: [
    ['East Hope', 12, { value: 52.2, derived: '12 / 23 × 100' }],
    ['Kazakhstan total', 23, null],
  ],
});

function deckWith(slide: Partial<Slide> & { table?: unknown }): Deck {
  return {
    format: 'briefing-deck',
    version: 1,
    meta: { title: 'T' },
    sources: [{ id: 'src', title: 'Ledger' }],
    slides: [{ id: 'tbl', layout: 'table', title: 'The table', sources: ['src'], ...slide } as Slide],
  };
}
const problems = (deck: unknown) => {
  const { errors, warnings } = checkDeck(deck);
  return { errors: errors.map(formatCheckProblem), warnings: warnings.map(formatCheckProblem) };
};

describe('table cells as shown', () => {
  it('writes numbers with their unit as stats do, keeping every decimal given', () => {
    expect(formatTableNumber(124, 'USD bn')).toBe('$124bn');
    expect(formatTableNumber(-3.25, 'USD m')).toBe('-$3.25m');
    expect(formatTableNumber(18.5, '%')).toBe('18.5%');
    expect(formatTableNumber(150, 'countries')).toBe('150 countries');
    expect(formatTableNumber(1234567.125)).toBe('1,234,567.125');
    const t = table();
    expect(formatCell(t.rows[0][2], t.columns[2])).toBe('52.2%');
    expect(formatCell(t.rows[1][2], t.columns[2])).toBe('');
    expect(formatCell(t.rows[0][0], t.columns[0])).toBe('East Hope');
    expect(columnHeading(t.columns[1])).toBe('Amount (USD bn)');
  });

  it('aligns a column of numbers right and text left, unless the deck says otherwise', () => {
    const t = table();
    expect([0, 1, 2].map((c) => columnAlign(t, c))).toEqual(['left', 'right', 'right']);
    expect(isNumberColumn({ ...t, rows: [['a', 'n/a', null]] }, 1)).toBe(false);
    expect(isNumberColumn({ ...t, rows: [['a', 'n/a', null], ['b', 3, null]] }, 1)).toBe(true);
    t.columns[0].align = 'right';
    expect(columnAlign(t, 0)).toBe('right');
  });

  it('names derived cells by their row and column', () => {
    expect(derivedNotes(table())).toEqual([{ row: 1, column: 3, where: 'East Hope, Share', text: '12 / 23 × 100' }]);
  });

  it("turns a chart's data into a table: labels down, a column per series in the chart's unit", () => {
    const chart: Chart = { type: 'bar', labels: ['2024', 'H1 2025'], series: [{ name: 'BRI', values: [122, 124] }, { name: 'Other', values: [null, 1] }], unit: 'USD bn', derived: 'none' };
    const t = chartToTable(chart);
    expect(t.columns.map(columnHeading)).toEqual(['Category', 'BRI (USD bn)', 'Other (USD bn)']);
    expect(t.rows).toEqual([
      ['2024', 122, null],
      ['H1 2025', 124, 1],
    ]);
    expect(t.derived).toBe('none');
    expect(validateDeck(deckWith({ table: t })).ok).toBe(true);
  });
});

describe('briefing check: tables', () => {
  it('passes a well-formed table with no errors or warnings', () => {
    expect(problems(deckWith({ table: table() }))).toEqual({ errors: [], warnings: [] });
  });

  it('reports a ragged row as an error naming the slide, the row and the count', () => {
    const t = table();
    t.rows[1] = ['Kazakhstan total', 23];
    const deck = deckWith({ table: t });
    expect(validateDeck(deck).ok).toBe(false);
    expect(problems(deck).errors).toEqual(["slide 1 'The table' (id tbl) at slides[0].table.rows[1]: expected 3 cells, one per column, but found 2"]);
  });

  it('reports a table slide without a table, and a table without columns', () => {
    expect(problems(deckWith({})).errors).toEqual(['slide 1 \'The table\' (id tbl) at slides[0].table: a "table" slide needs table']);
    expect(problems(deckWith({ table: { columns: [], rows: [] } })).errors).toEqual(["slide 1 'The table' (id tbl) at slides[0].table.columns: expected at least one column"]);
  });

  it('warns about an empty table', () => {
    expect(problems(deckWith({ table: { columns: [{ heading: 'A' }], rows: [] } })).warnings).toEqual([
      "slide 1 'The table' (id tbl) at slides[0].table.rows: the table has no rows; add a row or paste a table",
    ]);
  });

  it('warns about numbers written as text and words in a column with a unit', () => {
    const t = table();
    t.rows[1][1] = '23';
    t.rows.push(['Other', 'about ten', null]);
    expect(problems(deckWith({ table: t })).warnings).toEqual([
      'slide 1 \'The table\' (id tbl) at slides[0].table.rows[1][1]: "23" is a number written as text in "Amount"; write it as a number (23) so it is aligned and shown with its unit',
      'slide 1 \'The table\' (id tbl) at slides[0].table.rows[2][1]: "about ten" is text in "Amount", a column in USD bn; write a number, or leave the cell empty (null) when there is no figure',
    ]);
  });

  it('leaves years and codes in a column of words alone, and accepts dashes for "no figure"', () => {
    const t: Table = { columns: [{ heading: 'Year' }, { heading: 'Amount', unit: 'USD bn' }], rows: [['2024', 122], ['H1 2025', '–']] };
    expect(problems(deckWith({ table: t })).warnings).toEqual([]);
  });

  it('warns about a unit on a column that holds no numbers, unknown fields, and a table with no source', () => {
    const t = { columns: [{ heading: 'Name', unit: 'kg' }, { heading: 'B', alignment: 'left' }], rows: [[null, 'x']], captoin: 'typo' };
    const deck = deckWith({ table: t, sources: undefined });
    expect(problems(deck).warnings).toEqual([
      expect.stringContaining('slides[0].table.columns[1].alignment: unknown field "alignment"'),
      'slide 1 \'The table\' (id tbl) at slides[0].table.captoin: unknown field "captoin": did you mean "caption"? (kept in the file, but not used)',
      "slide 1 'The table' (id tbl) at slides[0].sources: this slide shows a table but names no source; add the id of the source its numbers come from",
      'slide 1 \'The table\' (id tbl) at slides[0].table.columns[0].unit: "Name" has the unit "kg" but holds no numbers',
    ]);
  });

  it("shows a cell's problem on that cell in the editor (the same path and message)", () => {
    const t = table();
    t.rows[1][1] = '23';
    const found = findFieldProblems({ meta: { title: 'T' }, sources: [{ id: 'src', title: 'L' }], slide: { index: 4, value: deckWith({ table: t }).slides[0] } });
    expect(found.get('slides[4].table.rows[1][1]')?.[0]).toMatch(/^warning: "23" is a number written as text/);
  });
});

describe('editing a table', () => {
  it('adds and removes rows and columns, keeping every row as wide as the header', () => {
    let t = addTableColumn(table());
    expect(t.columns.map((c) => c.heading)).toEqual(['Project', 'Amount', 'Share', 'Column 4']);
    expect(t.rows.every((r) => r.length === 4)).toBe(true);
    t = addTableRow(t);
    expect(t.rows[2]).toEqual([null, null, null, null]);
    t = removeTableColumn(t, 1);
    expect(t.rows[0]).toEqual(['East Hope', { value: 52.2, derived: '12 / 23 × 100' }, null]);
    t = removeTableRow(t, 0);
    expect(t.rows.length).toBe(2);
    expect(removeTableColumn({ columns: [{ heading: 'A' }], rows: [[1]] }, 0).columns.length).toBe(1);
    expect(validateDeck(deckWith({ table: t })).ok).toBe(true);
  });

  it('reads a typed cell as a number in a column of figures, as text in a column of words, and keeps a derived note', () => {
    const t = table();
    expect(typedCell(t, 1, 1, '1,200')).toBe(1200);
    expect(typedCell(t, 1, 2, '45%')).toBe(45);
    expect(typedCell(t, 1, 1, '')).toBeNull();
    expect(typedCell(t, 1, 1, 'about 20')).toBe('about 20');
    expect(typedCell(t, 1, 0, '2024')).toBe('2024');
    expect(typedCell(t, 0, 2, '52')).toEqual({ value: 52, derived: '12 / 23 × 100' });
    // A new, empty column takes numbers as numbers.
    const fresh = addTableColumn(t);
    expect(typedCell(fresh, 0, 3, '7.5')).toBe(7.5);
  });

  it('reads a spreadsheet paste: headings, numbers with the unit they carry, text as written, problems by row', () => {
    const pasted = parsePastedTable('Project\tCountry\tInvestment\nEast Hope\tKazakhstan\t$12bn\nOther\tUzbekistan\t\nThird\t"Kyrgyz\nRepublic"\t$1,200bn\n');
    expect(pasted.columns).toEqual([{ heading: 'Project' }, { heading: 'Country' }, { heading: 'Investment', unit: 'USD bn' }]);
    expect(pasted.rows).toEqual([
      ['East Hope', 'Kazakhstan', 12],
      ['Other', 'Uzbekistan', null],
      ['Third', 'Kyrgyz\nRepublic', 1200],
    ]);
    expect(pasted.problems).toEqual([]);
    const applied = applyPastedTable({ ...table(), caption: 'kept' }, pasted);
    expect(applied.caption).toBe('kept');
    expect(validateDeck(deckWith({ table: applied })).ok).toBe(true);
    expect(parsePastedTable('A,B\n1').problems).toEqual([{ row: 2, column: 0, message: 'this row has 1 cells, the header 2; the missing cells were left empty' }]);
    expect(parsePastedTable('  ').problems[0].message).toBe('the table is empty');
    expect(parsePastedTable('Only a header\n').problems[0].message).toMatch(/expected rows of data/);
  });

  it('shows a chart slide as a table of its data and gives the chart back under the Chart layout', () => {
    const slide: Slide = { id: 'c', layout: 'chart', title: 'C', chart: { type: 'bar', labels: ['A', 'B'], series: [{ name: 'S', values: [1, 2] }], unit: '%' } };
    const asTable = chartSlideAsTable(slide);
    expect(asTable.layout).toBe('table');
    expect(asTable.chart).toBeUndefined();
    expect(asTable.table?.rows.map((r) => r.map(cellValue))).toEqual([
      ['A', 1],
      ['B', 2],
    ]);
    const back = withLayout(asTable, 'chart');
    expect(back.chart).toEqual(slide.chart);
    expect(back.stash?.table).toEqual(asTable.table);
  });
});
