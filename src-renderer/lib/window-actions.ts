/** What both windows do the same way: full screen, and never closing over an unsaved edit. */
import type { DeckEditor, SaveState } from './deck-editor.svelte';

/** Toggles full screen for this window (refused quietly where the browser does not allow it). */
export function toggleFullscreen(doc: Document = document): void {
  if (doc.fullscreenElement) void doc.exitFullscreen();
  else void doc.documentElement.requestFullscreen?.().catch(() => {});
}

/**
 * For `beforeunload`: with an edit not yet on disk, save at once and ask to wait
 * (Electron's main process then waits for the save before closing the window).
 */
export function holdForUnsavedEdits(editor: DeckEditor, event: BeforeUnloadEvent): void {
  if (!editor.unsaved) return;
  void editor.flush();
  event.preventDefault();
}

/**
 * Whether this window should listen for `beforeunload`: from its first edit on (or while
 * a save fails or a conflict waits). A page without the listener navigates, reloads and
 * closes without a round trip to ask it first, and can enter the back/forward cache;
 * before any edit there is nothing for it to hold.
 */
export function needsUnloadGuard(state: SaveState): boolean {
  return state.kind !== 'saved' || state.at !== null;
}

/** For an `$effect`: listens for `beforeunload` while `needsUnloadGuard` says so; returns the cleanup. */
export function guardUnsavedEdits(editor: DeckEditor, target: Window = window): (() => void) | undefined {
  if (!needsUnloadGuard(editor.saveState)) return undefined;
  const hold = (event: BeforeUnloadEvent) => holdForUnsavedEdits(editor, event);
  target.addEventListener('beforeunload', hold);
  return () => target.removeEventListener('beforeunload', hold);
}
