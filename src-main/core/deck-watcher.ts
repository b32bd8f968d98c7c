/**
 * Watches open deck files for writes by other programs (a text editor, a sync client)
 * and serves the renderer's long poll `watchDeck`.
 *
 * Each file is watched through its folder (`fs.watch` on the directory): editors and
 * this app replace a file by renaming a temp file over it, which a watch on the file's
 * own inode would miss. An event is only a hint; what counts is the content hash:
 * a change is foreign when the bytes on disk hash to a revision other than the one
 * the store last read or wrote there, so the app's own saves are never reported.
 */
import { watch, type FSWatcher } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DeckChange, DeckId, Revision } from '../../src-shared/api';
import type { DeckStore } from './contracts';
import { revisionOf } from './deck-store';

/** Called with the new revision (null: the file is gone) after a foreign change. */
export type ForeignChangeListener = (revision: Revision | null) => void;

export interface DeckWatcherOptions {
  /** Whose writes are our own: `knownRevision(file)` is what the store last read or wrote. */
  store: Pick<DeckStore, 'knownRevision'>;
  /** A file nobody listens to any more is unwatched after this long (ms). */
  idleMs?: number;
  /** Events come in bursts (temp file, rename, chmod): settle this long before hashing (ms). */
  settleMs?: number;
}

export interface DeckWatcher {
  /** Listens for foreign changes to `file`; returns the function that stops listening. */
  watch(file: string, listener: ForeignChangeListener): () => void;
  /** Files being watched now (for tests and diagnostics). */
  watching(): string[];
  /** Stops every watch. */
  close(): void;
}

interface Entry {
  fsWatcher: FSWatcher | null;
  listeners: Set<ForeignChangeListener>;
  settle?: ReturnType<typeof setTimeout>;
  idle?: ReturnType<typeof setTimeout>;
  /** The last revision reported, so one change is reported once. */
  reported?: Revision | null;
}

/** The revision of the bytes at `file` now, or null when it is gone or unreadable. */
async function revisionAt(file: string): Promise<Revision | null> {
  try {
    return revisionOf(await fs.readFile(file));
  } catch {
    return null;
  }
}

/** Creates a watcher; it watches nothing until asked to. Timers and watches never keep the process alive. */
export function createDeckWatcher(opts: DeckWatcherOptions): DeckWatcher {
  const idleMs = opts.idleMs ?? 60_000;
  const settleMs = opts.settleMs ?? 60;
  const entries = new Map<string, Entry>();

  const stop = (file: string) => {
    const entry = entries.get(file);
    if (!entry) return;
    clearTimeout(entry.settle);
    clearTimeout(entry.idle);
    entry.fsWatcher?.close();
    entries.delete(file);
  };

  const check = async (file: string, entry: Entry) => {
    const revision = await revisionAt(file);
    if (entries.get(file) !== entry) return;
    const ours = revision !== null && revision === opts.store.knownRevision(file);
    if (ours || revision === entry.reported) return;
    if (revision === null && opts.store.knownRevision(file) === undefined) return;
    entry.reported = revision;
    for (const listener of [...entry.listeners]) listener(revision);
  };

  const start = (file: string): Entry => {
    const entry: Entry = { fsWatcher: null, listeners: new Set() };
    const name = path.basename(file);
    revisionAt(file).then(
      (r) => entry.reported === undefined && (entry.reported = r),
      () => {},
    );
    try {
      entry.fsWatcher = watch(path.dirname(file), { persistent: false }, (_event, changed) => {
        if (changed !== null && changed.toString() !== name) return;
        clearTimeout(entry.settle);
        entry.settle = setTimeout(() => void check(file, entry), settleMs);
        entry.settle.unref?.();
      });
      // A folder that disappears (unmounted, deleted) ends the watch; the next poll starts a new one.
      entry.fsWatcher.on('error', () => stop(file));
    } catch {
      // Nothing to watch (the folder is gone): long polls still compare revisions when they start.
    }
    entries.set(file, entry);
    return entry;
  };

  return {
    watch(file, listener) {
      const entry = entries.get(file) ?? start(file);
      clearTimeout(entry.idle);
      entry.listeners.add(listener);
      return () => {
        entry.listeners.delete(listener);
        if (entry.listeners.size || entries.get(file) !== entry) return;
        entry.idle = setTimeout(() => stop(file), idleMs);
        entry.idle.unref?.();
      };
    },
    watching: () => [...entries.keys()],
    close() {
      for (const file of [...entries.keys()]) stop(file);
    },
  };
}

export interface DeckPollerOptions {
  store: Pick<DeckStore, 'pathForId' | 'current' | 'revisionNow' | 'onWrite'>;
  watcher: DeckWatcher;
  /** How long one poll waits before answering "no change" (ms). */
  timeoutMs?: number;
}

export interface DeckPoller {
  /** Resolves with what is on disk once it differs from `revision`, or null after the timeout. */
  wait(id: DeckId, file: string, revision: Revision | null): Promise<DeckChange | null>;
  /** Answers every waiting poll with null (shutdown). */
  close(): void;
}

/**
 * The long poll behind `watchDeck`. It wakes on a foreign change (the watcher) and on
 * the store's own writes (another window or browser profile saved), and answers only
 * when the revision on disk differs from the one the client named.
 */
export function createDeckPoller(opts: DeckPollerOptions): DeckPoller {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const closers = new Set<() => void>();
  let closed = false;

  return {
    async wait(id, file, revision) {
      if (closed) return null;
      const differs = async (): Promise<DeckChange | null> => {
        if ((await opts.store.revisionNow(id)) === revision) return null;
        const now = await opts.store.current(id);
        return now.revision === revision ? null : now;
      };
      const first = await differs();
      if (first) return first;
      return new Promise<DeckChange | null>((resolve) => {
        let checking = Promise.resolve();
        const finish = (value: DeckChange | null) => {
          clearTimeout(timer);
          unwatch();
          unwrite();
          closers.delete(close);
          resolve(value);
        };
        const recheck = () => {
          checking = checking.then(async () => {
            const change = await differs().catch(() => null);
            if (change) finish(change);
          });
        };
        const close = () => finish(null);
        const timer = setTimeout(close, timeoutMs);
        timer.unref?.();
        const unwatch = opts.watcher.watch(file, recheck);
        const unwrite = opts.store.onWrite((written) => written === file && recheck());
        closers.add(close);
      });
    },
    close() {
      closed = true;
      for (const close of [...closers]) close();
    },
  };
}
