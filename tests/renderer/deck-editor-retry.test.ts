/**
 * A failed save keeps the edit, shows one "Not saved:", and is retried every 10 s
 * without another keystroke until the disk takes it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SaveResult } from '../../src-shared/api';
import type { Deck } from '../../src-shared/deck-schema';
import { AUTOSAVE_DELAY_MS, DeckEditor, RETRY_DELAY_MS } from '../../src-renderer/lib/deck-editor.svelte';
import { bareReason } from '../../src-renderer/lib/save-message';
import { Presentation } from '../../src-renderer/lib/presentation.svelte';

const deck = (): Deck => ({
  format: 'briefing-deck',
  version: 1,
  meta: { title: 'Retry', date: '2026-01-15' },
  sources: [],
  slides: [{ id: 's1', layout: 'bullets', title: 'One', bullets: ['a'], notes: 'before' }],
});

describe('DeckEditor on a failing disk', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows "Not saved:" once, keeps the edit, and retries every 10 s until it is saved', async () => {
    const presentation = new Presentation();
    presentation.deck = deck();
    presentation.info = { id: 'abc', name: 'd.briefing.json', location: '/x', bundled: false };
    let full = true;
    const saved: string[] = [];
    const api = {
      saveDeck: vi.fn(async (_id: string, d: Deck): Promise<SaveResult> => {
        if (full) throw new Error('Not saved: the disk is full. Use Save As… to save your edits elsewhere.');
        saved.push(d.slides[0].notes ?? '');
        return { info: presentation.info!, savedAt: new Date().toISOString(), workingCopyCreated: false, revision: `r${saved.length}` };
      }),
      resolveConflict: vi.fn(async () => {
        throw new Error('no conflict in this test');
      }),
    };
    const editor = new DeckEditor(api, presentation);
    editor.edit(['slides', 0, 'notes'], 'after', 'notes');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(editor.saveState).toEqual({ kind: 'error', reason: 'Not saved: the disk is full. Use Save As… to save your edits elsewhere.' });
    expect(editor.unsaved).toBe(true);
    expect(presentation.deck.slides[0].notes).toBe('after');

    await vi.advanceTimersByTimeAsync(RETRY_DELAY_MS);
    expect(api.saveDeck).toHaveBeenCalledTimes(2); // retried with no edit
    expect(editor.saveState.kind).toBe('error');

    full = false;
    await vi.advanceTimersByTimeAsync(RETRY_DELAY_MS);
    expect(api.saveDeck).toHaveBeenCalledTimes(3);
    expect(saved).toEqual(['after']);
    expect(editor.saveState.kind).toBe('saved');
    expect(editor.unsaved).toBe(false);

    await vi.advanceTimersByTimeAsync(RETRY_DELAY_MS * 3);
    expect(api.saveDeck).toHaveBeenCalledTimes(3); // no retries once saved
  });

  it('never doubles the prefix, whatever main sent', () => {
    expect(bareReason('Not saved: Not saved: the disk is full')).toBe('the disk is full');
    expect(bareReason('the app did not answer (500)')).toBe('the app did not answer (500)');
  });
});
