/**
 * Charts draw their text on a canvas, which never asks for a web font by itself: a
 * Chinese axis label would be drawn once with whatever font the system has (boxes on
 * a machine without CJK fonts) and stay that way. This plugin asks the browser for the
 * bundled faces a chart's text needs (the unicode-range faces in styles/fonts-scripts.css)
 * before the chart is drawn, and redraws the chart once they have arrived.
 */
import type { Chart, Plugin } from 'chart.js';
import { CHART_FONT_FAMILY } from '../../src-shared/chart-config';

/** Characters outside what Noto Sans draws (Latin, Greek, Cyrillic): only these need another face. */
const NEEDS_OTHER_FACE = /[^\u0000-\u052f\u1e00-\u1fff\u2000-\u206f\u20a0-\u20cf]/u;

function chartText(chart: Chart): string {
  const parts: string[] = [];
  for (const label of chart.data.labels ?? []) parts.push(Array.isArray(label) ? label.join(' ') : String(label));
  for (const set of chart.data.datasets) if (set.label) parts.push(set.label);
  const options = chart.options as { scales?: Record<string, { title?: { text?: unknown } }> };
  for (const scale of Object.values(options.scales ?? {})) if (typeof scale?.title?.text === 'string') parts.push(scale.title.text);
  return parts.join(' ');
}

/** Chart.js plugin: load the bundled faces for a chart's text, then redraw it without animation. */
export const chartFontsPlugin: Plugin = {
  id: 'briefing-chart-fonts',
  afterInit(chart) {
    const text = chartText(chart);
    if (!NEEDS_OTHER_FACE.test(text) || typeof document === 'undefined' || !document.fonts) return;
    const specs = [`16px ${CHART_FONT_FAMILY}`, `bold 16px ${CHART_FONT_FAMILY}`];
    void Promise.all(specs.map((spec) => document.fonts.load(spec, text)))
      .then((loaded) => {
        // A chart destroyed meanwhile has no canvas left to draw on.
        if (loaded.some((faces) => faces.length > 0) && chart.canvas?.isConnected) chart.update('none');
      })
      .catch(() => undefined);
  },
};

/** Registers the plugin with Chart.js for every chart in this window. */
export function registerChartFonts(chart: typeof Chart): void {
  chart.register(chartFontsPlugin);
}
