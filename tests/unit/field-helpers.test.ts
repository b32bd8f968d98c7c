import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, DURATION_FORMAT_MESSAGE } from '../../src-shared/duration-text';
import { fieldKey, findFieldProblems, problemAt, problemsUnder, sourceUrlProblem } from '../../src-shared/field-problems';
import { describeSlideNumbers, freeSourceId, sourceCitations } from '../../src-shared/source-citations';
import { validateDeck } from '../../src-shared/deck-validate';
import { parseStatValue } from '../../src-renderer/lib/field-edit';

describe('planned durations', () => {
  it('reads m:ss, h:mm:ss and plain seconds', () => {
    expect(parseDuration('1:30')).toEqual({ ok: true, seconds: 90 });
    expect(parseDuration(' 90 ')).toEqual({ ok: true, seconds: 90 });
    expect(parseDuration('0:45')).toEqual({ ok: true, seconds: 45 });
    expect(parseDuration('75:00')).toEqual({ ok: true, seconds: 4500 });
    expect(parseDuration('1:02:03')).toEqual({ ok: true, seconds: 3723 });
    expect(parseDuration('')).toEqual({ ok: true, seconds: undefined });
  });
  it('refuses what is not a duration, with one message', () => {
    for (const bad of ['1:75', 'abc', '1.5', '-3', '1:2:3:4', '1:60:00', ':30']) {
      expect(parseDuration(bad)).toEqual({ ok: false, message: DURATION_FORMAT_MESSAGE });
    }
  });
  it('formats seconds as m:ss and round-trips', () => {
    expect(formatDuration(90)).toBe('1:30');
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration(undefined)).toBe('');
    for (const s of [1, 59, 60, 61, 600, 36000]) expect(parseDuration(formatDuration(s))).toEqual({ ok: true, seconds: s });
  });
});

describe('stat values as typed', () => {
  it('accepts thousands separators and a typographic minus', () => {
    expect(parseStatValue('1,234')).toEqual({ ok: true, value: 1234 });
    expect(parseStatValue('1 234 567')).toEqual({ ok: true, value: 1234567 });
    expect(parseStatValue('18.5')).toEqual({ ok: true, value: 18.5 });
    expect(parseStatValue('\u22123')).toEqual({ ok: true, value: -3 });
  });
  it('refuses a blank or a non-number with a message for the field', () => {
    expect(parseStatValue('')).toEqual({ ok: false, message: 'expected a number' });
    expect(parseStatValue('12x')).toMatchObject({ ok: false, message: expect.stringMatching(/^not a number/) });
    expect(parseStatValue('1,2')).toMatchObject({ ok: false, message: expect.stringMatching(/use a point for decimals/) });
    expect(parseStatValue('18.5%', '%')).toEqual({ ok: true, value: 18.5 });
  });
});

const meta = { title: 'T' };
const sources = [{ id: 'cgsp', title: 'CGSP' }];

describe('field problems', () => {
  it('keys each problem by its path in the real deck, with the message the check gives', () => {
    const slide = { id: 's9', layout: 'stats', title: 'x', stats: [{ value: 'x', label: 'L', source: 'nope' }], durationSec: 0 };
    const problems = findFieldProblems({ meta, sources, slide: { index: 8, value: slide } });
    expect(problemAt(problems, ['slides', 8, 'stats', 0, 'value'])).toBe('expected a number');
    expect(problemAt(problems, ['slides', 8, 'durationSec'])).toBe('expected at least 1');
    // The same messages as validating the whole deck with the slide at index 8.
    const whole = validateDeck({ format: 'briefing-deck', version: 1, meta, sources, slides: [...Array.from({ length: 8 }, (_, i) => ({ id: `a${i}`, layout: 'section', title: 'a' })), slide] });
    expect(whole.ok).toBe(false);
    if (!whole.ok) for (const p of whole.problems) expect(problemAt(problems, p.path.match(/[^.[\]"]+/g)!.map((k) => (/^\d+$/.test(k) ? Number(k) : k)))).toContain(p.message);
  });
  it('finds cross-field problems: unknown sources, chart values per label', () => {
    const slide = {
      id: 'c',
      layout: 'chart',
      title: 'c',
      sources: ['gone'],
      chart: { type: 'bar', labels: ['a', 'b'], series: [{ name: 's', values: [1] }] },
    };
    const problems = findFieldProblems({ meta, sources, slide: { index: 2, value: slide } });
    expect(problemAt(problems, ['slides', 2, 'sources', 0])).toBe('unknown source "gone"');
    expect(problemAt(problems, ['slides', 2, 'chart', 'series', 0, 'values'])).toBe('expected 2 values, one per label, but found 1');
    expect(problemsUnder(problems, ['slides', 2, 'chart'], new Set()).map((p) => p.path)).toEqual(['slides[2].chart.series[0].values']);
    expect(problemsUnder(problems, ['slides', 2, 'chart'], new Set(['slides[2].chart.series[0].values']))).toEqual([]);
  });
  it('marks briefing check warnings as such: a chart with no source', () => {
    const slide = { id: 'c', layout: 'chart', title: 'c', chart: { type: 'bar', labels: ['a'], series: [{ name: 's', values: [1] }] } };
    const problems = findFieldProblems({ meta, sources, slide: { index: 3, value: slide } });
    expect(problemAt(problems, ['slides', 3, 'sources'])).toMatch(/^warning: this slide shows .* but names no source/);
  });
  it('finds deck-level problems without a slide', () => {
    expect(problemAt(findFieldProblems({ meta: { title: 'T', date: '15 July' }, sources }), ['meta', 'date'])).toBe('expected a date as YYYY-MM-DD');
    const problems = findFieldProblems({ meta, sources: [...sources, { id: 'cgsp', title: 'again' }] });
    expect(problemAt(problems, ['sources', 1, 'id'])).toBe('duplicate source id "cgsp"');
    expect(findFieldProblems({ meta, sources }).size).toBe(0);
  });
  it('writes keys as briefing check prints paths', () => {
    expect(fieldKey(['slides', 4, 'chart', 'series', 0, 'values', 2])).toBe('slides[4].chart.series[0].values[2]');
  });
  it('accepts only http(s) addresses for sources', () => {
    expect(sourceUrlProblem('https://example.org/a')).toBe('');
    expect(sourceUrlProblem('http://example.org')).toBe('');
    expect(sourceUrlProblem('')).toBe('');
    expect(sourceUrlProblem('javascript:alert(1)')).toMatch(/http/);
    expect(sourceUrlProblem('file:///etc/passwd')).toMatch(/http/);
    expect(sourceUrlProblem('example.org')).toMatch(/http/);
  });
});

describe('source citations', () => {
  it('lists the slides citing each source, from slide and stat sources', () => {
    const deck = {
      slides: [
        { id: 'a', layout: 'bullets', title: 'a', sources: ['x'] },
        { id: 'b', layout: 'stats', title: 'b', stats: [{ value: 1, label: 'l', source: 'y' }], sources: ['x'] },
        { id: 'c', layout: 'stats', title: 'c', stats: [{ value: 1, label: 'l', source: 'x' }] },
      ],
    } as Parameters<typeof sourceCitations>[0];
    const map = sourceCitations(deck);
    expect(map.get('x')).toEqual([1, 2, 3]);
    expect(map.get('y')).toEqual([2]);
    expect(describeSlideNumbers([4])).toBe('slide 4');
    expect(describeSlideNumbers([2, 4, 7])).toBe('slides 2, 4 and 7');
    expect(freeSourceId({ sources: [{ id: 'source-2', title: 't' }] })).toBe('source-3');
    expect(freeSourceId({ sources: [{ id: 'a', title: 't' }, { id: 'source-3', title: 't' }] })).toBe('source-4');
  });
});
