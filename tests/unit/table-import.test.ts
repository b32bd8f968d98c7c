/**
 * Spreadsheet paste and CSV import as a person does it: a table copied from a
 * spreadsheet becomes labels, series and a unit, numbers read the way people
 * write them, and everything unreadable is a problem with its row and column.
 */
import { describe, expect, it } from 'vitest';
import { validateDeck } from '../../src-shared/deck-validate';
import { createDeckFromTemplate } from '../../src-shared/templates';
import { parseTableText, readNumber, TABLE_LIMITS } from '../../src-shared/table-import';

const value = (cell: string, decimalComma = false) => {
  const read = readNumber(cell, decimalComma);
  return read.kind === 'number' ? read.value : read.kind;
};

describe('parseTableText: shape', () => {
  it('reads a TSV paste: header row → series names, first column → labels', () => {
    const table = parseTableText('Year\tExports\tImports\n2023\t10\t12\n2024\t14\t11.5\n');
    expect(table).toEqual({
      labels: ['2023', '2024'],
      series: [
        { name: 'Exports', values: [10, 14] },
        { name: 'Imports', values: [12, 11.5] },
      ],
      problems: [],
    });
  });

  it('reads CSV with quoted cells holding commas, quotes and newlines', () => {
    const table = parseTableText('Region,"Sales, USD"\r\n"North, upper",1200\n"The ""south""",900\n"Two\nlines",5\n');
    expect(table.labels).toEqual(['North, upper', 'The "south"', 'Two lines']);
    expect(table.series).toEqual([{ name: 'Sales, USD', values: [1200, 900, 5] }]);
    expect(table.problems).toEqual([]);
  });

  it('detects semicolons (European export) and reads decimal commas there', () => {
    const table = parseTableText('Land;Anteil;Menge\nDE;12,5;1.200\nFR;7,25;3.400,5\n');
    expect(table.series).toEqual([
      { name: 'Anteil', values: [12.5, 7.25] },
      { name: 'Menge', values: [1200, 3400.5] },
    ]);
    expect(table.problems).toEqual([]);
  });

  it('obeys an explicit delimiter', () => {
    const table = parseTableText('a;b,c\nx;1,5', { delimiter: ',' });
    expect(table.series.map((s) => s.name)).toEqual(['c']);
    expect(table.labels).toEqual(['x;1']);
  });

  it('strips a BOM, skips blank rows but keeps spreadsheet row numbers in problems', () => {
    const table = parseTableText('\uFEFFName\tV\n\nA\t1\n\t\nB\tabc\n');
    expect(table.labels).toEqual(['A', 'B']);
    expect(table.series[0]).toEqual({ name: 'V', values: [1, null] });
    expect(table.problems).toEqual([{ row: 5, column: 2, message: 'expected a number, found "abc"; left as a gap' }]);
  });

  it('fills short rows with gaps and names missing series', () => {
    const table = parseTableText('Label\tA\n x \t1\t2\ny\n');
    expect(table.labels).toEqual(['x', 'y']);
    expect(table.series).toEqual([
      { name: 'A', values: [1, null] },
      { name: 'Series 2', values: [2, null] },
    ]);
    expect(table.problems).toEqual([{ row: 1, column: 3, message: 'no series name in the header row; called it "Series 2"' }]);
  });

  it('reports a missing label, a single column, a header without data, an empty paste', () => {
    expect(parseTableText('L\tA\n\t3\n').problems).toEqual([{ row: 2, column: 1, message: 'no label in the first column' }]);
    expect(parseTableText('just\none\ncolumn').problems[0].message).toMatch(/at least two columns/);
    expect(parseTableText('L\tA\tB\n').problems).toEqual([{ row: 1, column: 0, message: 'expected rows of data below the header row' }]);
    expect(parseTableText('  \n\n').problems).toEqual([{ row: 0, column: 0, message: 'the table is empty' }]);
  });

  it('never throws on junk', () => {
    for (const junk of ['"', '"""\n,,', '\t\t\t', ',\n,', '\u0000\u0001', 'a\tb\n"unterminated\t1']) {
      expect(() => parseTableText(junk)).not.toThrow();
    }
    expect(parseTableText(undefined as unknown as string).problems[0].message).toBe('expected text');
  });
});

describe('parseTableText: numbers', () => {
  it.each([
    ['1200', 1200],
    ['1,200', 1200],
    ['1,200,300', 1200300],
    ['1 200', 1200],
    ['1\u00a0200\u00a0300', 1200300],
    ['1\u202f200,5', 1200.5],
    ['1.200.300', 1200300],
    ['1,200.5', 1200.5],
    ['1.200,5', 1200.5],
    ['1,5', 1.5],
    ['12,75', 12.75],
    ['1.200', 1.2],
    ['.5', 0.5],
    ['-3', -3],
    ['\u22123.5', -3.5],
    ['+4', 4],
    ['(1,200)', -1200],
    ['1.5e3', 1500],
    ['-0', 0],
  ])('reads %j as %d', (cell, expected) => {
    expect(value(cell)).toBe(expected);
  });

  it('in a ;-separated table a comma is always the decimal mark', () => {
    expect(value('1,200', true)).toBe(1.2);
    expect(value('1.200', true)).toBe(1200);
    expect(value('1.5', true)).toBe(1.5);
  });

  it.each(['', '  ', '-', '–', '—', 'n/a', 'N/A', 'NA', '..'])('reads %j as a gap', (cell) => {
    expect(value(cell)).toBe('gap');
  });

  it.each(['abc', '1,2,3', '12,34,567', '1.2.3', '1,200.300,5', '1 20', '5 apples', '$', '%', '(-5)', '1-2', '0x10', 'Infinity', 'NaN', '12%%', '$5%'])(
    'refuses %j',
    (cell) => {
      expect(value(cell)).toBe('error');
    },
  );

  it('refuses values a chart cannot draw', () => {
    const read = readNumber('2e16');
    expect(read).toEqual({ kind: 'error', message: '"2e16" is larger than a chart can draw (10^15); use a larger unit' });
  });

  it('percent signs: 18.5% → 18.5 with unit %', () => {
    const table = parseTableText('Country\tShare\nKazakhstan\t18.5%\nRest\t81.5 %\nUnknown\t\n');
    expect(table.series[0].values).toEqual([18.5, 81.5, null]);
    expect(table.unit).toBe('%');
    expect(table.problems).toEqual([]);
  });

  it('currency and scale: $23bn → 23 with unit USD bn, which the chart shows as $23bn again', () => {
    const table = parseTableText('Item,Value\nKazakhstan,$23bn\nEast Hope,$12 bn\nTotal,"$1,240bn"\n');
    expect(table.series[0].values).toEqual([23, 12, 1240]);
    expect(table.unit).toBe('USD bn');
    expect(readNumber('€4.5m')).toEqual({ kind: 'number', value: 4.5, unit: 'EUR m' });
    expect(readNumber('GBP 7')).toEqual({ kind: 'number', value: 7, unit: 'GBP' });
    expect(readNumber('12k')).toEqual({ kind: 'number', value: 12, unit: 'k' });
    expect(readNumber('-$3')).toEqual({ kind: 'number', value: -3, unit: 'USD' });
  });

  it('mixed units: numbers kept as written, no unit, one problem where the unit changes', () => {
    const table = parseTableText('Item\tA\tB\nx\t$900m\t5%\ny\t$1.2bn\t6\n');
    expect(table.series).toEqual([
      { name: 'A', values: [900, 1.2] },
      { name: 'B', values: [5, 6] },
    ]);
    expect(table.unit).toBeUndefined();
    expect(table.problems).toEqual([
      {
        row: 2,
        column: 3,
        message: 'this value is in "%" but earlier values are in "USD m"; a chart has one unit, so none was set and the numbers are kept as written',
      },
    ]);
  });

  it('plain numbers set no unit', () => {
    expect(parseTableText('a\tb\nx\t1\n').unit).toBeUndefined();
  });
});

describe('parseTableText: limits', () => {
  it('refuses input over 1 MB without parsing it', () => {
    const table = parseTableText('a\tb\n' + 'x\t1\n'.repeat(300_000));
    expect(table.labels).toEqual([]);
    expect(table.problems).toEqual([{ row: 0, column: 0, message: expect.stringMatching(/larger than 1 MB/) }]);
  });

  it(`keeps at most ${TABLE_LIMITS.maxDataRows} rows and says which were left out`, () => {
    const rows = Array.from({ length: TABLE_LIMITS.maxDataRows + 5 }, (_, i) => `r${i}\t${i}`);
    const table = parseTableText(['Label\tV', ...rows].join('\n'));
    expect(table.labels).toHaveLength(TABLE_LIMITS.maxDataRows);
    expect(table.series[0].values).toHaveLength(TABLE_LIMITS.maxDataRows);
    expect(table.problems).toEqual([
      { row: TABLE_LIMITS.maxDataRows + 2, column: 0, message: `a chart holds at most ${TABLE_LIMITS.maxDataRows} labels; this row and the 4 after it were left out` },
    ]);
  });

  it(`keeps at most ${TABLE_LIMITS.maxSeries} series`, () => {
    const width = TABLE_LIMITS.maxSeries + 3;
    const header = ['L', ...Array.from({ length: width - 1 }, (_, i) => `S${i + 1}`)].join('\t');
    const row = ['x', ...Array.from({ length: width - 1 }, (_, i) => String(i))].join('\t');
    const table = parseTableText(`${header}\n${row}`);
    expect(table.series).toHaveLength(TABLE_LIMITS.maxSeries);
    expect(table.problems[0]).toMatchObject({ row: 1, column: TABLE_LIMITS.maxSeries + 2 });
  });

  it('caps the list of problems', () => {
    const rows = Array.from({ length: 300 }, (_, i) => `r${i}\tbad`);
    const table = parseTableText(['L\tV', ...rows].join('\n'));
    expect(table.problems).toHaveLength(TABLE_LIMITS.maxProblems + 1);
    expect(table.problems.at(-1)).toEqual({ row: 0, column: 0, message: 'and 200 more problems' });
  });

  it('cuts an overlong label and says so', () => {
    const table = parseTableText(`L\tV\n${'x'.repeat(600)}\t1`);
    expect(table.labels[0]).toHaveLength(500);
    expect(table.problems[0]).toMatchObject({ row: 2, column: 1, message: 'the label is longer than 500 characters; it was cut' });
  });
});

describe('parseTableText: into a chart', () => {
  it('a parsed table dropped into a template chart makes a valid deck', () => {
    const deck = createDeckFromTemplate('situation');
    const slide = deck.slides.find((s) => s.layout === 'chart');
    const table = parseTableText('Year\tExports\tImports\n2023\t1,200\t\n2024\t1,350\t900\n');
    slide!.chart = { ...slide!.chart!, labels: table.labels, series: table.series };
    expect(validateDeck(deck)).toMatchObject({ ok: true });
    expect(slide!.chart.series[1].values).toEqual([null, 900]);
  });
});
