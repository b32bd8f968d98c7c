/** Where each source is cited: slide numbers (1-based), from slide sources and stat sources. Pure. */
import type { Deck } from './deck-schema';

/** Source id → the numbers of the slides that cite it, in order, once each. */
export function sourceCitations(deck: Pick<Deck, 'slides'>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  deck.slides.forEach((slide, i) => {
    const ids = new Set([...(slide.sources ?? []), ...(slide.stats ?? []).map((s) => s.source).filter((s): s is string => !!s)]);
    for (const id of ids) out.set(id, [...(out.get(id) ?? []), i + 1]);
  });
  return out;
}

/** "slide 4" / "slides 2, 4 and 7". */
export function describeSlideNumbers(numbers: readonly number[]): string {
  if (numbers.length === 1) return `slide ${numbers[0]}`;
  return `slides ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

/** A source id not yet used in the deck: "source-1", "source-2", … */
export function freeSourceId(deck: Pick<Deck, 'sources'>): string {
  const taken = new Set((deck.sources ?? []).map((s) => s.id));
  let n = taken.size + 1;
  while (taken.has(`source-${n}`)) n++;
  return `source-${n}`;
}
