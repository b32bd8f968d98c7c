/**
 * Deck format v1 (`*.briefing.json`) as a valibot schema. The TypeScript types of
 * a deck are inferred from it, so the schema is the single source of truth.
 * Objects are "loose": fields this version does not know are kept, so a deck
 * written by a newer app survives a save by an older one.
 */
import * as v from 'valibot';

export const DECK_FORMAT = 'briefing-deck';
export const DECK_VERSION = 1;

/** Layouts a slide can take; each renders differently on screen and in the PDF. */
export const LAYOUTS = ['title', 'bullets', 'stats', 'chart', 'two-column', 'quote', 'section', 'sources', 'image', 'table'] as const;
/** `map` is a choropleth: `labels` name countries (ISO code or name), the first series shades them. */
export const CHART_TYPES = ['bar', 'horizontal-bar', 'stacked-bar', 'line', 'doughnut', 'pie', 'map'] as const;
export const CONFIDENCE = ['high', 'moderate', 'low'] as const;

/** Limits that keep a hostile or broken deck from freezing the app. */
export const LIMITS = {
  maxBytes: 20 * 1024 * 1024,
  maxDepth: 32,
  maxSlides: 5000,
  maxText: 200_000,
  maxTitle: 500,
  maxListItems: 200,
  maxChartPoints: 1000,
  maxSeries: 24,
  /** One image's decoded bytes (embedded or on disk). */
  maxImageBytes: 5 * 1024 * 1024,
  /** All images of a deck together, decoded. */
  maxDeckImageBytes: 16 * 1024 * 1024,
  /** An image's `src`: a data URL of maxImageBytes in base64, plus its header. */
  maxImageSrc: Math.ceil((5 * 1024 * 1024 * 4) / 3) + 64,
  maxTableRows: 2000,
  maxTableColumns: 24,
  /** Colours in a theme's chart palette. */
  maxPaletteColours: 12,
} as const;

/** Image types a deck may carry; the type is detected from the bytes, never the name. */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'] as const;
/** Built-in themes; a deck's theme starts from one and may override colours, font and aspect. */
export const THEME_BASES = ['default', 'high-contrast'] as const;
/** Bundled font families (assets/fonts) a theme may choose; screen and PDF use the same files. */
export const THEME_FONTS = ['noto-sans', 'dejavu-sans'] as const;
export const ASPECTS = ['16:9', '4:3'] as const;

/** A non-object where an object belongs (missing keys are reported as `missing` by deck-validate). */
const OBJECT_MESSAGE = 'expected an object';

const text = (max: number = LIMITS.maxText) => v.pipe(v.string('expected text'), v.maxLength(max, `expected at most ${max} characters`));
const shortText = () => text(LIMITS.maxTitle);
const list = <T extends v.GenericSchema>(item: T, max: number = LIMITS.maxListItems) =>
  v.pipe(v.array(item, 'expected a list'), v.maxLength(max, `expected at most ${max} items`));
const id = () =>
  v.pipe(
    v.string('expected an id'),
    v.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/i, 'expected an id of letters, digits, "-" or "_" (at most 64)'),
  );
const finiteNumber = () => v.pipe(v.number('expected a number'), v.finite('expected a finite number'));

export const SourceSchema = v.looseObject({
  id: id(),
  title: shortText(),
  publisher: v.optional(shortText()),
  url: v.optional(shortText()),
  note: v.optional(text(2000)),
}, OBJECT_MESSAGE);

export const StatSchema = v.looseObject({
  value: finiteNumber(),
  unit: v.optional(v.pipe(v.string('expected text'), v.maxLength(40, 'expected at most 40 characters'))),
  label: shortText(),
  source: v.optional(id()),
  derived: v.optional(text(2000)),
  /** Number of decimals to show; defaults to what the value needs. */
  decimals: v.optional(v.pipe(v.number('expected a number'), v.integer('expected a whole number'), v.minValue(0, 'expected at least 0'), v.maxValue(6, 'expected at most 6'))),
}, OBJECT_MESSAGE);

export const SeriesSchema = v.looseObject({
  name: shortText(),
  // null marks a gap. (valibot's second argument to nullable() is a default value, not a message.)
  values: list(v.nullable(finiteNumber()), LIMITS.maxChartPoints),
}, OBJECT_MESSAGE);

export const ChartSchema = v.looseObject({
  type: v.picklist(CHART_TYPES, `expected one of ${CHART_TYPES.join(', ')}`),
  labels: list(shortText(), LIMITS.maxChartPoints),
  series: v.pipe(list(SeriesSchema, LIMITS.maxSeries), v.minLength(1, 'expected at least one series')),
  unit: v.optional(v.pipe(v.string('expected text'), v.maxLength(40, 'expected at most 40 characters'))),
  caption: v.optional(text(2000)),
  derived: v.optional(text(2000)),
  /** Play the entry animation when the slide is first shown (overrides the deck's `animateCharts`). Off by default: charts are complete in the first frame. */
  animate: v.optional(v.boolean('expected true or false')),
}, OBJECT_MESSAGE);

export const ColumnSchema = v.looseObject({
  heading: shortText(),
  bullets: list(text(2000)),
}, OBJECT_MESSAGE);

/**
 * An image: `src` is a `data:image/…;base64,` URL (embedded) or a path relative to the deck
 * file that must stay inside the deck's folder (see docs/deck-format.md). `alt` is required
 * by `briefing check`; the schema lets a deck without it open so it can be fixed in the app.
 */
export const ImageSchema = v.looseObject({
  src: v.pipe(v.string('expected text'), v.minLength(1, 'expected an image'), v.maxLength(LIMITS.maxImageSrc, `expected an image of at most ${LIMITS.maxImageBytes / 1024 / 1024} MB`)),
  alt: v.optional(text(1000)),
  caption: v.optional(text(2000)),
  source: v.optional(id()),
}, OBJECT_MESSAGE);

/** A table cell: text, a number, empty (null), or a number with a derivation note. */
export const TableCellSchema = v.union(
  [
    v.pipe(v.string(), v.maxLength(2000, 'expected at most 2000 characters')),
    finiteNumber(),
    v.null(),
    v.looseObject({ value: v.union([finiteNumber(), v.pipe(v.string(), v.maxLength(2000))]), derived: v.optional(text(2000)) }),
  ],
  'expected text, a number, null or {"value": …, "derived": "…"}',
);

export const TableColumnSchema = v.looseObject({
  heading: shortText(),
  /** Shown after each number of the column (and in the heading), e.g. "$bn" or "%". */
  unit: v.optional(v.pipe(v.string('expected text'), v.maxLength(40, 'expected at most 40 characters'))),
  /** Defaults: right for a column of numbers, left otherwise. */
  align: v.optional(v.picklist(['left', 'right'], 'expected left or right')),
}, OBJECT_MESSAGE);

export const TableSchema = v.looseObject({
  columns: v.pipe(list(TableColumnSchema, LIMITS.maxTableColumns), v.minLength(1, 'expected at least one column')),
  rows: list(list(TableCellSchema, LIMITS.maxTableColumns), LIMITS.maxTableRows),
  caption: v.optional(text(2000)),
  derived: v.optional(text(2000)),
}, OBJECT_MESSAGE);

const colour = () => v.pipe(v.string('expected a colour'), v.regex(/^#[0-9a-f]{6}$/i, 'expected a colour as #rrggbb'));

/** A deck's look: used identically by the screen and the PDF (and PPTX). */
export const ThemeSchema = v.looseObject({
  base: v.optional(v.picklist(THEME_BASES, `expected one of ${THEME_BASES.join(', ')}`)),
  primary: v.optional(colour()),
  accent: v.optional(colour()),
  palette: v.optional(v.pipe(list(colour(), LIMITS.maxPaletteColours), v.minLength(1, 'expected at least one colour'))),
  logo: v.optional(ImageSchema),
  font: v.optional(v.picklist(THEME_FONTS, `expected one of ${THEME_FONTS.join(', ')}`)),
  aspect: v.optional(v.picklist(ASPECTS, `expected one of ${ASPECTS.join(', ')}`)),
}, OBJECT_MESSAGE);

export const QuoteSchema = v.looseObject({
  text: text(4000),
  attribution: v.optional(shortText()),
}, OBJECT_MESSAGE);

/** A slide's layout-specific content fields, one definition for the slide and its stash. */
const CONTENT_FIELDS = {
  subtitle: v.optional(shortText()),
  bullets: v.optional(list(text(2000))),
  columns: v.optional(v.pipe(list(ColumnSchema, 4), v.minLength(1, 'expected at least one column'))),
  stats: v.optional(v.pipe(list(StatSchema, 8), v.minLength(1, 'expected at least one stat'))),
  chart: v.optional(ChartSchema),
  quote: v.optional(QuoteSchema),
  confidence: v.optional(v.picklist(CONFIDENCE, `expected one of ${CONFIDENCE.join(', ')}`)),
  /** The image of an `image` slide, or an optional picture on bullets and two-column slides. */
  image: v.optional(ImageSchema),
  table: v.optional(TableSchema),
};

/** The content fields a layout change may set aside: the same shapes as on the slide. */
export const StashSchema = v.looseObject(CONTENT_FIELDS, OBJECT_MESSAGE);

export const SlideSchema = v.looseObject({
  id: id(),
  layout: v.picklist(LAYOUTS, `expected one of ${LAYOUTS.join(', ')}`),
  title: shortText(),
  ...CONTENT_FIELDS,
  notes: v.optional(text()),
  handout: v.optional(text()),
  sources: v.optional(list(id())),
  durationSec: v.optional(v.pipe(v.number('expected a number'), v.integer('expected a whole number'), v.minValue(1, 'expected at least 1'), v.maxValue(36000, 'expected at most 36000'))),
  /** Kept out of presenting (navigation skips it) and out of PDF handouts unless asked. */
  hidden: v.optional(v.boolean('expected true or false')),
  /**
   * Content a layout change set aside because the new layout does not show it; a later
   * change to a layout that shows it brings it back (see deck-ops.ts and docs/deck-format.md).
   */
  stash: v.optional(StashSchema),
}, OBJECT_MESSAGE);

export const MetaSchema = v.looseObject({
  title: shortText(),
  subtitle: v.optional(shortText()),
  author: v.optional(shortText()),
  date: v.optional(v.pipe(v.string('expected text'), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'))),
  asOf: v.optional(shortText()),
}, OBJECT_MESSAGE);

export const DeckSchema = v.looseObject({
  format: v.literal(DECK_FORMAT, `expected "${DECK_FORMAT}"`),
  version: v.literal(DECK_VERSION, `expected ${DECK_VERSION} (this app reads deck format v1)`),
  meta: MetaSchema,
  sources: v.optional(list(SourceSchema, 500)),
  theme: v.optional(ThemeSchema),
  /** Default for every chart's `animate` (issue 12): charts animate in only when asked to. */
  animateCharts: v.optional(v.boolean('expected true or false')),
  slides: v.pipe(v.array(SlideSchema, 'expected a list'), v.maxLength(LIMITS.maxSlides, `expected at most ${LIMITS.maxSlides} slides`)),
}, OBJECT_MESSAGE);

export type Deck = v.InferOutput<typeof DeckSchema>;
export type Slide = v.InferOutput<typeof SlideSchema>;
export type Source = v.InferOutput<typeof SourceSchema>;
export type Stat = v.InferOutput<typeof StatSchema>;
export type Chart = v.InferOutput<typeof ChartSchema>;
export type Series = v.InferOutput<typeof SeriesSchema>;
export type Layout = (typeof LAYOUTS)[number];
export type Stash = v.InferOutput<typeof StashSchema>;
export type ChartType = (typeof CHART_TYPES)[number];
export type Confidence = (typeof CONFIDENCE)[number];
export type Image = v.InferOutput<typeof ImageSchema>;
export type Table = v.InferOutput<typeof TableSchema>;
export type TableCell = v.InferOutput<typeof TableCellSchema>;
export type TableColumn = v.InferOutput<typeof TableColumnSchema>;
export type Theme = v.InferOutput<typeof ThemeSchema>;
export type ThemeBase = (typeof THEME_BASES)[number];
export type ImageType = (typeof IMAGE_TYPES)[number];
