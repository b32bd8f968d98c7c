/**
 * Templates: every new deck is valid, its placeholders read as placeholders, and
 * no template figure could be mistaken for real data.
 */
import { describe, expect, it } from 'vitest';
import { validateDeck } from '../../src-shared/deck-validate';
import { createDeckFromTemplate, DECK_TEMPLATES, isDeckTemplateId, SAMPLE_CAPTION } from '../../src-shared/templates';

describe('templates', () => {
  it('offers blank, situation briefing and data update', () => {
    expect(DECK_TEMPLATES.map((t) => [t.id, t.name])).toEqual([
      ['blank', 'Blank'],
      ['situation', 'Situation briefing'],
      ['data-update', 'Data update'],
    ]);
    for (const t of DECK_TEMPLATES) expect(t.description.length).toBeGreaterThan(10);
    expect(isDeckTemplateId('situation')).toBe(true);
    expect(isDeckTemplateId('Situation')).toBe(false);
    expect(() => createDeckFromTemplate('nope' as 'blank')).toThrow(/unknown template "nope"/);
  });

  it.each(DECK_TEMPLATES.map((t) => t.id))('%s: passes validateDeck, with unique slide ids and known sources', (id) => {
    const deck = createDeckFromTemplate(id);
    const result = validateDeck(deck);
    expect(result).toEqual({ ok: true, deck });
    const ids = deck.slides.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(deck.slides[0].layout).toBe('title');
  });

  it('situation briefing: BLUF, key judgments with confidence, evidence with a chart, implications, outlook, sources', () => {
    const deck = createDeckFromTemplate('situation', { title: 'Grain corridor', author: 'Desk A', date: '2026-11-29' });
    expect(deck.meta).toEqual({ title: 'Grain corridor', author: 'Desk A', date: '2026-11-29' });
    expect(deck.slides[0].title).toBe('Grain corridor');
    const titles = deck.slides.map((s) => s.title);
    expect(titles).toEqual(expect.arrayContaining(['Bottom line up front', 'Key judgments', 'Implications', 'Outlook', 'Sources']));
    expect(deck.slides.find((s) => s.id === 'key-judgments')?.confidence).toBeDefined();
    expect(deck.slides.some((s) => s.layout === 'chart')).toBe(true);
    expect(deck.slides.at(-1)?.layout).toBe('sources');
    expect(deck.slides.find((s) => s.id === 'bottom-line')?.bullets?.[0]).toMatch(/^Your bottom line up front.*…$/);
  });

  it.each(['situation', 'data-update'] as const)('%s: figures are labelled samples, data slides cite a (placeholder) source', (id) => {
    const deck = createDeckFromTemplate(id);
    const sourceIds = new Set(deck.sources?.map((s) => s.id));
    expect(deck.sources?.[0].title).toMatch(/^Your source/);
    for (const slide of deck.slides) {
      if (slide.chart) {
        expect(slide.chart.caption).toBe(SAMPLE_CAPTION);
        for (const series of slide.chart.series) expect(series.name).toBe('Sample');
        for (const label of slide.chart.labels) expect(label).toMatch(/^Sample /);
      }
      for (const stat of slide.stats ?? []) expect(stat.label).toMatch(/Sample .*replace with yours/);
      if (slide.chart || slide.stats) {
        expect(slide.sources?.length).toBeGreaterThan(0);
        for (const ref of slide.sources ?? []) expect(sourceIds.has(ref)).toBe(true);
      }
    }
  });

  it('ignores a malformed date, trims the title, and returns fresh objects each call', () => {
    const a = createDeckFromTemplate('blank', { title: '  Two   words ', date: '29/11/2026' });
    expect(a.meta).toEqual({ title: 'Two words' });
    const b = createDeckFromTemplate('blank');
    expect(b.meta.title).toBe('Untitled briefing');
    a.slides[0].title = 'changed';
    expect(createDeckFromTemplate('blank').slides[0].title).toBe('Untitled briefing');
    const c = createDeckFromTemplate('situation');
    c.sources![0].title = 'changed';
    expect(createDeckFromTemplate('situation').sources![0].title).toMatch(/^Your source/);
  });

  it('caps a very long title at the format limit', () => {
    const deck = createDeckFromTemplate('data-update', { title: 'x'.repeat(900) });
    expect(deck.meta.title).toHaveLength(500);
    expect(validateDeck(deck).ok).toBe(true);
  });
});
