/**
 * Property-based fuzzing of what runs on a valid deck: the Chart.js config
 * builder (every chart, with its callbacks fed hostile values) and the PDF
 * document builder (every layout and notes kind, without drawing), over generated
 * and mutated decks that pass validation; and a sample exported in full with
 * pdfmake. None throws, hangs or leaves an unhandled rejection. `npm run fuzz`
 * runs ten times as many. Replay a printed seed with
 * `FUZZ_SEED=<seed> npx vitest run tests/unit/fuzz-builders.test.ts`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDF_LAYOUTS, PDF_NOTES } from '../../src-shared/api';
import type { Deck } from '../../src-shared/deck-schema';
import { validateDeck } from '../../src-shared/deck-validate';
import { checkCharts, checkDocument, checkOutcome, stats } from '../helpers/fuzz-checks';
import { FUZZ_SCALE, FUZZ_SEED, generatedDeckArb, mutatedDeckArb } from '../helpers/fuzz-decks';
import type { ExportReply, ExportRequest } from '../helpers/fuzz-export-worker';

const BUILDER_RUNS = 1000 * FUZZ_SCALE;
const FULL_EXPORTS = 12 * FUZZ_SCALE;
const EXPORT_BOUND_MS = 20_000;

const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
beforeAll(() => void process.on('unhandledRejection', onRejection));
afterAll(() => {
  process.off('unhandledRejection', onRejection);
  console.log(
    `fuzz-builders: ${BUILDER_RUNS} decks, ${stats.valid} valid → ${stats.builderCases} PDF documents built ` +
      `(slowest ${stats.slowestBuilderMs.toFixed(0)} ms), charts configured for each; ${exported.length} exported in full ` +
      `(slowest ${Math.max(0, ...exported).toFixed(0)} ms); unhandled rejections: ${rejections.length}`,
  );
});

/** Valid decks the generators produced, kept for the full exports. */
const validDecks: Deck[] = [];
const exported: number[] = [];
const caseArb = fc.oneof({ weight: 3, arbitrary: generatedDeckArb }, { weight: 2, arbitrary: mutatedDeckArb });

describe('fuzzing the chart and PDF builders', () => {
  it(`builds charts and PDF documents for every valid deck among ${BUILDER_RUNS}`, { timeout: 60_000 * FUZZ_SCALE }, async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, fc.nat(), async (c, variant) => {
        const result = checkOutcome(() => validateDeck(c.value), c.kind);
        if (!result.ok) return;
        checkCharts(result.deck);
        await checkDocument(result.deck, variant);
        if (result.deck.slides.length <= 40 && validDecks.length < FULL_EXPORTS * 4) validDecks.push(result.deck);
      }),
      { numRuns: BUILDER_RUNS, seed: FUZZ_SEED, endOnFailure: true },
    );
    expect(stats.builderCases).toBeGreaterThan(BUILDER_RUNS / 3);
  });

  it(`exports a sample of ${FULL_EXPORTS} fuzzed decks as whole PDFs, each layout and notes kind`, { timeout: 120_000 * FUZZ_SCALE }, async () => {
    expect(validDecks.length).toBeGreaterThanOrEqual(FULL_EXPORTS);
    // Spread over the sample, so big and small, generated and mutated decks all get a turn.
    const step = validDecks.length / FULL_EXPORTS;
    // The worker loads TypeScript through tsx's loader (vitest's own transform does not reach workers).
    const workerUrl = new URL('../helpers/fuzz-export-worker.ts', import.meta.url).href;
    const worker = new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(workerUrl)}); });`, { eval: true });
    const exportOne = (request: ExportRequest) =>
      new Promise<ExportReply | 'timeout'>((resolve, reject) => {
        const timer = setTimeout(() => resolve('timeout'), EXPORT_BOUND_MS);
        worker.once('message', (reply: ExportReply) => {
          clearTimeout(timer);
          resolve(reply);
        });
        worker.once('error', reject);
        worker.postMessage(request);
      });
    try {
      for (let i = 0; i < FULL_EXPORTS; i++) {
        const deck = validDecks[Math.floor(i * step)];
        const options = { layout: PDF_LAYOUTS[i % PDF_LAYOUTS.length], notes: PDF_NOTES[i % PDF_NOTES.length], annex: i % 2 === 0 };
        const reply = await exportOne({ deck, options });
        if (reply === 'timeout' || !reply.ok) {
          // Keep the deck, so the failure can be replayed without the generator.
          const file = path.join(mkdtempSync(path.join(tmpdir(), 'fuzz-export-')), 'deck.briefing.json');
          writeFileSync(file, JSON.stringify(deck, null, 2));
          throw new Error(`export of a fuzzed deck (${options.layout}) ${reply === 'timeout' ? `did not finish within ${EXPORT_BOUND_MS} ms` : `failed: ${reply.error}`}; deck kept at ${file}`);
        }
        exported.push(reply.ms);
        expect(reply.head).toBe('%PDF-');
        expect(reply.pages).toBeGreaterThanOrEqual(1);
      }
    } finally {
      await worker.terminate();
    }
    expect(rejections).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
