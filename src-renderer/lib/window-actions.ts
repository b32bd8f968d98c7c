/** What both windows do the same way: full screen, and never closing over an unsaved edit. */
import type { DeckEditor } from './deck-editor.svelte';

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
