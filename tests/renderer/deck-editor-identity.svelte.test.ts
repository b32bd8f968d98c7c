/**
 * The open deck is an immutable plain value (`$state.raw`): every change replaces only the
 * objects along its path (deck → slides array → slide → field) and shares the rest, so a
 * slide that was not touched keeps its identity (nothing showing it runs again) and no
 * Svelte proxy is made for any slide. Here: which objects each kind of change replaces,
 * that the old deck is never changed in place (tests run with the deck frozen), and that
 * after a long mix of edits, operations, undo and redo the deck shown and saved is right.
 */
import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import type { SaveResult } from '../../src-shared/api';
import { addSlideOp, deleteSlideOp, duplicateSlideOp, moveSlideOp, setHiddenOp } from '../../src-shared/deck-ops';
import type { Deck, Slide } from '../../src-shared/deck-schema';
import { DeckEditor } from '../../src-renderer/lib/deck-editor.svelte';
import { Presentation } from '../../src-renderer/lib/presentation.svelte';
import { SlideCommands } from '../../src-renderer/lib/slide-commands.svelte';

const SLIDES = 40;

const makeDeck = (): Deck => ({
  format: 'briefing-deck',
  version: 1,
  meta: { title: 'Identity', date: '2026-01-15' },
  sources: [{ id: 'src1', title: 'A source' }],
  slides: Array.from({ length: SLIDES }, (_, i): Slide =>
    i % 2
      ? { id: `c${i}`, layout: 'chart', title: `Chart ${i}`, chart: { type: 'bar', labels: ['x', 'y'], series: [{ name: 'S', values: [i, i + 1] }] } }
      : { id: `b${i}`, layout: 'bullets', title: `Bullets ${i}`, bullets: ['a', 'b'], notes: `notes ${i}` },
  ),
});

function setUp() {
  const p = new Presentation();
  p.info = { id: 'abc', name: 'd.briefing.json', location: '/x', bundled: false };
  p.deck = makeDeck();
  const saved: Deck[] = [];
  const api = {
    saveDeck: vi.fn(async (_id: string, d: Deck): Promise<SaveResult> => {
      saved.push(JSON.parse(JSON.stringify(d)) as Deck);
      return { info: p.info!, savedAt: new Date().toISOString(), workingCopyCreated: false, revision: `r${saved.length}` };
    }),
    resolveConflict: vi.fn(async () => {
      throw new Error('no conflict in this test');
    }),
  };
  const editor = new DeckEditor(api, p);
  editor.loaded('r0', p.deck);
  return { p, editor, saved };
}

/** Indexes of the slides of `after` that are not the very objects `before` held at the same place. */
const replacedSlides = (before: Deck, after: Deck): number[] => after.slides.flatMap((s, i) => (s === before.slides[i] ? [] : [i]));

describe('DeckEditor keeps the deck immutable', () => {
  it('a field edit replaces the deck, the slides list, the slide and the field, and shares everything else', () => {
    const { p, editor } = setUp();
    const before = p.deck!;
    const plainBefore = JSON.stringify(before);

    editor.edit(['slides', 7, 'chart', 'series', 0, 'values', 1], 99);
    const after = p.deck!;
    expect(after).not.toBe(before);
    expect(after.slides).not.toBe(before.slides);
    expect(replacedSlides(before, after)).toEqual([7]);
    const [was, now] = [before.slides[7].chart!, after.slides[7].chart!];
    expect(now).not.toBe(was);
    expect(now.series[0].values).toEqual([7, 99]);
    // Off the path: shared, not copied.
    expect(now.labels).toBe(was.labels);
    expect(after.meta).toBe(before.meta);
    expect(after.sources).toBe(before.sources);
    // The deck before the edit is exactly as it was (it may still be on screen elsewhere, or be the base).
    expect(JSON.stringify(before)).toBe(plainBefore);

    // A deck field: no slide is replaced at all.
    editor.edit(['meta', 'title'], 'Retitled');
    expect(replacedSlides(after, p.deck!)).toEqual([]);
    expect(p.deck!.slides).toBe(after.slides);
    expect(p.deck!.meta.title).toBe('Retitled');
  });

  it('slide operations, undo and redo replace only the slides they touch', () => {
    const { p, editor } = setUp();
    const d0 = p.deck!;
    expect(editor.apply(addSlideOp(d0, 4, 'quote'))).toBe(true);
    const d1 = p.deck!;
    // Every slide of the old deck is still there, the very same object; one new slide.
    expect(d1.slides.filter((s) => !d0.slides.includes(s)).map((s) => s.layout)).toEqual(['quote']);
    expect(d1.slides[5].layout).toBe('quote');

    expect(editor.apply(moveSlideOp(d1, 0, 10))).toBe(true);
    const d2 = p.deck!;
    expect(new Set(d2.slides)).toEqual(new Set(d1.slides));

    expect(editor.apply(setHiddenOp(d2, 20, true))).toBe(true);
    expect(replacedSlides(d2, p.deck!)).toEqual([20]);

    editor.undo(); // the hide: the slide that was there comes back, the same object
    expect(p.deck!.slides[20]).toBe(d2.slides[20]);
    expect(replacedSlides(d2, p.deck!)).toEqual([]);
    editor.undo(); // the move
    expect(replacedSlides(d1, p.deck!)).toEqual([]);
    editor.undo(); // the add
    expect(replacedSlides(d0, p.deck!)).toEqual([]);
    expect(p.deck!.slides).toHaveLength(SLIDES);
    editor.redo();
    expect(p.deck!.slides[5].layout).toBe('quote');
    expect(p.deck!.slides.filter((s) => !d0.slides.includes(s))).toHaveLength(1);
  });

  it('the deck cannot be changed in place (frozen in tests), and owns a copy of every value it is given', () => {
    const { p, editor } = setUp();
    editor.edit(['slides', 0, 'title'], 'Edited');
    const deck = p.deck!;
    expect(Object.isFrozen(deck)).toBe(true);
    expect(Object.isFrozen(deck.slides)).toBe(true);
    expect(Object.isFrozen(deck.slides[1].chart!.series[0].values)).toBe(true);
    expect(() => {
      (deck.slides as Slide[]).push(deck.slides[0]);
    }).toThrow(TypeError);
    expect(() => {
      deck.slides[0].title = 'in place';
    }).toThrow(TypeError);

    // A caller that changes its object after handing it over does not change the deck.
    const bullets = ['one', 'two'];
    editor.edit(['slides', 0, 'bullets'], bullets);
    bullets.push('three');
    expect(p.deck!.slides[0].bullets).toEqual(['one', 'two']);
    // Nor does an operation's slide.
    const op = duplicateSlideOp(p.deck!, 2);
    expect(editor.apply(op)).toBe(true);
    if (op.kind === 'insert') op.slide.title = 'changed after';
    expect(p.deck!.slides[3].title).toBe('Bullets 2');
  });

  it('an edit from the other window replaces the path too', () => {
    const { p, editor } = setUp();
    const before = p.deck!;
    editor.applyRemote(['slides', 12, 'notes'], 'from the presenter');
    expect(replacedSlides(before, p.deck!)).toEqual([12]);
    expect(p.deck!.slides[12].notes).toBe('from the presenter');
    expect(before.slides[12].notes).toBe('notes 12');
    expect(editor.applyRemoteOp(deleteSlideOp(p.deck!, 0))).toBe(true);
    expect(p.deck!.slides[0]).toBe(before.slides[1]);
  });

  it('after a long mix of edits, operations, undo and redo, the deck shown and the deck saved agree with a model', async () => {
    const { p, editor, saved } = setUp();
    // The model: the same changes made the slow way, on a deep copy, in place.
    const model = JSON.parse(JSON.stringify(p.deck)) as Deck;
    let n = 0;
    for (let round = 0; round < 30; round++) {
      const at = (round * 7) % p.deck!.slides.length;
      const title = `Round ${round}`;
      editor.edit(['slides', at, 'title'], title);
      model.slides[at].title = title;
      const op = addSlideOp(p.deck!, at, round % 2 ? 'bullets' : 'stats');
      editor.apply(op);
      if (op.kind === 'insert') model.slides.splice(op.index, 0, JSON.parse(JSON.stringify(op.slide)) as Slide);
      const from = (round * 3) % p.deck!.slides.length;
      const to = (round * 5 + 1) % p.deck!.slides.length;
      if (from !== to) {
        editor.apply(moveSlideOp(p.deck!, from, to));
        const [moved] = model.slides.splice(from, 1);
        model.slides.splice(to, 0, moved);
      }
      n++;
    }
    // Undo the last move and the last add, then redo the add: the model follows by hand.
    const beforeUndo = JSON.parse(JSON.stringify(p.deck)) as Deck;
    editor.undo();
    editor.undo();
    editor.redo();
    const lastMove = editor.canRedo;
    expect(lastMove).toBe(true);
    editor.redo();
    expect(p.deck).toEqual(beforeUndo);
    expect(p.deck).toEqual(model);
    // And an edit after all that shows, and is saved.
    editor.edit(['slides', 3, 'notes'], 'typed at the end');
    model.slides[3].notes = 'typed at the end';
    expect(p.deck).toEqual(model);
    await editor.flush();
    expect(saved[saved.length - 1]).toEqual(model);
    expect(JSON.stringify(saved[saved.length - 1])).toBe(JSON.stringify(model));
    expect(n).toBe(30);
  });

  it('canUndo and canRedo follow the history (they are what the Undo and Redo controls read)', () => {
    const { p, editor } = setUp();
    const seen: Array<[boolean, boolean]> = [];
    const stop = $effect.root(() => {
      $effect(() => {
        seen.push([editor.canUndo, editor.canRedo]);
      });
    });
    flushSync();
    editor.edit(['slides', 0, 'title'], 'x');
    flushSync();
    editor.undo();
    flushSync();
    editor.redo();
    flushSync();
    editor.apply(deleteSlideOp(p.deck!, 1));
    editor.undo();
    flushSync();
    stop();
    expect(seen).toEqual([
      [false, false],
      [true, false],
      [false, true],
      [true, false],
      [true, true],
    ]);
  });

  it('the notice’s Undo after a delete still finds its undo record (compared by identity)', () => {
    const { p, editor } = setUp();
    const commands = new SlideCommands(p, editor);
    const gone = p.deck!.slides[3];
    expect(commands.remove(3)).toBe(true);
    expect(p.deck!.slides).not.toContain(gone);
    expect(commands.undoDelete()).toBe(true);
    expect(p.deck!.slides[3]).toBe(gone);
    // Not once another change was made after it.
    expect(commands.remove(3)).toBe(true);
    editor.edit(['meta', 'title'], 'Changed since');
    expect(commands.undoDelete()).toBe(false);
  });
});
