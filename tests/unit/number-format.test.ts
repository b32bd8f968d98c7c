import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatStat } from '../../src-shared/chart-config';
import { formatNumber } from '../../src-shared/number-format';

const intl = (value: number, max: number, min = 0) =>
  new Intl.NumberFormat('en-US', { minimumFractionDigits: min, maximumFractionDigits: Math.max(min, max) }).format(value);

describe('formatNumber (en-US without Intl)', () => {
  it('matches Intl on the figures briefings hold', () => {
    const cases: Array<[number, number, number?]> = [
      [0, 0], [-0, 2], [-0.001, 2], [0.5, 0], [1.5, 0], [2.5, 0], [-2.5, 0], [0.125, 2], [1.005, 2],
      [1234.5, 1], [23, 0], [23e9, 0], [71.25, 1], [-1234567.891, 2], [999.95, 1], [999999.5, 0],
      [0.0001, 2], [12.3, 2, 2], [7, 1, 1], [1e20, 2], [123456789012345680000, 0], [0.1 + 0.2, 6],
    ];
    for (const [value, max, min] of cases) expect(formatNumber(value, max, min), `${value} ${max} ${min}`).toBe(intl(value, max, min));
  });

  it('matches Intl for random doubles, integers and digit counts', () => {
    const value = fc.oneof(
      fc.double({ noNaN: true, min: -1e21, max: 1e21 }),
      fc.integer({ min: -1e9, max: 1e9 }).map((n) => n / 1000),
      fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 8),
      fc.integer(),
    );
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }), (v, max, min) => {
        expect(formatNumber(v, max, min)).toBe(intl(v, max, min));
      }),
      { numRuns: 20000 },
    );
  });

  it('hands what it does not cover to Intl', () => {
    for (const v of [Number.NaN, Infinity, -Infinity, 1e21, -3e25]) expect(formatNumber(v, 2)).toBe(intl(v, 2));
  });
});

describe('formatStat (one stat text for screen, PDF and PowerPoint)', () => {
  it('gives exactly the deck decimals, with the unit where each kind of unit goes', () => {
    expect(formatStat({ value: 23, unit: 'USD bn' })).toBe('$23bn');
    expect(formatStat({ value: 12.5, unit: 'USD bn', decimals: 2 })).toBe('$12.50bn');
    expect(formatStat({ value: -1234.5, unit: 'USD bn', decimals: 0 })).toBe('$-1,235bn');
    expect(formatStat({ value: 18.456, unit: '%', decimals: 1 })).toBe('18.5%');
    expect(formatStat({ value: 71, unit: 'kt LCE', decimals: 1 })).toBe('71.0 kt LCE');
    expect(formatStat({ value: 1.005, decimals: 2 })).toBe('1.01');
    expect(formatStat({ value: 0.5 })).toBe('0.5');
  });
});
