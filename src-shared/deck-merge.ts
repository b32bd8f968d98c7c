/**
 * A three-way merge of decks: the version both sides started from (base), mine and
 * theirs. Slides are matched by id, so a slide that one side edited and the other
 * moved, or slides each side added, still line up. Each slide, `meta`, `sources` and
 * any other top-level field is one unit: when only one side changed a unit, that
 * change is taken; when both changed it differently, the merge refuses and names it.
 * Pure: used by the renderer's conflict dialog, and testable in plain Node.
 */
import type { Deck, Slide } from './deck-schema';

/** Something both sides changed differently, named for the person deciding. */
export interface MergeClash {
  kind: 'slide' | 'meta' | 'sources' | 'order' | 'field';
  /** The slide id, or the top-level field's name. */
  key: string;
  /** "Slide 3 “Output by mine”", "the deck's title and details", … */
  label: string;
}

export type MergeResult = { ok: true; deck: Deck } | { ok: false; clashes: MergeClash[] };

const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/** JSON with object keys sorted, so equal content compares equal whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

const same = (a: unknown, b: unknown): boolean => a === b || canonicalJson(a) === canonicalJson(b);

/** The 3-way rule for one unit: undefined in `clash` means both sides changed it differently. */
function pick<T>(base: T, mine: T, theirs: T): { value: T } | { clash: true } {
  if (same(mine, theirs)) return { value: mine };
  if (same(mine, base)) return { value: theirs };
  if (same(theirs, base)) return { value: mine };
  return { clash: true };
}

/** True when the common slides of `side` appear in another order than in `base`. */
function reordered(base: string[], side: string[]): boolean {
  const inSide = new Set(side);
  const inBase = new Set(base);
  const a = base.filter((id) => inSide.has(id));
  const b = side.filter((id) => inBase.has(id));
  return a.some((id, i) => id !== b[i]);
}

/** Merges `mine` and `theirs`, both derived from `base`. */
export function mergeDecks(base: Deck, mine: Deck, theirs: Deck): MergeResult {
  const clashes: MergeClash[] = [];
  const merged: Record<string, unknown> = {};

  const keys = new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)]);
  for (const key of keys) {
    if (key === 'slides' || RESERVED.has(key)) continue;
    const r = pick((base as Record<string, unknown>)[key], (mine as Record<string, unknown>)[key], (theirs as Record<string, unknown>)[key]);
    if ('clash' in r) {
      const kind = key === 'meta' ? 'meta' : key === 'sources' ? 'sources' : 'field';
      const label = key === 'meta' ? "the deck's title and details" : key === 'sources' ? 'the list of sources' : `the deck's “${key}”`;
      clashes.push({ kind, key, label });
    } else if (r.value !== undefined) merged[key] = r.value;
  }

  const byId = (deck: Deck) => new Map(deck.slides.map((s) => [s.id, s] as const));
  const b = byId(base);
  const m = byId(mine);
  const t = byId(theirs);
  const ids = [...new Set([...base.slides, ...mine.slides, ...theirs.slides].map((s) => s.id))];
  const kept = new Map<string, Slide>();
  for (const id of ids) {
    const r = pick(b.get(id), m.get(id), t.get(id));
    if ('clash' in r) {
      const slide = m.get(id) ?? t.get(id) ?? b.get(id)!;
      const index = (m.has(id) ? mine : theirs).slides.findIndex((s) => s.id === id);
      clashes.push({ kind: 'slide', key: id, label: `Slide ${index + 1} “${slide.title}”` });
    } else if (r.value) kept.set(id, r.value);
  }

  // Order: the side that moved slides decides; slides the other side added follow their predecessor there.
  const baseOrder = base.slides.map((s) => s.id);
  const mineOrder = mine.slides.map((s) => s.id);
  const theirOrder = theirs.slides.map((s) => s.id);
  const mineMoved = reordered(baseOrder, mineOrder);
  const theyMoved = reordered(baseOrder, theirOrder);
  if (mineMoved && theyMoved && reordered(mineOrder, theirOrder)) {
    clashes.push({ kind: 'order', key: 'slides', label: 'the order of the slides' });
  }
  if (clashes.length) return { ok: false, clashes };

  const [primary, other] = theyMoved && !mineMoved ? [theirOrder, mineOrder] : [mineOrder, theirOrder];
  const order = primary.filter((id) => kept.has(id));
  for (const [i, id] of other.entries()) {
    if (!kept.has(id) || order.includes(id)) continue;
    let at = 0;
    for (let j = i - 1; j >= 0; j--) {
      const k = order.indexOf(other[j]);
      if (k >= 0) {
        at = k + 1;
        break;
      }
    }
    order.splice(at, 0, id);
  }
  for (const id of ids) if (kept.has(id) && !order.includes(id)) order.push(id);

  const deck = { ...merged, slides: order.map((id) => kept.get(id)!) } as unknown as Deck;
  // Keep the familiar key order of the file: format, version, meta, sources, slides, …
  const ordered: Record<string, unknown> = {};
  for (const key of Object.keys(mine)) if (key in deck) ordered[key] = (deck as Record<string, unknown>)[key];
  for (const key of Object.keys(deck)) if (!(key in ordered)) ordered[key] = (deck as Record<string, unknown>)[key];
  return { ok: true, deck: structuredCloneJson(ordered) as Deck };
}

function structuredCloneJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

/** What `side` changed since `base`, named for a person: "Slide 2 “Output”", "the deck's title and details", … */
export function describeChanges(base: Deck, side: Deck): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(base), ...Object.keys(side)])) {
    if (key === 'slides' || RESERVED.has(key)) continue;
    if (!same((base as Record<string, unknown>)[key], (side as Record<string, unknown>)[key])) {
      out.push(key === 'meta' ? "the deck's title and details" : key === 'sources' ? 'the list of sources' : `the deck's “${key}”`);
    }
  }
  const before = new Map(base.slides.map((s) => [s.id, s] as const));
  const ids = new Set(side.slides.map((s) => s.id));
  side.slides.forEach((slide, i) => {
    const old = before.get(slide.id);
    if (!old) out.push(`added Slide ${i + 1} “${slide.title}”`);
    else if (!same(old, slide)) out.push(`Slide ${i + 1} “${slide.title}”`);
  });
  for (const slide of base.slides) if (!ids.has(slide.id)) out.push(`deleted “${slide.title}”`);
  if (
    !out.length &&
    reordered(
      base.slides.map((s) => s.id),
      side.slides.map((s) => s.id),
    )
  )
    out.push('the order of the slides');
  return out;
}
