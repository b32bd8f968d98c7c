/** Messages between the audience and presenter windows are checked on arrival. */
import { describe, expect, it } from 'vitest';
import { openWindowSync, parseSyncMessage, type SyncMessage } from '../../src-renderer/lib/window-sync';

describe('parseSyncMessage', () => {
  const view = { type: 'view', deckId: 'd1', index: 2, blackout: false, overview: false, seq: 7, from: 'presenter' };

  it('accepts a well-formed view with its clock and sender', () => {
    expect(parseSyncMessage(view)).toEqual(view);
    expect(parseSyncMessage({ type: 'hello', role: 'audience', seq: 1 })).toEqual({ type: 'hello', role: 'audience', seq: 1 });
  });

  it('refuses views without a valid clock or sender, and anything malformed', () => {
    for (const bad of [
      { ...view, seq: undefined },
      { ...view, seq: -1 },
      { ...view, seq: 1.5 },
      { ...view, from: 'stranger' },
      { ...view, index: -1 },
      { ...view, blackout: 'yes' },
      { type: 'hello', role: 'presenter' },
      { type: 'nope' },
      null,
      'view',
      42,
    ]) {
      expect(parseSyncMessage(bad)).toBeNull();
    }
  });

  it('refuses edits whose path walks through a reserved key', () => {
    expect(parseSyncMessage({ type: 'edit', deckId: 'd1', path: ['slides', 0, '__proto__'], value: 1 })).toBeNull();
    expect(parseSyncMessage({ type: 'edit', deckId: 'd1', path: ['slides', 0, 'notes'], value: 'ok' })).not.toBeNull();
  });
});

describe('openWindowSync send', () => {
  it('sends messages built from proxies (as Svelte $state is) as plain data, for every message type', async () => {
    const received: SyncMessage[] = [];
    const other = openWindowSync((m) => received.push(m));
    const here = openWindowSync(() => {});
    const info = new Proxy({ id: 'deck-2', name: 'field-report.briefing.json', location: '/tmp', bundled: false }, {});
    const value = new Proxy(['a', 'b'], {});
    // A proxy is what postMessage's structured clone refuses (DataCloneError).
    expect(() => structuredClone(info)).toThrow();
    const messages = [
      { type: 'deck', deckId: 'deck-1', info, reload: true },
      { type: 'edit', deckId: 'deck-2', path: ['slides', 0, 'bullets'], value },
      { type: 'view', deckId: 'deck-2', index: 1, blackout: false, overview: false, seq: 3, from: 'presenter' },
      { type: 'hello', role: 'audience', seq: 4 },
    ] as unknown as SyncMessage[];
    for (const m of messages) expect(() => here.send(m)).not.toThrow();
    await expect.poll(() => received.length).toBe(4);
    expect(received[0]).toEqual({ type: 'deck', deckId: 'deck-1', info: { id: 'deck-2', name: 'field-report.briefing.json', location: '/tmp', bundled: false }, reload: true });
    expect(received[1]).toEqual({ type: 'edit', deckId: 'deck-2', path: ['slides', 0, 'bullets'], value: ['a', 'b'] });
    expect(received.map((m) => m.type)).toEqual(['deck', 'edit', 'view', 'hello']);
    here.close();
    other.close();
  });
});
