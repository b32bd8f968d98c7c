/**
 * Property-based fuzzing of deck validation: at least 10,000 generated and mutated
 * decks (20,000 with the text path), each through validateDeck as an object (IPC,
 * HTTP) and parseDeckText as file text. Each ends valid, or with problems that each
 * carry a path and a message; none throws, hangs or pollutes Object.prototype.
 * `npm run fuzz` runs ten times as many. A failure prints fast-check's seed and
 * path: replay it with `FUZZ_SEED=<seed> npx vitest run tests/unit/fuzz-validate.test.ts`.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src-shared/deck-schema';
import { parseDeckText, validateDeck } from '../../src-shared/deck-validate';
import { checkOutcome, checkRoundTrip, stats } from '../helpers/fuzz-checks';
import { deckCaseArb, FUZZ_SCALE, FUZZ_SEED, type DeckCase } from '../helpers/fuzz-decks';

const RUNS = 10_000 * FUZZ_SCALE;
const kinds = new Map<string, number>();
let started = 0;

function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

afterAll(() => {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const mix = [...kinds].map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(
    `fuzz-validate: ${RUNS} cases (${RUNS * 2} validations) in ${seconds} s; ${stats.valid} valid, ${stats.invalid} refused with paths; ` +
      `slowest ${stats.slowestMs.toFixed(1)} ms (${stats.slowestKind}); mix: ${mix}`,
  );
});

describe('fuzzing deck validation', () => {
  // A safety net, not a budget: 20,000 validations of a schema that now also has images, tables,
  // themes and maps took 65–76 s on 2 shared cores while the other test files ran beside it.
  it(`ends every one of ${RUNS} decks valid or with located problems, as object and as text`, { timeout: 180_000 * FUZZ_SCALE }, () => {
    started = performance.now();
    fc.assert(
      fc.property(deckCaseArb, (c: DeckCase) => {
        const family = c.kind.startsWith('mutated') ? 'mutated' : c.kind;
        kinds.set(family, (kinds.get(family) ?? 0) + 1);
        const value = c.value !== undefined ? c.value : parsedOrUndefined(c.text);
        const asObject = checkOutcome(() => validateDeck(value), c.kind);
        const asText = checkOutcome(() => parseDeckText(c.text), c.kind);
        // The same deck gets the same verdict by either road (the text road alone has the size limit, and
        // NaN/Infinity exist only as objects: a deck may carry them in an unknown field, saved as null).
        if (c.value !== undefined && c.plainJson && c.text.length < LIMITS.maxBytes) expect(asText.ok).toBe(asObject.ok);
        if (asObject.ok) checkRoundTrip(asObject.deck);
      }),
      { numRuns: RUNS, seed: FUZZ_SEED },
    );
  });
});
