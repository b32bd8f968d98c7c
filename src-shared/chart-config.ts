/**
 * Deck chart → Chart.js configuration. The renderer (live charts) and the PDF
 * export (charts drawn in Node) both call this, so a chart in the handout is the
 * same chart the room saw. Pure data: no DOM, no Node, no Chart.js runtime.
 */
import type { ChartConfiguration, ChartType as ChartJsType } from 'chart.js';
import type { Chart } from './deck-schema';
import { FONT_FAMILIES, PALETTE, resolveTheme, type ResolvedTheme } from './theme';
import { buildMapConfig, describeMap } from './map-chart';
import type { PreparedMap } from './map-geo';
import { formatNumber } from './number-format';

/** The default theme's palette (src-shared/theme.ts holds both themes' palettes). */
export { PALETTE };

export const CHART_FONT_FAMILY = FONT_FAMILIES['noto-sans'];

export interface ChartConfigOptions {
  /** Animate on screen; the PDF always draws the final state. */
  animate?: boolean;
  /** Resize with its container (screen) or stay at the canvas size (Node). */
  responsive?: boolean;
  /** Base font size in CSS px. */
  fontSize?: number;
  /** The deck's resolved theme: palette, font, text and grid colours (default theme if absent). */
  theme?: ResolvedTheme;
  /**
   * A map chart's geography (`prepareMap` from map-geo.ts, with the world-atlas data):
   * required for type `map`, which callers load only when a deck has a map.
   */
  map?: PreparedMap;
  /**
   * A map's grey context land is cut to the chart area by d3 before it is drawn, so the
   * unseen part never reaches the canvas. Worth it in Node (the PDF), where each point is a
   * call into Skia (~9 ms less per map, warm); in a browser the calls are cheap and d3's
   * cutting cost more than it saved on a first map (27–55 against 18–24 ms).
   */
  cutContext?: boolean;
}

/** Number formatting shared by axes, tooltips and the PDF data tables. */
export function formatValue(value: number | null | undefined, unit?: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  const digits = abs !== 0 && abs < 1 ? 2 : Number.isInteger(value) ? 0 : 1;
  return withUnit(formatNumber(value, digits), unit);
}

/** A formatted number with its unit: `$124bn` (unit "USD bn"), `18.5%`, `71 kt LCE`. */
function withUnit(text: string, unit?: string): string {
  if (!unit) return text;
  if (unit === '%') return `${text}%`;
  if (unit.startsWith('USD ')) return `$${text}${unit.slice(4)}`;
  return `${text} ${unit}`;
}

/** A stat's value as slides, handouts and PowerPoint show it: as `formatValue`, or with exactly the deck's `decimals`. */
export function formatStat(stat: { value: number; unit?: string; decimals?: number }): string {
  if (stat.decimals === undefined) return formatValue(stat.value, stat.unit);
  return withUnit(formatNumber(stat.value, stat.decimals, stat.decimals), stat.unit);
}

/** A label that names the data, for role="img" aria-labels and PDF alt text. */
export function describeChart(chart: Chart, title?: string): string {
  if (chart.type === 'map') return describeMap(chart, title);
  const parts = chart.series.map((series) => {
    const points = chart.labels.map((label, i) => `${label} ${formatValue(series.values[i], chart.unit)}`);
    return chart.series.length > 1 ? `${series.name}: ${points.join(', ')}` : points.join(', ');
  });
  const kind = chart.type.replace('-', ' ');
  return `${title ? `${title}, ` : ''}${kind} chart. ${parts.join('; ')}.`;
}

const isCircular = (type: Chart['type']) => type === 'doughnut' || type === 'pie';

/**
 * The largest chart value, either way, that a deck may hold (deck-validate refuses
 * more). Chart.js multiplies each pie/doughnut value by 2π before dividing by the
 * total: past ~2.9e307 that overflows to Infinity and its arc drawing loops forever
 * (found by fuzzing). 10^15 leaves room for any briefing's figures and for stacking.
 */
export const MAX_CHART_VALUE = 1e15;

/** A value Chart.js can draw, or null (a gap) for anything validation would have refused. */
function plottable(value: number | null): number | null {
  return value !== null && Number.isFinite(value) && Math.abs(value) <= MAX_CHART_VALUE ? value : null;
}

/**
 * The value axis's range and step from the data alone. Chart.js picks its ticks from the
 * pixels it has, so a thumbnail and its slide read different axes (100 against 70); a
 * range fixed here makes every size of a chart a true miniature of the others.
 */
export function valueAxisRange(chart: Chart): { min: number; max: number; stepSize: number } {
  let hi = 0;
  let lo = 0;
  if (chart.type === 'stacked-bar') {
    chart.labels.forEach((_, i) => {
      let up = 0;
      let down = 0;
      for (const series of chart.series) {
        const v = plottable(series.values[i] ?? null);
        if (v === null) continue;
        if (v >= 0) up += v;
        else down += v;
      }
      hi = Math.max(hi, up);
      lo = Math.min(lo, down);
    });
  } else {
    for (const series of chart.series) {
      for (const value of series.values) {
        const v = plottable(value);
        if (v === null) continue;
        hi = Math.max(hi, v);
        lo = Math.min(lo, v);
      }
    }
  }
  if (hi === lo) hi = lo + 1; // all zero (or no values): an axis from 0 to 1
  const stepSize = niceStep((hi - lo) / MAX_VALUE_STEPS);
  // Rounded away from zero to whole steps; the tiny epsilon keeps 70/10 from becoming 8 steps.
  const max = Math.ceil(hi / stepSize - 1e-9) * stepSize;
  const min = Math.floor(lo / stepSize + 1e-9) * stepSize;
  return { min: roundStep(min, stepSize), max: roundStep(max, stepSize), stepSize };
}

/** At most this many steps on a value axis: readable on a slide and in a thumbnail alike. */
const MAX_VALUE_STEPS = 6;

/** The smallest of 1, 2, 2.5, 5 × 10^k that is at least `raw`. */
function niceStep(raw: number): number {
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= raw * (1 - 1e-12)) return m * power;
  return 10 * power;
}

/** Removes floating-point dust (0.30000000000000004) from a multiple of `step`. */
function roundStep(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  return Number(value.toFixed(Math.min(20, decimals)));
}

/** Builds the Chart.js config for a deck chart. */
export function buildChartConfig(chart: Chart, options: ChartConfigOptions = {}): ChartConfiguration {
  if (chart.type === 'map') {
    if (!options.map) throw new Error('a map chart needs its geography: load the world-atlas data and pass prepareMap(chart, world)');
    return buildMapConfig(chart, options.map, options);
  }
  const { animate = true, responsive = true, fontSize = 14 } = options;
  const theme = options.theme ?? resolveTheme(undefined);
  const palette = theme.palette;
  const family = theme.fontFamily;
  const ink = theme.colors.chartText;
  const circular = isCircular(chart.type);
  const type: ChartJsType = chart.type === 'horizontal-bar' || chart.type === 'stacked-bar' ? 'bar' : chart.type;
  const unit = chart.unit;
  const datasets = chart.series.map((series, i) => {
    const color = palette[i % palette.length];
    if (circular) {
      return {
        label: series.name,
        data: series.values.map(plottable),
        backgroundColor: chart.labels.map((_, j) => palette[j % palette.length]),
        borderColor: theme.colors.background,
        borderWidth: 2 * theme.lineScale,
      };
    }
    return {
      label: series.name,
      data: series.values.map(plottable),
      backgroundColor: color,
      borderColor: color,
      borderWidth: type === 'line' ? 3 * theme.lineScale : 0,
      pointRadius: type === 'line' ? 3 + theme.lineScale : undefined,
      tension: 0,
    };
  });
  const tick = { color: ink, font: { family, size: fontSize } };
  const grid = { color: theme.colors.chartGrid, lineWidth: theme.lineScale };
  const range = circular ? null : valueAxisRange(chart);
  const valueAxis = {
    beginAtZero: true,
    stacked: chart.type === 'stacked-bar',
    min: range?.min,
    max: range?.max,
    // Every step drawn at every size: no skipping labels that a smaller copy would skip.
    ticks: { ...tick, stepSize: range?.stepSize, autoSkip: false, callback: (value: string | number) => formatValue(Number(value), unit) },
    grid,
    title: unit ? { display: true, text: unit, color: theme.colors.chartAxisTitle, font: { family, size: fontSize } } : undefined,
  };
  const categoryAxis = { stacked: chart.type === 'stacked-bar', ticks: tick, grid: { display: false } };
  const horizontal = chart.type === 'horizontal-bar';
  return {
    type,
    data: { labels: [...chart.labels], datasets },
    options: {
      responsive,
      maintainAspectRatio: false,
      animation: animate ? { duration: 600 } : false,
      indexAxis: horizontal ? 'y' : 'x',
      layout: { padding: 8 },
      font: { family, size: fontSize },
      plugins: {
        legend: {
          display: circular || chart.series.length > 1,
          position: circular ? 'right' : 'top',
          labels: { color: ink, font: { family, size: fontSize } },
        },
        tooltip: {
          enabled: true,
          callbacks: {
            label: (ctx: { dataset: { label?: string }; parsed: unknown; raw: unknown }) =>
              `${ctx.dataset.label ?? ''}: ${formatValue(typeof ctx.raw === 'number' ? ctx.raw : null, unit)}`,
          },
        },
      },
      scales: circular
        ? {}
        : horizontal
          ? { x: valueAxis, y: categoryAxis }
          : { x: categoryAxis, y: valueAxis },
    },
  } as ChartConfiguration;
}
