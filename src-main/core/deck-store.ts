/**
 * Deck files on disk. Main alone knows paths: the renderer gets a DeckId, a short
 * hash of the file's real path, so the same file has the same id after a restart.
 *
 * What this guarantees (see docs/storage.md):
 * - a bad file is reported, never thrown at the user, and never overwritten;
 * - every save is atomic and keeps the previous version as `<file>.bak`;
 * - bundled decks are never written: their first save makes a working copy;
 * - saves to one file are serialised and coalesced, the newest edit winning.
 */
import { createHash } from 'node:crypto';
import { accessSync, constants as fsConstants, lstatSync, mkdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ConflictChoice, ConflictResolved, DeckChange, DeckId, DeckInfo, Revision, SaveConflict, SaveResult } from '../../src-shared/api';
import { LIMITS, type Deck } from '../../src-shared/deck-schema';
import { formatProblems, jsonDepthExceeds, parseDeckText, utf8Length, validateDeck, type DeckProblem } from '../../src-shared/deck-validate';
import { asidePathFor, backupPathOf, copyDurably, exists, isNotFound, removeStaleTemps, writeAtomic } from './atomic-file';
import type { DeckStore, StoreOpenResult } from './contracts';
import { parseDeckBytes, readDeckFileBytes } from './deck-file';

export interface DeckStoreOptions {
  /** The app's own decks: read-only. */
  bundledDir: string;
  /** Where working copies, imported decks and new decks go. */
  decksDir: string;
  /** The briefing that "New from default" copies. */
  defaultDeckPath: string;
  /**
   * What to tell the user when the decks folder cannot be written, e.g. browser mode's
   * "Start briefing serve with --data-dir DIR …". Default: use Save As… elsewhere.
   */
  readOnlyDataAdvice?: string;
}

export const DECK_SUFFIX = '.briefing.json';
const MAX_NAME_CHARS = 100;
// ext4 and most file systems allow 255 bytes per name; leave room for "-N" and ".bak.tmp".
const MAX_NAME_BYTES = 200;
const NEW_DECK_NAME = `untitled-briefing${DECK_SUFFIX}`;
const MB = 1024 * 1024;

type ReadResult =
  | { ok: true; deck: Deck; text: string; signature: string; revision: Revision }
  | { ok: false; problems: DeckProblem[]; signature?: string; revision?: Revision };
/** What is on disk before a write: its revision (null when missing) and whether it is a valid deck. */
type DiskState = { kind: 'missing'; revision: null } | { kind: 'valid'; revision: Revision } | { kind: 'invalid'; revision: Revision; problems: DeckProblem[] };
/** How a queued write ended: written (with the new revision) or refused as a conflict. */
type WriteOutcome = { written: true; revision: Revision } | { written: false; conflict: SaveConflict };
interface Waiter {
  resolve: (outcome: WriteOutcome) => void;
  reject: (err: unknown) => void;
}
/**
 * One queued write. `base` undefined: unconditional (the store's own new files); a
 * revision or null: compare-and-swap, checked right before the write. `before` runs
 * after the check passed (keep-mine copies theirs aside there).
 */
interface WriteJob {
  text: string;
  base?: Revision | null;
  before?: (current: DiskState) => Promise<void>;
  waiters: Waiter[];
}
/** One file's writes: one running at a time, in order; unconditional pending writes coalesce. */
interface WriteQueue {
  busy: boolean;
  jobs: WriteJob[];
}
/** Told after every write the store makes, so long polls waiting on that file wake up. */
export type WriteListener = (file: string, revision: Revision) => void;

/** Creates the store; it touches the disk only when asked to open or save. */
export function createDeckStore(opts: DeckStoreOptions): DeckStore {
  return new FileDeckStore(opts);
}

/**
 * Turns a name the user typed (or a dropped file's name) into a safe file name in
 * the decks folder: no separators, no `..`, no control or bidi characters, no
 * Windows-reserved names, at most 100 characters, ending in `.briefing.json`.
 */
export function sanitizeDeckFileName(name: string): string {
  let stem = String(name)
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[/\\:*?"<>|]/g, '-')
    .replace(/\.{2,}/g, '.');
  for (let before = ''; before !== stem; ) {
    before = stem;
    stem = stem.replace(/\.briefing\.json$|\.json$/i, '').replace(/^[\s.-]+|[\s.]+$/g, '');
  }
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(stem)) stem = `_${stem}`;
  const chars = Array.from(stem);
  while (chars.length && (chars.length + DECK_SUFFIX.length > MAX_NAME_CHARS || utf8Length(chars.join('')) + DECK_SUFFIX.length > MAX_NAME_BYTES)) {
    chars.pop();
  }
  stem = chars.join('').replace(/[\s.]+$/, '');
  return `${stem || 'untitled-briefing'}${DECK_SUFFIX}`;
}

/** The file behind a path, with symlinks resolved (the part that exists, for a new file). */
function resolveReal(filePath: string): string {
  const abs = path.resolve(filePath);
  try {
    return realpathSync.native(abs);
  } catch {
    try {
      return path.join(realpathSync.native(path.dirname(abs)), path.basename(abs));
    } catch {
      return abs;
    }
  }
}

const idOf = (realPath: string): DeckId => createHash('sha256').update(realPath).digest('hex').slice(0, 16);
/** A deck file's revision: the first 20 hex digits of the SHA-256 of its bytes. */
export const revisionOf = (bytes: Uint8Array | string): Revision => createHash('sha256').update(bytes).digest('hex').slice(0, 20);
// A new inode on every atomic save, so this changes whenever the file is replaced.
const signatureOf = (st: Stats): string => `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;

/** Reads a deck file through the one reader (see deck-file.ts), with the signature the save path compares. */
async function readDeckFile(file: string): Promise<ReadResult> {
  const read = await readDeckFileBytes(file);
  if (!read.ok) return read;
  const signature = signatureOf(read.stats);
  const revision = revisionOf(read.bytes); // of the very bytes parsed, so a deck and its revision always match
  const parsed = parseDeckBytes(read.bytes);
  return parsed.ok ? { ok: true, deck: parsed.deck, text: parsed.text, signature, revision } : { ...parsed, signature, revision };
}

/** Validates a deck and turns it into the text saved: unknown fields kept, 2-space JSON, final newline. */
function serialiseDeck(deck: unknown): string {
  const result = validateDeck(deck);
  if (!result.ok) {
    const lines = formatProblems(result.problems);
    const more = lines.length > 3 ? ` (and ${lines.length - 3} more)` : '';
    throw new Error(`Not saved: the deck is not valid: ${lines.slice(0, 3).join('; ')}${more}`);
  }
  let text: string;
  try {
    text = `${JSON.stringify(deck, null, 2)}\n`;
  } catch (err) {
    throw new Error(`Not saved: the deck cannot be written as JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  // Unknown fields are not checked by the schema; never write a file this app would refuse to open.
  if (utf8Length(text) > LIMITS.maxBytes) throw new Error(`Not saved: the deck would be larger than ${LIMITS.maxBytes / MB} MB`);
  if (jsonDepthExceeds(text, LIMITS.maxDepth)) throw new Error(`Not saved: the deck is nested deeper than ${LIMITS.maxDepth} levels`);
  return text;
}

class FileDeckStore implements DeckStore {
  private readonly files = new Map<DeckId, string>();
  private readonly bundledDir: string;
  private decksDirReal: string | undefined;
  /** Bundled deck → its working copy, so every later save of the bundled id goes there. */
  private readonly workingCopies = new Map<string, string>();
  private readonly copiesWritten = new Set<string>();
  /** Paths handed out for new files but perhaps not written yet. */
  private readonly reserved = new Set<string>();
  /**
   * Path → (signature → revision, valid) of the version last read or written: a file
   * with the same device, inode, size and mtime need not be read again before a save.
   */
  private readonly diskCache = new Map<string, { signature: string; revision: Revision; valid: boolean }>();
  /** Path → the revision this store last read or wrote there: a change to anything else is foreign. */
  private readonly known = new Map<string, Revision>();
  private readonly writeListeners = new Set<WriteListener>();
  /** Paths whose backup was opened: the next save may replace a corrupt main file (setting it aside first). */
  private readonly restoring = new Set<string>();
  private readonly queues = new Map<string, WriteQueue>();
  private readonly cleanups = new Map<string, Promise<unknown>>();
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly opts: DeckStoreOptions) {
    this.bundledDir = resolveReal(opts.bundledDir);
  }

  idForPath(filePath: string): DeckId {
    const real = resolveReal(filePath);
    const id = idOf(real);
    this.files.set(id, real);
    return id;
  }

  pathForId(id: DeckId): string | undefined {
    return this.files.get(id);
  }

  info(id: DeckId): DeckInfo {
    const file = this.requireFile(id);
    return { id, name: path.basename(file), location: path.dirname(file), bundled: this.isBundled(file) };
  }

  async open(id: DeckId): Promise<StoreOpenResult> {
    const file = this.files.get(id);
    if (!file) return unknownDeck();
    const info = this.info(id);
    this.restoring.delete(file);
    if (!info.bundled) await this.cleanStaleTemps(file);
    const read = await this.readAndRemember(file);
    if (!read.ok) return this.failure(info, info.name, file, read.problems);
    return { ok: true, info, deck: read.deck, revision: read.revision };
  }

  /** Reads a deck file and remembers its revision as known to this store. */
  private async readAndRemember(file: string): Promise<ReadResult> {
    const read = await readDeckFile(file);
    if (read.signature && read.revision) {
      this.diskCache.set(file, { signature: read.signature, revision: read.revision, valid: read.ok });
      this.known.set(file, read.revision);
    }
    return read;
  }

  async current(id: DeckId): Promise<DeckChange> {
    const file = this.requireFile(id);
    const target = this.workingCopies.get(file) ?? file;
    if (!(await exists(target))) return { revision: null, deck: null, problems: [{ path: '', message: 'file not found' }] };
    const read = await readDeckFile(target);
    if (read.signature && read.revision) this.diskCache.set(target, { signature: read.signature, revision: read.revision, valid: read.ok });
    return read.ok ? { revision: read.revision, deck: read.deck, problems: [] } : { revision: read.revision ?? null, deck: null, problems: read.problems };
  }

  async revisionNow(id: DeckId): Promise<Revision | null> {
    const file = this.requireFile(id);
    const state = await this.checkOnDisk(this.workingCopies.get(file) ?? file);
    return state.revision;
  }

  knownRevision(file: string): Revision | undefined {
    return this.known.get(file);
  }

  onWrite(listener: WriteListener): () => void {
    this.writeListeners.add(listener);
    return () => this.writeListeners.delete(listener);
  }

  async openBackup(id: DeckId): Promise<StoreOpenResult> {
    const file = this.files.get(id);
    if (!file) return unknownDeck();
    const info = this.info(id);
    const bak = backupPathOf(file);
    const read = await readDeckFile(bak);
    if (!read.ok) return { ok: false, info, file: path.basename(bak), problems: read.problems, backupAvailable: false };
    // The deck comes back under the original id: its next save restores the main file.
    if (!info.bundled) this.restoring.add(file);
    // The base for that save is the (corrupt or missing) main file as it is now.
    const main = await this.checkOnDisk(file).catch(() => null);
    return { ok: true, info, deck: read.deck, revision: main?.revision ?? read.revision };
  }

  save(id: DeckId, deck: Deck): Promise<SaveResult>;
  save(id: DeckId, deck: Deck, baseRevision: Revision | null): Promise<SaveResult | SaveConflict>;
  async save(id: DeckId, deck: Deck, baseRevision?: Revision | null): Promise<SaveResult | SaveConflict> {
    const file = this.requireFile(id);
    const text = serialiseDeck(deck);
    let target = this.isBundled(file) || this.workingCopies.has(file) ? this.workingCopyFor(file) : file;
    // A deck the user marked read-only (mode 0444) is never written, even by root, who may write anything.
    if (target === file && isReadOnlyFile(file)) target = this.workingCopyFor(file);
    // A working copy not written yet is new: the base named the read-only original, not it.
    const baseFor = (t: string) => (t !== file && !this.copiesWritten.has(t) ? undefined : baseRevision);
    let outcome: WriteOutcome;
    try {
      outcome = await this.enqueue(target, { text, base: baseFor(target) });
    } catch (err) {
      // A deck in a folder the app may not write (a read-only share, a mounted image) gets a
      // working copy like a bundled one, rather than leaving the presenter's edits unsaved.
      if (target !== file || !READ_ONLY_CODES.has(errorCode(err)) || path.dirname(file) === this.decksFolder()) throw err;
      target = this.workingCopyFor(file);
      outcome = await this.enqueue(target, { text, base: baseFor(target) });
    }
    if (!outcome.written) return outcome.conflict;
    const workingCopyCreated = target !== file && !this.copiesWritten.has(target);
    if (workingCopyCreated) this.copiesWritten.add(target);
    return { info: this.info(this.idForPath(target)), savedAt: new Date().toISOString(), workingCopyCreated, revision: outcome.revision };
  }

  async resolveConflict(id: DeckId, choice: ConflictChoice, mine: Deck, theirRevision: Revision | null): Promise<ConflictResolved | SaveConflict> {
    const file = this.requireFile(id);
    const target = this.workingCopies.get(file) ?? file;
    if (this.isBundled(target)) throw new Error('the bundled decks are read-only');
    const text = serialiseDeck(mine);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    if (choice === 'keep-mine') {
      let copyName = '';
      // Inside the queue, after the check: theirs is copied aside, then mine replaces it.
      const outcome = await this.enqueue(target, {
        text,
        base: theirRevision,
        before: async (current) => {
          if (current.kind === 'missing') return;
          const copy = this.copyPathFor(target, 'theirs', stamp);
          await copyDurably(target, copy);
          copyName = path.basename(copy);
        },
      });
      if (!outcome.written) return outcome.conflict;
      return { copyName, deck: mine, revision: outcome.revision, info: this.info(this.idForPath(target)), savedAt: new Date().toISOString() };
    }
    // Take theirs: mine is written beside the deck, and the deck itself is left as it is.
    const now = await this.readAndRemember(target);
    if (!now.ok) return { conflict: true, theirs: null, theirRevision: now.revision ?? null, problems: now.problems };
    const copy = this.copyPathFor(target, 'mine', stamp);
    const written = await this.enqueue(copy, { text, base: null });
    if (!written.written) throw new Error(`Not saved: ${path.basename(copy)} already exists`);
    return { copyName: path.basename(copy), deck: now.deck, revision: now.revision, info: this.info(this.idForPath(target)), savedAt: new Date().toISOString() };
  }

  /** `<stem>.<who>-<time>.briefing.json` beside `file`, under a name nothing uses yet. */
  private copyPathFor(file: string, who: 'theirs' | 'mine', stamp: string): string {
    const dir = path.dirname(file);
    const base = path.basename(file);
    const ext = base.toLowerCase().endsWith(DECK_SUFFIX) ? DECK_SUFFIX : path.extname(base);
    const stem = base.slice(0, base.length - ext.length);
    for (let n = 1; ; n++) {
      const candidate = path.join(dir, `${stem}.${who}-${stamp}${n === 1 ? '' : `-${n}`}${DECK_SUFFIX}`);
      if (!this.reserved.has(candidate) && !entryExists(candidate)) {
        this.reserved.add(candidate);
        return candidate;
      }
    }
  }

  async saveAs(id: DeckId, deck: Deck, name: string, targetPath?: string): Promise<SaveResult> {
    this.requireFile(id);
    const text = serialiseDeck(deck);
    const target = targetPath === undefined ? this.freePath(sanitizeDeckFileName(name)) : this.checkTarget(targetPath);
    const outcome = await this.enqueue(target, { text });
    if (!outcome.written) throw new Error('Not saved: the file changed while saving');
    return { info: this.info(this.idForPath(target)), savedAt: new Date().toISOString(), workingCopyCreated: false, revision: outcome.revision };
  }

  async importText(name: string, text: string): Promise<StoreOpenResult> {
    const file = displayName(name);
    if (typeof text !== 'string') return { ok: false, info: null, file, problems: [{ path: '', message: 'the file is not text' }], backupAvailable: false };
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const parsed = parseDeckText(body);
    if (!parsed.ok) return { ok: false, info: null, file, problems: parsed.problems, backupAvailable: false };
    const target = this.freePath(sanitizeDeckFileName(name));
    const outcome = await this.enqueue(target, { text: body });
    return { ok: true, info: this.info(this.idForPath(target)), deck: parsed.deck, revision: outcome.written ? outcome.revision : revisionOf(body) };
  }

  async newFromDefault(): Promise<StoreOpenResult> {
    const source = resolveReal(this.opts.defaultDeckPath);
    const read = await readDeckFile(source);
    if (!read.ok) {
      const info = this.info(this.idForPath(source));
      return this.failure(info, info.name, source, read.problems);
    }
    const target = this.freePath(NEW_DECK_NAME);
    const outcome = await this.enqueue(target, { text: read.text });
    return { ok: true, info: this.info(this.idForPath(target)), deck: read.deck, revision: outcome.written ? outcome.revision : revisionOf(read.text) };
  }

  async flush(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
  }

  /** The working copy in the decks folder that saves of a read-only deck go to (named on first use). */
  private workingCopyFor(file: string): string {
    let copy = this.workingCopies.get(file);
    if (!copy) this.workingCopies.set(file, (copy = this.freePath(path.basename(file))));
    return copy;
  }

  private requireFile(id: DeckId): string {
    const file = this.files.get(id);
    if (!file) throw new Error('unknown deck: open it first');
    return file;
  }

  private isBundled(file: string): boolean {
    const rel = path.relative(this.bundledDir, file);
    return rel !== '' && rel.split(path.sep)[0] !== '..' && !path.isAbsolute(rel);
  }

  private async failure(info: DeckInfo | null, name: string, file: string, problems: DeckProblem[]): Promise<StoreOpenResult> {
    return { ok: false, info, file: name, problems, backupAvailable: await exists(backupPathOf(file)) };
  }

  /** The decks folder, created on first use (its real path, so ids stay stable). */
  private decksFolder(): string {
    if (!this.decksDirReal) {
      try {
        mkdirSync(this.opts.decksDir, { recursive: true });
      } catch (err) {
        throw this.dataFolderError(refusingCode(this.opts.decksDir) ?? (errorCode(err) || 'EACCES'));
      }
      this.decksDirReal = resolveReal(this.opts.decksDir);
    }
    return this.decksDirReal;
  }

  /** The decks folder cannot be written: say which folder, and how to choose another. */
  private dataFolderError(code: string): Error {
    const advice = this.opts.readOnlyDataAdvice ?? 'Use Save As… to save your edits elsewhere.';
    return Object.assign(new Error(`Not saved: the data folder ${this.opts.decksDir} is read-only or cannot be created (${code}), so edits cannot be kept. ${advice}`), {
      code,
    });
  }

  /** A name in the decks folder no file, backup or pending save uses: `name`, `name-2`, … */
  private freePath(fileName: string): string {
    const dir = this.decksFolder();
    const ext = fileName.toLowerCase().endsWith(DECK_SUFFIX) ? DECK_SUFFIX : path.extname(fileName);
    const stem = fileName.slice(0, fileName.length - ext.length);
    for (let n = 1; ; n++) {
      const candidate = path.join(dir, n === 1 ? fileName : `${stem}-${n}${ext}`);
      if (!this.reserved.has(candidate) && !entryExists(candidate) && !entryExists(backupPathOf(candidate))) {
        this.reserved.add(candidate);
        return candidate;
      }
    }
  }

  /** A Save As target from a native dialog: absolute, a JSON file, not one of the app's own decks. */
  private checkTarget(targetPath: string): string {
    if (typeof targetPath !== 'string' || !path.isAbsolute(targetPath) || targetPath.includes('\0')) {
      throw new Error('Not saved: Save As needs a full path');
    }
    if (!/\.json$/i.test(targetPath)) throw new Error('Not saved: a deck file must end in .briefing.json or .json');
    const real = resolveReal(targetPath);
    if (this.isBundled(real)) throw new Error("Not saved: the app's bundled decks are read-only; choose another folder");
    return real;
  }

  /** Removes temp files a killed save left beside `file`, unless a save of it is running now. */
  private async cleanStaleTemps(file: string): Promise<void> {
    if (this.queues.get(file)?.busy || this.cleanups.has(file)) return;
    const run = removeStaleTemps(file);
    this.cleanups.set(file, run);
    try {
      await run;
    } finally {
      this.cleanups.delete(file);
    }
  }

  /**
   * Queues a write of `job.text` to `file`; resolves once a write holding this text (or,
   * for unconditional writes, a newer one) is done, or with the conflict that refused it.
   */
  private enqueue(file: string, job: Omit<WriteJob, 'waiters'>): Promise<WriteOutcome> {
    let queue = this.queues.get(file);
    if (!queue) this.queues.set(file, (queue = { busy: false, jobs: [] }));
    const q = queue;
    return new Promise<WriteOutcome>((resolve, reject) => {
      const last = q.jobs[q.jobs.length - 1];
      if (last && last.base === undefined && job.base === undefined && !last.before && !job.before) {
        last.text = job.text; // last edit wins: the older pending text is never written
        last.waiters.push({ resolve, reject });
      } else {
        // A compare-and-swap write never replaces another: each is checked against the disk in turn.
        q.jobs.push({ ...job, waiters: [{ resolve, reject }] });
      }
      if (!q.busy) {
        q.busy = true;
        const run = this.drain(file, q);
        this.running.add(run);
        void run.finally(() => this.running.delete(run));
      }
    });
  }

  private async drain(file: string, q: WriteQueue): Promise<void> {
    try {
      await this.cleanups.get(file);
      for (let job = q.jobs.shift(); job; job = q.jobs.shift()) {
        try {
          const outcome = await this.replaceFile(file, job);
          for (const w of job.waiters) w.resolve(outcome);
        } catch (err) {
          const inDecksFolder = this.decksDirReal !== undefined && path.dirname(file) === this.decksDirReal;
          const error = inDecksFolder && READ_ONLY_CODES.has(errorCode(err)) ? this.dataFolderError(errorCode(err)) : writeError(err, file);
          for (const w of job.waiters) w.reject(error);
        }
      }
    } finally {
      q.busy = false;
      if (this.queues.get(file) === q && !q.jobs.length) this.queues.delete(file);
    }
  }

  /** The one place a deck file is written. */
  private async replaceFile(file: string, job: WriteJob): Promise<WriteOutcome> {
    const { text } = job;
    await fs.mkdir(path.dirname(file), { recursive: true });
    const current = await this.checkOnDisk(file);
    if (job.base !== undefined && job.base !== current.revision) {
      // Compare-and-swap: the file moved on since the writer's base; write nothing.
      const read = current.kind === 'missing' ? null : await this.readAndRemember(file);
      const conflict: SaveConflict = {
        conflict: true,
        theirs: read?.ok ? read.deck : null,
        theirRevision: read ? (read.revision ?? current.revision) : null,
        problems: read && !read.ok ? read.problems : current.kind === 'missing' ? [{ path: '', message: 'file not found' }] : [],
      };
      return { written: false, conflict };
    }
    await job.before?.(current);
    if (current.kind === 'invalid' && job.before) {
      // Keep mine over a file that is not a deck: it was copied aside just now, so it may go.
    } else if (current.kind === 'invalid') {
      if (!this.restoring.has(file)) {
        const first = formatProblems(current.problems)[0] ?? 'unknown problem';
        throw new Error(
          `Not saved: ${path.basename(file)} on disk is not a valid deck (${first}), so it was left untouched. ` +
            'Use Save As… to keep your edits in a new file, or open its backup.',
        );
      }
      // Restoring from the backup: the corrupt file is set aside, never destroyed, and the good .bak stays.
      await copyDurably(file, await asidePathFor(file));
    }
    // The .bak is replaced only after the new text is fully on disk in its temp file (see atomic-file.ts).
    await writeAtomic(file, text, { keepBackup: current.kind === 'valid' });
    this.restoring.delete(file);
    const revision = revisionOf(text);
    this.diskCache.set(file, { signature: signatureOf(await fs.stat(file)), revision, valid: true });
    this.known.set(file, revision);
    for (const listener of this.writeListeners) listener(file, revision);
    return { written: true, revision };
  }

  /** Is the file about to be replaced absent, a valid deck, or something we must not overwrite? */
  private async checkOnDisk(file: string): Promise<DiskState> {
    let st: Stats;
    try {
      st = await fs.stat(file);
    } catch (err) {
      if (isNotFound(err)) return { kind: 'missing', revision: null };
      throw err;
    }
    const cached = this.diskCache.get(file);
    // Only a valid version is taken from the cache: an invalid one is read again for its problems.
    if (cached?.valid && cached.signature === signatureOf(st)) return { kind: 'valid', revision: cached.revision };
    const read = await readDeckFile(file);
    if (read.signature && read.revision) this.diskCache.set(file, { signature: read.signature, revision: read.revision, valid: read.ok });
    if (read.ok) return { kind: 'valid', revision: read.revision };
    // An unreadable file has no revision: '' matches no client's base, so it is never replaced blindly.
    return { kind: 'invalid', revision: read.revision ?? '', problems: read.problems };
  }
}

const READ_ONLY_CODES = new Set(['EACCES', 'EPERM', 'EROFS']);

/**
 * Whether the user has made this file read-only: no write bit for anyone (chmod 0444,
 * "Read-only" in a file manager), or write access denied. Root passes access(W_OK)
 * for any file, so the mode bits are checked too, as the user sees them.
 */
function isReadOnlyFile(file: string): boolean {
  // Synchronous on purpose: save() must queue its write before it first yields, so flush() sees it.
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch {
    return false; // missing: a new file, written normally
  }
  if ((mode & 0o222) === 0) return true;
  try {
    accessSync(file, fsConstants.W_OK);
    return false;
  } catch (err) {
    return READ_ONLY_CODES.has(errorCode(err));
  }
}

const errorCode = (err: unknown): string => String((err as NodeJS.ErrnoException | undefined)?.code ?? '');

/** A failed write as a message the user can act on; the errno code stays on the error. */
function writeError(err: unknown, file: string): Error {
  const code = errorCode(err);
  if (!code) return err instanceof Error ? err : new Error(String(err));
  const reason =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'the disk is full'
      : READ_ONLY_CODES.has(code)
        ? `the app may not write to ${path.dirname(file)}`
        : code === 'ENAMETOOLONG'
          ? 'the file name is too long'
          : `${path.basename(file)} could not be written (${code})`;
  return Object.assign(new Error(`Not saved: ${reason}. Use Save As… to save your edits elsewhere.`), { code });
}

/**
 * Why a folder cannot be made: mkdir on a read-only mount says ENOENT for the missing
 * folder, so ask the nearest folder that exists (EROFS, EACCES).
 */
function refusingCode(dir: string): string | undefined {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    try {
      accessSync(at, fsConstants.W_OK);
      return undefined;
    } catch (err) {
      const code = errorCode(err);
      if (code !== 'ENOENT' || path.dirname(at) === at) return code || undefined;
    }
  }
}

/** Any entry at all, a dangling symlink included (existsSync follows links and would say no). */
function entryExists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function unknownDeck(): StoreOpenResult {
  return { ok: false, info: null, file: '', problems: [{ path: '', message: 'this deck is not known to the app: open it again' }], backupAvailable: false };
}

/** A dropped file's name as shown in a message: no folders, no control characters. */
function displayName(name: unknown): string {
  const text = typeof name === 'string' ? name : '';
  const base = text.split(/[/\\]/).pop() ?? '';
  return base.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').slice(0, 200) || 'deck';
}
