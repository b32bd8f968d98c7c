/**
 * A save carries every edit although the editor sends the deck it holds as it is (an
 * immutable plain value that each change replaces along its path): after each kind of change
 * — a field edit, a slide operation, undo, redo, an edit or operation from the other
 * window, a new deck — what is sent equals a full copy of the deck shown, and an
 * autosave waits for an idle moment (at most a second) but never drops an edit.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SaveResult } from '../../src-shared/api';
import { addSlideOp, changeLayoutOp, deleteSlideOp, duplicateSlideOp, moveSlideOp, setHiddenOp } from '../../src-shared/deck-ops';
import type { Deck } from '../../src-shared/deck-schema';
import { AUTOSAVE_DELAY_MS, DeckEditor, IDLE_TIMEOUT_MS } from '../../src-renderer/lib/deck-editor.svelte';
import { Presentation } from '../../src-renderer/lib/presentation.svelte';

const deck = (): Deck => ({
  format: 'briefing-deck',
  version: 1,
  meta: { title: 'Copies', date: '2026-01-15' },
  sources: [{ id: 'src1', title: 'A source' }],
  slides: [
    { id: 's1', layout: 'bullets', title: 'One', bullets: ['a', 'b'], notes: 'first' },
    { id: 's2', layout: 'chart', title: 'Two', chart: { type: 'bar', labels: ['x', 'y'], series: [{ name: 'S', values: [1, 2] }] } },
    { id: 's3', layout: 'quote', title: 'Three', quote: { text: 'Words', attribution: 'Someone' } },
  ],
});

/** A full copy of the deck shown, made the slow way (every slide, every save). */
const full = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function setUp() {
  const presentation = new Presentation();
  presentation.deck = deck();
  presentation.info = { id: 'abc', name: 'd.briefing.json', location: '/x', bundled: false };
  const saved: Deck[] = [];
  const api = {
    saveDeck: vi.fn(async (_id: string, d: Deck): Promise<SaveResult> => {
      // What main would get: the text of the deck, as IPC or HTTP would carry it.
      saved.push(JSON.parse(JSON.stringify(d)) as Deck);
      return { info: presentation.info!, savedAt: new Date().toISOString(), workingCopyCreated: false, revision: `r${saved.length}` };
    }),
    resolveConflict: vi.fn(async () => {
      throw new Error('no conflict in this test');
    }),
  };
  const editor = new DeckEditor(api, presentation);
  editor.loaded('r0', deck());
  /** Saves now and returns what was sent; checks it is the deck shown, key for key. */
  const save = async (): Promise<Deck> => {
    await editor.flush();
    const last = saved[saved.length - 1];
    expect(last).toEqual(full(presentation.deck));
    expect(JSON.stringify(last)).toBe(JSON.stringify(full(presentation.deck)));
    expect(editor.saveState.kind).toBe('saved');
    return last;
  };
  return { presentation, editor, api, saved, save };
}

describe('DeckEditor save copies', () => {
  it('carries every field edit, slide operation, undo and redo, and the other window’s changes', async () => {
    const { presentation: p, editor, api, save } = setUp();
    const d = () => p.deck!;

    editor.edit(['slides', 0, 'title'], 'One, edited');
    expect((await save()).slides[0].title).toBe('One, edited');

    // A second edit of the same slide after a save: its old copy must not be reused.
    editor.edit(['slides', 0, 'bullets', 1], 'b, edited');
    expect((await save()).slides[0].bullets).toEqual(['a', 'b, edited']);

    // A deep edit (a chart value) of a slide copied before.
    editor.edit(['slides', 1, 'chart', 'series', 0, 'values', 1], 20);
    expect((await save()).slides[1].chart?.series[0].values).toEqual([1, 20]);

    // Deck fields outside the slides.
    editor.edit(['meta', 'title'], 'Copies, retitled');
    expect((await save()).meta.title).toBe('Copies, retitled');

    // Slide operations: add, duplicate, move, hide, change layout, delete.
    expect(editor.apply(addSlideOp(d(), 0, 'stats'))).toBe(true);
    expect((await save()).slides.map((s) => s.layout)).toEqual(['bullets', 'stats', 'chart', 'quote']);
    expect(editor.apply(duplicateSlideOp(d(), 2))).toBe(true);
    expect(editor.apply(moveSlideOp(d(), 4, 0))).toBe(true);
    expect(editor.apply(setHiddenOp(d(), 1, true))).toBe(true);
    expect(editor.apply(changeLayoutOp(d(), 2, 'bullets'))).toBe(true);
    await save();
    // An edit to a slide that an operation moved, then to its duplicate.
    editor.edit(['slides', 0, 'title'], 'Moved, edited');
    editor.edit(['slides', 4, 'chart', 'labels', 0], 'x, edited');
    let last = await save();
    expect(last.slides[0].title).toBe('Moved, edited');
    expect(last.slides[4].chart?.labels).toEqual(['x, edited', 'y']);
    expect(last.slides[4].id).not.toBe(last.slides[0].id);

    // Undo and redo of field edits and operations, each saved.
    expect(editor.apply(deleteSlideOp(d(), 3))).toBe(true);
    await save();
    editor.undo(); // the deletion
    last = await save();
    expect(last.slides).toHaveLength(5);
    editor.undo(); // the chart label
    expect((await save()).slides[4].chart?.labels).toEqual(['x', 'y']);
    editor.redo();
    expect((await save()).slides[4].chart?.labels).toEqual(['x, edited', 'y']);
    // Edit the slide the undone deletion put back: a new object, so nothing stale.
    editor.edit(['slides', 3, 'title'], 'Restored, edited');
    expect((await save()).slides[3].title).toBe('Restored, edited');

    // The other window's field edit and operation: shown here, then in this window's next save.
    editor.applyRemote(['slides', 2, 'notes'], 'from the presenter');
    expect(editor.applyRemoteOp(addSlideOp(d(), 4, 'section'))).toBe(true);
    editor.edit(['slides', 0, 'notes'], 'and mine');
    last = await save();
    expect(last.slides[2].notes).toBe('from the presenter');
    expect(last.slides[5].layout).toBe('section');
    expect(last.slides[0].notes).toBe('and mine');

    // A whole slide set by path (as a field editor may).
    editor.edit(['slides', 1], { ...full(d().slides[1]), title: 'Set whole' });
    expect((await save()).slides[1].title).toBe('Set whole');
    expect(api.saveDeck).toHaveBeenCalled();
  });

  it('keeps unknown fields and key order, and starts afresh with a new deck', async () => {
    const { presentation: p, editor, save } = setUp();
    (p.deck as unknown as Record<string, unknown>).extra = { kept: true };
    (p.deck!.slides[2] as unknown as Record<string, unknown>).custom = [1, 2];
    editor.edit(['slides', 2, 'title'], 'Three, edited');
    const last = await save();
    expect(Object.keys(last)).toEqual([...Object.keys(deck()), 'extra']);
    expect((last.slides[2] as unknown as Record<string, unknown>).custom).toEqual([1, 2]);

    // Another deck opened: the same ids, other content; nothing of the old deck's copies leaks in.
    const other = deck();
    other.slides[0].title = 'Other deck';
    p.deck = other;
    editor.reset();
    editor.loaded('o1', other);
    editor.edit(['slides', 1, 'title'], 'Other two');
    const next = await save();
    expect(next.slides[0].title).toBe('Other deck');
    expect(next.slides[2].title).toBe('Three');
  });
});

describe('DeckEditor autosave in idle time', () => {
  let idle: Array<{ cb: () => void; timeout: number }> = [];
  beforeEach(() => {
    vi.useFakeTimers();
    idle = [];
    // jsdom has no requestIdleCallback: the browser's is modelled by a queue the test runs.
    vi.stubGlobal('requestIdleCallback', (cb: () => void, opts?: { timeout?: number }) => idle.push({ cb, timeout: opts?.timeout ?? 0 }));
    vi.stubGlobal('cancelIdleCallback', (handle: number) => {
      idle[handle - 1] = { cb: () => {}, timeout: 0 };
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('waits for an idle moment after the delay, stays "pending" until it is saved, and keeps later edits', async () => {
    const { presentation: p, editor, saved } = setUp();
    editor.edit(['slides', 0, 'title'], 'Typed');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(saved).toHaveLength(0);
    expect(idle).toHaveLength(1);
    expect(idle[0].timeout).toBe(IDLE_TIMEOUT_MS);
    expect(editor.saveState.kind).toBe('pending');
    expect(editor.unsaved).toBe(true);

    // Another edit before the idle moment: the wait starts again, and the save has both.
    editor.edit(['slides', 1, 'title'], 'Also typed');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(idle).toHaveLength(2);
    idle[0].cb(); // cancelled: does nothing
    await vi.advanceTimersByTimeAsync(0);
    expect(saved).toHaveLength(0);
    idle[1].cb();
    await vi.advanceTimersByTimeAsync(0);
    expect(saved).toHaveLength(1);
    expect(saved[0].slides.map((s) => s.title)).toEqual(['Typed', 'Also typed', 'Three']);
    expect(editor.saveState.kind).toBe('saved');
    expect(editor.unsaved).toBe(false);
    expect(p.deck!.slides[0].title).toBe('Typed');
  });

  it('flush saves at once without waiting for idle time', async () => {
    const { editor, saved } = setUp();
    editor.edit(['slides', 2, 'title'], 'Now');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(idle).toHaveLength(1);
    await editor.flush();
    expect(saved).toHaveLength(1);
    expect(saved[0].slides[2].title).toBe('Now');
    idle[0].cb(); // the cancelled idle save: nothing more to write
    await vi.advanceTimersByTimeAsync(0);
    expect(saved).toHaveLength(1);
  });
});
