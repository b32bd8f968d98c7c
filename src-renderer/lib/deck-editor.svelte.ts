/// <reference types="vite/client" />
/**
 * Local editing of the open deck: field edits with undo/redo, and autosave about a
 * second after typing stops, one write in flight at a time, the last edit winning.
 * Edits are recorded as (path, before, after), so a keystroke costs no deck copy.
 *
 * The deck is an immutable plain value (`Presentation.deck` is `$state.raw`): every
 * change replaces the objects along its path — deck → slides array → slide → field —
 * and shares everything else, so a slide that was not touched keeps its identity and
 * nothing that shows it runs again, and no Svelte proxy (with a signal per property)
 * is ever made for a slide: the heap does not grow with the slides visited. Every
 * change goes through this class (`edit`, `apply`, `undo`, `redo`, `applyRemote`,
 * `applyRemoteOp`, a reload) and `show`s the new deck; nothing may change the deck in
 * place, which would not update the screen (in development builds and tests the deck
 * is frozen, so such a write throws).
 *
 * A save sends the deck as it is: it is plain data already, so no copy is made (a
 * 500-slide `$state.snapshot` took ~45 ms), and it starts when the window is idle (at
 * most a second later), not on the next frame's time.
 *
 * Every save names the revision it was based on. The editor keeps that revision and
 * the deck as of it (the base), so when the file changed elsewhere — a refused save,
 * or a change the watcher reported — it can reload quietly (no local edits), carry on
 * (the other change is already in ours), or ask the person (a conflict).
 */
import { isConflict, type BriefingApi, type DeckChange, type DeckInfo, type Revision } from '../../src-shared/api';
import { canonicalJson, describeChanges, mergeDecks, type MergeClash } from '../../src-shared/deck-merge';
import { applyOp, indexAfterOp, type DeckOp } from '../../src-shared/deck-ops';
import type { Deck } from '../../src-shared/deck-schema';
import { notSavedText } from './save-message';
import type { DeckProblem } from '../../src-shared/deck-validate';
import type { Presentation } from './presentation.svelte';

export type EditPath = ReadonlyArray<string | number>;

export type SaveState =
  /** `at` is when the last save reached the disk (ISO time), null before any edit. */
  | { kind: 'saved'; at: string | null }
  | { kind: 'pending' }
  | { kind: 'saving' }
  /** `reason` is the whole message, starting "Not saved:" once. */
  | { kind: 'error'; reason: string };

interface FieldChange {
  kind?: undefined;
  path: EditPath;
  before: unknown;
  after: unknown;
  /** Keystrokes in one field within a short time form one undo step. */
  group?: string;
  at: number;
}

/** Another version of the deck is on disk and this window has edits that are not in it. */
export interface ConflictState {
  /** The version on disk; null when the file is gone or not a valid deck. */
  theirs: Deck | null;
  theirRevision: Revision | null;
  problems: DeckProblem[];
  /** Both changes together, when they touch different slides (else null and `clashes`). */
  merged: Deck | null;
  clashes: MergeClash[];
  /** What each side changed since the common base, for the person deciding. */
  mineChanged: string[];
  theirsChanged: string[];
  /** A resolution is being written. */
  busy: boolean;
  /** Why the last resolution failed, if it did. */
  error: string | null;
}

/** How the deck shown was replaced, for the window that must follow (presenter ↔ audience). */
export type Replaced = { deck: Deck; revision: Revision };

export const CONFLICT_REASON = 'another program changed this deck. Choose which version to keep.';
/** A slide-level operation and the operation that undoes it (see src-shared/deck-ops.ts). */
interface OpChange {
  kind: 'op';
  op: DeckOp;
  inverse: DeckOp;
  at: number;
}

/** One undo step: a field edit or a slide operation, in one stack so undo follows the order they were made in. */
type Change = FieldChange | OpChange;

export const AUTOSAVE_DELAY_MS = 1000;
/** An autosave waits at most this long for the window to be idle before it runs anyway. */
export const IDLE_TIMEOUT_MS = 1000;
/** While a save fails (a full disk, a vanished share), it is tried again this often, edits or not. */
export const RETRY_DELAY_MS = 10_000;

const GROUP_WINDOW_MS = 1500;
const MAX_UNDO = 500;

const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/** Reads the value at `path` in `root` (undefined when any step is missing or not the object's own). */
export function getAt(root: unknown, path: EditPath): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || RESERVED.has(String(key)) || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/**
 * `root` with `value` at `path` (the parent must exist; undefined deletes an optional
 * field). `root` is left as it was: the result is a new object for each step of the
 * path (keys keep their order) and shares everything off the path.
 */
export function setAt<T>(root: T, path: EditPath, value: unknown): T {
  const parent = getAt(root, path.slice(0, -1));
  if (path.length === 0 || parent === null || typeof parent !== 'object' || path.some((k) => RESERVED.has(String(k)))) {
    throw new Error(`cannot edit ${path.join('.')}`);
  }
  return replaced(root, path, 0, value) as T;
}

function replaced(node: unknown, path: EditPath, at: number, value: unknown): unknown {
  const key = path[at];
  const copy = (Array.isArray(node) ? node.slice() : { ...(node as object) }) as Record<string | number, unknown>;
  if (at < path.length - 1) copy[key] = replaced(copy[key], path, at + 1, value);
  else if (value === undefined && !Array.isArray(node)) delete copy[key];
  else copy[key] = value;
  return copy;
}

/** Development builds and tests freeze what the deck holds, so a write in place throws instead of silently not showing. */
const FREEZE = import.meta.env.DEV === true;

/** Freezes `value` deeply (development only); parts already frozen are shared ones, skipped. */
function frozen<T>(value: T): T {
  if (FREEZE && value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) frozen((value as Record<string, unknown>)[key]);
  }
  return value;
}

export class DeckEditor {
  saveState = $state<SaveState>({ kind: 'saved', at: null });
  /** A one-off message for the user, e.g. where a working copy was made. */
  notice = $state<string | null>(null);
  /** Open while another version on disk clashes with this window's unsaved edits. */
  conflict = $state.raw<ConflictState | null>(null);
  // Plain arrays (a deep $state would wrap every stored slide in a proxy); their sizes are the reactive part.
  private undoStack: Change[] = [];
  private redoStack: Change[] = [];
  private undoSize = $state(0);
  private redoSize = $state(0);
  canUndo = $derived(this.undoSize > 0);
  canRedo = $derived(this.redoSize > 0);

  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The autosave waiting for an idle moment (requestIdleCallback's handle). */
  private idle: number | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | null = null;
  private dirty = false;
  /** Called after every local change, so other windows can apply it too. */
  onchange: ((path: EditPath, value: unknown) => void) | null = null;
  /** Called after every local slide operation (applied, undone or redone), so other windows can apply it too. */
  onop: ((op: DeckOp) => void) | null = null;
  /** Called when a save moved the deck (first edit of a bundled deck made a working copy). */
  onmoved: ((info: DeckInfo, previousId: string) => void) | null = null;
  /** Called after every save that reached the disk: other windows take it as their base too. */
  onsaved: ((saved: Replaced) => void) | null = null;
  /** Called when the deck shown was replaced by the version on disk (reload, take theirs, merge). */
  onreplaced: ((replaced: Replaced) => void) | null = null;

  /** The revision on disk this window's deck is based on, and the deck as of it. */
  revision: Revision | null = null;
  private base: Deck | null = null;
  /** A foreign change that arrived while a save was running: looked at once it is done. */
  private deferred: { change: DeckChange; announce: boolean } | null = null;

  constructor(
    private readonly api: Pick<BriefingApi, 'saveDeck' | 'resolveConflict'>,
    private readonly presentation: Presentation,
  ) {}

  /** The deck just opened is at `revision`: the base for the next save. */
  loaded(revision: Revision, deck: Deck): void {
    this.revision = revision;
    // Often the very deck shown: both are immutable, so one object serves.
    this.base = frozen(deck);
    this.conflict = null;
    this.deferred = null;
  }

  /** Another window saved: its revision and deck become this window's base too. */
  adoptSaved(saved: Replaced): void {
    this.revision = saved.revision;
    this.base = frozen(saved.deck);
    if (!this.unsaved && this.saveState.kind === 'saved') this.saveState = { kind: 'saved', at: this.saveState.at };
  }

  /**
   * The file on disk is now `change` (the watcher, another window, or a refused save).
   * `announce`: say so when the deck shown is reloaded. Returns what happened.
   */
  foreignChange(change: DeckChange, announce = true): 'ignored' | 'adopted' | 'reloaded' | 'conflict' | 'gone' {
    if (change.revision === this.revision) return 'ignored';
    if (this.inFlight) {
      // The running save may turn out to have written exactly this revision: decide after it.
      this.deferred = { change, announce };
      return 'ignored';
    }
    const deck = this.presentation.deck;
    const name = this.presentation.info?.name ?? 'The deck';
    if (!deck) return 'ignored';
    const mine = deck;
    if (change.deck && canonicalJson(change.deck) === canonicalJson(mine)) {
      // The same content (another window saved what this one shows): nothing to tell.
      this.loaded(change.revision!, change.deck);
      return 'adopted';
    }
    if (!this.dirty && !this.conflict) {
      if (!change.deck) {
        this.notice =
          change.revision === null
            ? `${name} was deleted or moved by another program. Your next edit saves it again.`
            : `${name} was changed by another program and is no longer a valid deck; still showing the version you had.`;
        return 'gone';
      }
      this.replaceDeck(change.deck, change.revision!);
      if (announce) this.notice = `${name} was changed by another program; showing its new version.`;
      return 'reloaded';
    }
    if (change.deck && this.base) {
      const merge = mergeDecks(this.base, mine, change.deck);
      if (merge.ok && canonicalJson(merge.deck) === canonicalJson(mine)) {
        // Their change is already in ours (e.g. the other window's save): save ours on top.
        this.revision = change.revision;
        this.base = frozen(change.deck);
        this.schedule(0);
        return 'adopted';
      }
    }
    this.openConflict(change);
    return 'conflict';
  }

  /** Keep mine: theirs is kept as a named copy beside the deck, then mine is saved over it. */
  async keepMine(): Promise<void> {
    await this.resolve(async (id, mine, c) => {
      const result = await this.api.resolveConflict(id, 'keep-mine', mine, c.theirRevision);
      if (isConflict(result)) return result;
      this.settle(result.revision, mine, result.savedAt);
      this.notice = result.copyName
        ? `Your version is saved. The other version is kept beside it as ${result.copyName}.`
        : 'Your version is saved.';
      return null;
    });
  }

  /** Take theirs: mine is kept as a named copy beside the deck, and theirs is shown. */
  async takeTheirs(): Promise<void> {
    await this.resolve(async (id, mine, c) => {
      const result = await this.api.resolveConflict(id, 'take-theirs', mine, c.theirRevision);
      if (isConflict(result)) return result;
      this.replaceDeck(result.deck, result.revision);
      this.saveState = { kind: 'saved', at: result.savedAt };
      this.notice = `Showing the other version. Your version is kept beside it as ${result.copyName}.`;
      return null;
    });
  }

  /** Merge: both changes (they touch different slides) are saved together and shown. */
  async merge(): Promise<void> {
    await this.resolve(async (id, _mine, c) => {
      if (!c.merged) throw new Error('these changes touch the same slides and cannot be merged');
      const merged = c.merged;
      const result = await this.api.saveDeck(id, merged, c.theirRevision);
      if (isConflict(result)) return result;
      this.replaceDeck(merged, result.revision);
      this.saveState = { kind: 'saved', at: result.savedAt };
      this.notice = 'Merged: your changes and the other program’s are both saved.';
      return null;
    });
  }

  private async resolve(
    run: (id: string, mine: Deck, conflict: ConflictState) => Promise<{ theirs: Deck | null; theirRevision: Revision | null; problems: DeckProblem[] } | null>,
  ): Promise<void> {
    const c = this.conflict;
    const { deck, info } = this.presentation;
    if (!c || !deck || !info || c.busy) return;
    this.conflict = { ...c, busy: true, error: null };
    try {
      const again = await run(info.id, deck, c);
      if (again) this.openConflict({ revision: again.theirRevision, deck: again.theirs, problems: again.problems });
      else this.conflict = null;
    } catch (err) {
      if (this.conflict) this.conflict = { ...this.conflict, busy: false, error: err instanceof Error ? err.message : String(err) };
    }
  }

  private openConflict(change: DeckChange): void {
    this.cancelScheduled();
    this.dirty = true;
    const mine = this.presentation.deck;
    const merge = change.deck && this.base && mine ? mergeDecks(this.base, mine, change.deck) : null;
    this.conflict = {
      theirs: change.deck,
      theirRevision: change.revision,
      problems: change.problems,
      merged: merge?.ok ? merge.deck : null,
      clashes: merge && !merge.ok ? merge.clashes : [],
      mineChanged: this.base && mine ? describeChanges(this.base, mine) : [],
      theirsChanged: this.base && change.deck ? describeChanges(this.base, change.deck) : [],
      busy: false,
      error: null,
    };
    this.saveState = { kind: 'error', reason: CONFLICT_REASON };
  }

  /** Shows `deck` (the version on disk at `revision`), keeping the current slide where it can. */
  private replaceDeck(deck: Deck, revision: Revision): void {
    const p = this.presentation;
    const currentId = p.slide?.id;
    const index = p.index;
    p.deck = frozen(deck);
    const found = currentId === undefined ? -1 : deck.slides.findIndex((s) => s.id === currentId);
    p.go(found >= 0 ? found : index);
    this.clearHistory();
    this.settle(revision, deck, this.saveState.kind === 'saved' ? this.saveState.at : null);
    this.onreplaced?.({ deck, revision });
  }

  /** The disk now holds `deck` at `revision` and nothing is pending. */
  private settle(revision: Revision, deck: Deck, at: string | null): void {
    this.cancelScheduled();
    this.dirty = false;
    this.revision = revision;
    this.base = frozen(deck);
    this.saveState = { kind: 'saved', at };
  }

  /** Sets one field of the deck, records it for undo, and schedules a save. */
  edit(path: EditPath, value: unknown, group?: string): void {
    const deck = this.presentation.deck;
    if (!deck) return;
    const before = getAt(deck, path);
    if (sameValue(before, value)) return;
    // The deck gets its own plain copy: the caller's object may be a proxy or be changed later.
    value = ownCopy(value);
    this.show(setAt(deck, path, value));
    const now = Date.now();
    const last = this.undoStack[this.undoStack.length - 1];
    if (group && last && last.kind !== 'op' && last.group === group && samePath(last.path, path) && now - last.at < GROUP_WINDOW_MS) {
      last.after = value;
      last.at = now;
    } else {
      this.undoStack.push({ path, before, after: value, group, at: now });
      if (this.undoStack.length > MAX_UNDO) this.undoStack.shift();
    }
    this.redoStack = [];
    this.historyChanged();
    this.changed(path, value);
  }

  /**
   * Applies a slide operation (add, move, delete, …), records it with its inverse in the
   * same undo stack as field edits, and schedules a save. Returns false when the deck
   * refused it (e.g. a stale index), leaving the deck as it was.
   */
  apply(op: DeckOp): boolean {
    const deck = this.presentation.deck;
    if (!deck) return false;
    // The deck owns what it holds: the op's slide (one slide at most) is copied once here.
    const plain = ownCopy(op);
    let result;
    try {
      result = applyOp(deck, plain);
    } catch {
      return false;
    }
    this.show(result.deck);
    this.undoStack.push({ kind: 'op', op: plain, inverse: result.inverse, at: Date.now() });
    if (this.undoStack.length > MAX_UNDO) this.undoStack.shift();
    this.redoStack = [];
    this.historyChanged();
    this.opApplied(plain);
    return true;
  }

  /** Undoes the last change; returns where it happened (`['slides', i]` for a slide operation). */
  undo(): EditPath | null {
    const deck = this.presentation.deck;
    if (!deck || !this.undoStack.length) return null;
    const change = this.undoStack.pop()!;
    this.redoStack.push(change);
    this.historyChanged();
    if (change.kind === 'op') {
      this.show(applyOp(deck, change.inverse).deck);
      this.opApplied(change.inverse);
      return this.whereOp(change.inverse);
    }
    // `before` is immutable like the deck: it goes back in as it is.
    this.show(setAt(deck, change.path, change.before));
    this.changed(change.path, change.before);
    return change.path;
  }

  redo(): EditPath | null {
    const deck = this.presentation.deck;
    if (!deck || !this.redoStack.length) return null;
    const change = this.redoStack.pop()!;
    if (change.kind === 'op') {
      this.undoStack.push(change);
      this.historyChanged();
      this.show(applyOp(deck, change.op).deck);
      this.opApplied(change.op);
      return this.whereOp(change.op);
    }
    this.undoStack.push({ ...change, group: undefined });
    this.historyChanged();
    this.show(setAt(deck, change.path, change.after));
    this.changed(change.path, change.after);
    return change.path;
  }

  private whereOp(op: DeckOp): EditPath {
    const total = this.presentation.deck?.slides.length ?? 0;
    return ['slides', indexAfterOp(op, this.presentation.index, total)];
  }

  /** Applies a slide operation made in another window: shown here, saved there. */
  applyRemoteOp(op: DeckOp): boolean {
    const deck = this.presentation.deck;
    if (!deck) return false;
    try {
      this.show(applyOp(deck, op).deck);
      return true;
    } catch {
      return false;
    }
  }

  /** Applies an edit made in another window: shown here, saved there. */
  applyRemote(path: EditPath, value: unknown): void {
    const deck = this.presentation.deck;
    // The value came through the channel: a copy already, and this deck's own.
    if (deck) this.show(setAt(deck, path, value));
  }

  /** Shows `next`, the deck after a change (never the same object changed in place). */
  private show(next: Deck): void {
    this.presentation.deck = frozen(next);
  }

  private clearHistory(): void {
    this.undoStack = [];
    this.redoStack = [];
    this.historyChanged();
  }

  private historyChanged(): void {
    this.undoSize = this.undoStack.length;
    this.redoSize = this.redoStack.length;
  }

  /** Forgets history when another deck is opened. */
  reset(): void {
    this.cancelScheduled();
    clearTimeout(this.retryTimer);
    this.clearHistory();
    this.dirty = false;
    this.conflict = null;
    this.deferred = null;
    this.revision = null;
    this.base = null;
    this.saveState = { kind: 'saved', at: null };
  }

  /** The newest undo step (compared by identity: "is this still the last change?"). */
  get lastChange(): unknown {
    return this.undoStack[this.undoStack.length - 1];
  }

  /** True while an edit has not reached the disk. */
  get unsaved(): boolean {
    return this.dirty || this.inFlight !== null;
  }

  /** Saves now if anything is pending, and resolves when the disk has every edit. */
  async flush(): Promise<void> {
    this.cancelScheduled();
    // A few rounds at most: edits may arrive during a save; a failing disk must not loop forever.
    for (let round = 0; round < 5 && (this.dirty || this.inFlight); round++) {
      if (this.inFlight) await this.inFlight;
      else await this.saveNow();
      if (this.saveState.kind === 'error' || this.conflict) return;
    }
  }

  private changed(path: EditPath, value: unknown): void {
    this.onchange?.(path, value);
    this.scheduleSave();
  }

  private opApplied(op: DeckOp): void {
    this.onop?.(op);
    this.scheduleSave();
  }

  private scheduleSave(): void {
    this.dirty = true;
    // While a conflict is open nothing is saved, and the status keeps saying so.
    if (this.conflict) return;
    if (this.saveState.kind !== 'saving') this.saveState = { kind: 'pending' };
    this.schedule(AUTOSAVE_DELAY_MS, true);
  }

  /** Saves in `ms`; an autosave (`whenIdle`) then also waits for an idle moment, at most IDLE_TIMEOUT_MS. */
  private schedule(ms: number, whenIdle = false): void {
    this.cancelScheduled();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (whenIdle && typeof requestIdleCallback === 'function') {
        this.idle = requestIdleCallback(
          () => {
            this.idle = undefined;
            void this.saveNow();
          },
          { timeout: IDLE_TIMEOUT_MS },
        );
      } else void this.saveNow();
    }, ms);
  }

  /** Drops a scheduled save (the timer, or the autosave waiting for idle time). */
  private cancelScheduled(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.idle !== undefined) cancelIdleCallback(this.idle);
    this.idle = undefined;
  }

  private saveNow(): Promise<void> {
    clearTimeout(this.retryTimer);
    if (this.inFlight) return this.inFlight; // the running save is followed by another if still dirty
    const { deck, info } = this.presentation;
    if (!deck || !info || !this.dirty || this.conflict) return Promise.resolve();
    this.dirty = false;
    this.saveState = { kind: 'saving' };
    this.inFlight = this.api
      .saveDeck(info.id, deck, this.revision)
      .then((result) => {
        if (isConflict(result)) {
          // Refused: the file moved on since our base. Nothing was written; decide with the person.
          this.dirty = true;
          this.inFlight = null;
          this.foreignChange({ revision: result.theirRevision, deck: result.theirs, problems: result.problems });
          if (!this.conflict && this.saveState.kind === 'saving') this.saveState = { kind: 'pending' };
          return;
        }
        this.revision = result.revision;
        this.base = deck;
        this.onsaved?.({ deck, revision: result.revision });
        if (result.info.id !== info.id) {
          this.presentation.info = result.info;
          this.onmoved?.(result.info, info.id);
        }
        if (result.workingCopyCreated) {
          const what = info.bundled ? 'The bundled briefing' : `${info.name} (in ${info.location})`;
          this.notice = `${what} is read-only, so your edits are saved in a copy: ${result.info.location}/${result.info.name}`;
        }
        this.saveState = this.dirty ? { kind: 'pending' } : { kind: 'saved', at: result.savedAt };
      })
      .catch((err: unknown) => {
        this.dirty = true;
        // Exactly one "Not saved:" whether main's message had one, two or none.
        this.saveState = { kind: 'error', reason: notSavedText(err instanceof Error ? err.message : String(err)) };
        // The edit stays in memory; the next edit retries at once, and this retries without one.
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => void this.saveNow(), RETRY_DELAY_MS);
      })
      .finally(() => {
        this.inFlight = null;
        const deferred = this.deferred;
        this.deferred = null;
        if (deferred) this.foreignChange(deferred.change, deferred.announce);
        // Edits made while this save ran go out next; the last edit wins.
        if (this.dirty && this.saveState.kind !== 'error' && !this.conflict) this.schedule(0);
      });
    return this.inFlight;
  }
}

function samePath(a: EditPath, b: EditPath): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}

/** A plain deep copy of an object (a proxy's too); other values as they are. */
function ownCopy<T>(value: T): T {
  return value === undefined || value === null || typeof value !== 'object' ? value : (JSON.parse(JSON.stringify(value)) as T);
}
