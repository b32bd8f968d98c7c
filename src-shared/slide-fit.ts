/**
 * Does a slide's text fit on the slide? An estimate, pure (no DOM, no fonts), so
 * `briefing check` and the app's field problems can both say so. The geometry is the
 * screen's (Slide.svelte, in container units: the slide is 100 wide and 56.25 high);
 * character widths are Noto Sans's averages per kind of character (CJK is one em wide).
 * The screen draws body text at one size and does not shrink it (only a stat's number
 * shrinks to its column), so there the design size is also the smallest size: text that
 * does not fit is cut off at the bottom. The estimate leans towards "fits" (narrow widths,
 * a margin before warning): a warning should mean a slide that really is too full.
 */
import type { Deck, Slide } from './deck-schema';

/** Slide height in the units of its width (16:9). */
const HEIGHT = 56.25;
const CONTENT_WIDTH = 90; // 5 + 5 side padding
const CONTENT_HEIGHT = HEIGHT - 4.2 - 2.6 - 0.6; // top and bottom padding, top border
/** Line height "normal" of Noto Sans (ascender − descender). */
const NORMAL = 1.36;
/** Warn only when the text needs this much more than the room (the estimate's own error). */
const MARGIN = 1.08;

/** Average advance width, in ems, of one character of Noto Sans (regular). */
function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 32;
  if (cp === 32) return 0.26;
  if (cp >= 0x2e80 && cp <= 0x9fff) return 1; // CJK ideographs, kana, CJK punctuation
  if ((cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xff60)) return 1;
  if (cp >= 0x0590 && cp <= 0x06ff) return 0.45; // Hebrew, Arabic
  if (ch >= '0' && ch <= '9') return 0.57;
  if (/[.,:;'"!|()[\]{}·\-–—]/.test(ch)) return 0.3;
  if (/[iljtfr]/.test(ch)) return 0.3;
  if (/[mwMW]/.test(ch)) return 0.85;
  if (ch !== ch.toLowerCase()) return 0.62; // capitals, Latin, Greek and Cyrillic alike
  return 0.54;
}

/** Width of `text` in ems (bold is about 5 % wider). */
export function textEms(text: string, bold = false): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return bold ? w * 1.05 : w;
}

/**
 * Lines `text` wraps to at `size` in a box `width` wide (same units): breaks at spaces,
 * between CJK characters, and inside a word longer than the line (`overflow-wrap: anywhere`).
 */
export function wrappedLines(text: string, size: number, width: number, bold = false): number {
  const limit = width / size; // in ems
  if (limit <= 0) return Infinity;
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    lines += 1;
    let used = 0;
    for (const token of paragraph.match(/[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uff60]|[^\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uff60]+|\s+/g) ?? []) {
      const w = textEms(token, bold);
      if (/^\s+$/.test(token)) {
        used += w;
        continue;
      }
      if (used > 0 && used + w > limit) {
        lines += 1;
        used = 0;
      }
      if (w > limit) {
        lines += Math.ceil(w / limit) - 1;
        used = w - (Math.ceil(w / limit) - 1) * limit;
      } else used += w;
    }
  }
  return lines;
}

const block = (text: string, size: number, width: number, lineHeight: number, bold = false) => wrappedLines(text, size, width, bold) * size * lineHeight;

function bulletsHeight(bullets: readonly string[], size: number, width: number): number {
  if (!bullets.length) return 0;
  return bullets.reduce((h, b) => h + block(b, size, width - 2.4, 1.4), 0) + (bullets.length - 1) * 0.9;
}

/** The source line under the slide, as the screen writes it (publisher, else title). */
function sourceText(deck: Deck, slide: Slide): string {
  if (slide.layout === 'sources' || slide.layout === 'title') return '';
  const ids = [...new Set([...(slide.sources ?? []), ...(slide.stats ?? []).flatMap((s) => (s.source ? [s.source] : []))])];
  const byId = new Map((deck.sources ?? []).map((s) => [s.id, s]));
  const names = [...new Set(ids.map((id) => byId.get(id)?.publisher ?? byId.get(id)?.title ?? id))];
  return names.length ? `Sources: ${names.join('; ')}` : '';
}

/** Height of the slide's body content, or undefined for a layout this estimate does not model. */
function bodyHeight(deck: Deck, slide: Slide): number | undefined {
  const w = CONTENT_WIDTH;
  switch (slide.layout) {
    case 'bullets':
      return bulletsHeight(slide.bullets ?? [], 2.25, w);
    case 'stats': {
      const stats = slide.stats ?? [];
      const n = Math.max(1, stats.length);
      const col = (w - 2.5 * (n - 1)) / n - 2.1;
      const labels = Math.max(0, ...stats.map((s) => block(s.label, 1.8, col, NORMAL)));
      const grid = stats.length ? 6.4 * 1.05 + 0.6 + labels : 0;
      const bullets = bulletsHeight(slide.bullets ?? [], 1.8, w);
      return grid + (bullets ? 1.6 + bullets : 0);
    }
    case 'chart': {
      // The chart takes what is left; it needs some room to be a chart at all.
      const caption = slide.chart?.caption ? 1.6 + block(slide.chart.caption, 1.6, w, NORMAL) : 0;
      const bullets = bulletsHeight(slide.bullets ?? [], 2.25, w);
      return 12 + caption + (bullets ? 1.6 + bullets : 0);
    }
    case 'two-column': {
      const columns = slide.columns ?? [];
      const n = Math.max(1, columns.length);
      const col = (w - 3.5 * (n - 1)) / n;
      const tallest = Math.max(0, ...columns.map((c) => block(c.heading, 2.4, col, NORMAL, true) + 1 + bulletsHeight(c.bullets, 1.95, col)));
      const bullets = bulletsHeight(slide.bullets ?? [], 2.25, w);
      return tallest + (bullets ? 1.6 + bullets : 0);
    }
    case 'quote': {
      if (!slide.quote) return 0;
      const quote = block(slide.quote.text, 3, w - 8 - 3, 1.35);
      const by = slide.quote.attribution ? 1.6 + block(`— ${slide.quote.attribution}`, 1.8, w - 8 - 3, NORMAL) : 0;
      return quote + by + (slide.bullets?.length ? 1.6 + bulletsHeight(slide.bullets, 2.25, w) : 0);
    }
    case 'sources':
      return (deck.sources ?? []).reduce((h, s, i) => {
        const head = block(`${s.title}, ${s.publisher ?? ''}`, 1.9, w - 2.6, 1.35, true);
        const note = s.note ? block(s.note, 1.5, w - 2.6, 1.35) : 0;
        // Monospaced, broken anywhere: 0.6 em a character.
        const url = s.url ? Math.ceil((s.url.length * 0.6 * 1.5) / (w - 2.6)) * 1.5 * 1.35 : 0;
        return h + head + note + url + (i ? 1.2 : 0);
      }, 0);
    default:
      return undefined;
  }
}

export interface SlideFit {
  /** Estimated height the text needs and the slide's room for it, in slide-width percent. */
  needed: number;
  available: number;
  fits: boolean;
}

/** Estimates whether a slide's text fits on it at the screen's size. Undefined for layouts it does not model (image, table). */
export function estimateSlideFit(deck: Deck, slide: Slide): SlideFit | undefined {
  const w = CONTENT_WIDTH;
  let needed: number;
  if (slide.layout === 'title' || slide.layout === 'section') {
    const title = slide.layout === 'title' ? block(slide.title, 5, w, 1.15, true) : block(slide.title, 4.6, w, 1.15, true);
    const sub = slide.subtitle ? (slide.layout === 'title' ? 2 + block(slide.subtitle, 2.6, w, NORMAL) : 1.6 + block(slide.subtitle, 2.3, w, NORMAL)) : 0;
    const meta = slide.layout === 'title' ? 4 + 1.7 * NORMAL : 0;
    needed = title + sub + meta;
  } else {
    const body = bodyHeight(deck, slide);
    if (body === undefined) return undefined;
    const badge = slide.confidence ? 16 : 0;
    const header = block(slide.title, 3.5, w - badge, 1.15, true);
    const lede = slide.subtitle ? 1 + block(slide.subtitle, 2, w, NORMAL) : 0;
    const derived = [slide.chart?.derived, ...(slide.stats ?? []).map((s) => (s.derived ? `${s.label}: ${s.derived}` : undefined))].filter((d): d is string => !!d);
    const source = sourceText(deck, slide);
    const footerLines = [...derived.map((d) => `* ${d}`), ...(source ? [source] : [])];
    const footer = footerLines.length ? 1.2 + footerLines.reduce((h, l) => h + 0.2 + block(l, 1.25, w, NORMAL), 0) : 0;
    needed = header + lede + 1.8 + body + footer;
  }
  return { needed, available: CONTENT_HEIGHT, fits: needed <= CONTENT_HEIGHT * MARGIN };
}
