// A deck named at launch, and quitting that waits for pending saves.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deckPathFromArgv } from '../../src-main/electron/launch-args';
import { createQuitGuard, flushWithin } from '../../src-main/electron/shutdown';

describe('deckPathFromArgv', () => {
  it('finds the deck a double-click or the command line names, relative to the working folder', () => {
    expect(deckPathFromArgv(['/opt/Briefing Desk/briefing-desk', 'talk.briefing.json'], '/home/me')).toBe(path.resolve('/home/me', 'talk.briefing.json'));
    expect(deckPathFromArgv(['electron', 'build/electron/main.cjs', '/decks/a.json'], '/x')).toBe(path.resolve('/decks/a.json'));
    expect(deckPathFromArgv(['app.exe', 'C.JSON'], '/w')).toBe(path.resolve('/w', 'C.JSON'));
  });

  it('skips flags and non-decks, takes the last deck, and finds none when there is none', () => {
    expect(deckPathFromArgv(['app', '--inspect=9229', '--config=x.json', 'a.json', 'b.json'], '/w')).toBe(path.resolve('/w', 'b.json'));
    expect(deckPathFromArgv(['app', 'build/electron/main.cjs'], '/w')).toBeUndefined();
    expect(deckPathFromArgv(['app.json'], '/w')).toBeUndefined();
    expect(deckPathFromArgv([], '/w')).toBeUndefined();
  });
});

describe('flushWithin', () => {
  it('reports flushed, failed or timed-out and never throws', async () => {
    expect(await flushWithin(async () => {}, 100)).toBe('flushed');
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await flushWithin(async () => Promise.reject(new Error('disk full')), 100)).toBe('failed');
    error.mockRestore();
    expect(await flushWithin(() => new Promise(() => {}), 20)).toBe('timed-out');
  });
});

describe('the quit guard', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const event = () => ({ prevented: false, preventDefault() { this.prevented = true; } });

  it('holds the quit until the pending save is written, then quits', async () => {
    let finishSave: () => void = () => {};
    const flush = vi.fn(() => new Promise<void>((resolve) => (finishSave = resolve)));
    const quit = vi.fn();
    const guard = createQuitGuard({ flush, quit, timeoutMs: 5000 });
    const first = event();
    guard.onBeforeQuit(first);
    expect(first.prevented).toBe(true);
    expect(guard.quitting).toBe(true);
    const again = event();
    guard.onBeforeQuit(again); // Cmd+Q pressed twice while saving
    expect(again.prevented).toBe(true);
    expect(flush).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(quit).not.toHaveBeenCalled();
    finishSave();
    await vi.advanceTimersByTimeAsync(0);
    expect(quit).toHaveBeenCalledTimes(1);
    const final = event();
    guard.onBeforeQuit(final);
    expect(final.prevented).toBe(false);
  });

  it('quits anyway after the timeout when the disk hangs', async () => {
    const quit = vi.fn();
    const outcomes: string[] = [];
    const guard = createQuitGuard({ flush: () => new Promise(() => {}), quit, timeoutMs: 5000, onOutcome: (o) => outcomes.push(o) });
    guard.onBeforeQuit(event());
    await vi.advanceTimersByTimeAsync(4999);
    expect(quit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(quit).toHaveBeenCalledTimes(1);
    expect(outcomes).toEqual(['timed-out']);
  });

  it('waits for saves again when a quit was cancelled and the user quits later', async () => {
    const flush = vi.fn(async () => {});
    const guard = createQuitGuard({ flush, quit: () => {}, timeoutMs: 100 });
    guard.onBeforeQuit(event());
    await vi.advanceTimersByTimeAsync(0);
    guard.onBeforeQuit(event()); // the quit() that was let through (then cancelled by a window)
    const later = event();
    guard.onBeforeQuit(later);
    expect(later.prevented).toBe(true);
    expect(flush).toHaveBeenCalledTimes(2);
  });
});
