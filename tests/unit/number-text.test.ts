/**
 * Numbers as people type or paste them into a chart: what is read, what is refused
 * (with a message for the field), and that nothing is guessed.
 */
import { describe, expect, it } from 'vitest';
import { isPercentUnit, parseNumberText } from '../../src-shared/number-text';

const value = (text: string, unit?: string) => {
  const r = parseNumberText(text, { unit });
  return r.ok ? r.value : `error: ${r.message}`;
};

describe('parseNumberText', () => {
  it('reads plain numbers, signs and decimals', () => {
    expect(value('1200')).toBe(1200);
    expect(value('  12.5 ')).toBe(12.5);
    expect(value('-3')).toBe(-3);
    expect(value('+4')).toBe(4);
    expect(value('.5')).toBe(0.5);
    expect(value('7.')).toBe(7);
    expect(value('\u22122.5')).toBe(-2.5);
    expect(value('-0')).toBe(0);
  });

  it('accepts thousands separators in groups of three', () => {
    expect(value('1,200')).toBe(1200);
    expect(value('12,345,678.25')).toBe(12345678.25);
    expect(value('-1,200')).toBe(-1200);
    expect(value('1 200')).toBe(1200);
    expect(value('1\u00a0200\u00a0300')).toBe(1200300);
    expect(value('1\u202f200')).toBe(1200);
    expect(value("1'200")).toBe(1200);
  });

  it('treats an empty field as no value', () => {
    expect(value('')).toBeNull();
    expect(value('   ')).toBeNull();
  });

  it('refuses what is not plainly a number, with a message', () => {
    for (const text of ['abc', '12abc', '1,20', '1,2000', '12,00,000', '1 20', '1,200 300', '0x10', 'Infinity', 'NaN', '1e3', '--1', '1.2.3', '.', '-', '1,,200', ',200']) {
      const r = parseNumberText(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.message, text).toMatch(/^not a number/);
    }
  });

  it('says that a decimal comma needs a point', () => {
    expect(value('1,5')).toMatch(/use a point for decimals/);
  });

  it('accepts a trailing % only when the unit is a percentage', () => {
    expect(value('45%', '%')).toBe(45);
    expect(value('45 %', '% of GDP')).toBe(45);
    expect(value('1,045.5%', 'percent')).toBe(1045.5);
    expect(value('45%', 'USD bn')).toMatch(/unit is "USD bn", not %/);
    expect(value('45%')).toMatch(/not set, not %/);
    expect(value('%', '%')).toMatch(/^error: not a number/);
  });

  it('refuses numbers too large to hold', () => {
    expect(value('9'.repeat(400))).toMatch(/too large/);
  });
});

describe('isPercentUnit', () => {
  it('knows a percentage unit', () => {
    expect(isPercentUnit('%')).toBe(true);
    expect(isPercentUnit('Percent')).toBe(true);
    expect(isPercentUnit('per cent')).toBe(true);
    expect(isPercentUnit('USD bn')).toBe(false);
    expect(isPercentUnit(undefined)).toBe(false);
  });
});
