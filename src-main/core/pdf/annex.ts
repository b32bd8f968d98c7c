/**
 * The annex: every source of the deck, then the data behind each chart and
 * figure as a table, with derived values marked † and their derivation given,
 * so a reader can check a number without the slides' charts.
 */
import { formatStat, formatValue } from '../../../src-shared/chart-config';
import { resolveCountry } from '../../../src-shared/countries';
import { NO_FIGURE_TEXT } from '../../../src-shared/map-chart';
import type { Deck, Slide, Source } from '../../../src-shared/deck-schema';
import { imageDescriptions } from '../image-pdf';
import type { Cell, Content, TableNode } from './pdf-types';
import { annexTable, notesFor } from './table-content';
import { COLORS } from './theme';
import { textRuns } from './text-runs';

export const ANNEX_OUTLINE = 'Annex: sources and data';
const DERIVED = '†';

const t = (value: string, extra: Record<string, unknown> = {}) => ({ text: textRuns(value), ...extra });

/** Only web links become clickable; any other scheme stays plain text. */
export function safeLink(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function citedOn(source: Source, slides: readonly Slide[], numbers: readonly number[]): number[] {
  const out: number[] = [];
  slides.forEach((slide, i) => {
    if (slide.sources?.includes(source.id) || slide.stats?.some((s) => s.source === source.id)) out.push(numbers[i] ?? i + 1);
  });
  return out;
}

function sourcesSection(deck: Deck, numbers: readonly number[]): Content[] {
  const sources = deck.sources ?? [];
  if (!sources.length) return [{ text: 'The deck lists no sources.', italics: true, color: COLORS.muted }];
  const items = sources.map((src, i): Content => {
    const cited = citedOn(src, deck.slides, numbers);
    const lines: Content[] = [{ text: [{ text: `${i + 1}. `, bold: true }, { text: textRuns(src.title), bold: true }] }];
    if (src.publisher) lines.push(t(src.publisher, { color: COLORS.muted }));
    if (src.url) {
      const link = safeLink(src.url);
      lines.push(t(src.url, link ? { link, color: COLORS.accent, decoration: undefined } : { color: COLORS.muted }));
    }
    if (src.note) lines.push(t(src.note, { fontSize: 9, color: COLORS.muted }));
    if (cited.length) lines.push({ text: `Cited on slide${cited.length > 1 ? 's' : ''} ${cited.join(', ')}`, fontSize: 8.5, color: COLORS.faint });
    return { stack: lines, margin: [0, 0, 0, 9], unbreakable: true };
  });
  return items;
}

const tableLayout = {
  hLineWidth: (i: number, node: { table: { body: unknown[] } }) => (i === 0 || i === 1 || i === node.table.body.length ? 0.6 : 0.25),
  vLineWidth: () => 0,
  hLineColor: () => COLORS.rule,
  paddingTop: () => 2.5,
  paddingBottom: () => 2.5,
};

function chartTable(slide: Slide, n: number): Content[] {
  const chart = slide.chart;
  if (!chart) return [];
  // A chart's `derived` note applies to the series or labels named as derived, or to every value when none is.
  const isDerivedName = (name: string) => /\bderived\b|\bestimated?\b/i.test(name);
  const seriesMarked = chart.series.map((s) => isDerivedName(s.name));
  const labelsMarked = chart.labels.map(isDerivedName);
  const anyNamed = seriesMarked.some(Boolean) || labelsMarked.some(Boolean);
  const marked = (i: number, j: number) => Boolean(chart.derived) && (!anyNamed || seriesMarked[j] || labelsMarked[i]);
  const map = chart.type === 'map';
  const header: Cell[] = [
    t(map ? 'Country' : chart.type === 'doughnut' || chart.type === 'pie' ? 'Segment' : 'Category', { bold: true }),
    ...chart.series.map((s) => t(s.name, { bold: true, alignment: 'right' })),
  ];
  const rows: Cell[][] = chart.labels.map((label, i) => [
    t(map ? countryCell(label) : label),
    ...chart.series.map((s, j) =>
      map && s.values[i] === null
        ? t(NO_FIGURE_TEXT, { alignment: 'right', italics: true, color: COLORS.muted })
        : t(`${formatValue(s.values[i], chart.unit)}${marked(i, j) && s.values[i] !== null ? ` ${DERIVED}` : ''}`, { alignment: 'right' }),
    ),
  ]);
  const many = chart.series.length > 4;
  const table: TableNode = {
    table: { headerRows: 1, widths: [many ? 90 : '*', ...chart.series.map((): number | '*' | 'auto' => (many ? '*' : 'auto'))], body: [header, ...rows] },
    layout: tableLayout,
    fontSize: many ? 7.5 : 9,
    margin: [0, 3, 0, 3],
  };
  const notes: Content[] = [];
  if (chart.unit) notes.push({ text: textRuns(`Unit: ${chart.unit}`), fontSize: 8.5, color: COLORS.muted });
  if (chart.derived) notes.push({ text: [{ text: `${DERIVED} Derived: ` , bold: true }, { text: textRuns(chart.derived) }], fontSize: 8.5, color: COLORS.muted });
  return [heading(slide, n), table, ...notes];
}

/** A map's country as the reader checks it: the name and its ISO code ("Kazakhstan (KZ)"). */
function countryCell(label: string): string {
  const country = resolveCountry(label);
  if (!country) return label;
  return `${country.name} (${country.alpha2 || country.alpha3 || '–'})`;
}

function statsTable(slide: Slide, n: number, deck: Deck): Content[] {
  const stats = slide.stats ?? [];
  if (!stats.length) return [];
  const names = new Map((deck.sources ?? []).map((s) => [s.id, s.title]));
  const body: Cell[][] = [
    [t('Figure', { bold: true }), t('Value', { bold: true, alignment: 'right' }), t('Source', { bold: true })],
    ...stats.map((stat) => [t(stat.label), t(`${formatStat(stat)}${stat.derived ? ` ${DERIVED}` : ''}`, { alignment: 'right' }), t(stat.source ? (names.get(stat.source) ?? stat.source) : '–', { color: COLORS.muted })]),
  ];
  const notes: Content[] = stats
    .filter((s) => s.derived)
    .map((s) => ({ text: [{ text: `${DERIVED} `, bold: true }, { text: textRuns(`${s.label}: `), bold: true }, { text: textRuns(s.derived ?? '') }], fontSize: 8.5, color: COLORS.muted }));
  return [heading(slide, n), { table: { headerRows: 1, widths: ['*', 'auto', '*'], body }, layout: tableLayout, fontSize: 9, margin: [0, 3, 0, 3] }, ...notes];
}

/** A table slide's whole table, header repeated on each page it runs onto. */
function tableTable(slide: Slide, n: number, printedWhole: boolean): Content[] {
  const table = slide.layout === 'table' ? slide.table : undefined;
  if (!table || table.rows.length === 0) return [];
  if (printedWhole) {
    // Printed in full right after its slide already: a second copy of a long table would only double the pages.
    return [heading(slide, n), { text: `The whole table (${table.rows.length} rows) is printed right after slide ${n}.`, fontSize: 9, italics: true, color: COLORS.muted }];
  }
  const caption: Content[] = table.caption ? [{ text: textRuns(table.caption), fontSize: 8.5, italics: true, color: COLORS.muted }] : [];
  return [heading(slide, n), annexTable(table), ...caption, ...notesFor(table)];
}

function heading(slide: Slide, n: number): Content {
  return { text: [{ text: `Slide ${n}: ` }, { text: textRuns(slide.title) }], bold: true, fontSize: 10.5, color: COLORS.accent, margin: [0, 10, 0, 0] };
}

/**
 * The annex, starting on a new page. `numbers` are the slides' numbers in the deck (a range
 * or hidden slides leave gaps); `continued(i)` says that slide i's table did not fit its
 * slide and was printed whole after it (see table-content.ts).
 */
export function annex(deck: Deck, numbers: readonly number[] = deck.slides.map((_, i) => i + 1), continued: (index: number) => boolean = () => false): Content[] {
  const data: Content[] = [];
  deck.slides.forEach((slide, i) => {
    const n = numbers[i] ?? i + 1;
    const parts = [...chartTable(slide, n), ...statsTable(slide, n, deck), ...tableTable(slide, n, continued(i))];
    const tableRows = slide.layout === 'table' && !continued(i) ? (slide.table?.rows.length ?? 0) : 0;
    // Keep a short table with its heading; a long one may run across pages.
    if (parts.length) data.push({ stack: parts, unbreakable: (slide.chart?.labels.length ?? 0) + (slide.stats?.length ?? 0) + tableRows < 25 });
  });
  return [
    { text: 'Annex', fontSize: 9, color: COLORS.faint, pageBreak: 'before', outline: true, outlineText: ANNEX_OUTLINE },
    { text: 'Sources', fontSize: 18, bold: true, color: COLORS.accent, margin: [0, 2, 0, 10] },
    { stack: sourcesSection(deck, numbers), fontSize: 10, lineHeight: 1.15 },
    ...(data.length
      ? [
          { text: 'Data behind the charts and figures', fontSize: 18, bold: true, color: COLORS.accent, margin: [0, 16, 0, 2] } as Content,
          { text: `Values as shown on the slides. ${DERIVED} marks a value computed from the sources rather than reported by them; how is given under its table.`, fontSize: 9, color: COLORS.muted, margin: [0, 0, 0, 4] } as Content,
          ...data,
        ]
      : []),
    ...imageDescriptions(deck, COLORS),
  ];
}
