/**
 * Assembles one app instance's services (deck store, app state, PDF jobs) and its
 * API handlers. Electron and browser mode differ only in the folders they pass
 * and in whether a native shell exists.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createApiHandlers, type ApiContext, type ApiHandlers } from './api-handlers';
import { createAppStateStore } from './app-state';
import type { ExportJobs, NativeShell } from './contracts';
import { createDeckStore } from './deck-store';
import { createDeckPoller, createDeckWatcher } from './deck-watcher';
import { appVersion, bundledDecksDir, defaultDeckPath } from './paths';
import { createExportJobs } from './pdf/export-jobs';

export interface ServiceOptions {
  transport: 'electron' | 'http';
  /** Where working copies and new decks go. */
  decksDir: string;
  /** The app-state JSON file. */
  statePath: string;
  /** Where browser mode writes PDFs. */
  exportsDir: string;
  startupPath?: string;
  shell?: NativeShell;
  downloadUrl?: (jobId: string, ext: 'pdf' | 'pptx') => string;
  /** How to choose another data folder, told when it cannot be written (browser mode: `--data-dir`). */
  readOnlyDataAdvice?: string;
  /** Read the startup deck at once, before a window asks for it (see ApiContext). */
  prefetchStartupDeck?: boolean;
  /**
   * Warm the export worker at idle moments (the app hosts; tests leave it off): WARM_AFTER_DECK_MS
   * after the window has its first deck, or at once when the export dialog opens, whichever is first.
   */
  warmExports?: boolean;
}

/**
 * How long after the renderer has fetched its startup deck the export worker starts warming
 * up: after the first slide has been painted (~0.3 s) and the renderer's deferred parts have
 * loaded (1.5 s plus an idle moment, src-renderer/lib/lazy-parts.ts), so it competes with neither.
 */
export const WARM_AFTER_DECK_MS = 2500;

export interface Services {
  context: ApiContext;
  handlers: ApiHandlers;
  /** Waits for pending deck and state writes (before quitting). */
  flush(): Promise<void>;
  /** Folders that could not be created (a read-only data folder): the app runs, read-only. */
  unwritable: { dir: string; code: string }[];
  /** Stops watching deck files and answers waiting `watchDeck` polls (before quitting). */
  stopWatching(): void;
}

/** Creates the folders it needs, loads app state and builds the API handlers. */
export async function createServices(opts: ServiceOptions): Promise<Services> {
  // A read-only data folder is no reason not to present: decks still open; saves then say why they cannot.
  const unwritable: { dir: string; code: string }[] = [];
  await Promise.all(
    [opts.decksDir, path.dirname(opts.statePath), opts.exportsDir].map((dir) =>
      mkdir(dir, { recursive: true }).catch((err: NodeJS.ErrnoException) => void unwritable.push({ dir, code: err.code ?? 'EIO' })),
    ),
  );
  const store = createDeckStore({
    bundledDir: bundledDecksDir(),
    decksDir: opts.decksDir,
    defaultDeckPath: defaultDeckPath(),
    readOnlyDataAdvice: opts.readOnlyDataAdvice,
  });
  const state = await createAppStateStore(opts.statePath);
  const watcher = createDeckWatcher({ store });
  const poller = createDeckPoller({ store, watcher });
  const exports = createExportJobs();
  const context: ApiContext = {
    transport: opts.transport,
    version: appVersion(),
    store,
    state,
    exports,
    decksDir: opts.decksDir,
    exportsDir: opts.exportsDir,
    defaultDeckPath: defaultDeckPath(),
    startupPath: opts.startupPath,
    shell: opts.shell,
    downloadUrl: opts.downloadUrl,
    poller,
    prefetchStartupDeck: opts.prefetchStartupDeck,
  };
  const handlers = createApiHandlers(context);
  if (opts.warmExports) warmAtIdleMoments(handlers, exports);
  return {
    context,
    handlers,
    unwritable,
    stopWatching: () => {
      poller.close();
      watcher.close();
      // Quitting: the warm export worker goes too (idle, it would not hold the process up anyway).
      void exports.close();
    },
    flush: async () => {
      await store.flush();
      await state.flush();
    },
  };
}

/**
 * Starts the warm export worker at an idle moment: a while after the window has
 * fetched its startup deck (its first slide is up by then), or when the export
 * dialog opens (it asks for the last options first), whichever comes first.
 */
function warmAtIdleMoments(handlers: ApiHandlers, exports: ExportJobs): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const warmSoon = () => {
    if (timer) return;
    timer = setTimeout(() => exports.warm?.(), WARM_AFTER_DECK_MS);
    timer.unref();
  };
  const warmNow = () => exports.warm?.();
  const { startupDeck, lastExportOptions, previewExport } = handlers;
  handlers.startupDeck = (...args) => startupDeck(...args).finally(warmSoon);
  handlers.lastExportOptions = (...args) => {
    warmNow();
    return lastExportOptions(...args);
  };
  handlers.previewExport = (...args) => {
    warmNow();
    return previewExport(...args);
  };
}
