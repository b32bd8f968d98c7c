/**
 * Changes to a chart's table as whole-chart operations (chart → new chart), so
 * adding a row, removing a series or applying a pasted table is one undo step.
 * Fields the app does not know, on the chart or on a series, are carried over. Pure.
 */
import { LIMITS, type Chart } from './deck-schema';

/** A table read from a spreadsheet paste or a CSV file (as table-import gives it). */
export interface TableData {
  labels: string[];
  series: Array<{ name: string; values: Array<number | null> }>;
  unit?: string;
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Adds an empty row (a new label with a gap in every series). */
export function addChartRow(chart: Chart): Chart {
  const next = copy(chart);
  if (next.labels.length >= LIMITS.maxChartPoints) return next;
  next.labels.push(`Label ${next.labels.length + 1}`);
  for (const s of next.series) s.values.push(null);
  return next;
}

/** Removes row `row` (its label and its value in every series). */
export function removeChartRow(chart: Chart, row: number): Chart {
  const next = copy(chart);
  next.labels.splice(row, 1);
  for (const s of next.series) s.values.splice(row, 1);
  return next;
}

/** Adds a series with a gap for every label. */
export function addChartSeries(chart: Chart): Chart {
  const next = copy(chart);
  if (next.series.length >= LIMITS.maxSeries) return next;
  next.series.push({ name: `Series ${next.series.length + 1}`, values: next.labels.map(() => null) });
  return next;
}

/** Removes series `index`; a chart keeps at least one. */
export function removeChartSeries(chart: Chart, index: number): Chart {
  const next = copy(chart);
  if (next.series.length > 1) next.series.splice(index, 1);
  return next;
}

/**
 * Puts a pasted or imported table into a chart: its labels, series names and values
 * (and its unit when it found one), keeping type, caption, notes and unknown fields.
 */
export function applyTableToChart(chart: Chart, table: TableData): Chart {
  const next = copy(chart);
  next.labels = [...table.labels];
  next.series = table.series.map((s, j) => ({ ...(next.series[j] ?? {}), name: s.name, values: [...s.values] }));
  if (table.unit) next.unit = table.unit;
  return next;
}
