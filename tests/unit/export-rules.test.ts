/**
 * The pure rules behind the export options: slide ranges as typed, the table of
 * which option applies to which layout, defaults, and the paper a locale expects.
 */
import { describe, expect, it } from 'vitest';
import { defaultNotes, paperForLocale, refusedOption, resolvePdfOptions, whyNotApplicable } from '../../src-shared/export-rules';
import { parseSlideRange } from '../../src-shared/slide-range';

describe('parseSlideRange', () => {
  it('reads ranges as people type them', () => {
    expect(parseSlideRange('2-5,8', 24)).toEqual({ ok: true, numbers: [2, 3, 4, 5, 8] });
    expect(parseSlideRange(' 8 , 2 - 3 ,3', 24)).toEqual({ ok: true, numbers: [2, 3, 8] });
    expect(parseSlideRange('22-', 24)).toEqual({ ok: true, numbers: [22, 23, 24] });
    expect(parseSlideRange('-2', 24)).toEqual({ ok: true, numbers: [1, 2] });
    expect(parseSlideRange('7', 7)).toEqual({ ok: true, numbers: [7] });
  });
  it('says what is wrong, naming the part', () => {
    expect(parseSlideRange('', 24)).toEqual({ ok: false, error: 'the slide range is empty (write e.g. 2-5,8)' });
    expect(parseSlideRange('5-2', 24)).toEqual({ ok: false, error: '"5-2" runs backwards (write 2-5)' });
    expect(parseSlideRange('2-5,,8', 24)).toMatchObject({ ok: false, error: '"" is not a slide number or range (write e.g. 2-5,8)' });
    expect(parseSlideRange('2 5', 24)).toMatchObject({ ok: false, error: expect.stringContaining('"2 5" is not') });
    expect(parseSlideRange('1.5', 24)).toMatchObject({ ok: false });
    expect(parseSlideRange('0-3', 24)).toEqual({ ok: false, error: 'slides are numbered from 1: "0-3"' });
    expect(parseSlideRange('3-30', 24)).toEqual({ ok: false, error: 'there is no slide 30: the deck has 24 slides' });
    expect(parseSlideRange('2', 1)).toEqual({ ok: false, error: 'there is no slide 2: the deck has 1 slide' });
    expect(parseSlideRange('1,'.repeat(150), 24)).toMatchObject({ ok: false, error: expect.stringContaining('longer than 200') });
  });
  it('checks the syntax alone when the deck is not known yet', () => {
    expect(parseSlideRange('3-', Infinity)).toEqual({ ok: true, numbers: [] });
    expect(parseSlideRange('999', Infinity)).toEqual({ ok: true, numbers: [999] });
    expect(parseSlideRange('x', Infinity).ok).toBe(false);
  });
});

describe('export rules', () => {
  it('each option applies where it means something', () => {
    expect(whyNotApplicable('notes', { layout: 'slides' })).toBe('the slides layout shows no notes');
    expect(whyNotApplicable('notes', { layout: 'handout', perPage: 4 })).toMatch(/grid/);
    expect(whyNotApplicable('notes', { layout: 'handout', perPage: 3 })).toBeNull();
    expect(whyNotApplicable('paper', { layout: 'slides' })).toMatch(/16:9/);
    expect(whyNotApplicable('paper', { layout: 'notes' })).toBeNull();
    expect(whyNotApplicable('perPage', { layout: 'handout' })).toBeNull();
    for (const layout of ['slides', 'three-up', 'notes'] as const) expect(whyNotApplicable('perPage', { layout })).not.toBeNull();
    expect(whyNotApplicable('noCover', { layout: 'slides' })).toBe('the slides layout has no cover');
    expect(refusedOption({ paper: true, notes: true }, { layout: 'slides' })).toBe('--notes does not apply here: the slides layout shows no notes');
    expect(refusedOption({ paper: true }, { layout: 'handout' })).toBeNull();
  });
  it('defaults: handout two a page on A4, notes layout talking points, slides without cover', () => {
    expect(resolvePdfOptions({ layout: 'handout', notes: 'handout', annex: true })).toMatchObject({
      perPage: 2,
      paper: 'a4',
      cover: true,
      notes: 'handout',
    });
    expect(defaultNotes('notes')).toBe('talking-points');
    expect(resolvePdfOptions({ layout: 'slides', notes: 'talking-points', annex: true, paper: 'letter', perPage: 6 })).toMatchObject({
      perPage: 1,
      paper: 'a4',
      cover: false,
      notes: 'none',
    });
    expect(resolvePdfOptions({ layout: 'handout', notes: 'talking-points', annex: true, perPage: 6 })).toMatchObject({ perPage: 6, notes: 'none' });
    expect(resolvePdfOptions({ layout: 'three-up', notes: 'handout', annex: false, perPage: 1 })).toMatchObject({ perPage: 3 });
  });
  it('the paper follows the locale: Letter in the Americas that use it, A4 elsewhere', () => {
    for (const l of ['en-US', 'en-CA', 'es-MX', 'fr-CA', 'en-PH', 'es-419-x', 'es-CL'])
      expect(paperForLocale(l), l).toBe(l === 'es-419-x' ? 'a4' : 'letter');
    for (const l of ['en-GB', 'de-DE', 'fr', 'en', 'zh-Hans-CN', 'kk-KZ', '', undefined]) expect(paperForLocale(l), String(l)).toBe('a4');
    expect(paperForLocale('zh-Hant-US')).toBe('letter');
  });
});
