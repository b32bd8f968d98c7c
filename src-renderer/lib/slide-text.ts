/** Text helpers for slides: sources lines, stat values, notes bullets. Pure. */
import { formatStat } from '../../src-shared/chart-config';
import type { Deck, Slide } from '../../src-shared/deck-schema';

/** Source ids a slide cites, from its `sources` and its stats, in order, once each. */
export function slideSourceIds(slide: Slide): string[] {
  const ids = [...(slide.sources ?? []), ...(slide.stats ?? []).map((s) => s.source).filter((s): s is string => !!s)];
  return [...new Set(ids)];
}

/** "Source: China-Global South Project; Griffith Asia Institute", or '' when none. */
export function sourceLine(deck: Deck, slide: Slide): string {
  if (slide.layout === 'sources' || slide.layout === 'title') return '';
  const byId = new Map((deck.sources ?? []).map((s) => [s.id, s]));
  const names = slideSourceIds(slide).map((id) => {
    const src = byId.get(id);
    return src ? (src.publisher ?? src.title) : id;
  });
  const unique = [...new Set(names)];
  if (!unique.length) return '';
  return `${unique.length > 1 ? 'Sources' : 'Source'}: ${unique.join('; ')}`;
}

/** A stat's big number, e.g. `$124bn`, `18.5%` (the same text the PDF and PowerPoint show). */
export { formatStat as statValue };

/** Splits talking points into paragraphs and bullets (lines starting "- "). */
export function notesBlocks(notes: string): Array<{ bullet: boolean; text: string }> {
  return notes
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
    .map((line) => (/^\s*[-•]\s+/.test(line) ? { bullet: true, text: line.replace(/^\s*[-•]\s+/, '') } : { bullet: false, text: line.trim() }));
}
