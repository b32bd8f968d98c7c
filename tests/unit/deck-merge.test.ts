import { describe, expect, it } from 'vitest';
import { describeChanges, mergeDecks } from '../../src-shared/deck-merge';
import type { Deck } from '../../src-shared/deck-schema';

const base: Deck = {
  format: 'briefing-deck',
  version: 1,
  meta: { title: 'Base' },
  sources: [{ id: 's1', title: 'Source one' }],
  slides: ['a', 'b', 'c', 'd'].map((id) => ({ id, layout: 'bullets' as const, title: `Slide ${id}`, bullets: [id] })),
};
const clone = (): Deck => JSON.parse(JSON.stringify(base)) as Deck;
const titles = (deck: Deck) => deck.slides.map((s) => s.title);

describe('three-way deck merge', () => {
  it('merges edits to different slides', () => {
    const mine = clone();
    mine.slides[0].title = 'Mine A';
    const theirs = clone();
    theirs.slides[2].notes = 'their notes';
    const r = mergeDecks(base, mine, theirs);
    if (!r.ok) throw new Error('expected a merge');
    expect(titles(r.deck)).toEqual(['Mine A', 'Slide b', 'Slide c', 'Slide d']);
    expect(r.deck.slides[2].notes).toBe('their notes');
  });

  it('refuses when both changed the same slide differently, naming it', () => {
    const mine = clone();
    mine.slides[1].title = 'Mine B';
    const theirs = clone();
    theirs.slides[1].bullets = ['other'];
    const r = mergeDecks(base, mine, theirs);
    expect(r).toEqual({ ok: false, clashes: [{ kind: 'slide', key: 'b', label: 'Slide 2 “Mine B”' }] });
  });

  it('the same change on both sides is no clash', () => {
    const mine = clone();
    mine.slides[1].title = 'Same';
    const theirs = clone();
    theirs.slides[1].title = 'Same';
    expect(mergeDecks(base, mine, theirs)).toMatchObject({ ok: true });
  });

  it('meta and sources count: a change on one side is taken, on both sides a clash', () => {
    const mine = clone();
    mine.meta.title = 'Mine title';
    const theirs = clone();
    theirs.sources = [{ id: 's1', title: 'Renamed source' }];
    const r = mergeDecks(base, mine, theirs);
    if (!r.ok) throw new Error('expected a merge');
    expect(r.deck.meta.title).toBe('Mine title');
    expect(r.deck.sources?.[0].title).toBe('Renamed source');
    const theirs2 = clone();
    theirs2.meta.title = 'Their title';
    expect(mergeDecks(base, mine, theirs2)).toMatchObject({ ok: false, clashes: [{ kind: 'meta' }] });
  });

  it('keeps slides both sides added, each after its neighbour', () => {
    const mine = clone();
    mine.slides.splice(1, 0, { id: 'm', layout: 'bullets', title: 'Mine new', bullets: [] });
    const theirs = clone();
    theirs.slides.push({ id: 't', layout: 'bullets', title: 'Their new', bullets: [] });
    const r = mergeDecks(base, mine, theirs);
    if (!r.ok) throw new Error('expected a merge');
    expect(r.deck.slides.map((s) => s.id)).toEqual(['a', 'm', 'b', 'c', 'd', 't']);
  });

  it('a delete on one side and no change on the other deletes; delete against an edit clashes', () => {
    const mine = clone();
    mine.slides.splice(3, 1);
    const theirs = clone();
    theirs.slides[0].title = 'Their A';
    const r = mergeDecks(base, mine, theirs);
    if (!r.ok) throw new Error('expected a merge');
    expect(r.deck.slides.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    const theirs2 = clone();
    theirs2.slides[3].title = 'Their D';
    expect(mergeDecks(base, mine, theirs2)).toMatchObject({ ok: false, clashes: [{ kind: 'slide', key: 'd' }] });
  });

  it('a reorder on one side carries edits from the other; two different reorders clash', () => {
    const mine = clone();
    mine.slides.reverse();
    const theirs = clone();
    theirs.slides[0].title = 'Their A';
    const r = mergeDecks(base, mine, theirs);
    if (!r.ok) throw new Error('expected a merge');
    expect(titles(r.deck)).toEqual(['Slide d', 'Slide c', 'Slide b', 'Their A']);
    const theirs2 = clone();
    [theirs2.slides[0], theirs2.slides[1]] = [theirs2.slides[1], theirs2.slides[0]];
    expect(mergeDecks(base, mine, theirs2)).toMatchObject({ ok: false, clashes: [{ kind: 'order' }] });
  });

  it('describes what a side changed for the dialog', () => {
    const mine = clone();
    mine.slides[2].title = 'Edited';
    mine.slides.splice(0, 1);
    mine.meta.title = 'New';
    expect(describeChanges(base, mine)).toEqual(["the deck's title and details", 'Slide 2 “Edited”', 'deleted “Slide a”']);
  });
});
