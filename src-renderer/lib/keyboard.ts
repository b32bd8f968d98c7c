/**
 * Presentation keys, as reveal.js and PowerPoint users know them (clickers send
 * PageUp/PageDown). Pure: a key event in, an action out, so it is unit-tested
 * without a DOM and the presenter view reuses it.
 */
export type KeyAction =
  | { kind: 'next' }
  | { kind: 'previous' }
  | { kind: 'first' }
  | { kind: 'last' }
  | { kind: 'jump'; slide: number }
  | { kind: 'digit'; digits: string }
  | { kind: 'overview' }
  | { kind: 'escape' }
  | { kind: 'fullscreen' }
  | { kind: 'blackout' }
  | { kind: 'help' }
  | { kind: 'presenter' }
  | { kind: 'edit-panel' }
  | { kind: 'export' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'add-slide' }
  | { kind: 'duplicate-slide' }
  | { kind: 'move-up' }
  | { kind: 'move-down' }
  | { kind: 'hide-slide' }
  | { kind: 'new-deck' }
  | { kind: 'none' };

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
}

/**
 * Maps a key to an action. `pending` holds digits typed so far: digits then Enter
 * jump to that slide (1-based), any other key drops them.
 */
export function keyToAction(input: KeyInput, pending: string): KeyAction {
  const mod = input.ctrlKey || input.metaKey;
  const key = input.key;
  if (mod && !input.altKey) {
    const lower = key.toLowerCase();
    if (lower === 'z') return input.shiftKey ? { kind: 'redo' } : { kind: 'undo' };
    if (lower === 'y') return { kind: 'redo' };
    if (lower === 'e') return { kind: 'export' };
    if (lower === 'm') return { kind: 'add-slide' };
    if (lower === 'd') return { kind: 'duplicate-slide' };
    if (lower === 'n' && !input.shiftKey) return { kind: 'new-deck' };
    return { kind: 'none' };
  }
  if (input.altKey && !mod && !input.shiftKey) {
    if (key === 'ArrowUp') return { kind: 'move-up' };
    if (key === 'ArrowDown') return { kind: 'move-down' };
  }
  if (input.altKey) return { kind: 'none' };
  if (/^[0-9]$/.test(key)) return { kind: 'digit', digits: (pending + key).slice(-6) };
  switch (key) {
    case 'Enter':
      if (pending) return { kind: 'jump', slide: Number(pending) };
      return { kind: 'next' };
    case 'ArrowRight':
    case 'ArrowDown':
    case ' ':
    case 'PageDown':
    case 'n':
      return { kind: 'next' };
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
    case 'Backspace':
      return { kind: 'previous' };
    case 'Home':
      return { kind: 'first' };
    case 'End':
      return { kind: 'last' };
    case 'o':
    case 'O':
      return { kind: 'overview' };
    case 'Escape':
      return { kind: 'escape' };
    case 'f':
    case 'F':
      return { kind: 'fullscreen' };
    case 'b':
    case 'B':
    case '.':
      return { kind: 'blackout' };
    case '?':
      return { kind: 'help' };
    case 'p':
    case 'P':
      return { kind: 'presenter' };
    case 'e':
    case 'E':
      return { kind: 'edit-panel' };
    case 'h':
    case 'H':
      return { kind: 'hide-slide' };
    default:
      return { kind: 'none' };
  }
}

/** True when a key belongs to a text field, so it types rather than steps through slides. */
export function isTypingTarget(target: EventTarget | null): target is HTMLElement {
  return target instanceof HTMLElement && target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/** The shortcuts as the help overlay lists them. */
export const SHORTCUTS: ReadonlyArray<{ keys: string; action: string }> = [
  { keys: '→  Space  PageDown  Enter', action: 'Next slide' },
  { keys: '←  PageUp  Backspace', action: 'Previous slide' },
  { keys: 'Home  /  End', action: 'First / last slide' },
  { keys: 'number, then Enter', action: 'Jump to that slide' },
  { keys: 'O  or  Esc', action: 'Overview of all slides' },
  { keys: 'F', action: 'Full screen' },
  { keys: 'B  or  .', action: 'Black screen' },
  { keys: 'P', action: 'Presenter view' },
  { keys: 'E', action: 'Edit panel' },
  { keys: 'Ctrl/⌘ + E', action: 'Export PDF handout' },
  { keys: 'Ctrl/⌘ + Z  /  Shift + Ctrl/⌘ + Z', action: 'Undo / redo an edit or a slide change' },
  { keys: 'Ctrl/⌘ + N', action: 'New deck from a template' },
  { keys: 'Ctrl/⌘ + M', action: 'Add a slide after this one (pick a layout)' },
  { keys: 'Ctrl/⌘ + D', action: 'Duplicate this slide' },
  { keys: 'Alt + ↑  /  Alt + ↓', action: 'Move this slide earlier / later' },
  { keys: 'H', action: 'Hide or show this slide (skipped when presenting)' },
  { keys: 'In the overview: drag, Alt + arrows', action: 'Move a slide' },
  { keys: 'In the overview: Delete', action: 'Delete the focused slide (undo with Ctrl/⌘ + Z)' },
  { keys: '?', action: 'This help' },
];
