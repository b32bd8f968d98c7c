/**
 * The presenter's search over slide titles, talking points and slide text. Every
 * word of the query must occur somewhere on the slide, ignoring case and accents
 * ("Zurich" finds "Zürich"). Pure: results carry text segments with the matches
 * marked, which the view renders as text (never HTML).
 */
import type { Slide } from '../../src-shared/deck-schema';

export interface Segment {
  text: string;
  mark: boolean;
}

export interface SearchHit {
  /** 0-based slide index. */
  index: number;
  title: Segment[];
  /** Where the words were found besides the title, e.g. "Talking points". */
  where: string | null;
  /** A short excerpt around the first match outside the title. */
  excerpt: Segment[] | null;
}

export type SearchableSlide = Pick<Slide, 'title' | 'subtitle' | 'notes' | 'bullets' | 'columns' | 'handout'>;

interface Folded {
  text: string;
  /** For each folded character, the index of the original character it came from. */
  origin: number[];
}

/** Lower case without accents, keeping a map back to the original positions. */
export function fold(text: string): Folded {
  let out = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const folded = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    for (let k = 0; k < folded.length; k++) origin.push(i);
    out += folded;
    i += ch.length;
  }
  return { text: out, origin };
}

/** Lower case without accents, without the position map: what matching needs, fast. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The query's words, folded; empty for a blank query. */
export function queryWords(query: string): string[] {
  return [...new Set(foldText(query.trim()).split(/\s+/).filter(Boolean))].slice(0, 12);
}

interface Range {
  start: number;
  end: number;
}

/** Ranges of the original text where any of the words occur (merged, in order). */
function findRanges(text: string, words: string[]): Range[] {
  const folded = fold(text);
  const ranges: Range[] = [];
  for (const word of words) {
    let at = folded.text.indexOf(word);
    while (at !== -1) {
      const start = folded.origin[at];
      const lastOrigin = folded.origin[at + word.length - 1];
      let end = lastOrigin + (text.codePointAt(lastOrigin)! > 0xffff ? 2 : 1);
      // Accents written as separate combining marks belong to the matched letter.
      while (end < text.length && /\p{M}/u.test(text[end])) end++;
      ranges.push({ start, end });
      at = folded.text.indexOf(word, at + word.length);
    }
  }
  ranges.sort((a, b) => a.start - b.start);
  const merged: Range[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/** Splits text into marked and unmarked segments. */
export function highlight(text: string, words: string[]): Segment[] {
  const segments: Segment[] = [];
  let pos = 0;
  for (const r of findRanges(text, words)) {
    if (r.start > pos) segments.push({ text: text.slice(pos, r.start), mark: false });
    segments.push({ text: text.slice(r.start, r.end), mark: true });
    pos = r.end;
  }
  if (pos < text.length) segments.push({ text: text.slice(pos), mark: false });
  return segments;
}

/** About `width` characters of `text` around its first match, on whole words, marked. */
export function excerptAround(text: string, words: string[], width = 110): Segment[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  const first = findRanges(flat, words)[0];
  if (!first || flat.length <= width) return highlight(flat, words);
  let start = Math.max(0, first.start - Math.floor(width / 3));
  let end = Math.min(flat.length, start + width);
  start = Math.max(0, end - width);
  if (start > 0) start = flat.indexOf(' ', start) + 1 || start;
  if (end < flat.length) end = flat.lastIndexOf(' ', end) > first.end ? flat.lastIndexOf(' ', end) : end;
  const segments = highlight(flat.slice(start, end), words);
  if (start > 0) segments.unshift({ text: '…', mark: false });
  if (end < flat.length) segments.push({ text: '…', mark: false });
  return segments;
}

function fields(slide: SearchableSlide): Array<{ where: string; text: string; weight: number }> {
  const columnText = (slide.columns ?? []).map((c) => [c.heading, ...c.bullets].join('\n')).join('\n');
  return [
    { where: 'Title', text: slide.title, weight: 4 },
    { where: 'Talking points', text: slide.notes ?? '', weight: 2 },
    { where: 'Subtitle', text: slide.subtitle ?? '', weight: 1 },
    {
      where: 'Slide text',
      text: [...(slide.bullets ?? []), columnText].join('\n'),
      weight: 1,
    },
    { where: 'Handout summary', text: slide.handout ?? '', weight: 1 },
  ];
}

/**
 * Slides holding every word of the query, best first: a word in the title counts
 * most, then talking points; ties keep deck order.
 */
export function searchSlides(slides: ReadonlyArray<SearchableSlide>, query: string, limit = 50): SearchHit[] {
  const words = queryWords(query);
  if (!words.length) return [];
  const scored: Array<{
    index: number;
    score: number;
    other: { where: string; text: string } | undefined;
  }> = [];
  slides.forEach((slide, index) => {
    const parts = fields(slide).map((f) => ({
      ...f,
      folded: foldText(f.text),
    }));
    if (!words.every((w) => parts.some((p) => p.folded.includes(w)))) return;
    let score = 0;
    for (const p of parts) for (const w of words) if (p.folded.includes(w)) score += p.weight;
    const other = parts.slice(1).find((p) => words.some((w) => p.folded.includes(w)));
    scored.push({ index, score, other });
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  // Marking text costs more than matching it: only for the hits that are shown.
  return scored.slice(0, limit).map(({ index, other }) => ({
    index,
    title: highlight(slides[index].title, words),
    where: other?.where ?? null,
    excerpt: other ? excerptAround(other.text, words) : null,
  }));
}
