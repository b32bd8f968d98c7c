/**
 * What every fuzz case must satisfy, written once for `npm test` and `npm run fuzz`:
 * validation ends in a valid deck or in problems that each carry a path and a
 * message; a valid deck survives a save/open round trip; its charts build into a
 * Chart.js config whose callbacks cope with any value; and the PDF document
 * builder lays it out without drawing (the charts are drawn only by the few full
 * exports). Nothing pollutes Object.prototype along the way.
 */
import { resolvePdfOptions } from '../../src-shared/export-rules';
import { expect } from 'vitest';
import { PDF_LAYOUTS, PDF_NOTES, type ExportOptions } from '../../src-shared/api';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { buildChartConfig, describeChart, formatValue } from '../../src-shared/chart-config';
import { prepareMap, type WorldAtlas } from '../../src-shared/map-geo';
import { WORLD_ATLAS_FILE } from '../../src-main/core/pdf/map-runtime';
import type { Deck } from '../../src-shared/deck-schema';
import { parseDeckText, type DeckResult } from '../../src-shared/deck-validate';
import { ChartImages } from '../../src-main/core/pdf/chart-image';
import { FontMeasureContext } from '../../src-main/core/pdf/font-measure';
import { buildDocument } from '../../src-main/core/pdf/doc-builder';
import type { DocDefinition } from '../../src-main/core/pdf/pdf-types';
import { planSlide } from '../../src-main/core/pdf/slide-frame';
import { TextMeasurer } from '../../src-main/core/pdf/text-measure';

/** A path as deck-validate writes them: `slides[3].chart.series[0].values[2]`, `meta["odd key"]`, or '' for the file. */
export const PATH_SYNTAX = /^(|[A-Za-z_$][\w$]*|\[(\d+|"(?:[^"\\]|\\.)*")\])(\.[A-Za-z_$][\w$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])*$/;

/** Per-case bound: validation of anything up to the size limit finishes well within it. */
export const CASE_BOUND_MS = 2000;

/** Slowest case seen, for the figures in docs/security.md. */
export const stats = { slowestMs: 0, slowestKind: '', valid: 0, invalid: 0, builderCases: 0, slowestBuilderMs: 0 };

/** Asserts the outcome shape and that Object.prototype is untouched; returns the result. */
export function checkOutcome(run: () => DeckResult, kind: string): DeckResult {
  const started = performance.now();
  const result = run();
  const ms = performance.now() - started;
  if (ms > stats.slowestMs) Object.assign(stats, { slowestMs: ms, slowestKind: kind });
  expect(ms, `${kind} took ${ms.toFixed(0)} ms`).toBeLessThan(CASE_BOUND_MS);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  if (result.ok) {
    stats.valid++;
    expect(Array.isArray(result.deck.slides)).toBe(true);
  } else {
    stats.invalid++;
    // Checked by hand, not with an expect() per problem: a case can have 200 of them.
    const bad = result.problems.find(
      (p) => typeof p.path !== 'string' || !PATH_SYNTAX.test(p.path) || typeof p.message !== 'string' || p.message.length === 0,
    );
    if (result.problems.length === 0 || bad) throw new Error(`${kind}: a problem without a proper path or message: ${JSON.stringify(bad ?? result.problems)}`);
  }
  return result;
}

/** What the deck store writes for a valid deck must open again as the same deck. */
export function checkRoundTrip(deck: Deck): void {
  const text = `${JSON.stringify(deck, null, 2)}\n`;
  const again = parseDeckText(text);
  if (!again.ok) throw new Error(`a saved valid deck does not open again: ${JSON.stringify(again.problems.slice(0, 3))}`);
  // Compared as text: nothing added, dropped or changed by the trip (deep equality is 10x slower here).
  if (`${JSON.stringify(again.deck, null, 2)}\n` !== text) throw new Error('a saved deck opens as a different deck');
}

let world: WorldAtlas | undefined;
/** The world-atlas boundaries the app draws maps from, read once. */
function worldAtlas(): WorldAtlas {
  world ??= JSON.parse(readFileSync(createRequire(import.meta.url).resolve(WORLD_ATLAS_FILE), 'utf8')) as WorldAtlas;
  return world;
}

/** Every chart builds a config whose data is the deck's and whose callbacks format any value. */
export function checkCharts(deck: Deck): void {
  for (const slide of deck.slides) {
    if (!slide.chart) continue;
    for (const animate of [true, false]) {
      if (slide.chart.type === 'map') {
        // A map is a choropleth of its countries: one feature per label, drawn from the bundled boundaries.
        const config = buildChartConfig(slide.chart, { animate, responsive: !animate, map: prepareMap(slide.chart, worldAtlas()) });
        expect(config.type).toBe('choropleth');
        expect(typeof describeChart(slide.chart)).toBe('string');
        continue;
      }
      const config = buildChartConfig(slide.chart, { animate, responsive: !animate });
      expect(config.data.labels).toEqual(slide.chart.labels);
      expect(config.data.datasets).toHaveLength(slide.chart.series.length);
      const scales = (config.options?.scales ?? {}) as Record<string, { ticks?: { callback?: (v: string | number) => string } }>;
      const tooltip = config.options?.plugins?.tooltip?.callbacks?.label as unknown as
        | ((ctx: { dataset: { label?: string }; parsed: unknown; raw: unknown }) => string)
        | undefined;
      for (const value of [0, -1, 1e308, -1e308, Number.NaN, Number.POSITIVE_INFINITY, 0.000001, 'x', '']) {
        for (const axis of Object.values(scales)) {
          const label = axis.ticks?.callback?.(value);
          if (label !== undefined) expect(typeof label).toBe('string');
        }
        expect(typeof tooltip?.({ dataset: { label: 'a' }, parsed: value, raw: value })).toBe('string');
      }
    }
    expect(typeof describeChart(slide.chart, slide.title)).toBe('string');
    for (const v of slide.chart.series.flatMap((s) => s.values)) expect(typeof formatValue(v, slide.chart.unit)).toBe('string');
  }
}

let measurer: TextMeasurer | undefined;

/** The pdfmake document for a deck, built as the export builds it, but without drawing charts or rendering. */
export async function buildDocDefinition(deck: Deck, options: ExportOptions): Promise<DocDefinition> {
  measurer ??= new TextMeasurer(new FontMeasureContext());
  const m = measurer;
  const charts = new ChartImages();
  const plans = deck.slides.map((slide) => planSlide(slide, deck, m, charts));
  return buildDocument({ deck, options: resolvePdfOptions(options), plans, measurer: m, images: charts.images(), now: new Date('2025-07-15T00:00:00Z') });
}

/** Builds the document for one layout and checks it holds nothing that reads files or the network. */
export async function checkDocument(deck: Deck, variant: number): Promise<void> {
  const options: ExportOptions = {
    layout: PDF_LAYOUTS[variant % PDF_LAYOUTS.length],
    notes: PDF_NOTES[Math.floor(variant / PDF_LAYOUTS.length) % PDF_NOTES.length],
    annex: variant % 2 === 0,
  };
  const started = performance.now();
  const doc = await buildDocDefinition(deck, options);
  const ms = performance.now() - started;
  stats.builderCases++;
  stats.slowestBuilderMs = Math.max(stats.slowestBuilderMs, ms);
  expect(ms, `document for ${deck.slides.length} slides took ${ms.toFixed(0)} ms`).toBeLessThan(CASE_BOUND_MS * 5);
  expect(Array.isArray(doc.content)).toBe(true);
  // Plain data all the way down: serialisable, no cycles, and no node type that reads files.
  const json = JSON.stringify(doc.content);
  expect(json).not.toMatch(/"(svg|attachment|files|qr)":/);
  for (const match of json.matchAll(/"image":"([^"]*)"/g)) expect(match[1]).toMatch(/^chart-[0-9a-f]+$/);
  expect(() => doc.footer?.(2, 3)).not.toThrow();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}
