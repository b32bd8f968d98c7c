/**
 * Deck chart → Chart.js config: what the room sees (orientation, stacking,
 * colours, legend, number formats) and what a screen reader hears.
 */
import { describe, expect, it } from 'vitest';
import { buildChartConfig, describeChart, formatValue, PALETTE, valueAxisRange } from '../../src-shared/chart-config';
import type { Chart } from '../../src-shared/deck-schema';

/** The parts of a Chart.js config these tests read, typed loosely enough to inspect. */
interface Axis {
  stacked?: boolean;
  beginAtZero?: boolean;
  title?: { display: boolean; text: string };
  ticks: { callback?: (value: string | number) => string; font?: { size: number } };
}
interface Dataset {
  label: string;
  data: (number | null)[];
  backgroundColor: string | string[];
  borderWidth: number;
}
interface Inspectable {
  type: string;
  data: { labels: string[]; datasets: Dataset[] };
  options: {
    responsive: boolean;
    animation: false | { duration: number };
    indexAxis: 'x' | 'y';
    scales: Record<string, Axis>;
    plugins: {
      legend: { display: boolean; position: string };
      tooltip: { callbacks: { label: (ctx: { dataset: { label?: string }; parsed: unknown; raw: unknown }) => string } };
    };
  };
}

const inspect = (chart: Chart, options?: Parameters<typeof buildChartConfig>[1]) =>
  buildChartConfig(chart, options) as unknown as Inspectable;

const twoSeries = (type: Chart['type']): Chart => ({
  type,
  labels: ['2024', 'H1 2025'],
  series: [
    { name: 'Kazakhstan', values: [10, 23] },
    { name: 'Elsewhere', values: [112, 101] },
  ],
  unit: 'USD bn',
});

describe('buildChartConfig maps each chart type', () => {
  it('draws a bar chart vertically with the value axis on y, starting at zero', () => {
    const cfg = inspect(twoSeries('bar'));
    expect(cfg.type).toBe('bar');
    expect(cfg.options.indexAxis).toBe('x');
    expect(cfg.options.scales.y.beginAtZero).toBe(true);
    expect(cfg.options.scales.y.title).toEqual(expect.objectContaining({ display: true, text: 'USD bn' }));
    expect(cfg.options.scales.x.stacked).toBe(false);
  });

  it('turns a horizontal bar into a bar chart on the y index axis, values on x', () => {
    const cfg = inspect(twoSeries('horizontal-bar'));
    expect(cfg.type).toBe('bar');
    expect(cfg.options.indexAxis).toBe('y');
    expect(cfg.options.scales.x.beginAtZero).toBe(true);
    expect(cfg.options.scales.x.title?.text).toBe('USD bn');
    expect(cfg.options.scales.y.title).toBeUndefined();
  });

  it('stacks both axes of a stacked bar', () => {
    const cfg = inspect(twoSeries('stacked-bar'));
    expect(cfg.type).toBe('bar');
    expect(cfg.options.scales.x.stacked).toBe(true);
    expect(cfg.options.scales.y.stacked).toBe(true);
  });

  it('draws a line with visible strokes and points', () => {
    const cfg = inspect(twoSeries('line'));
    expect(cfg.type).toBe('line');
    expect(cfg.data.datasets[0].borderWidth).toBeGreaterThan(0);
  });

  for (const type of ['doughnut', 'pie'] as const) {
    it(`gives each ${type} slice its own colour, with no axes and a legend`, () => {
      const chart: Chart = { type, labels: ['Kazakhstan', 'Rest', 'Other'], series: [{ name: 'H1 2025', values: [23, 90, 11] }] };
      const cfg = inspect(chart);
      expect(cfg.type).toBe(type);
      expect(cfg.data.datasets[0].backgroundColor).toEqual([PALETTE[0], PALETTE[1], PALETTE[2]]);
      expect(cfg.options.scales).toEqual({});
      expect(cfg.options.plugins.legend.display).toBe(true);
    });
  }

  it('gives each series of a bar chart its own colour and keeps the data', () => {
    const cfg = inspect(twoSeries('bar'));
    expect(cfg.data.labels).toEqual(['2024', 'H1 2025']);
    expect(cfg.data.datasets.map((d) => d.label)).toEqual(['Kazakhstan', 'Elsewhere']);
    expect(cfg.data.datasets.map((d) => d.backgroundColor)).toEqual([PALETTE[0], PALETTE[1]]);
    expect(cfg.data.datasets[1].data).toEqual([112, 101]);
  });

  it('does not share arrays with the deck, so Chart.js cannot change the deck', () => {
    const chart = twoSeries('bar');
    const cfg = inspect(chart);
    cfg.data.datasets[0].data.push(999);
    cfg.data.labels.push('extra');
    expect(chart.series[0].values).toEqual([10, 23]);
    expect(chart.labels).toEqual(['2024', 'H1 2025']);
  });

  it('shows a legend only when there is more than one series to tell apart', () => {
    const single: Chart = { type: 'bar', labels: ['a'], series: [{ name: 'only', values: [1] }] };
    expect(inspect(single).options.plugins.legend.display).toBe(false);
    expect(inspect(twoSeries('bar')).options.plugins.legend.display).toBe(true);
  });

  it('formats axis ticks and tooltips in the chart unit', () => {
    const cfg = inspect(twoSeries('bar'));
    expect(cfg.options.scales.y.ticks.callback?.(124)).toBe('$124bn');
    const label = cfg.options.plugins.tooltip.callbacks.label({ dataset: { label: 'Kazakhstan' }, parsed: {}, raw: 23 });
    expect(label).toBe('Kazakhstan: $23bn');
    expect(cfg.options.plugins.tooltip.callbacks.label({ dataset: { label: 'Kazakhstan' }, parsed: {}, raw: null })).toBe('Kazakhstan: –');
  });
});

describe('buildChartConfig options', () => {
  it('animates and resizes on screen by default', () => {
    const cfg = inspect(twoSeries('bar'));
    expect(cfg.options.animation).toEqual({ duration: 600 });
    expect(cfg.options.responsive).toBe(true);
  });

  it('draws the final state at a fixed size for the PDF', () => {
    const cfg = inspect(twoSeries('bar'), { animate: false, responsive: false, fontSize: 22 });
    expect(cfg.options.animation).toBe(false);
    expect(cfg.options.responsive).toBe(false);
    expect(cfg.options.scales.x.ticks.font?.size).toBe(22);
  });
});

describe('formatValue', () => {
  it('writes money in the briefing style', () => {
    expect(formatValue(124, 'USD bn')).toBe('$124bn');
    expect(formatValue(61.5, 'USD bn')).toBe('$61.5bn');
  });

  it('writes percentages and other units', () => {
    expect(formatValue(18.5, '%')).toBe('18.5%');
    expect(formatValue(150, 'countries')).toBe('150 countries');
    expect(formatValue(1234567)).toBe('1,234,567');
  });

  it('keeps two decimals for small values', () => {
    expect(formatValue(0.25)).toBe('0.25');
    expect(formatValue(0)).toBe('0');
  });

  it('shows a dash for gaps and impossible values', () => {
    for (const gap of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) expect(formatValue(gap, 'USD bn')).toBe('–');
  });
});

describe('describeChart names the data for screen readers and PDF alt text', () => {
  it('lists each label with its value for a single series', () => {
    const chart: Chart = {
      type: 'bar',
      labels: ['All of 2024', 'First half of 2025'],
      series: [{ name: 'BRI investment', values: [122, 124] }],
      unit: 'USD bn',
    };
    expect(describeChart(chart, 'Half a year tops 2024')).toBe(
      'Half a year tops 2024, bar chart. All of 2024 $122bn, First half of 2025 $124bn.',
    );
  });

  it('names each series when there are several', () => {
    const text = describeChart(twoSeries('stacked-bar'));
    expect(text).toBe('stacked bar chart. Kazakhstan: 2024 $10bn, H1 2025 $23bn; Elsewhere: 2024 $112bn, H1 2025 $101bn.');
  });

  it('says "horizontal bar" and marks gaps', () => {
    const chart: Chart = { type: 'horizontal-bar', labels: ['a', 'b'], series: [{ name: 's', values: [1, null] }], unit: '%' };
    expect(describeChart(chart)).toBe('horizontal bar chart. a 1%, b –.');
  });
});

describe('valueAxisRange', () => {
  const bar = (values: Array<number | null>, type: Chart['type'] = 'bar', more: Array<Array<number | null>> = []): Chart => ({
    type,
    labels: values.map((_, i) => `L${i}`),
    series: [{ name: 'A', values }, ...more.map((v, i) => ({ name: `S${i}`, values: v }))],
  });

  it('fixes the axis from the data alone, in whole nice steps from zero', () => {
    expect(valueAxisRange(bar([122, 124]))).toEqual({ min: 0, max: 125, stepSize: 25 });
    expect(valueAxisRange(bar([70, 35, null]))).toEqual({ min: 0, max: 80, stepSize: 20 });
    expect(valueAxisRange(bar([-30, 50]))).toEqual({ min: -40, max: 60, stepSize: 20 });
    expect(valueAxisRange(bar([0.3, 0.7]))).toEqual({ min: 0, max: 0.8, stepSize: 0.2 });
    expect(valueAxisRange(bar([0, 0]))).toEqual({ min: 0, max: 1, stepSize: 0.2 });
    expect(valueAxisRange(bar([60, 60]))).toEqual({ min: 0, max: 60, stepSize: 10 });
  });

  it('stacks the sums of a stacked bar, positives and negatives apart', () => {
    expect(valueAxisRange(bar([10, 20], 'stacked-bar', [[15, 5]]))).toEqual({ min: 0, max: 25, stepSize: 5 });
    expect(valueAxisRange(bar([10, -20], 'stacked-bar', [[15, -5]]))).toEqual({ min: -30, max: 30, stepSize: 10 });
  });

  it('puts the range into the config, with every step drawn', () => {
    const config = buildChartConfig(bar([122, 124])) as unknown as { options: { scales: { y: { min: number; max: number; ticks: { stepSize: number; autoSkip: boolean } } } } };
    expect(config.options.scales.y).toMatchObject({ min: 0, max: 125, ticks: { stepSize: 25, autoSkip: false } });
  });
});
