/**
 * The body of a slide (what sits between its title and its source line), per
 * layout, as pdfmake nodes plus an estimate of their height. The same code runs
 * at design scale to plan (how much to shrink, how big the chart is) and at the
 * layout's scale to draw, so the plan holds at any size.
 */
import { formatStat } from '../../../src-shared/chart-config';
import type { Deck, Image, Slide, Stat } from '../../../src-shared/deck-schema';
import type { PdfPicture } from '../image-pdf';
import type { Content, TextNode, TextStyle } from './pdf-types';
import { COLORS, SLIDE } from './theme';
import { textRuns } from './text-runs';
import type { MeasureStyle, TextMeasurer } from './text-measure';
import { slideTable } from './table-content';

/** How a slide is drawn: `s` scales geometry (points per design unit), `k` = s × fit scales type. */
export interface Scale {
  s: number;
  k: number;
  m: TextMeasurer;
}

export interface BodyBox {
  width: number;
  height: number;
}

/** What planning decided for the body, reused when drawing. */
export interface BodyPlan {
  /** Bullets shown (the rest did not fit even at the smallest type). */
  maxBullets?: number;
  /** Rows of a table slide's table drawn on the slide; the rest follow it (see table-content.ts). All when unset. */
  tableRows?: number;
  /** The chart image key and its box in design units. */
  chart?: { key: string; width: number; height: number };
  /** The slide's own image, prepared for the PDF (or why it is left out). */
  image?: PdfPicture;
}

export interface BuiltBody {
  content: Content[];
  height: number;
  /** Where the chart goes, in points at this scale (planning requests an image this size). */
  chartBox?: BodyBox;
}

/** A text node in the bundled fonts, with its estimated height. */
export function text(
  value: string,
  size: number,
  width: number,
  m: TextMeasurer,
  style: TextStyle & { margin?: [number, number, number, number] } = {},
): { node: TextNode; height: number } {
  const measure: MeasureStyle = { bold: style.bold, italics: style.italics, lineHeight: style.lineHeight };
  const margin = style.margin ?? [0, 0, 0, 0];
  const node: TextNode = { text: textRuns(value), fontSize: size, ...style };
  return { node, height: m.height(value, size, width, measure) + margin[1] + margin[3] };
}

/** Bulleted list; returns how many items fit when `maxHeight` is given. */
export function bulletList(items: readonly string[], size: number, width: number, sc: Scale, color: string = COLORS.ink): { node: Content; height: number } {
  const gap = SLIDE.bulletGap * sc.k;
  const indent = sc.m.width('9. ', size) + 1;
  let height = 0;
  const ul: Content[] = items.map((item, i) => {
    const t = text(item, size, width - indent, sc.m, { lineHeight: SLIDE.lineHeight, margin: [0, 0, 0, i < items.length - 1 ? gap : 0] });
    height += t.height;
    return t.node;
  });
  return { node: { ul, color, markerColor: COLORS.accent, fontSize: size, lineHeight: SLIDE.lineHeight }, height };
}

function statsGrid(stats: readonly Stat[], box: BodyBox, sc: Scale): { node: Content; height: number } {
  const cols = stats.length <= 4 ? stats.length : Math.ceil(stats.length / 2);
  const gap = SLIDE.gap * 1.6 * sc.s;
  const pad = 10 * sc.s;
  const cardWidth = (box.width - gap * (cols - 1)) / cols;
  const inner = cardWidth - 2 * pad;
  const rows: Content[] = [];
  let height = 0;
  for (let r = 0; r * cols < stats.length; r++) {
    const cells = stats.slice(r * cols, r * cols + cols);
    let rowHeight = 0;
    const cards = cells.map((stat) => {
      const valueSize = SLIDE.statValue * sc.k;
      const value = `${formatStat(stat)}${stat.derived ? ' †' : ''}`;
      // A long value (huge number, long unit) shrinks rather than wraps.
      const valueWidth = sc.m.width(value, valueSize, { bold: true });
      const size = valueWidth > inner ? Math.max(valueSize * (inner / valueWidth), valueSize * 0.45) : valueSize;
      const v = text(value, size, inner, sc.m, { bold: true, color: COLORS.primary, margin: [0, 0, 0, 2 * sc.s] });
      const l = text(stat.label, SLIDE.statLabel * sc.k, inner, sc.m, { color: COLORS.muted, lineHeight: SLIDE.lineHeight });
      rowHeight = Math.max(rowHeight, v.height + l.height + 2 * pad);
      return { v, l };
    });
    rows.push({
      table: {
        widths: cards.map(() => cardWidth - 2 * pad),
        body: [cards.map(({ v, l }) => ({ stack: [v.node, l.node], fillColor: COLORS.cardFill }))],
      },
      layout: cardLayout(pad, gap),
      margin: [0, r === 0 ? 0 : gap, 0, 0],
    });
    height += rowHeight + (r === 0 ? 0 : gap);
  }
  return { node: { stack: rows }, height };
}

function cardLayout(pad: number, gap: number) {
  return {
    hLineWidth: () => 0,
    vLineWidth: (i: number, node: { table: { widths: unknown[] } }) => (i === 0 || i === node.table.widths.length ? 0 : gap),
    vLineColor: () => COLORS.white,
    paddingLeft: () => pad,
    paddingRight: () => pad,
    paddingTop: () => pad,
    paddingBottom: () => pad,
  };
}

/** Bullets, cut to what fits in `maxHeight` at this size (a last resort; planning shrinks type first). */
function fittedBullets(items: readonly string[], width: number, sc: Scale, maxBullets?: number): { node: Content; height: number } | null {
  if (items.length === 0) return null;
  const shown = maxBullets === undefined ? items : items.slice(0, maxBullets);
  const list = bulletList(shown, SLIDE.body * sc.k, width, sc);
  if (shown.length === items.length) return list;
  const more = text(`+ ${items.length - shown.length} more not shown: the slide is too full to print`, SLIDE.caption * sc.k, width, sc.m, {
    italics: true,
    color: COLORS.faint,
    margin: [0, SLIDE.bulletGap * sc.k, 0, 0],
  });
  return { node: { stack: [list.node, more.node] }, height: list.height + more.height };
}

/** Share of the body an image beside bullets or columns takes. */
const SIDE_IMAGE = 0.4;

/**
 * A deck image fitted (never stretched) into `width` × `height`, with its caption and
 * source beneath; an image that cannot be used says so in its place.
 */
export function pictureBlock(image: Image, picture: PdfPicture | undefined, deck: Deck, width: number, height: number, sc: Scale): { content: Content[]; height: number } {
  const gap = SLIDE.gap * sc.s;
  const source = image.source ? (deck.sources ?? []).find((src) => src.id === image.source) : undefined;
  const lines = [image.caption, image.source ? `Source: ${source ? (source.publisher ?? source.title) : image.source}` : undefined].filter(Boolean).join('\n');
  const caption = lines
    ? text(lines, SLIDE.caption * sc.k, width, sc.m, { italics: true, color: COLORS.muted, lineHeight: SLIDE.lineHeight, margin: [0, gap * 0.6, 0, 0] })
    : null;
  // Under the plan's safety margin (0.94 of the body), so a picture never forces smaller type.
  const room = Math.max(height * 0.45, height * 0.9 - (caption?.height ?? 0));
  const content: Content[] = [];
  let h = caption?.height ?? 0;
  if (picture?.ok) {
    content.push({ image: picture.key, fit: [width, room], alignment: 'center' });
    h += Math.min(room, (width * picture.height) / picture.width);
  } else {
    const why = text(`Image not shown: ${picture?.message ?? 'it could not be prepared'}`, SLIDE.caption * sc.k, width, sc.m, { italics: true, color: COLORS.muted });
    content.push(why.node);
    h += why.height;
  }
  if (caption) content.push(caption.node);
  return { content, height: h };
}

/** Builds the body of a slide to fit `box` (points at scale `sc.s`). */
export function buildBody(slide: Slide, deck: Deck, box: BodyBox, sc: Scale, plan: BodyPlan = {}, outlineText?: string): BuiltBody {
  const gap = SLIDE.gap * sc.s;
  if (slide.image && (slide.layout === 'bullets' || slide.layout === 'two-column')) {
    // Text on the left, the picture on the right: the text is laid out in what is left.
    const imageWidth = box.width * SIDE_IMAGE;
    const textWidth = box.width - imageWidth - 2 * gap;
    const inner = buildBody({ ...slide, image: undefined }, deck, { width: textWidth, height: box.height }, sc, plan, outlineText);
    const pic = pictureBlock(slide.image, plan.image, deck, imageWidth, box.height, sc);
    return {
      content: [{ columns: [{ width: textWidth, stack: inner.content }, { width: imageWidth, stack: pic.content }], columnGap: 2 * gap }],
      height: Math.max(inner.height, pic.height),
    };
  }
  const bullets = slide.bullets ?? [];
  /** The slide's own bullets beneath its main block (quote, figures, columns); returns the height added. */
  const bulletsBelow = (parts: Content[]): number => {
    const b = fittedBullets(bullets, box.width, sc, plan.maxBullets);
    if (!b) return 0;
    parts.push({ stack: [b.node], margin: [0, 2 * gap, 0, 0] });
    return b.height + 2 * gap;
  };
  switch (slide.layout) {
    case 'title':
    case 'section':
      return centred(slide, box, sc, outlineText);
    case 'quote': {
      const q = slide.quote;
      const parts: Content[] = [];
      let h = 0;
      if (q) {
        const t = text(`“${q.text}”`, SLIDE.quote * sc.k, box.width, sc.m, { italics: true, lineHeight: SLIDE.lineHeight, color: COLORS.ink });
        parts.push(t.node);
        h += t.height;
        if (q.attribution) {
          const a = text(`— ${q.attribution}`, SLIDE.attribution * sc.k, box.width, sc.m, { color: COLORS.muted, margin: [0, gap, 0, 0] });
          parts.push(a.node);
          h += a.height;
        }
      }
      h += bulletsBelow(parts);
      // Centre the quote in the space it has.
      const top = Math.max(0, (box.height - h) / 2);
      return { content: [{ stack: parts, margin: [0, top, 0, 0] }], height: h + top };
    }
    case 'stats': {
      const parts: Content[] = [];
      let h = 0;
      if (slide.stats?.length) {
        const grid = statsGrid(slide.stats, box, sc);
        parts.push(grid.node);
        h += grid.height;
      }
      const below = bulletsBelow(parts);
      h += below;
      // Figures alone sit a little above the middle of the space, as on screen.
      const top = below ? 0 : Math.max(0, (box.height - h) * 0.35);
      return { content: [{ stack: parts, margin: [0, top, 0, 0] }], height: h + top };
    }
    case 'two-column': {
      const cols = slide.columns ?? [];
      const colGap = 3 * gap;
      const w = cols.length ? (box.width - colGap * (cols.length - 1)) / cols.length : box.width;
      let h = 0;
      const columns: Content[] = cols.map((col) => {
        const head = text(col.heading, SLIDE.columnHeading * sc.k, w, sc.m, { bold: true, color: COLORS.accent, margin: [0, 0, 0, gap * 0.8] });
        const list = bulletList(col.bullets, SLIDE.columnBody * sc.k, w, sc);
        h = Math.max(h, head.height + list.height);
        return { width: w, stack: [head.node, list.node] };
      });
      const parts: Content[] = [{ columns, columnGap: colGap }];
      h += bulletsBelow(parts);
      return { content: parts, height: h };
    }
    case 'chart':
      return chartBody(slide, box, sc, plan);
    case 'sources':
      return sourcesBody(slide, deck, box, sc);
    case 'image': {
      if (!slide.image) return { content: [], height: 0 };
      const pic = pictureBlock(slide.image, plan.image, deck, box.width, box.height, sc);
      const below: Content[] = [];
      const extra = bulletsBelow(below);
      return { content: [...pic.content, ...below], height: pic.height + extra };
    }
    case 'table': {
      if (!slide.table) return { content: [], height: 0 };
      const t = slideTable(slide.table, box.width, sc.s, sc.k, sc.m, plan.tableRows);
      const parts: Content[] = [{ stack: t.content }];
      return { content: parts, height: t.height + bulletsBelow(parts) };
    }
    case 'bullets':
    default: {
      const b = fittedBullets(bullets, box.width, sc, plan.maxBullets);
      return b ? { content: [b.node], height: b.height } : { content: [], height: 0 };
    }
  }
}

/** Title and section slides: the title is the body, and carries the slide's bookmark. */
function centred(slide: Slide, box: BodyBox, sc: Scale, outlineText?: string): BuiltBody {
  const section = slide.layout === 'section';
  const color = section ? COLORS.sectionText : COLORS.primary;
  const t = text(slide.title, (section ? SLIDE.coverTitle - 4 : SLIDE.coverTitle) * sc.k, box.width, sc.m, {
    bold: true,
    color,
    lineHeight: 1.05,
    alignment: section ? 'left' : 'center',
  });
  const parts: Content[] = [outlineText ? { ...t.node, outline: true, outlineText } : t.node];
  let h = t.height;
  if (slide.subtitle) {
    const sub = text(slide.subtitle, SLIDE.coverSubtitle * sc.k, box.width, sc.m, {
      color: section ? COLORS.sectionMuted : COLORS.muted,
      alignment: section ? 'left' : 'center',
      margin: [0, SLIDE.gap * 1.5 * sc.s, 0, 0],
    });
    parts.push(sub.node);
    h += sub.height;
  }
  const top = Math.max(0, (box.height - h) / 2);
  return { content: [{ stack: parts, margin: [0, top, 0, 0] }], height: h + top };
}

function chartBody(slide: Slide, box: BodyBox, sc: Scale, plan: BodyPlan): BuiltBody {
  const chart = slide.chart;
  const gap = SLIDE.gap * sc.s;
  const bullets = slide.bullets ?? [];
  const side = bullets.length > 0 ? box.width * 0.34 : 0;
  const chartWidth = side ? box.width - side - 2 * gap : box.width;
  const captionText = [chart?.caption, chart?.derived ? `† Derived: ${chart.derived}` : undefined].filter(Boolean).join('  ');
  const caption = captionText
    ? text(captionText, SLIDE.caption * sc.k, chartWidth, sc.m, { italics: true, color: COLORS.muted, lineHeight: SLIDE.lineHeight, margin: [0, gap * 0.6, 0, 0] })
    : null;
  // The chart takes whatever the caption leaves; it only forces smaller type when under 45% of the body.
  const chartHeight = Math.max(box.height * 0.45, box.height * 0.93 - (caption?.height ?? 0));
  const chartParts: Content[] = [];
  if (plan.chart) {
    chartParts.push({ image: plan.chart.key, fit: [chartWidth, chartHeight], alignment: 'center' });
  }
  if (caption) chartParts.push(caption.node);
  const chartBox = { width: chartWidth, height: chartHeight };
  if (!side) return { content: chartParts, height: chartHeight + (caption?.height ?? 0), chartBox };
  const b = fittedBullets(bullets, side, sc, plan.maxBullets);
  const columns: Content = {
    columns: [
      { width: side, stack: b ? [b.node] : [] },
      { width: chartWidth, stack: chartParts },
    ],
    columnGap: 2 * gap,
  };
  return { content: [columns], height: Math.max(b?.height ?? 0, chartHeight + (caption?.height ?? 0)), chartBox };
}

function sourcesBody(slide: Slide, deck: Deck, box: BodyBox, sc: Scale): BuiltBody {
  const all = deck.sources ?? [];
  const wanted = slide.sources?.length ? all.filter((s) => slide.sources?.includes(s.id)) : all;
  const size = SLIDE.statLabel * sc.k;
  let h = 0;
  const items = wanted.map((src) => {
    const line = [src.title, src.publisher, src.url].filter(Boolean).join(' — ');
    const t = text(line, size, box.width - size, sc.m, { lineHeight: SLIDE.lineHeight, margin: [0, 0, 0, SLIDE.bulletGap * sc.k * 0.6] });
    h += t.height;
    return t.node;
  });
  const bullets = fittedBullets(slide.bullets ?? [], box.width, sc);
  const content: Content[] = [];
  if (bullets) {
    content.push({ stack: [bullets.node], margin: [0, 0, 0, 2 * SLIDE.gap * sc.s] });
    h += bullets.height + 2 * SLIDE.gap * sc.s;
  }
  if (items.length) content.push({ ul: items, fontSize: size, color: COLORS.ink, markerColor: COLORS.accent });
  return { content, height: h };
}
