/**
 * A slide whose text cannot fit is named by `briefing check` (issue 13): the estimate in
 * src-shared/slide-fit.ts, against the bundled briefing and the multilingual fixture (all
 * fit, as the screen shows them) and against slides that are really too full.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDeck, formatCheckProblem } from '../../src-shared/deck-check';
import type { Deck } from '../../src-shared/deck-schema';
import { estimateSlideFit, wrappedLines } from '../../src-shared/slide-fit';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const read = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as Deck;
const bundled = read('assets/decks/central-asia-mining.briefing.json');
const fixture = read('tests/fixtures/decks/multilingual.briefing.json');
const fitWarnings = (deck: unknown) => checkDeck(deck).warnings.filter((w) => w.message.includes('does not fit'));

const sentence = 'Kazakhstan took $23bn in the first half of 2025, anchored by a single aluminium complex';
function overfull(): Deck {
  return {
    format: 'briefing-deck',
    version: 1,
    meta: { title: 'Too full' },
    slides: [
      { id: 'ok', layout: 'bullets', title: 'Fine', bullets: [sentence, sentence] },
      { id: 'full', layout: 'bullets', title: 'Everything we know', bullets: Array.from({ length: 14 }, () => sentence) },
    ],
  } as Deck;
}

describe('slide text fit', () => {
  it('finds every slide of the bundled briefing and of the multilingual fixture fitting', () => {
    expect(fitWarnings(bundled)).toEqual([]);
    expect(fitWarnings(fixture)).toEqual([]);
  });

  it('warns about a slide with too much text, naming the slide', () => {
    const warnings = fitWarnings(overfull());
    expect(warnings).toHaveLength(1);
    expect(warnings[0].path).toBe('slides[1]');
    expect(warnings[0].where).toBe("slide 2 'Everything we know' (id full)");
    expect(formatCheckProblem(warnings[0])).toMatch(/^slide 2 'Everything we know' \(id full\) at slides\[1\]: this slide's text does not fit on it at the smallest size \(about \d+% too much\)/);
  });

  it('counts a 200-character unbroken word as wrapped lines, not as one line off the slide', () => {
    const word = 'x'.repeat(200);
    expect(wrappedLines(word, 2.25, 87.6)).toBeGreaterThan(1);
    const deck = { ...overfull(), slides: [{ id: 'w', layout: 'bullets', title: 'A long word', bullets: [word] }] } as Deck;
    expect(estimateSlideFit(deck, deck.slides[0])?.fits).toBe(true);
  });

  it('counts Chinese as one em a character, breaking between characters', () => {
    // 40 ideographs at 2.25 units in a 87.6-wide box: 38.9 a line, so two lines.
    expect(wrappedLines('一'.repeat(40), 2.25, 87.6)).toBe(2);
    expect(wrappedLines('一'.repeat(38), 2.25, 87.6)).toBe(1);
  });

  it('says nothing about layouts it does not model, and nothing when the deck has errors', () => {
    const deck = overfull();
    expect(estimateSlideFit(deck, { id: 't', layout: 'table', title: 'T' } as Deck['slides'][number])).toBeUndefined();
    const broken = { ...overfull(), meta: {} };
    expect(fitWarnings(broken)).toEqual([]);
  });

  it('briefing check prints the warning with the slide named, and still exits 0', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'briefing-fit-'));
    const file = path.join(dir, 'full.briefing.json');
    writeFileSync(file, JSON.stringify(overfull()));
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'briefing.cjs'), 'check', file], { encoding: 'utf8', timeout: 60_000 });
    const output = run.stdout + run.stderr;
    expect(output).toMatch(/slide 2 'Everything we know' \(id full\) at slides\[1\]: this slide's text does not fit/);
    expect(run.status).toBe(0);
  });
});
