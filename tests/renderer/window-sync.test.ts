/** Messages between the audience and presenter windows are checked on arrival. */
import { describe, expect, it } from 'vitest';
import { parseSyncMessage } from '../../src-renderer/lib/window-sync';

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
