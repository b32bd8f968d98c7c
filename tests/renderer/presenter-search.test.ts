import { describe, expect, it } from 'vitest';
import { excerptAround, highlight, searchSlides, type Segment, type SearchableSlide } from '../../src-renderer/lib/presenter-search';

const slides: SearchableSlide[] = [
  { title: 'Bottom line up front', notes: '- Lead with the scale.\n- Then the where: Central Asia.' },
  { title: 'Kazakhstan: the largest recipient', notes: 'A stable neighbour with a shared border.', bullets: ['East Hope Group aluminium'] },
  { title: 'Why Central Asia, why now', notes: 'Two threads: security of supply and the evolution of the BRI.' },
  { title: 'Sources', handout: 'Everything comes from one article in Zürich.' },
];

const text = (segments: Segment[]) => segments.map((s) => s.text).join('');
const marked = (segments: Segment[]) => segments.filter((s) => s.mark).map((s) => s.text);

describe('searchSlides', () => {
  it('finds a slide by a word that is only in its talking points', () => {
    const hits = searchSlides(slides, 'threads');
    expect(hits.map((h) => h.index)).toEqual([2]);
    expect(hits[0].where).toBe('Talking points');
    expect(marked(hits[0].excerpt!)).toEqual(['threads']);
  });

  it('ignores case and accents, both ways', () => {
    expect(searchSlides(slides, 'KAZAKHSTAN').map((h) => h.index)).toEqual([1]);
    expect(searchSlides(slides, 'zurich').map((h) => h.index)).toEqual([3]);
    expect(searchSlides([{ title: 'Zurich' }], 'Zürich').map((h) => h.index)).toEqual([0]);
  });

  it('needs every word somewhere on the slide', () => {
    expect(searchSlides(slides, 'central asia').map((h) => h.index)).toEqual([2, 0]);
    expect(searchSlides(slides, 'central kazakhstan')).toEqual([]);
    expect(searchSlides(slides, 'aluminium border').map((h) => h.index)).toEqual([1]);
  });

  it('ranks a match in the title above one in the talking points', () => {
    // "Central Asia" is the title of slide 3 and only in the notes of slide 1.
    const hits = searchSlides(slides, 'asia');
    expect(hits.map((h) => h.index)).toEqual([2, 0]);
    expect(marked(hits[0].title)).toEqual(['Asia']);
  });

  it('finds nothing for a blank query, and keeps to the limit', () => {
    expect(searchSlides(slides, '   ')).toEqual([]);
    expect(searchSlides(slides, 'e', 2)).toHaveLength(2);
  });
});

describe('highlight and excerpt', () => {
  it('marks matches in the original text, accents and all', () => {
    const segments = highlight('Café in Zürich', ['cafe', 'zurich']);
    expect(text(segments)).toBe('Café in Zürich');
    expect(marked(segments)).toEqual(['Café', 'Zürich']);
    // An accent typed as a separate combining mark stays with its letter.
    expect(marked(highlight('Cafe\u0301 au lait', ['cafe']))).toEqual(['Cafe\u0301']);
  });

  it('merges overlapping matches', () => {
    expect(marked(highlight('aluminium', ['alu', 'lumin']))).toEqual(['alumin']);
  });

  it('cuts long text around the first match, on word boundaries', () => {
    const long = `${'word '.repeat(60)}needle ${'more '.repeat(60)}`;
    const excerpt = excerptAround(long, ['needle'], 60);
    const shown = text(excerpt);
    expect(shown.startsWith('…')).toBe(true);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown.length).toBeLessThanOrEqual(64);
    expect(marked(excerpt)).toEqual(['needle']);
    // Cut on whole words: after the ellipsis comes a whole word.
    expect(shown).toMatch(/^…(word|needle) /);
  });
});
