import { describe, expect, it } from 'vitest';
import { addChartRow, addChartSeries, applyTableToChart, removeChartRow, removeChartSeries } from '../../src-shared/chart-table-ops';
import type { Chart } from '../../src-shared/deck-schema';

const chart = (): Chart =>
  ({
    type: 'bar',
    labels: ['a', 'b'],
    series: [
      { name: 's1', values: [1, 2], color: 'kept' },
      { name: 's2', values: [3, null] },
    ],
    unit: 'USD bn',
    caption: 'c',
    future: { x: 1 },
  }) as Chart;

describe('chart table operations', () => {
  it('adds and removes rows in labels and every series, never touching the original', () => {
    const original = chart();
    const added = addChartRow(original);
    expect(added.labels).toEqual(['a', 'b', 'Label 3']);
    expect(added.series.map((s) => s.values)).toEqual([[1, 2, null], [3, null, null]]);
    expect(original.labels).toEqual(['a', 'b']);
    const removed = removeChartRow(original, 0);
    expect(removed.labels).toEqual(['b']);
    expect(removed.series.map((s) => s.values)).toEqual([[2], [null]]);
  });
  it('adds and removes series, keeping at least one', () => {
    const added = addChartSeries(chart());
    expect(added.series[2]).toEqual({ name: 'Series 3', values: [null, null] });
    const one = removeChartSeries(chart(), 0);
    expect(one.series.map((s) => s.name)).toEqual(['s2']);
    expect(removeChartSeries(one, 0).series).toHaveLength(1);
  });
  it('applies a pasted table, keeping type, caption and unknown fields', () => {
    const next = applyTableToChart(chart(), { labels: ['x', 'y', 'z'], series: [{ name: 'Revenue', values: [1200, 3.5, null] }], unit: '%' });
    expect(next).toEqual({
      type: 'bar',
      labels: ['x', 'y', 'z'],
      series: [{ name: 'Revenue', values: [1200, 3.5, null], color: 'kept' }],
      unit: '%',
      caption: 'c',
      future: { x: 1 },
    });
    expect(applyTableToChart(chart(), { labels: ['x'], series: [{ name: 'n', values: [1] }] }).unit).toBe('USD bn');
  });
});
