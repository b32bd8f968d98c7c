/**
 * A slide drawn as a slide: a 16:9 frame with the title, the body and the source
 * line, at any scale. `planSlide` decides once per export how far to shrink the
 * type so the content fits, and which chart image to draw; `slideFrame` draws
 * the planned slide at a layout's size.
 */
import type { Deck, Slide } from '../../../src-shared/deck-schema';
import type { PdfPictures } from '../image-pdf';
import type { ChartImages } from './chart-image';
import type { Content, TableNode } from './pdf-types';
import { buildBody, text, type BodyPlan, type Scale } from './slide-content';
import type { TextMeasurer } from './text-measure';
import { COLORS, currentPdfTheme, fitLogo, LOGO_IMAGE, SLIDE } from './theme';
import { tableHasDerived } from './table-content';

export interface SlidePlan extends BodyPlan {
  /** Type size factor (1 = design size). */
  fit: number;
  /** Texts cut to this many characters: set only when shrinking and dropping bullets were not enough. */
  maxChars?: number;
}

const FIT_STEPS = [1, 0.92, 0.84, 0.76, 0.68, 0.6, SLIDE.minFit];
/** The smallest type a table is shrunk to before its rows continue after the slide. */
const TABLE_MIN_FIT = 0.68;
// Estimates are close, not exact: leave room so pdfmake never needs a second page for a frame.
const SAFETY = 0.94;

/** The source line under a data slide: who said it, and whether a figure was derived. */
export function sourceLine(slide: Slide, deck: Deck): string | null {
  const byId = new Map((deck.sources ?? []).map((s) => [s.id, s]));
  const ids = [...(slide.sources ?? []), ...(slide.stats ?? []).flatMap((s) => (s.source ? [s.source] : []))];
  const names = [...new Set(ids)].map((id) => {
    const src = byId.get(id);
    return src ? (src.publisher && !src.title.includes(src.publisher) ? `${src.title} (${src.publisher})` : src.title) : id;
  });
  const table = slide.layout === 'table' ? slide.table : undefined;
  const isData = slide.layout === 'chart' || slide.layout === 'stats' || slide.layout === 'table' || slide.chart !== undefined || (slide.stats?.length ?? 0) > 0;
  const derived = Boolean(slide.chart?.derived) || (slide.stats ?? []).some((s) => s.derived) || tableHasDerived(table);
  if (names.length === 0 && !isData) return null;
  const lead = names.length ? `Source${names.length > 1 ? 's' : ''}: ${names.join('; ')}` : 'Source: none given in the deck';
  return derived ? `${lead}  ·  † derived figure, see annex` : lead;
}

interface Parts {
  header: Content[];
  headerHeight: number;
  footer: Content[];
  footerHeight: number;
}

function frameParts(slide: Slide, deck: Deck, sc: Scale, width: number, bookmark?: string): Parts {
  const gap = SLIDE.gap * sc.s;
  const header: Content[] = [];
  let headerHeight = 0;
  const titled = slide.layout !== 'title' && slide.layout !== 'section';
  if (titled) {
    const t = text(slide.title, SLIDE.title * sc.k, width, sc.m, { bold: true, color: COLORS.primary, lineHeight: 1.05 });
    header.push(bookmark ? { ...t.node, outline: true, outlineText: bookmark } : t.node);
    headerHeight += t.height;
    if (slide.subtitle) {
      const sub = text(slide.subtitle, SLIDE.subtitle * sc.k, width, sc.m, { color: COLORS.muted, margin: [0, gap * 0.3, 0, 0] });
      header.push(sub.node);
      headerHeight += sub.height;
    }
  }
  if (slide.confidence) {
    const c = text(`•  ${slide.confidence[0].toUpperCase()}${slide.confidence.slice(1)} confidence`, SLIDE.badge * sc.k, width, sc.m, {
      bold: true,
      color: COLORS.confidence[slide.confidence],
      margin: [0, gap * 0.4, 0, 0],
    });
    header.push(c.node);
    headerHeight += c.height;
  }
  const footer: Content[] = [];
  let footerHeight = 0;
  const line = sourceLine(slide, deck);
  if (line) {
    const s = text(line, SLIDE.source * sc.k, width, sc.m, {
      color: slide.layout === 'section' ? COLORS.sectionMuted : COLORS.muted,
      lineHeight: SLIDE.lineHeight,
    });
    footer.push(s.node);
    footerHeight += s.height;
  }
  return { header, headerHeight, footer, footerHeight };
}

/**
 * The deck's logo in the top right corner of a title slide, where the screen puts it
 * (3% of the width from the top, 4% from the right, at most 18% × 9% of the width).
 * Placed out of the flow, so the title stays centred as on screen.
 */
function titleLogo(s: number, inner: number): Content[] {
  const logo = currentPdfTheme().logo;
  if (!logo) return [];
  const box = fitLogo(logo, 0.18 * SLIDE.width * s, 0.09 * SLIDE.width * s);
  // The body's origin is padX in from the left and padTop down; the screen's corner is 4% / 3% of the width.
  const x = inner + SLIDE.padX * s - 0.04 * SLIDE.width * s - box.width;
  const y = 0.03 * SLIDE.width * s - SLIDE.padTop * s;
  return [{ image: LOGO_IMAGE, width: box.width, height: box.height, relativePosition: { x, y } }];
}

/** "3. Kazakhstan leads" — the bookmark text of slide `n` (1-based). */
export function outlineTitle(n: number, title: string): string {
  return `${n}. ${title.replace(/\s+/g, ' ').trim()}`;
}

function bodyBox(parts: Parts, s: number, width: number) {
  const gap = SLIDE.gap * s;
  const height = SLIDE.height * s - SLIDE.padTop * s - SLIDE.padBottom * s - parts.headerHeight - parts.footerHeight - (parts.header.length ? gap * 1.6 : 0) - (parts.footer.length ? gap : 0);
  return { width, height: Math.max(height, 0) };
}

/** Measures a candidate plan at design scale: does the body fit its box, and where does the chart go? */
function tryPlan(slide: Slide, deck: Deck, m: TextMeasurer, plan: SlidePlan): { fits: boolean; chartBox?: { width: number; height: number } } {
  const width = SLIDE.width - 2 * SLIDE.padX;
  const shown = plan.maxChars ? clipSlide(slide, plan.maxChars) : slide;
  const sc: Scale = { s: 1, k: plan.fit, m };
  const parts = frameParts(shown, deck, sc, width);
  const box = bodyBox(parts, 1, width);
  const body = buildBody(shown, deck, box, sc, plan);
  return { fits: box.height > 0 && body.height <= box.height * SAFETY, chartBox: body.chartBox };
}

/**
 * Decides, at design scale, how small the type must be for the slide to fit, and
 * asks `charts` for the slide's chart image at the size it will fill. Shrinking
 * comes first; a slide still too full at the smallest type loses trailing
 * bullets, then has its texts cut short (a hostile or broken deck, not a real one).
 */
export function planSlide(slide: Slide, deck: Deck, m: TextMeasurer, charts: ChartImages, pictures?: PdfPictures): SlidePlan {
  const image = slide.image ? pictures?.get(slide.image.src) : undefined;
  let plan: SlidePlan | undefined;
  let chartBox: { width: number; height: number } | undefined;
  const attempt = (candidate: SlidePlan) => {
    if (image) candidate.image = image;
    const result = tryPlan(slide, deck, m, candidate);
    if (result.fits) {
      plan = candidate;
      chartBox = result.chartBox;
    }
    return result.fits;
  };
  const rows = slide.layout === 'table' ? (slide.table?.rows.length ?? 0) : 0;
  FIT_STEPS.filter((fit) => rows <= 1 || fit >= TABLE_MIN_FIT).some((fit) => attempt({ fit }));
  if (!plan && rows > 1) {
    // A long table keeps readable type and shows the rows that fit; the rest follow the slide.
    // Binary search: a 2000-row table is measured about 11 times, not 2000.
    let lo = 1;
    let hi = rows - 1;
    let best: SlidePlan | undefined;
    while (lo <= hi) {
      const mid = Math.floor((lo + hi) / 2);
      const candidate: SlidePlan = { fit: TABLE_MIN_FIT, tableRows: mid, maxBullets: slide.bullets?.length ? 0 : undefined };
      if (tryPlan(slide, deck, m, candidate).fits) {
        best = candidate;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (best) attempt(best);
  }
  if (!plan) {
    const bullets = slide.bullets?.length ?? 0;
    for (let keep = bullets - 1; keep >= 0 && !plan; keep--) attempt({ fit: SLIDE.minFit, maxBullets: keep });
  }
  if (!plan) {
    const maxBullets = slide.bullets?.length ? 0 : undefined;
    CLIP_STEPS.some((maxChars) => attempt({ fit: SLIDE.minFit, maxBullets, maxChars }));
  }
  // Nothing fits (only a pathological deck gets here): draw the most cut-down version.
  const final: SlidePlan = plan ?? { fit: SLIDE.minFit, maxBullets: slide.bullets?.length ? 0 : undefined, maxChars: CLIP_STEPS[CLIP_STEPS.length - 1] };
  if (image) final.image = image;
  chartBox ??= tryPlan(slide, deck, m, final).chartBox;
  if (slide.chart && chartBox) final.chart = { key: charts.request(slide.chart, chartBox.width, chartBox.height), ...chartBox };
  return final;
}

const CLIP_STEPS = [800, 500, 320, 200, 130, 80, 50, 30];

/** A copy of the slide with every text cut to `max` characters (ids and choices untouched). */
export function clipSlide(slide: Slide, max: number): Slide {
  const clip = (value: string) => (value.length > max ? `${value.slice(0, max).trimEnd()}…` : value);
  const list = (values: string[] | undefined) => values?.map(clip);
  return {
    ...slide,
    title: clip(slide.title),
    subtitle: slide.subtitle === undefined ? undefined : clip(slide.subtitle),
    bullets: list(slide.bullets),
    columns: slide.columns?.map((c) => ({ ...c, heading: clip(c.heading), bullets: c.bullets.map(clip) })),
    stats: slide.stats?.map((st) => ({ ...st, label: clip(st.label) })),
    quote: slide.quote ? { ...slide.quote, text: clip(slide.quote.text), attribution: slide.quote.attribution === undefined ? undefined : clip(slide.quote.attribution) } : undefined,
    chart: slide.chart ? { ...slide.chart, caption: slide.chart.caption === undefined ? undefined : clip(slide.chart.caption), derived: slide.chart.derived === undefined ? undefined : clip(slide.chart.derived) } : undefined,
  };
}

export interface FrameOptions {
  /** Frame width in points; the height follows (16:9). */
  width: number;
  /** 1-based slide number, for the bookmark. */
  number: number;
  /** Add this slide's bookmark (each slide gets exactly one, in the layout that draws it first). */
  outline: boolean;
  border?: boolean;
}

/** Draws a planned slide as a framed 16:9 box `options.width` points wide. */
export function slideFrame(original: Slide, deck: Deck, plan: SlidePlan, m: TextMeasurer, options: FrameOptions): TableNode {
  const slide = plan.maxChars ? clipSlide(original, plan.maxChars) : original;
  const s = options.width / SLIDE.width;
  const sc: Scale = { s, k: s * plan.fit, m };
  const inner = options.width - 2 * SLIDE.padX * s;
  const bookmark = options.outline ? outlineTitle(options.number, original.title) : undefined;
  const parts = frameParts(slide, deck, sc, inner, bookmark);
  const box = bodyBox(parts, s, inner);
  const titledBody = slide.layout === 'title' || slide.layout === 'section';
  const body = buildBody(slide, deck, box, sc, plan, titledBody ? bookmark : undefined);
  if (slide.layout === 'title') body.content.unshift(...titleLogo(s, inner));
  const headerContent: Content[] = [...parts.header];
  // Only section slides are filled: a cell's fill is painted over fills of tables nested in it (stat cards).
  const fill = slide.layout === 'section' ? COLORS.sectionFill : undefined;
  const gap = SLIDE.gap * s;
  const lineColor = options.border === false ? (fill ?? COLORS.white) : COLORS.frame;
  // Rows: header (if the slide has a title line), body, footer (if it has a source line).
  type Role = 'header' | 'body' | 'footer';
  const rows: Array<{ role: Role; content: Content[]; height: number | 'auto' }> = [];
  if (headerContent.length) rows.push({ role: 'header', content: headerContent, height: 'auto' });
  rows.push({ role: 'body', content: body.content, height: box.height });
  if (parts.footer.length) rows.push({ role: 'footer', content: parts.footer, height: 'auto' });
  const last = rows.length - 1;
  return {
    table: {
      widths: [inner],
      heights: rows.map((r) => r.height),
      dontBreakRows: true,
      body: rows.map((r) => [fill ? { stack: r.content, fillColor: fill } : { stack: r.content }]),
    },
    layout: {
      hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0.75 * SLIDE.lineScale : 0),
      vLineWidth: () => 0.75 * SLIDE.lineScale,
      hLineColor: () => lineColor,
      vLineColor: () => lineColor,
      paddingLeft: () => SLIDE.padX * s,
      paddingRight: () => SLIDE.padX * s,
      paddingTop: (i) => (i === 0 ? SLIDE.padTop * s : 0),
      paddingBottom: (i) => (i === last ? SLIDE.padBottom * s : rows[i].role === 'header' ? gap * 1.6 : gap),
    },
  };
}
