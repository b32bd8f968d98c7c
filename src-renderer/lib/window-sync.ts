/**
 * Keeps the audience and presenter windows in step over a BroadcastChannel (same
 * origin in both Electron's app:// and browser mode). Every message is checked on
 * arrival: another tab of the same origin is no more trusted than a deck file.
 */
import * as v from 'valibot';
import type { DeckInfo } from '../../src-shared/api';
import type { Deck } from '../../src-shared/deck-schema';
import { validateDeck } from '../../src-shared/deck-validate';
import type { DeckOp } from '../../src-shared/deck-ops';
import { SlideSchema } from '../../src-shared/deck-schema';
import type { EditPath } from './deck-editor.svelte';

export type SyncMessage =
  /**
   * What the room sees: slide, blackout, overview. `seq` is a Lamport clock shared by the
   * windows, so a view that crossed a newer one in flight is recognised as stale.
   */
  | { type: 'view'; deckId: string; index: number; blackout: boolean; overview: boolean; seq: number; from: WindowRole }
  /** A field edit made in one window, applied (not saved again) in the others. */
  | { type: 'edit'; deckId: string; path: Array<string | number>; value: unknown }
  /** A slide operation (add, move, delete, layout, hide) made in one window, applied (not saved again) in the others. */
  | { type: 'op'; deckId: string; op: DeckOp }
  /** The deck was saved under a new id (working copy) or another deck was opened. */
  | { type: 'deck'; deckId: string; info: DeckInfo; reload: boolean }
  /**
   * The deck on disk is now `deck` at `revision`: `saved` after one window's save (the
   * others take it as their base), `replaced` when a window showed another version
   * (reloaded, took theirs, merged) that the others must show too.
   */
  | { type: 'saved' | 'replaced'; deckId: string; revision: string; deck: Deck }
  /** A newly opened window asks for the current view. */
  | { type: 'hello'; role: WindowRole; seq: number };

export type WindowRole = 'audience' | 'presenter';

const isRole = (value: unknown): value is WindowRole => value === 'audience' || value === 'presenter';
const isSeq = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

const CHANNEL = 'briefing-desk-sync';

function isPath(value: unknown): value is Array<string | number> {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.length <= 12 &&
    value.every((k) => (typeof k === 'number' && Number.isInteger(k) && k >= 0) || (typeof k === 'string' && k !== '__proto__' && k !== 'constructor' && k !== 'prototype'))
  );
}

const isIndex = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** A slide operation from another window: indexes are whole numbers, a slide passes the deck schema. */
export function parseDeckOp(data: unknown): DeckOp | null {
  if (data === null || typeof data !== 'object') return null;
  const op = data as Record<string, unknown>;
  const slide = () => {
    const parsed = v.safeParse(SlideSchema, op.slide);
    return parsed.success ? parsed.output : null;
  };
  switch (op.kind) {
    case 'insert':
    case 'replace': {
      const s = isIndex(op.index) ? slide() : null;
      return s ? { kind: op.kind, index: op.index as number, slide: s } : null;
    }
    case 'remove':
      return isIndex(op.index) && typeof op.id === 'string' ? { kind: 'remove', index: op.index, id: op.id } : null;
    case 'move':
      return isIndex(op.from) && isIndex(op.to) ? { kind: 'move', from: op.from, to: op.to } : null;
    default:
      return null;
  }
}

/** Accepts only well-formed messages. */
export function parseSyncMessage(data: unknown): SyncMessage | null {
  if (data === null || typeof data !== 'object') return null;
  const m = data as Record<string, unknown>;
  switch (m.type) {
    case 'view':
      return typeof m.deckId === 'string' &&
        Number.isInteger(m.index) &&
        (m.index as number) >= 0 &&
        typeof m.blackout === 'boolean' &&
        typeof m.overview === 'boolean' &&
        isSeq(m.seq) &&
        isRole(m.from)
        ? { type: 'view', deckId: m.deckId, index: m.index as number, blackout: m.blackout, overview: m.overview, seq: m.seq, from: m.from }
        : null;
    case 'edit':
      return typeof m.deckId === 'string' && isPath(m.path) ? { type: 'edit', deckId: m.deckId, path: m.path, value: m.value } : null;
    case 'op': {
      const op = typeof m.deckId === 'string' ? parseDeckOp(m.op) : null;
      return op ? { type: 'op', deckId: m.deckId as string, op } : null;
    }
    case 'deck':
      return typeof m.deckId === 'string' && m.info !== null && typeof m.info === 'object' && typeof (m.info as DeckInfo).id === 'string' && typeof m.reload === 'boolean'
        ? { type: 'deck', deckId: m.deckId, info: m.info as DeckInfo, reload: m.reload }
        : null;
    case 'saved':
    case 'replaced': {
      if (typeof m.deckId !== 'string' || typeof m.revision !== 'string' || !/^[0-9a-f]{8,64}$/.test(m.revision)) return null;
      const deck = validateDeck(m.deck);
      return deck.ok ? { type: m.type, deckId: m.deckId, revision: m.revision, deck: deck.deck } : null;
    }
    case 'hello':
      return isRole(m.role) && isSeq(m.seq) ? { type: 'hello', role: m.role, seq: m.seq } : null;
    default:
      return null;
  }
}

export interface WindowSync {
  send(message: SyncMessage): void;
  close(): void;
}

/**
 * A message as plain data. Callers build messages from Svelte `$state` (deck info, edited
 * values), whose proxies the structured clone behind postMessage refuses with a
 * DataCloneError; deck data is JSON by definition, so a JSON copy is exact and turns any
 * proxy into plain objects, whatever the message type.
 */
export function toPlainMessage(message: SyncMessage): SyncMessage {
  return JSON.parse(JSON.stringify(message)) as SyncMessage;
}

/** Opens the channel; `onmessage` gets only valid messages from other windows. */
export function openWindowSync(onmessage: (message: SyncMessage) => void): WindowSync {
  if (typeof BroadcastChannel === 'undefined') return { send() {}, close() {} };
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event) => {
    const message = parseSyncMessage(event.data);
    if (message) onmessage(message);
  };
  return {
    send(message) {
      // Keeping the other window in step must never break what this window is doing
      // (opening a deck, saving): a message that cannot go is reported, not thrown.
      try {
        channel.postMessage(toPlainMessage(message));
      } catch (err) {
        console.warn('window sync: message not sent', err);
      }
    },
    close: () => channel.close(),
  };
}

export type { EditPath };
