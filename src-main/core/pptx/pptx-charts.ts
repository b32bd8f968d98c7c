/**
 * Deck charts → native PowerPoint charts (pptxgenjs), so a colleague can restyle
 * them and edit their data in PowerPoint. The value axis uses the screen's range
 * (`valueAxisRange`), the colours the theme's palette, and the unit the screen's
 * number format. Nulls are gaps: pptxgenjs writes them as empty points, which
 * `fixChartParts` (pptx-package.ts) then removes.
 */
import type PptxGenJS from 'pptxgenjs';
import { valueAxisRange } from '../../../src-shared/chart-config';
import type { Chart } from '../../../src-shared/deck-schema';
import type { PptxTheme } from './pptx-theme';

/** The chart types PowerPoint draws natively (everything but `map`). */
export type NativeChartType = Exclude<Chart['type'], 'map'>;

export const isNativeChart = (chart: Chart): chart is Chart & { type: NativeChartType } => chart.type !== 'map';

export interface ChartBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Excel number format for a deck unit: "%" → 12.5%, "USD bn" → $12.5bn, "kt" → 12.5 kt. */
export function numberFormat(chart: Chart): string {
  let decimals = 0;
  for (const series of chart.series) {
    for (const value of series.values) {
      if (value === null || Number.isInteger(value)) continue;
      const abs = Math.abs(value);
      decimals = Math.max(decimals, abs < 1 ? 2 : 1);
    }
  }
  const number = decimals ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
  // Quotes cannot be escaped inside an Excel literal: drop them from the unit.
  const unit = (chart.unit ?? '').replace(/["\\]/g, '');
  if (!unit) return number;
  if (unit === '%') return `${number}"%"`;
  if (unit.startsWith('USD ')) return `"$"${number}"${unit.slice(4)}"`;
  return `${number}" ${unit}"`;
}

/** The pptxgenjs chart type, data and options for one deck chart. */
export function chartArgs(
  pptx: PptxGenJS,
  chart: Chart & { type: NativeChartType },
  theme: PptxTheme,
  box: ChartBox,
  title: string,
): { type: PptxGenJS.CHART_NAME; data: PptxGenJS.OptsChartData[]; options: PptxGenJS.IChartOpts } {
  const circular = chart.type === 'pie' || chart.type === 'doughnut';
  const data: PptxGenJS.OptsChartData[] = chart.series.map((series) => ({
    name: series.name,
    labels: [...chart.labels],
    // A gap stays a gap: null, never 0 (pptx-package removes the empty point pptxgenjs writes).
    values: chart.labels.map((_, i) => series.values[i] ?? null) as number[],
  }));
  const font = { fontFace: theme.font };
  const options: PptxGenJS.IChartOpts = {
    ...box,
    altText: title,
    chartColors: circular ? chart.labels.map((_, i) => theme.palette[i % theme.palette.length]) : chart.series.map((_, i) => theme.palette[i % theme.palette.length]),
    showLegend: circular || chart.series.length > 1,
    legendPos: circular ? 'r' : 't',
    legendFontFace: theme.font,
    legendFontSize: 12,
    legendColor: '222222',
    displayBlanksAs: 'gap',
    dataLabelFormatCode: numberFormat(chart),
  };
  if (circular) {
    Object.assign(options, {
      showPercent: false,
      showValue: false,
      dataBorder: { pt: 1.5, color: 'FFFFFF' },
      ...(chart.type === 'doughnut' ? { holeSize: 50 } : {}),
    });
    return { type: chart.type === 'pie' ? pptx.ChartType.pie : pptx.ChartType.doughnut, data, options };
  }
  const range = valueAxisRange(chart);
  Object.assign(options, {
    catAxisLabelFontFace: font.fontFace,
    catAxisLabelFontSize: 12,
    catAxisLabelColor: '333333',
    valAxisLabelFontFace: font.fontFace,
    valAxisLabelFontSize: 12,
    valAxisLabelColor: '333333',
    valAxisLabelFormatCode: numberFormat(chart),
    valAxisMinVal: range.min,
    valAxisMaxVal: range.max,
    valAxisMajorUnit: range.stepSize,
    valGridLine: { color: 'E3E3E3', size: 0.75 },
    catGridLine: { style: 'none' },
    ...(chart.unit ? { showValAxisTitle: true, valAxisTitle: chart.unit, valAxisTitleFontFace: font.fontFace, valAxisTitleFontSize: 12, valAxisTitleColor: '555555' } : {}),
  });
  if (chart.type === 'line') {
    Object.assign(options, { lineSize: 2.25, lineDataSymbol: 'circle', lineDataSymbolSize: 7 });
    return { type: pptx.ChartType.line, data, options };
  }
  Object.assign(options, {
    barDir: chart.type === 'horizontal-bar' ? 'bar' : 'col',
    barGrouping: chart.type === 'stacked-bar' ? 'stacked' : 'clustered',
    barGapWidthPct: 60,
    ...(chart.type === 'stacked-bar' ? { barOverlapPct: 100 } : {}),
    // Horizontal bars read top to bottom in the deck's order, as on screen, with the value axis below.
    ...(chart.type === 'horizontal-bar' ? { catAxisOrientation: 'maxMin', catAxisCrossesAt: 'max' } : {}),
  });
  return { type: pptx.ChartType.bar, data, options };
}
