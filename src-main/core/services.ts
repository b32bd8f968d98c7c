/**
 * Assembles one app instance's services (deck store, app state, PDF jobs) and its
 * API handlers. Electron and browser mode differ only in the folders they pass
 * and in whether a native shell exists.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createApiHandlers, type ApiContext, type ApiHandlers } from './api-handlers';
import { createAppStateStore } from './app-state';
import type { NativeShell } from './contracts';
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
}

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
  const context: ApiContext = {
    transport: opts.transport,
    version: appVersion(),
    store,
    state,
    exports: createExportJobs(),
    decksDir: opts.decksDir,
    exportsDir: opts.exportsDir,
    defaultDeckPath: defaultDeckPath(),
    startupPath: opts.startupPath,
    shell: opts.shell,
    downloadUrl: opts.downloadUrl,
    poller,
    prefetchStartupDeck: opts.prefetchStartupDeck,
  };
  return {
    context,
    handlers: createApiHandlers(context),
    unwritable,
    stopWatching: () => {
      poller.close();
      watcher.close();
    },
    flush: async () => {
      await store.flush();
      await state.flush();
    },
  };
}
