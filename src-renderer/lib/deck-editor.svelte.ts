/**
 * Local editing of the open deck: field edits with undo/redo, and autosave about a
 * second after typing stops, one write in flight at a time, the last edit winning.
 * Edits are recorded as (path, before, after), so a keystroke costs no deck copy.
 */
import type { BriefingApi, DeckInfo } from '../../src-shared/api';
import { applyOp, indexAfterOp, type DeckOp } from '../../src-shared/deck-ops';
import type { Deck } from '../../src-shared/deck-schema';
import type { Presentation } from './presentation.svelte';

export type EditPath = ReadonlyArray<string | number>;

export type SaveState =
  /** `at` is when the last save reached the disk (ISO time), null before any edit. */
  | { kind: 'saved'; at: string | null }
  | { kind: 'pending' }
  | { kind: 'saving' }
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

/** Writes `value` at `path` (the parent must exist); undefined deletes an optional field. */
export function setAt(root: unknown, path: EditPath, value: unknown): void {
  const parent = getAt(root, path.slice(0, -1));
  const key = path[path.length - 1];
  if (parent === null || typeof parent !== 'object' || path.some((k) => RESERVED.has(String(k)))) {
    throw new Error(`cannot edit ${path.join('.')}`);
  }
  if (value === undefined && !Array.isArray(parent)) delete (parent as Record<string, unknown>)[key as string];
  else (parent as Record<string | number, unknown>)[key] = value;
}

export class DeckEditor {
  saveState = $state<SaveState>({ kind: 'saved', at: null });
  /** A one-off message for the user, e.g. where a working copy was made. */
  notice = $state<string | null>(null);
  private undoStack = $state<Change[]>([]);
  private redoStack = $state<Change[]>([]);
  canUndo = $derived(this.undoStack.length > 0);
  canRedo = $derived(this.redoStack.length > 0);

  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | null = null;
  private dirty = false;
  /** Called after every local change, so other windows can apply it too. */
  onchange: ((path: EditPath, value: unknown) => void) | null = null;
  /** Called after every local slide operation (applied, undone or redone), so other windows can apply it too. */
  onop: ((op: DeckOp) => void) | null = null;
  /** Called when a save moved the deck (first edit of a bundled deck made a working copy). */
  onmoved: ((info: DeckInfo, previousId: string) => void) | null = null;

  constructor(
    private readonly api: Pick<BriefingApi, 'saveDeck'>,
    private readonly presentation: Presentation,
  ) {}

  /** Sets one field of the deck, records it for undo, and schedules a save. */
  edit(path: EditPath, value: unknown, group?: string): void {
    const deck = this.presentation.deck;
    if (!deck) return;
    const before = structuredCloneSafe(getAt(deck, path));
    if (sameValue(before, value)) return;
    setAt(deck, path, value);
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
    // The op's slide may be a reactive proxy (a copy of the current slide): store plain data.
    const plain = $state.snapshot(op) as DeckOp;
    let inverse: DeckOp;
    try {
      inverse = $state.snapshot(applyOp(deck, plain)) as DeckOp;
    } catch {
      return false;
    }
    this.undoStack.push({ kind: 'op', op: plain, inverse, at: Date.now() });
    if (this.undoStack.length > MAX_UNDO) this.undoStack.shift();
    this.redoStack = [];
    this.opApplied(plain);
    return true;
  }

  /** Undoes the last change; returns where it happened (`['slides', i]` for a slide operation). */
  undo(): EditPath | null {
    const change = this.undoStack.pop();
    if (!change || !this.presentation.deck) return null;
    if (change.kind === 'op') {
      applyOp(this.presentation.deck, change.inverse);
      this.redoStack.push(change);
      this.opApplied(change.inverse);
      return this.whereOp(change.inverse);
    }
    setAt(this.presentation.deck, change.path, structuredCloneSafe(change.before));
    this.redoStack.push(change);
    this.changed(change.path, change.before);
    return change.path;
  }

  redo(): EditPath | null {
    const change = this.redoStack.pop();
    if (!change || !this.presentation.deck) return null;
    if (change.kind === 'op') {
      applyOp(this.presentation.deck, change.op);
      this.undoStack.push(change);
      this.opApplied(change.op);
      return this.whereOp(change.op);
    }
    setAt(this.presentation.deck, change.path, structuredCloneSafe(change.after));
    this.undoStack.push({ ...change, group: undefined });
    this.changed(change.path, change.after);
    return change.path;
  }

  private whereOp(op: DeckOp): EditPath {
    const total = this.presentation.deck?.slides.length ?? 0;
    return ['slides', indexAfterOp(op, this.presentation.index, total)];
  }

  /** Applies a slide operation made in another window: shown here, saved there. */
  applyRemoteOp(op: DeckOp): boolean {
    if (!this.presentation.deck) return false;
    try {
      applyOp(this.presentation.deck, op);
      return true;
    } catch {
      return false;
    }
  }

  /** Applies an edit made in another window: shown here, saved there. */
  applyRemote(path: EditPath, value: unknown): void {
    if (this.presentation.deck) setAt(this.presentation.deck, path, structuredCloneSafe(value));
  }

  /** Forgets history when another deck is opened. */
  reset(): void {
    clearTimeout(this.timer);
    this.undoStack = [];
    this.redoStack = [];
    this.dirty = false;
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
    clearTimeout(this.timer);
    // A few rounds at most: edits may arrive during a save; a failing disk must not loop forever.
    for (let round = 0; round < 5 && (this.dirty || this.inFlight); round++) {
      if (this.inFlight) await this.inFlight;
      else await this.saveNow();
      if (this.saveState.kind === 'error') return;
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
    if (this.saveState.kind !== 'saving') this.saveState = { kind: 'pending' };
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.saveNow(), AUTOSAVE_DELAY_MS);
  }

  private saveNow(): Promise<void> {
    if (this.inFlight) return this.inFlight; // the running save is followed by another if still dirty
    const { deck, info } = this.presentation;
    if (!deck || !info || !this.dirty) return Promise.resolve();
    this.dirty = false;
    this.saveState = { kind: 'saving' };
    const snapshot = $state.snapshot(deck) as Deck;
    this.inFlight = this.api
      .saveDeck(info.id, snapshot)
      .then((result) => {
        if (result.info.id !== info.id) {
          this.presentation.info = result.info;
          this.onmoved?.(result.info, info.id);
        }
        if (result.workingCopyCreated) {
          this.notice = `The bundled briefing is read-only, so your edits are saved in a copy: ${result.info.location}/${result.info.name}`;
        }
        this.saveState = this.dirty ? { kind: 'pending' } : { kind: 'saved', at: result.savedAt };
      })
      .catch((err: unknown) => {
        this.dirty = true;
        this.saveState = { kind: 'error', reason: err instanceof Error ? err.message : String(err) };
      })
      .finally(() => {
        this.inFlight = null;
        // Edits made while this save ran go out next; the last edit wins.
        if (this.dirty && this.saveState.kind !== 'error') this.timer = setTimeout(() => void this.saveNow(), 0);
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

function structuredCloneSafe<T>(value: T): T {
  return value === undefined || value === null || typeof value !== 'object' ? value : (JSON.parse(JSON.stringify(value)) as T);
}
