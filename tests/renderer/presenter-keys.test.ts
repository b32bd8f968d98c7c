import { describe, expect, it } from 'vitest';
import { presenterKeyAction } from '../../src-renderer/lib/presenter-keys';

const idle = { pending: '', previewing: false };
const looking = { pending: '', previewing: true };

describe('presenterKeyAction', () => {
  it('moves the room with the audience keys', () => {
    expect(presenterKeyAction({ key: 'ArrowRight' }, idle)).toEqual({ kind: 'next' });
    expect(presenterKeyAction({ key: 'PageUp' }, idle)).toEqual({ kind: 'previous' });
    expect(presenterKeyAction({ key: 'b' }, idle)).toEqual({ kind: 'blackout' });
    expect(presenterKeyAction({ key: 'Enter' }, { pending: '12', previewing: true })).toEqual({ kind: 'jump', slide: 12 });
  });

  it('looks ahead privately with J/K and Alt+arrows', () => {
    expect(presenterKeyAction({ key: 'j' }, idle)).toEqual({ kind: 'peek', delta: 1 });
    expect(presenterKeyAction({ key: 'K' }, idle)).toEqual({ kind: 'peek', delta: -1 });
    expect(presenterKeyAction({ key: 'ArrowRight', altKey: true }, idle)).toEqual({ kind: 'peek', delta: 1 });
    expect(presenterKeyAction({ key: 'ArrowLeft', altKey: true }, idle)).toEqual({ kind: 'peek', delta: -1 });
  });

  it('shows the preview with Enter and goes back with Esc only while previewing', () => {
    expect(presenterKeyAction({ key: 'Enter' }, looking)).toEqual({ kind: 'show-preview' });
    expect(presenterKeyAction({ key: 'Escape' }, looking)).toEqual({ kind: 'back-to-current' });
    expect(presenterKeyAction({ key: 'Enter' }, idle)).toEqual({ kind: 'next' });
    // Esc does nothing to the room from here: no surprise overview for the audience.
    expect(presenterKeyAction({ key: 'Escape' }, idle)).toEqual({ kind: 'none' });
  });

  it('keeps O private and gives the room its overview with Shift+O', () => {
    expect(presenterKeyAction({ key: 'o' }, idle)).toEqual({ kind: 'private-overview' });
    expect(presenterKeyAction({ key: 'O', shiftKey: true }, idle)).toEqual({ kind: 'room-overview' });
  });

  it('sizes the notes with Ctrl/Cmd +/− and [ ]', () => {
    expect(presenterKeyAction({ key: '=', ctrlKey: true }, idle)).toEqual({ kind: 'font', delta: 2 });
    expect(presenterKeyAction({ key: '+', metaKey: true, shiftKey: true }, idle)).toEqual({ kind: 'font', delta: 2 });
    expect(presenterKeyAction({ key: '-', ctrlKey: true }, idle)).toEqual({ kind: 'font', delta: -2 });
    expect(presenterKeyAction({ key: '0', ctrlKey: true }, idle)).toEqual({ kind: 'font-reset' });
    expect(presenterKeyAction({ key: '[' }, idle)).toEqual({ kind: 'font', delta: -2 });
    expect(presenterKeyAction({ key: ']' }, idle)).toEqual({ kind: 'font', delta: 2 });
  });

  it('has keys for search, the timer, undo/redo and closing', () => {
    expect(presenterKeyAction({ key: '/' }, idle)).toEqual({ kind: 'search' });
    expect(presenterKeyAction({ key: 'f', ctrlKey: true }, idle)).toEqual({ kind: 'search' });
    expect(presenterKeyAction({ key: 'f' }, idle)).toEqual({ kind: 'fullscreen' });
    expect(presenterKeyAction({ key: 't' }, idle)).toEqual({ kind: 'timer-toggle' });
    expect(presenterKeyAction({ key: 'r' }, idle)).toEqual({ kind: 'timer-reset' });
    expect(presenterKeyAction({ key: 'z', ctrlKey: true }, idle)).toEqual({ kind: 'undo' });
    expect(presenterKeyAction({ key: 'Z', ctrlKey: true, shiftKey: true }, idle)).toEqual({ kind: 'redo' });
    expect(presenterKeyAction({ key: 'y', ctrlKey: true }, idle)).toEqual({ kind: 'redo' });
    expect(presenterKeyAction({ key: 'p' }, idle)).toEqual({ kind: 'close' });
  });
});
