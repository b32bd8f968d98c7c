/**
 * Deck map chart → chartjs-chart-geo choropleth config, for the screen and the PDF
 * alike: the named countries shaded by the first series on one scale (a light tint
 * to the theme's first chart colour), the ones without a figure outlined, hatched
 * and marked "no figure reported", their neighbours in grey for context, a label on
 * each named country, and a legend (the colour scale with its unit, and the "no
 * figure reported" entry). Every colour, line weight and the font come from the
 * deck's resolved theme (`theme.map`, src-shared/theme.ts). Pure data and canvas
 * drawing through Chart.js's context: no DOM, no Node.
 */
import type { Chart as ChartJs, ChartConfiguration, Plugin } from 'chart.js';
import type { GeoPath, GeoPermissibleObjects, GeoProjection } from 'd3-geo';
// (chart-config is read when drawing, not at load: chart-config and this module import each other.)
import { formatValue, valueAxisRange, type ChartConfigOptions } from './chart-config';
import type { Chart } from './deck-schema';
import type { MapRegion, PreparedMap } from './map-geo';
import { resolveTheme, type ResolvedTheme } from './theme';

const DEFAULT_THEME = resolveTheme(undefined);
/** Named countries without a figure in the default theme: white inside a dark outline (and hatched). */
export const NO_FIGURE_FILL = DEFAULT_THEME.map.noFigure;
/** The default theme's outline of the named countries. */
export const OUTLINE = DEFAULT_THEME.map.outline;
export const NO_FIGURE_TEXT = 'no figure reported';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the map put each named country, for tests and assistive checks (pixels of the chart's canvas box). */
export interface MapLayout {
  regions: Array<{ name: string; value: number | null; fill: string; center: { x: number; y: number }; label: Box; bounds: Box }>;
  projection: GeoProjection;
}

const layouts = new WeakMap<object, MapLayout>();

/** The layout of a drawn map chart (after its first draw), or undefined for any other chart. */
export function mapLayout(chart: object): MapLayout | undefined {
  return layouts.get(chart);
}

function hex(color: string): [number, number, number] {
  const n = parseInt(color.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** The shade for a position 0…1 on the theme's scale (a straight blend: prints in greyscale as light to dark). */
export function shadeAt(t: number, theme: ResolvedTheme = DEFAULT_THEME): string {
  const a = hex(theme.map.low);
  const b = hex(theme.map.high);
  const k = Math.max(0, Math.min(1, t));
  const c = a.map((v, i) => Math.round(v + (b[i] - v) * k));
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** The colour scale's range: from zero (or the lowest value) to a round top, as a value axis is. */
function scaleRange(chart: Chart): { min: number; max: number } {
  const first = { ...chart, type: 'bar' as const, series: chart.series.slice(0, 1) };
  const { min, max } = valueAxisRange(first);
  return { min, max };
}

/** What a map says in words (aria-label, PDF alt text). */
export function describeMap(chart: Chart, title?: string): string {
  const values = chart.series[0]?.values ?? [];
  const parts = chart.labels.map((label, i) => {
    const v = values[i];
    return `${label} ${v === null || v === undefined ? NO_FIGURE_TEXT : formatValue(v, chart.unit)}`;
  });
  const what = chart.series[0]?.name ? ` of ${chart.series[0].name}` : '';
  return `${title ? `${title}, ` : ''}map${what}. ${parts.join(', ')}.`;
}

/** Builds the choropleth config for a map chart whose geography `map` holds. */
export function buildMapConfig(chart: Chart, map: PreparedMap, options: ChartConfigOptions = {}): ChartConfiguration {
  const { animate = true, responsive = true, fontSize = 14 } = options;
  const theme = options.theme ?? DEFAULT_THEME;
  const { noFigure, outline } = theme.map;
  const { min, max } = scaleRange(chart);
  const fillFor = (value: number | null) => (value === null ? noFigure : shadeAt((value - min) / (max - min), theme));
  const regions = map.regions;
  const legendHeight = Math.round(fontSize * 3.4);
  const config = {
    type: 'choropleth',
    data: {
      labels: regions.map((r) => r.country.name),
      datasets: [
        {
          label: chart.series[0]?.name ?? '',
          data: regions.map((r) => ({ feature: r.feature, value: r.value })),
          // The frame: the projection is fitted to the named countries, not to the globe.
          outline: regions.map((r) => r.feature),
          showOutline: false,
          // The named countries are framed inside the chart area; 'items' would leave its clip
          // on the context (chartjs-chart-geo 4.3 never restores it), hiding the legend below.
          clipMap: false,
          backgroundColor: regions.map((r) => fillFor(r.value)),
          hoverBackgroundColor: regions.map((r) => fillFor(r.value)),
          borderColor: outline,
          hoverBorderColor: outline,
          borderWidth: Math.max(0.8, fontSize / 12) * theme.lineScale,
          hoverBorderWidth: Math.max(1.6, fontSize / 6) * theme.lineScale,
        },
      ],
    },
    options: {
      responsive,
      maintainAspectRatio: false,
      animation: animate ? { duration: 600 } : false,
      layout: { padding: { top: 4, left: 4, right: 4, bottom: legendHeight } },
      font: { family: theme.fontFamily, size: fontSize },
      plugins: {
        legend: { display: false },
        tooltip: {
          enabled: true,
          callbacks: {
            title: () => '',
            label: (ctx: { dataIndex: number }) => {
              const r = regions[ctx.dataIndex];
              return r ? `${r.country.name}: ${r.value === null ? NO_FIGURE_TEXT : formatValue(r.value, chart.unit)}` : '';
            },
          },
        },
      },
      scales: {
        projection: { axis: 'x', projection: map.projection(), padding: Math.round(fontSize * 1.2) },
        // Hidden (legendPlugin draws the legend), yet Chart.js still labels its ticks, by default
        // with Intl.NumberFormat: loading ICU's number data cost 35 ms in the PDF's chart worker.
        color: { axis: 'x', display: false, min, max, missing: noFigure, interpolate: (t: number) => shadeAt(t, theme), ticks: { callback: () => '' } },
      },
    },
    plugins: [contextPlugin(map, theme, options.cutContext ?? false), labelsPlugin(chart, regions, fillFor, fontSize, theme), legendPlugin(chart, regions, min, max, fontSize, theme)],
  };
  return config as unknown as ChartConfiguration;
}

interface ProjectionScaleLike {
  geoPath: GeoPath<unknown, GeoPermissibleObjects>;
  projection: GeoProjection;
}

function projectionScale(chart: ChartJs): ProjectionScaleLike | undefined {
  return chart.scales.projection as unknown as ProjectionScaleLike | undefined;
}

/** The neighbours, drawn in grey under the named countries, clipped to the chart. */
function contextPlugin(map: PreparedMap, theme: ResolvedTheme, cut: boolean): Plugin {
  return {
    id: 'briefingMapContext',
    beforeDatasetsDraw(chart) {
      const scale = projectionScale(chart);
      if (!scale || !map.context.features.length) return;
      const { ctx, chartArea } = chart;
      ctx.save();
      ctx.beginPath();
      ctx.rect(chartArea.left, chartArea.top, chartArea.right - chartArea.left, chartArea.bottom - chartArea.top);
      ctx.clip();
      ctx.beginPath();
      // With `cutContext` (the PDF), only what falls in the chart area reaches the canvas: d3
      // cuts the projected land to it, 2 px out so the cut's own edges stay under the clip.
      const { projection } = scale;
      const extent = projection.clipExtent();
      if (cut) {
        projection.clipExtent([
          [chartArea.left - 2, chartArea.top - 2],
          [chartArea.right + 2, chartArea.bottom + 2],
        ]);
      }
      try {
        scale.geoPath.context(ctx)(map.context);
      } finally {
        if (cut) projection.clipExtent(extent);
      }
      ctx.fillStyle = theme.map.contextFill;
      ctx.fill();
      ctx.strokeStyle = theme.map.contextBorder;
      // Not thickened by the theme: the named countries' outlines are the ones to stand out.
      ctx.lineWidth = 0.8;
      ctx.stroke();
      ctx.restore();
    },
  };
}

function font(theme: ResolvedTheme, weight: number, size: number, italic = false): string {
  return `${italic ? 'italic ' : ''}${weight} ${size}px ${theme.fontFamily}`;
}

/** `#rrggbb` at an opacity, as a canvas style. */
function withAlpha(colour: string, alpha: number): string {
  if (alpha >= 1) return colour;
  return `rgba(${hex(colour).join(',')},${alpha})`;
}

/** Text with a halo (the theme's, white in both built-in themes), readable on any shade. */
function haloText(ctx: ChartJs['ctx'], text: string, x: number, y: number): void {
  ctx.strokeText(text, x, y);
  ctx.fillText(text, x, y);
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Each named country's name and figure (or "no figure reported"), moved aside when labels would collide. */
function labelsPlugin(chart: Chart, regions: MapRegion[], fillFor: (v: number | null) => string, fontSize: number, theme: ResolvedTheme): Plugin {
  return {
    id: 'briefingMapLabels',
    afterDatasetsDraw(drawn) {
      const meta = drawn.getDatasetMeta(0);
      const scale = projectionScale(drawn);
      if (!scale) return;
      const { ctx, chartArea } = drawn;
      const nameSize = Math.max(6, Math.round(fontSize * 0.95));
      const valueSize = Math.max(5, Math.round(fontSize * 0.8));
      const lineGap = Math.round(nameSize * 0.25);
      const placed: Box[] = [];
      const layout: MapLayout = { regions: [], projection: scale.projection };
      // No figure: fine grey hatching inside the outline, so it never reads as water or as a low value.
      regions.forEach((region) => {
        if (region.value !== null) return;
        ctx.save();
        ctx.beginPath();
        scale.geoPath.context(ctx)(region.feature);
        ctx.clip();
        hatch(ctx, chartArea, Math.max(4, fontSize * 0.45), theme);
        ctx.restore();
      });
      ctx.save();
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      ctx.lineJoin = 'round';
      ctx.strokeStyle = withAlpha(theme.map.halo, theme.map.haloAlpha);
      ctx.lineWidth = Math.max(2, fontSize / 5) * theme.lineScale;
      regions.forEach((region, i) => {
        const element = meta.data[i] as unknown as { getCenterPoint(): { x: number; y: number }; getBounds(): Box & { x2: number; y2: number } } | undefined;
        if (!element) return;
        const center = element.getCenterPoint();
        const bounds = element.getBounds();
        const name = region.country.name;
        const figure = region.value === null ? NO_FIGURE_TEXT : formatValue(region.value, chart.unit);
        ctx.font = font(theme, 700, nameSize);
        const nameWidth = ctx.measureText(name).width;
        ctx.font = font(theme, 400, valueSize, region.value === null);
        const width = Math.max(nameWidth, ctx.measureText(figure).width) + 4;
        const height = nameSize + lineGap + valueSize + 2;
        const box = placeLabel(center, width, height, placed, chartArea);
        placed.push(box);
        // Moved off its country (its centre no longer under the label): tied back to it.
        const inside = center.x >= box.x && center.x <= box.x + box.width && center.y >= box.y && center.y <= box.y + box.height;
        if (!inside) leaderLine(ctx, box, center, theme);
        const x = box.x + box.width / 2;
        ctx.fillStyle = theme.map.ink;
        ctx.font = font(theme, 700, nameSize);
        haloText(ctx, name, x, box.y);
        ctx.font = font(theme, region.value === null ? 400 : 600, valueSize, region.value === null);
        haloText(ctx, figure, x, box.y + nameSize + lineGap);
        layout.regions.push({
          name,
          value: region.value,
          fill: fillFor(region.value),
          center,
          label: box,
          bounds: { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height },
        });
      });
      ctx.restore();
      layouts.set(drawn, layout);
    },
  };
}

/** Diagonal lines across `area` (the caller clips them to a shape). */
function hatch(ctx: ChartJs['ctx'], area: { left: number; right: number; top: number; bottom: number }, gap: number, theme: ResolvedTheme): void {
  ctx.beginPath();
  const height = area.bottom - area.top;
  for (let x = area.left - height; x < area.right; x += gap) {
    ctx.moveTo(x, area.bottom);
    ctx.lineTo(x + height, area.top);
  }
  ctx.strokeStyle = theme.map.hatch;
  ctx.lineWidth = theme.lineScale;
  ctx.stroke();
}

/**
 * The spot nearest the country's centre that no earlier label takes, kept inside the chart:
 * candidates on rings of growing distance in eight directions, the nearest free one wins
 * (the first free one in a fixed order once put Tajikistan's label by the Caspian, west of
 * Uzbekistan, on a small PDF map). When every candidate is taken, the centred one.
 */
function placeLabel(center: { x: number; y: number }, width: number, height: number, placed: Box[], area: { left: number; right: number; top: number; bottom: number }): Box {
  const at = (dx: number, dy: number): Box => ({
    x: Math.min(Math.max(center.x - width / 2 + dx * width, area.left), area.right - width),
    y: Math.min(Math.max(center.y - height / 2 + dy * height, area.top), area.bottom - height),
    width,
    height,
  });
  const first = at(0, 0);
  if (!placed.some((p) => overlaps(p, first))) return first;
  let best: Box | undefined;
  let bestDistance = Infinity;
  for (let k = 1; k <= 4; k++) {
    for (const [dx, dy] of [[0, k], [0, -k], [k * 0.6, 0], [-k * 0.6, 0], [k * 0.6, k], [-k * 0.6, -k], [k * 0.6, -k], [-k * 0.6, k]]) {
      const box = at(dx, dy);
      if (placed.some((p) => overlaps(p, box))) continue;
      const distance = Math.hypot(box.x + width / 2 - center.x, box.y + height / 2 - center.y);
      if (distance < bestDistance) {
        best = box;
        bestDistance = distance;
      }
    }
    // A ring further out is never nearer than a free spot on this one by more than a ring.
    if (best) break;
  }
  return best ?? first;
}

/** A label set apart from its country is tied to it: a thin line from the label's edge to the country's centre, and a dot there. */
function leaderLine(ctx: ChartJs['ctx'], box: Box, center: { x: number; y: number }, theme: ResolvedTheme): void {
  const x = Math.min(Math.max(center.x, box.x), box.x + box.width);
  const y = Math.min(Math.max(center.y, box.y), box.y + box.height);
  ctx.save();
  ctx.strokeStyle = theme.map.ink;
  ctx.fillStyle = theme.map.ink;
  ctx.lineWidth = theme.lineScale;
  ctx.beginPath();
  ctx.moveTo(x, y);
  ctx.lineTo(center.x, center.y);
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(center.x, center.y, 1.5 * theme.lineScale, 0, 2 * Math.PI);
  ctx.fill();
  ctx.restore();
}

/** The colour scale (with the unit) and, when a named country has no figure, its legend entry. */
function legendPlugin(chart: Chart, regions: MapRegion[], min: number, max: number, fontSize: number, theme: ResolvedTheme): Plugin {
  return {
    id: 'briefingMapLegend',
    afterDraw(drawn) {
      const { ctx, chartArea } = drawn;
      const size = Math.max(5, Math.round(fontSize * 0.8));
      const top = chartArea.bottom + Math.round(fontSize * 0.4);
      const left = chartArea.left + 4;
      const barWidth = Math.max(60, Math.min(320, (chartArea.right - chartArea.left) * 0.32));
      const barHeight = Math.max(4, Math.round(fontSize * 0.7));
      const series = chart.series[0]?.name ?? '';
      const title = [series, chart.unit].filter(Boolean).join(', ');
      ctx.save();
      ctx.fillStyle = theme.map.ink;
      ctx.textBaseline = 'top';
      ctx.textAlign = 'left';
      ctx.font = font(theme, 600, size);
      ctx.fillText(title, left, top);
      const barTop = top + size + Math.round(size * 0.35);
      const gradient = ctx.createLinearGradient(left, 0, left + barWidth, 0);
      for (let k = 0; k <= 4; k++) gradient.addColorStop(k / 4, shadeAt(k / 4, theme));
      ctx.fillStyle = gradient;
      ctx.fillRect(left, barTop, barWidth, barHeight);
      ctx.strokeStyle = theme.map.outline;
      ctx.lineWidth = 0.8 * theme.lineScale;
      ctx.strokeRect(left, barTop, barWidth, barHeight);
      ctx.fillStyle = theme.map.ink;
      ctx.font = font(theme, 400, size);
      const tickTop = barTop + barHeight + 2;
      const ticks: Array<[number, 'left' | 'center' | 'right']> = [[min, 'left'], [(min + max) / 2, 'center'], [max, 'right']];
      ticks.forEach(([value, align], k) => {
        ctx.textAlign = align;
        ctx.fillText(formatValue(value, chart.unit), left + (barWidth * k) / 2, tickTop);
      });
      if (regions.some((r) => r.value === null)) {
        const x = left + barWidth + Math.round(fontSize * 2);
        const box = Math.round(size * 1.3);
        ctx.fillStyle = theme.map.noFigure;
        ctx.fillRect(x, barTop - 2, box * 1.6, box);
        ctx.save();
        ctx.beginPath();
        ctx.rect(x, barTop - 2, box * 1.6, box);
        ctx.clip();
        hatch(ctx, { left: x, right: x + box * 1.6, top: barTop - 2, bottom: barTop - 2 + box }, Math.max(4, fontSize * 0.45), theme);
        ctx.restore();
        ctx.strokeStyle = theme.map.outline;
        ctx.lineWidth = Math.max(0.8, fontSize / 12) * theme.lineScale;
        ctx.strokeRect(x, barTop - 2, box * 1.6, box);
        ctx.fillStyle = theme.map.ink;
        ctx.textAlign = 'left';
        ctx.font = font(theme, 400, size, true);
        ctx.fillText('No figure reported', x + box * 1.6 + Math.round(size * 0.5), barTop - 2 + (box - size) / 2);
      }
      ctx.restore();
    },
  };
}
