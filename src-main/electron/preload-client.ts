/**
 * The object the preload puts on `window.briefing`: one typed function per API
 * method, each bound to its own channel, plus `onCommand` and `transport`. The page
 * gets no `ipcRenderer`, no generic invoke and no way to name a channel. No
 * `electron` import here (the preload passes the two IPC primitives in), so plain
 * Node tests cover it.
 */
import {
  APP_COMMANDS,
  CHANNELS,
  COMMAND_CHANNEL,
  type ApiMethod,
  type AppCommand,
  type BriefingApi,
  type BriefingClient,
} from '../../src-shared/api';

/** The two IPC primitives the client is built on. */
export interface IpcPort {
  invoke(channel: string, args: unknown[]): Promise<unknown>;
  /** Subscribes to a main → renderer channel; returns an unsubscribe function. */
  subscribe(channel: string, listener: (value: unknown) => void): () => void;
}

/** True for the commands the renderer understands; anything else from the channel is dropped. */
export const isAppCommand = (value: unknown): value is AppCommand => typeof value === 'string' && (APP_COMMANDS as readonly string[]).includes(value);

/** Unwraps the `{ result } | { error }` envelope, rethrowing errors as real `Error`s. */
function unwrap(reply: unknown): unknown {
  if (reply !== null && typeof reply === 'object') {
    if ('error' in reply) throw new Error(typeof reply.error === 'string' ? reply.error : 'the request failed');
    if ('result' in reply) return reply.result;
  }
  throw new Error('the app sent a reply it does not understand');
}

export interface IpcClientOptions {
  /**
   * Ask main for the startup deck now, as the preload runs, instead of once the page's
   * scripts have loaded: the page's first `startupDeck()` takes this call's answer (every
   * window asks for it first thing, lib/early-start.ts); later calls ask afresh.
   */
  startupDeckEarly?: boolean;
}

/** Builds the client on top of an IPC port. */
export function createIpcClient(port: IpcPort, options: IpcClientOptions = {}): BriefingClient {
  const call = <M extends ApiMethod>(method: M, ...args: Parameters<BriefingApi[M]>): ReturnType<BriefingApi[M]> =>
    port.invoke(CHANNELS[method], args).then(unwrap) as ReturnType<BriefingApi[M]>;
  let earlyStartupDeck = options.startupDeckEarly ? call('startupDeck') : undefined;
  // The page handles its error when it takes the answer; until then a failure is not "unhandled".
  earlyStartupDeck?.catch(() => undefined);

  return {
    transport: 'electron',
    startupDeck: () => {
      const early = earlyStartupDeck;
      earlyStartupDeck = undefined;
      return early ?? call('startupDeck');
    },
    appSnapshot: () => call('appSnapshot'),
    openDeck: (id) => call('openDeck', id),
    openBackup: (id) => call('openBackup', id),
    importDeck: (name, text) => call('importDeck', name, text),
    openDeckDialog: () => call('openDeckDialog'),
    newFromDefault: () => call('newFromDefault'),
    newFromTemplate: (template, title) => call('newFromTemplate', template, title),
    importMarkdown: (name, text) => call('importMarkdown', name, text),
    saveDeck: (id, deck, baseRevision) => call('saveDeck', id, deck, baseRevision),
    watchDeck: (id, revision) => call('watchDeck', id, revision),
    resolveConflict: (id, choice, mine, theirRevision) => call('resolveConflict', id, choice, mine, theirRevision),
    saveDeckAs: (id, deck, name) => call('saveDeckAs', id, deck, name),
    setPrefs: (prefs) => call('setPrefs', prefs),
    setLastSlide: (id, index) => call('setLastSlide', id, index),
    startExport: (id, deck, options) => call('startExport', id, deck, options),
    exportStatus: (jobId) => call('exportStatus', jobId),
    previewExport: (id, deck, options) => call('previewExport', id, deck, options),
    lastExportOptions: (id) => call('lastExportOptions', id),
    cancelExport: (jobId) => call('cancelExport', jobId),
    revealExport: (jobId, how) => call('revealExport', jobId, how),
    loadImage: (id, src) => call('loadImage', id, src),
    onCommand(listener) {
      if (typeof listener !== 'function') throw new TypeError('onCommand needs a function');
      return port.subscribe(COMMAND_CHANNEL, (value) => {
        if (isAppCommand(value)) listener(value);
      });
    },
  };
}
