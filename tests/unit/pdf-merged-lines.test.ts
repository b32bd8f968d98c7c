/**
 * pdfmake draws each word as its own text object; merged-lines.ts joins the words of a
 * line that look the same into one run. Only words in a font without shaping or
 * kerning tables, with every drawing property equal, placed end to end, may merge,
 * and pdfmake's own inlines must stay untouched.
 */
import { describe, expect, it } from 'vitest';
import { mergeLineWords } from '../../src-main/core/pdf/merged-lines';

const plainFont = { font: { directory: { tables: { cmap: {}, glyf: {}, hmtx: {} } } } };
const kernedFont = { font: { directory: { tables: { cmap: {}, GPOS: {} } } } };

type Word = Parameters<typeof mergeLineWords>[0][number];

/** Words laid end to end from x = 0, each 10 points per character. */
function words(texts: string[], look: Partial<Word> = {}): Word[] {
  let x = 0;
  return texts.map((text) => {
    const w: Word = { text, x, width: text.length * 10, font: plainFont, fontSize: 10, color: '#222222', height: 12, ...look };
    x += w.width;
    return w;
  });
}

describe('merging the words of a line', () => {
  it('joins words of one look into one run with the summed width, leaving the inputs as they were', () => {
    const line = words(['Kazakhstan ', 'leads ', 'the ', 'region']);
    const before = structuredClone(line.map(({ font: _font, ...rest }) => rest));
    const merged = mergeLineWords(line);
    expect(merged).toHaveLength(1);
    expect(merged[0].text).toBe('Kazakhstan leads the region');
    expect(merged[0].x).toBe(0);
    expect(merged[0].width).toBe(line.reduce((sum, w) => sum + w.width, 0));
    expect(line.map(({ font: _font, ...rest }) => rest)).toEqual(before);
  });

  it('keeps a change of colour, size, weight or link as a new run', () => {
    const line = words(['one ', 'two ', 'three ', 'four ', 'five']);
    line[1].color = '#ff0000';
    line[3].fontSize = 12;
    const merged = mergeLineWords(line);
    expect(merged.map((w) => w.text)).toEqual(['one ', 'two ', 'three ', 'four ', 'five']);
    const linked = words(['a ', 'b ', 'c']);
    linked[2].link = 'https://example.org';
    expect(mergeLineWords(linked).map((w) => w.text)).toEqual(['a b ', 'c']);
    const bold = words(['a ', 'b']);
    bold[1].font = { font: { directory: { tables: {} } } };
    expect(mergeLineWords(bold)).toHaveLength(2);
  });

  it('never joins words in a font that shapes or kerns, or words that are not end to end', () => {
    expect(mergeLineWords(words(['To ', 'Wa'], { font: kernedFont }))).toHaveLength(2);
    const gap = words(['left ', 'right']);
    gap[1].x += 3;
    expect(mergeLineWords(gap)).toHaveLength(2);
  });
});
