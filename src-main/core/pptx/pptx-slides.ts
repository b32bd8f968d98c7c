/**
 * One deck slide → one editable PowerPoint slide: real text boxes, native charts
 * and tables, laid out as the screen lays them out (Slide.svelte: sizes there are
 * fractions of the slide width, `cqw`, and so are they here). Text boxes shrink
 * their text on overflow (PowerPoint's "shrink text on overflow"), so a long
 * slide stays inside its frame and stays editable.
 */
import type PptxGenJS from 'pptxgenjs';
import { formatStat, formatValue } from '../../../src-shared/chart-config';
import type { Deck, Slide, Table, TableCell } from '../../../src-shared/deck-schema';
import { chartArgs, isNativeChart, type ChartBox } from './pptx-charts';
import { containBox, type PictureData } from './pptx-images';
import type { PptxTheme } from './pptx-theme';

type PptxSlide = PptxGenJS.Slide;
type Run = PptxGenJS.TextProps;

/** What the slide builder needs besides the slide: pictures loaded and map images drawn beforehand. */
export interface SlideAssets {
  pictures: Map<string, PictureData | null>;
  /** Map charts drawn as images (data URL), keyed by slide id. */
  maps: Map<string, string>;
  logo: PictureData | null;
}

/** A slide's text in points from the screen's `cqw` (percent of the slide width). */
const pt = (theme: PptxTheme, cqw: number) => Math.round(cqw * theme.width * 0.72 * 10) / 10;
/** Height of `lines` lines of `size`-point text, in inches. */
const lineIn = (size: number, lines = 1, leading = 1.25) => (size * leading * lines) / 72;

/** Rough count of lines `text` takes at `size` points in a box `width` inches wide. */
function estimateLines(text: string, size: number, width: number): number {
  const perLine = Math.max(8, Math.floor((width * 72) / (size * 0.52)));
  return text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(part.length / perLine)), 0);
}


/** "Source: …; …" under a slide, as on screen (publisher, else title), or '' when it cites none. */
export function sourceLine(deck: Deck, slide: Slide): string {
  if (slide.layout === 'sources' || slide.layout === 'title') return '';
  const byId = new Map((deck.sources ?? []).map((s) => [s.id, s]));
  const ids = [...(slide.sources ?? []), ...(slide.stats ?? []).flatMap((s) => (s.source ? [s.source] : [])), ...(slide.image?.source ? [slide.image.source] : [])];
  const names = [...new Set([...new Set(ids)].map((id) => byId.get(id)?.publisher ?? byId.get(id)?.title ?? id))];
  if (!names.length) return '';
  return `${names.length > 1 ? 'Sources' : 'Source'}: ${names.join('; ')}`;
}

/** The footnotes of a slide: how derived figures were derived. */
function derivedNotes(slide: Slide): string[] {
  const notes: string[] = [];
  if (slide.chart?.derived) notes.push(`* ${slide.chart.derived}`);
  for (const stat of slide.stats ?? []) if (stat.derived) notes.push(`* ${stat.label}: ${stat.derived}`);
  if (slide.layout === 'table' && slide.table) {
    const table = slide.table;
    if (table.derived) notes.push(`* ${table.derived}`);
    // Each derived cell says how, named by its row's first cell and its column.
    const cells = table.rows.flatMap((row) =>
      row.flatMap((cell, i) => (cell !== null && typeof cell === 'object' && cell.derived ? [`* ${cellText(row[0] ?? null).text}, ${table.columns[i]?.heading ?? ''}: ${cell.derived}`] : [])),
    );
    notes.push(...cells.slice(0, 4));
    if (cells.length > 4) notes.push(`* …and ${cells.length - 4} more derived figures (see the deck)`);
  }
  return notes;
}

/** Text of a table cell, with the column's unit after numbers. */
export function cellText(cell: TableCell, unit?: string): { text: string; numeric: boolean; derived?: string } {
  if (cell === null) return { text: '', numeric: false };
  if (typeof cell === 'number') return { text: formatValue(cell, unit), numeric: true };
  if (typeof cell === 'string') return { text: cell, numeric: false };
  const inner = cellText(cell.value, unit);
  return { ...inner, derived: cell.derived };
}

interface Frame {
  x: number;
  w: number;
  bodyTop: number;
  bodyBottom: number;
}

export class SlideWriter {
  constructor(
    private readonly pptx: PptxGenJS,
    private readonly deck: Deck,
    private readonly theme: PptxTheme,
    private readonly assets: SlideAssets,
  ) {}

  private get t() {
    return this.theme;
  }

  private base(size: number, extra: PptxGenJS.TextPropsOptions = {}): PptxGenJS.TextPropsOptions {
    return { fontFace: this.t.font, fontSize: size, color: this.t.body, margin: 0, valign: 'top', ...extra };
  }

  /** Adds `slide` to the presentation; a table too long for one slide continues on the next. Returns the slides made. */
  write(slide: Slide): PptxSlide[] {
    if (slide.layout === 'table' && slide.table) return this.tableSlides(slide, slide.table);
    const s = this.newSlide(slide);
    if (slide.layout === 'title') this.titleSlide(s, slide);
    else if (slide.layout === 'section') this.sectionSlide(s, slide);
    else {
      const frame = this.frame(s, slide, slide.title);
      this.body(s, slide, frame);
    }
    this.notes(s, slide);
    return [s];
  }

  private newSlide(slide: Slide): PptxSlide {
    const s = this.pptx.addSlide();
    s.background = { color: slide.layout === 'section' ? this.t.ink : this.t.background };
    if (slide.hidden) s.hidden = true;
    // The screen's accent bar along the top edge.
    s.addShape(this.pptx.ShapeType.rect, { x: 0, y: 0, w: this.t.width, h: this.t.width * 0.006, fill: { color: slide.layout === 'section' ? this.t.accent : this.t.primary }, line: { type: 'none' } });
    return s;
  }

  private notes(s: PptxSlide, slide: Slide): void {
    const parts: string[] = [];
    if (slide.notes?.trim()) parts.push(slide.notes.trim());
    const chart = slide.chart;
    if (chart && chart.type === 'map' && (slide.layout === 'chart' || this.assets.maps.has(slide.id))) {
      // PowerPoint has no native map chart: the picture is on the slide, its figures are here.
      const lines = chart.series.map((series) => {
        const points = chart.labels.map((label, i) => `${label}: ${series.values[i] === null || series.values[i] === undefined ? 'no figure reported' : formatValue(series.values[i], chart.unit)}`);
        return `${series.name}${chart.unit ? ` (${chart.unit})` : ''}\n${points.join('\n')}`;
      });
      parts.push(`Map data\n${lines.join('\n\n')}`);
    }
    if (parts.length) s.addNotes(parts.join('\n\n'));
  }

  private logo(s: PptxSlide, corner: 'top' | 'bottom'): number {
    const logo = this.assets.logo;
    if (!logo) return 0;
    const h = this.t.width * (corner === 'top' ? 0.06 : 0.03);
    const w = Math.min(this.t.width * 0.18, (h * logo.width) / logo.height);
    const box = containBox(logo, { x: this.t.width * 0.95 - w, y: corner === 'top' ? this.t.width * 0.03 : this.t.height - this.t.width * 0.018 - h, w, h });
    s.addImage({ data: logo.data, ...box, altText: this.deck.theme?.logo?.alt ?? 'Logo' });
    return w;
  }

  private titleSlide(s: PptxSlide, slide: Slide): void {
    const { width: W, height: H } = this.t;
    this.logo(s, 'top');
    const x = W * 0.05;
    const w = W * 0.9;
    const meta = [this.deck.meta.author, this.deck.meta.date, this.deck.meta.asOf ? `Data as of ${this.deck.meta.asOf}` : ''].filter(Boolean).join('  ·  ');
    const runs: Run[] = [{ text: slide.title, options: { ...this.base(pt(this.t, 5), { bold: true, color: this.t.ink }), breakLine: true } }];
    if (slide.subtitle) runs.push({ text: slide.subtitle, options: { ...this.base(pt(this.t, 2.6), { color: '3C4450' }), paraSpaceBefore: pt(this.t, 2), breakLine: true } });
    if (meta) runs.push({ text: meta, options: { ...this.base(pt(this.t, 1.7), { color: this.t.faint }), paraSpaceBefore: pt(this.t, 4) } });
    s.addText(runs, { x, y: H * 0.12, w, h: H * 0.76, valign: 'middle', margin: 0, fit: 'shrink', fontFace: this.t.font });
  }

  private sectionSlide(s: PptxSlide, slide: Slide): void {
    const { width: W, height: H } = this.t;
    const runs: Run[] = [{ text: slide.title, options: { ...this.base(pt(this.t, 4.6), { bold: true, color: 'FFFFFF' }), breakLine: true } }];
    if (slide.subtitle) runs.push({ text: slide.subtitle, options: { ...this.base(pt(this.t, 2.3), { color: 'C9D6E6' }), paraSpaceBefore: pt(this.t, 1.6) } });
    s.addText(runs, { x: W * 0.05, y: H * 0.12, w: W * 0.9, h: H * 0.76, valign: 'middle', margin: 0, fit: 'shrink', fontFace: this.t.font });
  }

  /** Title, confidence, subtitle and the footer (footnotes, sources); returns where the body goes. */
  private frame(s: PptxSlide, slide: Slide, title: string): Frame {
    const { width: W, height: H } = this.t;
    const x = W * 0.05;
    const w = W - 2 * x;
    let y = W * 0.042;
    const titleSize = pt(this.t, 3.5);
    const badgeSize = pt(this.t, 1.4);
    const badgeText = slide.confidence ? `Confidence: ${slide.confidence[0].toUpperCase()}${slide.confidence.slice(1)}` : '';
    const badgeW = slide.confidence ? (badgeText.length * badgeSize * 0.62) / 72 + W * 0.02 : 0;
    const titleW = w - (badgeW ? badgeW + W * 0.02 : 0);
    const titleLines = Math.min(2, estimateLines(title, titleSize, titleW));
    const titleH = lineIn(titleSize, titleLines, 1.15);
    s.addText(title, { ...this.base(titleSize, { bold: true, color: this.t.ink, valign: 'bottom', fit: 'shrink' }), x, y, w: titleW, h: titleH });
    if (slide.confidence) {
      const size = badgeSize;
      const colour = this.t.confidence[slide.confidence];
      s.addText(badgeText, {
        ...this.base(size, { bold: true, color: colour, align: 'center', valign: 'middle', wrap: false }),
        x: x + w - badgeW,
        y: y + Math.max(0, titleH - lineIn(size, 1) - W * 0.012) / 2,
        w: badgeW,
        h: lineIn(size, 1) + W * 0.01,
        line: { color: colour, width: 1 },
        rectRadius: 0.05,
        shape: this.pptx.ShapeType.roundRect,
      });
    }
    y += titleH;
    if (slide.subtitle) {
      const size = pt(this.t, 2);
      const h = lineIn(size, Math.min(2, estimateLines(slide.subtitle, size, w)));
      y += W * 0.01;
      s.addText(slide.subtitle, { ...this.base(size, { color: this.t.muted, fit: 'shrink' }), x, y, w, h });
      y += h;
    }
    // Footer, bottom up: the source line last, footnotes above it.
    const footSize = pt(this.t, 1.25);
    const lines = [...derivedNotes(slide), sourceLine(this.deck, slide)].filter(Boolean);
    const logoW = this.logo(s, 'bottom');
    let bottom = H - W * 0.026;
    if (lines.length) {
      const footW = w - (logoW ? logoW + W * 0.02 : 0);
      const count = lines.reduce((n, line) => n + estimateLines(line, footSize, footW), 0);
      const h = lineIn(footSize, Math.min(count, 6), 1.3);
      s.addText(
        lines.map((line, i) => ({ text: line, options: { breakLine: i < lines.length - 1 } })),
        { ...this.base(footSize, { color: this.t.faint, valign: 'bottom', fit: 'shrink' }), x, y: bottom - h, w: footW, h },
      );
      bottom -= h + W * 0.012;
    }
    return { x, w, bodyTop: y + W * 0.018, bodyBottom: bottom };
  }

  private bulletRuns(bullets: string[], size: number, extra: PptxGenJS.TextPropsOptions = {}): Run[] {
    const gap = Math.round(size * 0.4);
    return bullets.map((text, i) => ({
      text,
      options: { bullet: { indent: size * 1.1 }, paraSpaceBefore: i ? gap : 0, breakLine: i < bullets.length - 1, ...extra },
    }));
  }

  private body(s: PptxSlide, slide: Slide, frame: Frame): void {
    const W = this.t.width;
    let box: ChartBox = { x: frame.x, y: frame.bodyTop, w: frame.w, h: Math.max(0.3, frame.bodyBottom - frame.bodyTop) };
    // Bullets beside the main content of layouts that are not a list of bullets themselves.
    const bullets = slide.bullets?.length ? slide.bullets : [];
    const extraBullets = bullets.length > 0 && slide.layout !== 'bullets' && slide.layout !== 'stats';
    if (extraBullets) {
      const size = pt(this.t, 2.25);
      const lines = bullets.reduce((n, b) => n + estimateLines(b, size, box.w - 0.4), 0);
      const h = Math.min(box.h * 0.4, lineIn(size, lines, 1.4));
      s.addText(this.bulletRuns(bullets, size), { ...this.base(size, { fit: 'shrink', valign: 'top' }), x: box.x, y: box.y + box.h - h, w: box.w, h });
      box = { ...box, h: box.h - h - W * 0.016 };
    }
    switch (slide.layout) {
      case 'bullets':
        this.withPicture(s, slide, box, (b) => {
          const size = pt(this.t, 2.25);
          s.addText(this.bulletRuns(bullets, size), { ...this.base(size, { valign: 'middle', fit: 'shrink', lineSpacingMultiple: 1.15 }), ...b });
        });
        break;
      case 'stats':
        this.stats(s, slide, box);
        break;
      case 'chart':
        if (slide.chart) this.chart(s, slide, box);
        break;
      case 'two-column':
        this.withPicture(s, slide, box, (b) => this.columns(s, slide, b));
        break;
      case 'quote':
        if (slide.quote) this.quote(s, slide.quote, box);
        break;
      case 'sources':
        this.sources(s, box);
        break;
      case 'image':
        if (slide.image) this.picture(s, slide.image, box, true);
        break;
      default:
        break;
    }
  }

  /** A bullets or two-column slide with a picture: the text left, the picture right. */
  private withPicture(s: PptxSlide, slide: Slide, box: ChartBox, draw: (box: ChartBox) => void): void {
    if (!slide.image) {
      draw(box);
      return;
    }
    const gap = this.t.width * 0.03;
    const textW = (box.w - gap) * 0.58;
    draw({ ...box, w: textW });
    this.picture(s, slide.image, { ...box, x: box.x + textW + gap, w: box.w - textW - gap }, true);
  }

  private picture(s: PptxSlide, image: NonNullable<Slide['image']>, box: ChartBox, withCaption: boolean): void {
    const size = pt(this.t, 1.6);
    let area = box;
    if (withCaption && image.caption) {
      const h = lineIn(size, Math.min(3, estimateLines(image.caption, size, box.w)));
      s.addText(image.caption, { ...this.base(size, { color: this.t.muted, fit: 'shrink' }), x: box.x, y: box.y + box.h - h, w: box.w, h });
      area = { ...box, h: box.h - h - this.t.width * 0.01 };
    }
    const pic = this.assets.pictures.get(image.src);
    if (pic) {
      s.addImage({ data: pic.data, ...containBox(pic, area), altText: image.alt ?? '' });
      return;
    }
    // Not an embedded image (a path, or unreadable): say so where it would be, never fetch it.
    s.addText(`Image not embedded in the deck${image.alt ? `: ${image.alt}` : ''}`, {
      ...this.base(pt(this.t, 1.6), { color: this.t.faint, align: 'center', valign: 'middle', italic: true }),
      ...area,
      line: { color: 'B8C2CC', width: 1, dashType: 'dash' },
    });
  }

  private stats(s: PptxSlide, slide: Slide, box: ChartBox): void {
    const W = this.t.width;
    const stats = slide.stats ?? [];
    const bullets = slide.bullets ?? [];
    let area = box;
    if (bullets.length) {
      const size = pt(this.t, 1.8);
      const lines = bullets.reduce((n, b) => n + estimateLines(b, size, box.w - 0.4), 0);
      const h = Math.min(box.h * 0.45, lineIn(size, lines, 1.4));
      s.addText(this.bulletRuns(bullets, size), { ...this.base(size, { fit: 'shrink' }), x: box.x, y: box.y + box.h - h, w: box.w, h });
      area = { ...box, h: box.h - h - W * 0.02 };
    }
    if (!stats.length) return;
    const gap = W * 0.025;
    const colW = (area.w - gap * (stats.length - 1)) / stats.length;
    const labelSize = pt(this.t, 1.8);
    const valueMax = pt(this.t, 6.4);
    const blockH = Math.min(area.h, lineIn(valueMax, 1, 1.1) + W * 0.006 + lineIn(labelSize, 3));
    const y = area.y + (area.h - blockH) / 2;
    stats.forEach((stat, i) => {
      const x = area.x + i * (colW + gap);
      const textX = x + W * 0.005 + W * 0.016;
      const textW = colW - (textX - x);
      const value = formatStat(stat);
      // One line, as on screen: the value shrinks to its column rather than wrap.
      const size = Math.max(10, Math.min(valueMax, (textW * 72) / (value.length * 0.68 + (stat.derived ? 0.35 : 0))));
      s.addShape(this.pptx.ShapeType.rect, { x, y, w: W * 0.005, h: blockH, fill: { color: this.t.primary }, line: { type: 'none' } });
      const runs: Run[] = [{ text: value, options: { bold: true, color: this.t.ink } }];
      if (stat.derived) runs.push({ text: '*', options: { superscript: true, color: '6B7380' } });
      s.addText(runs, { ...this.base(size, { valign: 'bottom', wrap: false }), x: textX, y, w: textW, h: lineIn(valueMax, 1, 1.1) });
      s.addText(stat.label, { ...this.base(labelSize, { color: '3C4450', fit: 'shrink' }), x: textX, y: y + lineIn(valueMax, 1, 1.1) + W * 0.006, w: textW, h: blockH - lineIn(valueMax, 1, 1.1) - W * 0.006 });
    });
  }

  private chart(s: PptxSlide, slide: Slide, box: ChartBox): void {
    const chart = slide.chart;
    if (!chart) return;
    let area = box;
    if (chart.caption) {
      const size = pt(this.t, 1.6);
      const h = lineIn(size, Math.min(3, estimateLines(chart.caption, size, box.w)));
      s.addText(chart.caption, { ...this.base(size, { color: this.t.muted, fit: 'shrink' }), x: box.x, y: box.y + box.h - h, w: box.w, h });
      area = { ...box, h: box.h - h - this.t.width * 0.01 };
    }
    if (isNativeChart(chart)) {
      const { type, data, options } = chartArgs(this.pptx, chart, this.t, area, slide.title);
      s.addChart(type, data, options);
      return;
    }
    const image = this.assets.maps.get(slide.id);
    if (image) s.addImage({ data: image.replace(/^data:/, ''), ...area, altText: `${slide.title}: map; its figures are in the speaker notes` });
  }

  private columns(s: PptxSlide, slide: Slide, box: ChartBox): void {
    const columns = slide.columns ?? [];
    if (!columns.length) return;
    const gap = this.t.width * 0.035;
    const colW = (box.w - gap * (columns.length - 1)) / columns.length;
    const headSize = pt(this.t, 2.4);
    const size = pt(this.t, 1.95);
    columns.forEach((column, i) => {
      const runs: Run[] = [
        { text: column.heading, options: { bold: true, color: this.t.primary, fontSize: headSize, breakLine: column.bullets.length > 0, paraSpaceAfter: Math.round(size * 0.5) } },
        ...this.bulletRuns(column.bullets, size, { fontSize: size }),
      ];
      s.addText(runs, { ...this.base(size, { valign: 'middle', fit: 'shrink', lineSpacingMultiple: 1.15 }), x: box.x + i * (colW + gap), y: box.y, w: colW, h: box.h });
    });
  }

  private quote(s: PptxSlide, quote: NonNullable<Slide['quote']>, box: ChartBox): void {
    const W = this.t.width;
    const x = box.x + W * 0.04;
    const w = box.w - W * 0.08;
    const size = pt(this.t, 3);
    const attrSize = pt(this.t, 1.8);
    const textH = Math.min(box.h - (quote.attribution ? lineIn(attrSize, 2) : 0), lineIn(size, estimateLines(quote.text, size, w - W * 0.03), 1.4) + 0.1);
    const attrH = quote.attribution ? lineIn(attrSize, 2) : 0;
    const y = box.y + Math.max(0, (box.h - textH - attrH) / 2);
    s.addShape(this.pptx.ShapeType.rect, { x, y, w: W * 0.006, h: textH, fill: { color: this.t.primary }, line: { type: 'none' } });
    s.addText(quote.text, { ...this.base(size, { italic: true, fit: 'shrink', valign: 'middle', lineSpacingMultiple: 1.2 }), x: x + W * 0.03, y, w: w - W * 0.03, h: textH });
    if (quote.attribution) {
      s.addText(`— ${quote.attribution}`, { ...this.base(attrSize, { color: this.t.muted, fit: 'shrink' }), x: x + W * 0.03, y: y + textH + W * 0.01, w: w - W * 0.03, h: attrH });
    }
  }

  private sources(s: PptxSlide, box: ChartBox): void {
    const sources = this.deck.sources ?? [];
    if (!sources.length) return;
    const size = pt(this.t, 1.9);
    const small = pt(this.t, 1.5);
    const runs: Run[] = [];
    sources.forEach((src, i) => {
      const gap = i ? Math.round(size * 0.5) : 0;
      // The number is text, as on screen ("1."), so each entry is one paragraph that edits simply.
      runs.push({ text: `${i + 1}. `, options: { breakLine: false, paraSpaceBefore: gap } });
      runs.push({ text: src.title, options: { bold: true, breakLine: !src.publisher } });
      if (src.publisher) runs.push({ text: `, ${src.publisher}`, options: { breakLine: true } });
      // URLs are plain text: a hyperlink is an external relationship, and nothing in the file may point out.
      for (const extra of [src.note, src.url]) if (extra) runs.push({ text: extra, options: { fontSize: small, color: this.t.muted, breakLine: true } });
    });
    runs[runs.length - 1].options = { ...runs[runs.length - 1].options, breakLine: false };
    s.addText(runs, { ...this.base(size, { fit: 'shrink', lineSpacingMultiple: 1.1 }), ...box });
  }

  /** A table as a native PowerPoint table; rows past what fits continue on slides titled "(continued)". */
  private tableSlides(slide: Slide, table: Table): PptxSlide[] {
    const made: PptxSlide[] = [];
    const size = Math.max(9, pt(this.t, 1.6));
    const rowH = lineIn(size, 1, 1.2) + 0.1;
    let start = 0;
    do {
      const s = this.newSlide(slide);
      const title = made.length ? `${slide.title} (continued)` : slide.title;
      const frame = this.frame(s, slide, title);
      let box: ChartBox = { x: frame.x, y: frame.bodyTop, w: frame.w, h: Math.max(0.3, frame.bodyBottom - frame.bodyTop) };
      if (table.caption) {
        const cs = pt(this.t, 1.6);
        const h = lineIn(cs, Math.min(3, estimateLines(table.caption, cs, box.w)));
        s.addText(table.caption, { ...this.base(cs, { color: this.t.muted, fit: 'shrink' }), x: box.x, y: box.y + box.h - h, w: box.w, h });
        box = { ...box, h: box.h - h - this.t.width * 0.01 };
      }
      const fits = Math.max(1, Math.floor(box.h / rowH) - 1);
      const rows = table.rows.slice(start, start + fits);
      s.addTable(this.tableRows(table, rows, size), { x: box.x, y: box.y, w: box.w, colW: this.columnWidths(table, box.w), rowH, fontFace: this.t.font, fontSize: size, margin: 0.05, border: { type: 'solid', pt: 0.5, color: 'C9D1D9' }, autoPage: false });
      this.notes(s, slide);
      made.push(s);
      start += fits;
    } while (start < table.rows.length);
    return made;
  }

  private columnWidths(table: Table, width: number): number[] {
    const weights = table.columns.map((col, i) => {
      const longest = Math.max(col.heading.length + (col.unit ? col.unit.length + 3 : 0), ...table.rows.slice(0, 200).map((r) => cellText(r[i] ?? null, col.unit).text.length));
      return Math.min(40, Math.max(4, longest));
    });
    const total = weights.reduce((a, b) => a + b, 0);
    return weights.map((w) => (width * w) / total);
  }

  private tableRows(table: Table, rows: Table['rows'], size: number): PptxGenJS.TableRow[] {
    const numericColumn = table.columns.map((col, i) => col.align ? col.align === 'right' : rows.some((r) => cellText(r[i] ?? null).numeric));
    const header: PptxGenJS.TableRow = table.columns.map((col, i) => ({
      text: col.unit ? `${col.heading} (${col.unit})` : col.heading,
      options: { bold: true, color: 'FFFFFF', fill: { color: this.t.primary }, align: numericColumn[i] ? 'right' : 'left', fontSize: size, valign: 'middle' },
    }));
    const body: PptxGenJS.TableRow[] = rows.map((row, r) =>
      table.columns.map((col, i) => {
        const cell = cellText(row[i] ?? null, col.unit);
        return {
          text: cell.derived ? `${cell.text}*` : cell.text,
          options: { align: numericColumn[i] ? 'right' : 'left', color: this.t.body, fontSize: size, valign: 'middle', ...(r % 2 ? { fill: { color: 'F3F5F8' } } : {}) },
        };
      }),
    );
    return [header, ...body];
  }
}
