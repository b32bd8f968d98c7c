/**
 * Slide management as a person asks for it — add, duplicate, delete, move, change
 * layout, hide — for every place that offers it (edit panel, overview, Slide menu,
 * keys, Electron's menu). Each builds one operation from src-shared/deck-ops.ts and
 * hands it to the editor, so all of them are undoable and autosaved alike.
 */
import {
  addSlideOp,
  changeLayoutOp,
  deleteSlideOp,
  discardStashOp,
  duplicateSlideOp,
  moveSlideOp,
  setHiddenOp,
  type DeckOp,
} from '../../src-shared/deck-ops';
import type { Layout } from '../../src-shared/deck-schema';
import type { DeckEditor } from './deck-editor.svelte';
import type { Presentation } from './presentation.svelte';

export class SlideCommands {
  /** The layout picker is open, adding after this slide. */
  picking = $state<{ after: number } | null>(null);
  /**
   * "Slide deleted — Undo", offered while the deletion is still the last change. Raw: the
   * token is compared by identity with the editor's plain undo record, which a deep
   * `$state` would wrap in a new proxy.
   */
  deleted = $state.raw<{ title: string; token: unknown } | null>(null);

  constructor(
    private readonly p: Presentation,
    private readonly editor: DeckEditor,
  ) {}

  /** Opens the layout picker for a new slide after slide `after` (the current one by default). */
  pickLayout(after = this.p.index): void {
    if (this.p.deck) this.picking = { after };
  }

  /** Adds a slide of `layout` after slide `after` and shows it. */
  add(layout: Layout, after = this.p.index): boolean {
    const deck = this.p.deck;
    this.picking = null;
    return deck ? this.run(addSlideOp(deck, Math.min(after, deck.slides.length - 1), layout)) : false;
  }

  duplicate(index = this.p.index): boolean {
    const deck = this.p.deck;
    return deck?.slides[index] ? this.run(duplicateSlideOp(deck, index)) : false;
  }

  /** Deletes slide `index` and offers to undo it. */
  remove(index = this.p.index): boolean {
    const deck = this.p.deck;
    const slide = deck?.slides[index];
    if (!deck || !slide) return false;
    const title = slide.title;
    if (!this.run(deleteSlideOp(deck, index))) return false;
    this.deleted = { title, token: this.editor.lastChange };
    return true;
  }

  /** Moves slide `from` to position `to`; the moved slide stays the current one. */
  move(from: number, to: number): boolean {
    const deck = this.p.deck;
    if (!deck || from === to || !deck.slides[from] || !deck.slides[to]) return false;
    return this.run(moveSlideOp(deck, from, to));
  }

  /** Moves slide `index` one place earlier (-1) or later (+1). */
  moveBy(delta: -1 | 1, index = this.p.index): boolean {
    return this.move(index, index + delta);
  }

  setLayout(layout: Layout, index = this.p.index): boolean {
    const deck = this.p.deck;
    const slide = deck?.slides[index];
    if (!deck || !slide || slide.layout === layout) return false;
    return this.run(changeLayoutOp(deck, index, layout));
  }

  setHidden(hidden: boolean, index = this.p.index): boolean {
    const deck = this.p.deck;
    const slide = deck?.slides[index];
    if (!deck || !slide || !!slide.hidden === hidden) return false;
    return this.run(setHiddenOp(deck, index, hidden));
  }

  toggleHidden(index = this.p.index): boolean {
    return this.setHidden(!this.p.deck?.slides[index]?.hidden, index);
  }

  discardStash(index = this.p.index): boolean {
    const deck = this.p.deck;
    return deck?.slides[index]?.stash ? this.run(discardStashOp(deck, index)) : false;
  }

  /** The notice's Undo: undoes the deletion if nothing else was changed since. */
  undoDelete(): boolean {
    const offered = this.deleted;
    this.deleted = null;
    if (!offered || offered.token !== this.editor.lastChange) return false;
    const where = this.editor.undo();
    if (typeof where?.[1] === 'number') this.p.go(where[1]);
    return true;
  }

  private run(op: DeckOp): boolean {
    if (!this.editor.apply(op)) return false;
    this.deleted = null;
    const index = op.kind === 'insert' || op.kind === 'replace' ? op.index : op.kind === 'move' ? op.to : Math.min(op.index, this.p.total - 1);
    this.p.go(index);
    return true;
  }
}
