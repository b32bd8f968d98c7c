import { describe, expect, it } from 'vitest';
import { PresenterTimer, TIMER_STORAGE_KEY } from '../../src-renderer/lib/presenter-timer.svelte';

function setup(storage: Pick<Storage, 'getItem' | 'setItem'> | null = null) {
  let now = 1_000_000;
  const timer = new PresenterTimer(() => now, storage);
  const advance = (ms: number) => {
    now += ms;
    timer.tick();
  };
  return { timer, advance };
}

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
}

describe('PresenterTimer', () => {
  it('waits for the first slide change, then counts', () => {
    const { timer, advance } = setup();
    advance(10_000);
    expect(timer.phase).toBe('ready');
    expect(timer.elapsedMs).toBe(0);
    timer.slideChanged();
    advance(5000);
    expect(timer.phase).toBe('running');
    expect(timer.elapsedMs).toBe(5000);
    expect(timer.slideMs).toBe(5000);
  });

  it('restarts the slide time on each change, not the talk time', () => {
    const { timer, advance } = setup();
    timer.slideChanged();
    advance(7000);
    timer.slideChanged();
    advance(2000);
    expect(timer.elapsedMs).toBe(9000);
    expect(timer.slideMs).toBe(2000);
  });

  it('stands still while paused and continues on resume', () => {
    const { timer, advance } = setup();
    timer.start();
    advance(3000);
    timer.pause();
    advance(60_000);
    expect(timer.elapsedMs).toBe(3000);
    expect(timer.slideMs).toBe(3000);
    // A slide change while paused zeroes the slide time but does not restart the clock.
    timer.slideChanged();
    advance(1000);
    expect(timer.phase).toBe('paused');
    expect(timer.slideMs).toBe(0);
    timer.toggle();
    advance(2000);
    expect(timer.elapsedMs).toBe(5000);
    expect(timer.slideMs).toBe(2000);
  });

  it('resets to zero and waits again', () => {
    const { timer, advance } = setup();
    timer.start();
    advance(3000);
    timer.reset();
    advance(3000);
    expect(timer.phase).toBe('ready');
    expect(timer.elapsedMs).toBe(0);
    expect(timer.slideMs).toBe(0);
  });

  it('survives a reload of the presenter window', () => {
    const storage = memoryStorage();
    const first = setup(storage);
    first.timer.start();
    first.advance(4000);
    first.timer.pause();
    const again = setup(storage);
    expect(again.timer.phase).toBe('paused');
    expect(again.timer.elapsedMs).toBe(4000);
  });

  it('ignores a stored state it cannot trust', () => {
    const storage = memoryStorage();
    storage.setItem(TIMER_STORAGE_KEY, JSON.stringify({ phase: 'running', accumulated: -5, since: 1, slideAccumulated: 0, slideSince: 1 }));
    expect(setup(storage).timer.phase).toBe('ready');
    storage.setItem(TIMER_STORAGE_KEY, '{not json');
    expect(setup(storage).timer.elapsedMs).toBe(0);
  });
});
