import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addSlideOp,
  applyOp,
  changeLayoutOp,
  deleteSlideOp,
  discardStashOp,
  duplicateSlideOp,
  freshSlideId,
  indexAfterOp,
  moveSlideOp,
  newSlide,
  setHiddenOp,
  shownSlideIndexes,
  withLayout,
  withOp,
  type DeckOp,
} from '../../src-shared/deck-ops';
import { LAYOUTS, type Deck } from '../../src-shared/deck-schema';
import { parseDeckText, validateDeck } from '../../src-shared/deck-validate';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const loadDefault = (): Deck => {
  const parsed = parseDeckText(readFileSync(path.join(ROOT, 'assets/decks/central-asia-mining.briefing.json'), 'utf8'));
  if (!parsed.ok) throw new Error('default deck invalid');
  return parsed.deck;
};
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const ids = (deck: Deck) => deck.slides.map((s) => s.id);

/** The deck after `op` (applyOp leaves its input as it was). */
const run = (deck: Deck, op: DeckOp): Deck => applyOp(deck, op).deck;

/**
 * Applies `op` to `deck`, checks the result is valid and `deck` untouched, then applies the
 * inverse and checks it gives `deck` exactly, and redo gives the result again. Returns the result.
 */
function roundTrip(deck: Deck, op: DeckOp): Deck {
  const before = clone(deck);
  const { deck: after, inverse } = applyOp(deck, op);
  expect(deck).toEqual(before);
  expect(validateDeck(after).ok).toBe(true);
  const undone = applyOp(after, inverse);
  expect(undone.deck).toEqual(before);
  const redone = run(undone.deck, undone.inverse);
  expect(redone).toEqual(after);
  return after;
}

describe('deck operations', () => {
  it('adds a slide of every layout after the given one, with a fresh id, and undoes it', () => {
    for (const layout of LAYOUTS) {
      const deck = loadDefault();
      const op = addSlideOp(deck, 2, layout);
      const after = roundTrip(deck, op);
      expect(after.slides).toHaveLength(deck.slides.length + 1);
      expect(after.slides[3].layout).toBe(layout);
      expect(new Set(ids(after)).size).toBe(after.slides.length);
      expect(indexAfterOp(op, 2, after.slides.length)).toBe(3);
    }
  });

  it('adds at the start with after = -1 and at the end past the last slide', () => {
    let deck = loadDefault();
    const n = deck.slides.length;
    deck = run(deck, addSlideOp(deck, -1, 'section'));
    expect(deck.slides[0].layout).toBe('section');
    deck = run(deck, addSlideOp(deck, n, 'quote'));
    expect(deck.slides[n + 1].layout).toBe('quote');
  });

  it('duplicates as a deep copy under a new id', () => {
    let deck = loadDefault();
    const chartAt = deck.slides.findIndex((s) => s.chart);
    const op = duplicateSlideOp(deck, chartAt);
    const after = roundTrip(deck, op);
    const [orig, copy] = [after.slides[chartAt], after.slides[chartAt + 1]];
    expect(copy.id).not.toBe(orig.id);
    expect({ ...copy, id: orig.id }).toEqual(orig);
    // The copy shares nothing with the original: changing its chart leaves the original alone.
    deck = run(deck, op);
    deck.slides[chartAt + 1].chart!.series[0].values[0] = 999;
    expect(deck.slides[chartAt].chart!.series[0].values[0]).not.toBe(999);
    // A copy of a copy gets its own id, not "-copy-copy".
    const again = duplicateSlideOp(deck, chartAt);
    expect(again.kind === 'insert' && again.slide.id).toBe(`${orig.id}-copy-2`);
  });

  it('deletes and brings the same slide back at the same place', () => {
    const deck = loadDefault();
    const op = deleteSlideOp(deck, 5);
    const removed = deck.slides[5].id;
    const after = roundTrip(deck, op);
    expect(ids(after)).not.toContain(removed);
    expect(indexAfterOp(op, 5, after.slides.length)).toBe(5);
    expect(indexAfterOp(deleteSlideOp(deck, deck.slides.length - 1), 0, deck.slides.length - 1)).toBe(deck.slides.length - 2);
  });

  it('refuses to remove a slide whose id no longer matches (a stale op)', () => {
    const deck = loadDefault();
    const op = deleteSlideOp(deck, 1);
    const moved = run(deck, moveSlideOp(deck, 1, 4));
    expect(() => applyOp(moved, op)).toThrow(/not/);
  });

  it('moves forwards and backwards, keeping every id', () => {
    const deck = loadDefault();
    const original = ids(deck);
    const after = roundTrip(deck, moveSlideOp(deck, 1, 6));
    expect(after.slides[6].id).toBe(original[1]);
    expect([...ids(after)].sort()).toEqual([...original].sort());
    expect(roundTrip(deck, moveSlideOp(deck, 6, 1)).slides[1].id).toBe(original[6]);
    const back = roundTrip(deck, moveSlideOp(deck, 6, 0));
    expect(back.slides[0].id).toBe(original[6]);
    expect(() => moveSlideOp(deck, 0, original.length)).toThrow();
  });

  it('changes layout keeping usable fields, setting the others aside, and restores them on the way back', () => {
    let deck = loadDefault();
    const at = deck.slides.findIndex((s) => s.layout === 'chart');
    const chart = clone(deck.slides[at].chart);
    const toBullets = roundTrip(deck, changeLayoutOp(deck, at, 'bullets'));
    expect(toBullets.slides[at].layout).toBe('bullets');
    expect(toBullets.slides[at].chart).toBeUndefined();
    expect(toBullets.slides[at].stash?.chart).toEqual(chart);
    expect(toBullets.slides[at].title).toBe(deck.slides[at].title);
    deck = run(deck, changeLayoutOp(deck, at, 'bullets'));
    deck = run(deck, changeLayoutOp(deck, at, 'stats'));
    expect(deck.slides[at].stash?.chart).toEqual(chart);
    expect(deck.slides[at].stats?.length).toBeGreaterThan(0);
    deck = run(deck, changeLayoutOp(deck, at, 'chart'));
    expect(deck.slides[at].chart).toEqual(chart);
    expect(deck.slides[at].stash?.chart).toBeUndefined();
    // The starter stats went aside too: nothing is dropped silently.
    expect(deck.slides[at].stash?.stats).toBeDefined();
    expect(validateDeck(deck).ok).toBe(true);
  });

  it('every layout change of every default slide gives a valid deck, and back again restores the slide', () => {
    const deck = loadDefault();
    for (let i = 0; i < deck.slides.length; i++) {
      for (const layout of LAYOUTS) {
        const slide = deck.slides[i];
        const there = withLayout(slide, layout);
        const back = withLayout(there, slide.layout);
        const probe = withOp(deck, { kind: 'replace', index: i, slide: there });
        expect(validateDeck(probe).ok, `${slide.id} → ${layout}`).toBe(true);
        // Content comes back; only starter content for the visited layout may stay aside.
        for (const key of Object.keys(slide)) expect(back[key as keyof typeof back], `${slide.id} ${key}`).toEqual(slide[key as keyof typeof slide]);
      }
    }
  });

  it('hides and shows a slide; shown indexes skip hidden slides', () => {
    let deck = loadDefault();
    const after = roundTrip(deck, setHiddenOp(deck, 3, true));
    expect(after.slides[3].hidden).toBe(true);
    deck = run(deck, setHiddenOp(deck, 3, true));
    expect(shownSlideIndexes(deck)).not.toContain(3);
    expect(shownSlideIndexes(deck)).toHaveLength(deck.slides.length - 1);
    roundTrip(deck, setHiddenOp(deck, 3, false));
    deck = run(deck, setHiddenOp(deck, 3, false));
    expect('hidden' in deck.slides[3]).toBe(false);
  });

  it('discards a stash only when asked, undoably', () => {
    let deck = loadDefault();
    const at = deck.slides.findIndex((s) => s.layout === 'chart');
    deck = run(deck, changeLayoutOp(deck, at, 'title'));
    expect(deck.slides[at].stash).toBeDefined();
    const after = roundTrip(deck, discardStashOp(deck, at));
    expect(after.slides[at].stash).toBeUndefined();
  });

  it('withOp leaves its input untouched', () => {
    const deck = loadDefault();
    const before = clone(deck);
    const next = withOp(deck, moveSlideOp(deck, 0, 3));
    expect(deck).toEqual(before);
    expect(next.slides[3].id).toBe(before.slides[0].id);
  });

  it('fresh ids are valid and unique even from odd bases', () => {
    const deck = loadDefault();
    for (const base of ['Ünïcode title!', '', '---', 'x'.repeat(200), deck.slides[0].id]) {
      const id = freshSlideId(deck, base);
      expect(id).toMatch(/^[a-z0-9][a-z0-9_-]{0,63}$/i);
      expect(ids(deck)).not.toContain(id);
    }
    const empty: Deck = { ...deck, slides: [] };
    for (const layout of LAYOUTS) expect(validateDeck({ ...empty, slides: [newSlide(layout, 'a')] }).ok).toBe(true);
  });

  it('refuses bad indexes and duplicate ids', () => {
    const deck = loadDefault();
    expect(() => applyOp(deck, { kind: 'insert', index: 99, slide: newSlide('bullets', 'zz') })).toThrow();
    expect(() => applyOp(deck, { kind: 'insert', index: 0, slide: newSlide('bullets', deck.slides[0].id) })).toThrow(/already exists/);
    expect(() => deleteSlideOp(deck, -1)).toThrow();
    expect(() => applyOp(deck, { kind: 'replace', index: 0, slide: newSlide('bullets', 'other') })).toThrow();
  });

  it('stays cheap on a 500-slide deck: an op makes a new deck and list, and shares every slide it did not touch', () => {
    const base = loadDefault();
    const deck: Deck = { ...base, slides: Array.from({ length: 500 }, (_, i) => ({ ...clone(base.slides[i % base.slides.length]), id: `s${i}` })) };
    const before = deck.slides.slice();
    const untouched = deck.slides[250];
    const added = run(deck, addSlideOp(deck, 10, 'chart'));
    const moved = run(added, moveSlideOp(added, 0, 499));
    expect(moved.slides[250]).toBe(untouched); // +1 inserted before it, -1 moved away: same object, nothing was copied
    // Nothing changed in place: the input deck, its list and its slides are as they were.
    expect(deck.slides).toHaveLength(500);
    expect(deck.slides.every((s, i) => s === before[i])).toBe(true);
    expect(added).not.toBe(deck);
    expect(added.slides).not.toBe(deck.slides);
    expect(added.meta).toBe(deck.meta);
    // Every slide but the new one is the very object it was.
    expect(added.slides.filter((s) => !before.includes(s)).map((s) => s.id)).toEqual([added.slides[11].id]);
    const replaced = run(moved, setHiddenOp(moved, 42, true));
    expect(replaced.slides.filter((s, i) => s !== moved.slides[i])).toEqual([replaced.slides[42]]);
  });
});
