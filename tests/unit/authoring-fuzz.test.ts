/**
 * Pasted tables and Markdown outlines come from anywhere: for any text,
 * parseTableText never throws and returns a table whose series fit its labels,
 * and markdownToDeck returns a deck that passes validation (or says there are no
 * slides) — never a crash, never an invalid deck.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownToDeck } from '../../src-main/core/markdown-import';
import { validateDeck } from '../../src-shared/deck-validate';
import { parseTableText } from '../../src-shared/table-import';

const SEED = 20261129;
/** Text built from the pieces that matter to each parser, so the cases hit real paths. */
const pieces = (parts: string[]) => fc.array(fc.oneof(fc.constantFrom(...parts), fc.string({ maxLength: 6 })), { maxLength: 60 }).map((a) => a.join(''));

describe('parseTableText on any text', () => {
  it('never throws; every series has one value per label; problems are located', () => {
    const cell = pieces(['\t', ',', ';', '\n', '\r\n', '"', '""', '1,200', '1.200,5', '18.5%', '$23bn', '(5)', '-', 'n/a', ' ', 'abc', '1e3', '€', '\u00a0']);
    fc.assert(
      fc.property(cell, fc.constantFrom('auto', ',', '\t', ';') as fc.Arbitrary<'auto' | ',' | '\t' | ';'>, (text, delimiter) => {
        const table = parseTableText(text, { delimiter });
        for (const series of table.series) {
          expect(series.values).toHaveLength(table.labels.length);
          for (const v of series.values) expect(v === null || Number.isFinite(v)).toBe(true);
        }
        for (const p of table.problems) {
          expect(Number.isInteger(p.row) && p.row >= 0 && Number.isInteger(p.column) && p.column >= 0).toBe(true);
          expect(p.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1500, seed: SEED },
    );
  });
});

describe('markdownToDeck on any text', () => {
  it('returns a valid deck with unique ids and located warnings, or says there are no slides', () => {
    const outline = pieces([
      '\n', '\n\n', '---\n', '# ', '## ', '### ', '- ', '  - ', '    - ', '1. ', '> ', '— ', '<!-- ', ' -->', 'Note: ', 'Source: ',
      'Confidence: high', '```chart\n', '```\n', '```js\n', 'type: pie\n', 'a,b\nx,1\n', '| a | b |\n| - | - |\n', '![alt](x.png)',
      '<b>', '**bold**', '[link](http://x)', 'title: T\n', 'Sources\n', '***\n', '\t', '北京',
    ]);
    fc.assert(
      fc.property(outline, (text) => {
        let result: ReturnType<typeof markdownToDeck>;
        try {
          result = markdownToDeck(text, { fileName: 'fuzz.md' });
        } catch (err) {
          expect((err as Error).message).toMatch(/no slides/);
          return;
        }
        expect(validateDeck(result.deck).ok).toBe(true);
        const ids = result.deck.slides.map((s) => s.id);
        expect(new Set(ids).size).toBe(ids.length);
        const lines = text.split(/\r\n?|\n/).length;
        for (const w of result.warnings) expect(w.line >= 1 && w.line <= lines).toBe(true);
      }),
      { numRuns: 1500, seed: SEED },
    );
  });
});
