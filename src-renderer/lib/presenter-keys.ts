/**
 * The presenter window's keys: the audience's keys move the room (same mapping,
 * `keyToAction`), plus private look-ahead, the timer, note size and search. Pure:
 * an event in, an action out.
 */
import type { AppCommand } from '../../src-shared/api';
import { keyToAction, type KeyAction, type KeyInput } from './keyboard';

export type PresenterAction =
  | KeyAction
  /** Look ahead (or back) privately by one slide: the room does not move. */
  | { kind: 'peek'; delta: 1 | -1 }
  /** Show the previewed slide to the room. */
  | { kind: 'show-preview' }
  /** Stop previewing: back to what the room sees. */
  | { kind: 'back-to-current' }
  /** The private overview (look ahead at all slides). */
  | { kind: 'private-overview' }
  /** The overview for the room, as O does in the audience window. */
  | { kind: 'room-overview' }
  | { kind: 'search' }
  | { kind: 'font'; delta: number }
  | { kind: 'font-reset' }
  | { kind: 'timer-toggle' }
  | { kind: 'timer-reset' }
  | { kind: 'focus-notes' }
  | { kind: 'close' };

export interface PresenterKeyContext {
  /** Digits typed so far for "number then Enter". */
  pending: string;
  /** True while a slide other than the room's is shown. */
  previewing: boolean;
}

export const FONT_STEP = 2;
export const DEFAULT_NOTES_FONT_SIZE = 28;

/** Maps a key press in the presenter window to an action. */
export function presenterKeyAction(input: KeyInput, ctx: PresenterKeyContext): PresenterAction {
  const mod = input.ctrlKey || input.metaKey;
  const key = input.key;
  if (mod && !input.altKey) {
    if (key === '-' || key === '_') return { kind: 'font', delta: -FONT_STEP };
    if (key === '=' || key === '+') return { kind: 'font', delta: FONT_STEP };
    if (key === '0') return { kind: 'font-reset' };
    if (key.toLowerCase() === 'f') return { kind: 'search' };
    return keyToAction(input, ctx.pending);
  }
  if (input.altKey && !mod) {
    if (key === 'ArrowRight' || key === 'ArrowDown') return { kind: 'peek', delta: 1 };
    if (key === 'ArrowLeft' || key === 'ArrowUp') return { kind: 'peek', delta: -1 };
    return { kind: 'none' };
  }
  switch (key) {
    case 'j':
    case 'J':
      return { kind: 'peek', delta: 1 };
    case 'k':
    case 'K':
      return { kind: 'peek', delta: -1 };
    case '/':
      return { kind: 'search' };
    case '[':
      return { kind: 'font', delta: -FONT_STEP };
    case ']':
      return { kind: 'font', delta: FONT_STEP };
    case 't':
    case 'T':
      return { kind: 'timer-toggle' };
    case 'r':
    case 'R':
      return { kind: 'timer-reset' };
    case 'o':
    case 'O':
      return input.shiftKey ? { kind: 'room-overview' } : { kind: 'private-overview' };
    case 'p':
    case 'P':
      return { kind: 'close' };
    case 'e':
    case 'E':
      return { kind: 'focus-notes' };
    case 'Escape':
      return ctx.previewing ? { kind: 'back-to-current' } : { kind: 'none' };
    case 'Enter':
      if (ctx.previewing && !ctx.pending) return { kind: 'show-preview' };
      break;
  }
  return keyToAction(input, ctx.pending);
}

/** The presenter window's keys, as its help lists them. */
export const PRESENTER_SHORTCUTS: ReadonlyArray<{
  keys: string;
  action: string;
}> = [
  {
    keys: '→  Space  PageDown  Enter',
    action: 'Next slide (the room follows)',
  },
  { keys: '←  PageUp  Backspace', action: 'Previous slide (the room follows)' },
  { keys: 'Home  /  End', action: 'First / last slide' },
  { keys: 'number, then Enter', action: 'Go to that slide' },
  {
    keys: 'J  /  K   or  Alt + →  /  Alt + ←',
    action: 'Look ahead / back privately (the room stays)',
  },
  { keys: 'O', action: 'Look ahead: all slides (private)' },
  {
    keys: '/   or  Ctrl/⌘ + F',
    action: 'Search titles and talking points (private)',
  },
  { keys: 'Enter  (while previewing)', action: 'Show this slide to the room' },
  { keys: 'Esc  (while previewing)', action: 'Back to the room’s slide' },
  { keys: 'Shift + O', action: 'Overview for the room' },
  { keys: 'B  or  .', action: 'Black screen for the room' },
  { keys: 'T', action: 'Start / pause / resume the timer' },
  { keys: 'R', action: 'Reset the timer' },
  {
    keys: '[  ]   or  Ctrl/⌘ + −  /  +',
    action: 'Smaller / larger talking points (Ctrl/⌘ + 0: default)',
  },
  { keys: 'E', action: 'Edit the talking points (Esc leaves the text box)' },
  {
    keys: 'Ctrl/⌘ + Z  /  Shift + Ctrl/⌘ + Z  or  Ctrl + Y',
    action: 'Undo / redo an edit',
  },
  { keys: 'F', action: 'Full screen' },
  { keys: 'P', action: 'Close the presenter view' },
  { keys: '?', action: 'This help' },
];

/**
 * Menu commands sent to a focused presenter window, as its own keys would do them
 * (the View menu's Overview is the private one here; Edit Panel puts the cursor in
 * the notes). File commands are handled by the view itself.
 */
export const PRESENTER_COMMANDS: Partial<Record<AppCommand, PresenterAction>> = {
  next: { kind: 'next' },
  previous: { kind: 'previous' },
  first: { kind: 'first' },
  last: { kind: 'last' },
  overview: { kind: 'private-overview' },
  fullscreen: { kind: 'fullscreen' },
  blackout: { kind: 'blackout' },
  help: { kind: 'help' },
  'edit-panel': { kind: 'focus-notes' },
  'export-pdf': { kind: 'export' },
  undo: { kind: 'undo' },
  redo: { kind: 'redo' },
  presenter: { kind: 'close' },
};
