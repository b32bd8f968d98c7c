/**
 * The presentation's state: which deck, which slide, and what overlays show.
 * Everything the screen shows derives from these few fields.
 */
import type { DeckInfo, DeckOpenResult } from '../../src-shared/api';
import type { Deck } from '../../src-shared/deck-schema';
import type { DeckProblem } from '../../src-shared/deck-validate';

export interface LoadError {
  file: string;
  problems: DeckProblem[];
  backupAvailable: boolean;
  info: DeckInfo | null;
}

/** Keys that move what the room sees; while blacked out they first restore the picture. */
const ROOM_MOVES = new Set(['next', 'previous', 'first', 'last', 'jump', 'show-preview']);

export class Presentation {
  /**
   * The open deck, an immutable plain value: a change replaces it (see DeckEditor), so
   * an unchanged slide keeps its identity and no per-property proxies are ever made.
   */
  deck = $state.raw<Deck | null>(null);
  info = $state<DeckInfo | null>(null);
  index = $state(0);
  overview = $state(false);
  blackout = $state(false);
  help = $state(false);
  /** Digits typed so far for "number then Enter". */
  pendingDigits = $state('');
  error = $state<LoadError | null>(null);

  total = $derived(this.deck?.slides.length ?? 0);
  slide = $derived(this.deck?.slides[this.index]);

  /** Shows an open result: the deck, or its error while keeping the current deck usable. */
  applyOpenResult(result: DeckOpenResult): boolean {
    if (!result.ok) {
      this.error = { file: result.file, problems: result.problems, backupAvailable: result.backupAvailable, info: result.info };
      return false;
    }
    this.error = null;
    this.deck = result.deck;
    this.info = result.info;
    this.overview = false;
    this.blackout = false;
    this.index = clamp(result.lastSlide, 0, result.deck.slides.length - 1);
    return true;
  }

  /** Goes to slide `i` (0-based), clamped to the deck. */
  go(i: number): void {
    if (!this.total) return;
    this.index = clamp(i, 0, this.total - 1);
  }

  /**
   * What every window does with a key before its own action runs: digits build up a
   * slide number for Enter; while blacked out, a step first brings the picture back
   * (as in PowerPoint) without moving on. Returns true when the key was used up here.
   */
  absorbKey(kind: string, digits = ''): boolean {
    if (kind === 'digit') {
      this.pendingDigits = digits;
      return true;
    }
    this.pendingDigits = '';
    if (this.blackout && ROOM_MOVES.has(kind)) {
      this.blackout = false;
      return kind === 'next' || kind === 'previous';
    }
    return false;
  }

  /** The next slide that is presented: hidden slides are skipped. */
  next(): void {
    this.step(this.index + 1, 1);
  }

  previous(): void {
    this.step(this.index - 1, -1);
  }

  /** The first presented slide (a hidden opening slide is skipped). */
  first(): void {
    this.step(0, 1);
  }

  last(): void {
    this.step(this.total - 1, -1);
  }

  /** Goes to the first slide from `from` in direction `dir` that is not hidden; stays put if there is none. */
  private step(from: number, dir: 1 | -1): void {
    const slides = this.deck?.slides;
    if (!slides) return;
    for (let i = from; i >= 0 && i < slides.length; i += dir) {
      if (!slides[i].hidden) {
        this.index = i;
        return;
      }
    }
  }
}

export function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, Number.isFinite(n) ? Math.trunc(n) : lo));
}
