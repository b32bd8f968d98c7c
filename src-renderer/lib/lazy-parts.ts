/**
 * Parts of the window that the first slide does not need, each in its own chunk:
 * the edit panel (with the spreadsheet parser), the dialogs and the presenter view.
 * A part is loaded when it is first opened, or in idle time once the first slide is
 * on screen (`preloadParts`), so opening it later does not wait for the network or
 * the parser.
 */

/** A loader that imports once; a failed import (a damaged install) may be retried. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((err: unknown) => {
      pending = undefined;
      throw err;
    }));
}

export const loadEditPanel = once(() => import('../components/EditPanel.svelte'));
export const loadExportDialog = once(() => import('../components/ExportDialog.svelte'));
export const loadFileMenu = once(() => import('../components/FileMenu.svelte'));
export const loadNewDeckDialog = once(() => import('../components/NewDeckDialog.svelte'));
export const loadConflictDialog = once(() => import('../components/ConflictDialog.svelte'));
export const loadImportWarnings = once(() => import('../components/ImportWarnings.svelte'));
export const loadPresenterView = once(() => import('../components/presenter/PresenterView.svelte'));

/** How long after the first slide the deferred parts start loading. */
const PRELOAD_DELAY_MS = 1500;

const AUDIENCE_PARTS = [loadEditPanel, loadExportDialog, loadFileMenu, loadNewDeckDialog, loadConflictDialog, loadImportWarnings];

/**
 * Loads the audience window's deferred parts when the browser is idle after the first
 * slide has been painted: they are parsed off the first slide's critical path.
 */
export function preloadParts(): void {
  const idle = (run: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: 2000 }) : setTimeout(run, 200));
  // Well after the first slide's chart (it is drawn a frame or two after the deck arrives):
  // parsing these chunks must not delay that frame.
  setTimeout(
    () =>
      idle(() => {
        for (const load of AUDIENCE_PARTS) load().catch(() => undefined);
      }),
    PRELOAD_DELAY_MS,
  );
}
