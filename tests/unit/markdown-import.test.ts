/**
 * Markdown outline → deck: the project's fixture outline imports into a valid deck
 * with the right slides, notes, chart values and quote; anything that cannot be
 * mapped is warned about with its line number and kept in the notes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownToDeck } from '../../src-main/core/markdown-import';
import { slugify } from '../../src-shared/slug';
import { checkDeck } from '../../src-shared/deck-check';
import { validateDeck } from '../../src-shared/deck-validate';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const OUTLINE = readFileSync(path.join(ROOT, 'tests/fixtures/outline.md'), 'utf8');
/** 1-based line of the first line of the fixture that starts with `prefix`. */
const lineOf = (prefix: string) => OUTLINE.split('\n').findIndex((l) => l.startsWith(prefix)) + 1;
const imp = (text: string) => markdownToDeck(text, { fileName: 'test-outline.md' });

describe('the fixture outline', () => {
  const { deck, warnings } = markdownToDeck(OUTLINE, { fileName: 'outline.md' });
  const slide = (id: string) => deck.slides.find((s) => s.id === id)!;

  it('becomes a valid deck with no check errors or warnings', () => {
    expect(validateDeck(deck).ok).toBe(true);
    expect(checkDeck(deck)).toEqual({ errors: [], warnings: [] });
  });

  it('takes the meta from the front matter', () => {
    expect(deck.meta).toEqual({
      title: 'Harbour Freight Review',
      subtitle: 'Container traffic through the new terminal, first year',
      author: 'Logistics desk',
      date: '2026-03-02',
      asOf: 'Q4 2025',
    });
  });

  it('has the slides in order, with stable unique ids and sensible layouts', () => {
    expect(deck.slides.map((s) => [s.id, s.layout, s.title])).toEqual([
      ['harbour-freight-review', 'title', 'Harbour Freight Review'],
      ['bottom-line-up-front', 'bullets', 'Bottom line up front'],
      ['the-first-year', 'section', 'The first year'],
      ['volumes-rose-every-quarter', 'chart', 'Volumes rose every quarter'],
      ['dwell-times-fell-by-a-third', 'bullets', 'Dwell times fell by a third'],
      ['rail-is-the-new-bottleneck', 'two-column', 'Rail is the new bottleneck'],
      ['quote', 'quote', 'Quote'],
      ['options', 'bullets', 'Options'],
      ['risks', 'bullets', 'Risks'],
      ['recommendation', 'bullets', 'Recommendation'],
      ['sources', 'sources', 'Sources'],
    ]);
    expect(markdownToDeck(OUTLINE).deck.slides.map((s) => s.id)).toEqual(deck.slides.map((s) => s.id));
  });

  it('keeps notes from <!-- comments --> and from Note: sections', () => {
    expect(slide('harbour-freight-review').notes).toBe('Welcome the port authority team.\nTen minutes, questions at the end.');
    expect(slide('bottom-line-up-front').notes).toBe('- Lead with the rail bottleneck; it is the decision we need.\n- Do not dwell on the crane numbers.');
    expect(slide('volumes-rose-every-quarter').notes).toBe('Exports grew more slowly than imports.');
    expect(slide('dwell-times-fell-by-a-third').notes).toBe('The Q3 figure is provisional.');
    expect(slide('quote').notes).toBe('Quote from the site visit in January.');
    // A Note: section never leaks onto the slide.
    expect(slide('bottom-line-up-front').bullets).toHaveLength(3);
  });

  it('reads the chart block: type, unit, caption and the CSV values with thousands separators', () => {
    expect(slide('volumes-rose-every-quarter').chart).toEqual({
      type: 'bar',
      labels: ['Q1', 'Q2', 'Q3', 'Q4'],
      series: [
        { name: 'Import', values: [1200, 1350, 1420, 1610] },
        { name: 'Export', values: [950, 1010, 1100, 1240] },
      ],
      unit: 'k TEU',
      caption: 'Illustrative figures for a test fixture, not real port data.',
    });
  });

  it('reads the quote with its attribution', () => {
    expect(slide('quote').quote).toEqual({
      text: 'The terminal is moving boxes faster than the railway can take them away.',
      attribution: 'Operations manager, terminal operator',
    });
  });

  it('reads confidence, one level of nested bullets, ### columns, and Source: lines', () => {
    expect(slide('bottom-line-up-front').confidence).toBe('moderate');
    expect(slide('dwell-times-fell-by-a-third').bullets).toEqual([
      'Average dwell: 6.1 days → 4.0 days',
      'Customs pre-clearance did most of the work',
      '– Paperless release from Q2',
      '– Joint inspection from Q3',
    ]);
    expect(slide('rail-is-the-new-bottleneck').columns).toEqual([
      { heading: 'What works', bullets: ['Gate throughput', 'Yard planning'] },
      { heading: 'What does not', bullets: ['Two sidings for eight trains a day', 'No night shift on the branch line'] },
    ]);
    expect(deck.sources?.map((s) => s.title)).toEqual([
      'Port authority quarterly ledger (illustrative)',
      'Terminal operating system extract (illustrative)',
      'Site visit notes, January',
    ]);
    expect(slide('volumes-rose-every-quarter').sources).toEqual(['port-authority-quarterly-ledger']);
    expect(slide('sources').sources).toHaveLength(3);
  });

  it('warns with line numbers about what it could not map, and keeps it in the notes', () => {
    expect(warnings).toEqual([
      { line: lineOf('marp:'), message: 'front matter: "marp" is not used by Briefing Desk (title, subtitle, author, date and asOf are); ignored' },
      { line: lineOf('> The terminal'), message: 'this slide has no "#" title; called it "Quote"' },
      { line: lineOf('| Option'), message: "a table cannot be shown on a slide (put numbers in a ```chart block as CSV, or use bullets); kept in the slide's notes" },
      { line: lineOf('- <b>Budget'), message: 'HTML is not supported (deck text is plain text); the tags were removed and the text kept' },
    ]);
    expect(slide('options').notes).toContain('[Not imported: a table]\n| Option | Cost | Time |');
    expect(slide('options').notes).toContain('Costs in the table are rough orders of magnitude.');
    expect(slide('risks').bullets).toContain('Budget approval is not yet secured');
  });
});

describe('markdownToDeck', () => {
  it('splits on --- only outside code fences, and a --- right under text still splits', () => {
    const { deck } = imp('# One\ntext\n---\n# Two\n```\n---\n```\n');
    expect(deck.slides.map((s) => s.title)).toEqual(['One', 'Two']);
  });

  it('deduplicates ids from equal titles and falls back for titles without letters', () => {
    const { deck } = imp('# Intro\n- a\n---\n# Intro\n- b\n---\n# 北京\n- c\n---\n# Ünïcödé Café\n- d');
    expect(deck.slides.map((s) => s.id)).toEqual(['intro', 'intro-2', 'slide-3', 'unicode-cafe']);
  });

  it('uses ## as the title when there is no #, and the file name as the deck title without front matter', () => {
    const { deck } = imp('## Only a subtitle level\n- point');
    expect(deck.slides[0].title).toBe('Only a subtitle level');
    expect(deck.meta.title).toBe('Only a subtitle level');
    expect(markdownToDeck('- just a bullet', { fileName: 'my_notes.md' }).deck.meta.title).toBe('My notes');
  });

  it('chart blocks: TSV, percent unit, unknown type and bad cells warned at their own line', () => {
    const text = ['# Shares', '', '```chart', 'type: donut', 'Country\tShare', 'A\t18.5%', 'B\tlots', '```'].join('\n');
    const { deck, warnings } = imp(text);
    expect(deck.slides[0].chart).toEqual({ type: 'bar', labels: ['A', 'B'], series: [{ name: 'Share', values: [18.5, null] }], unit: '%' });
    expect(warnings).toEqual([
      { line: 4, message: 'chart type "donut" is not one of bar, horizontal-bar, stacked-bar, line, doughnut, pie, map; drew a bar chart' },
      { line: 7, message: 'chart data, column 2: expected a number, found "lots"; left as a gap' },
    ]);
  });

  it('keeps code blocks, images, deep lists and a second chart in the notes, each warned', () => {
    const text = [
      '# Mixed', // 1
      '- top', // 2
      '  - second', // 3
      '    - third', // 4
      '', // 5
      '![A map of the port](map.png)', // 6
      '', // 7
      '```js', // 8
      'alert(1)', // 9
      '```', // 10
      '```chart', // 11
      'x,y', // 12
      'a,1', // 13
      '```', // 14
      '```chart', // 15
      'x,y', // 16
      'b,2', // 17
      '```', // 18
    ].join('\n');
    const { deck, warnings } = imp(text);
    expect(warnings.map((w) => w.line)).toEqual([4, 6, 8, 15]);
    const notes = deck.slides[0].notes ?? '';
    expect(notes).toContain('third');
    expect(notes).toContain('A map of the port (map.png)');
    expect(notes).toContain('alert(1)');
    expect(notes).toContain('b,2');
    expect(deck.slides[0].bullets).toEqual(['top', '– second']);
    expect(deck.slides[0].chart?.labels).toEqual(['a']);
  });

  it('never renders Markdown as HTML: markup stays text, links keep their address', () => {
    const { deck } = imp('# A <script>alert(1)</script> title\n- **bold** and `code` and [the site](https://example.org)\n- &lt;b&gt; stays text');
    expect(deck.slides[0].title).toBe('A alert(1) title');
    expect(deck.slides[0].bullets).toEqual(['bold and code and the site (https://example.org)', '<b> stays text']);
  });

  it('a multi-line comment with blank lines and a --- inside stays one note', () => {
    const { deck } = imp('# A\n- x\n<!--\nfirst\n\n---\nsecond\n-->\n- y');
    expect(deck.slides).toHaveLength(1);
    expect(deck.slides[0].notes).toBe('first\n\n---\nsecond');
    expect(deck.slides[0].bullets).toEqual(['x', 'y']);
  });

  it('reports a bad front-matter date and confidence, and refuses an empty outline', () => {
    const { deck, warnings } = imp('---\ndate: March 2026\n---\n# A\nConfidence: certain\n- x');
    expect(deck.meta.date).toBeUndefined();
    expect(deck.slides[0].confidence).toBeUndefined();
    expect(warnings.map((w) => w.line)).toEqual([2, 5]);
    expect(() => imp('')).toThrow(/no slides/);
    expect(() => imp('\n---\n\n---\n')).toThrow(/no slides/);
  });

  it('slugs cut at a word boundary', () => {
    expect(slugify('Port authority quarterly ledger (illustrative)', 40)).toBe('port-authority-quarterly-ledger');
    expect(slugify('x'.repeat(80), 56)).toHaveLength(56);
  });
});

describe('the example in docs/deck-format.md', () => {
  it('imports without warnings into the slides the docs describe', () => {
    const docs = readFileSync(path.join(ROOT, 'docs/deck-format.md'), 'utf8');
    const example = /~~~markdown\n([\s\S]*?)\n~~~/.exec(docs)?.[1];
    expect(example).toBeDefined();
    const { deck, warnings } = imp(example!);
    expect(warnings).toEqual([]);
    expect(deck.slides.map((s) => s.layout)).toEqual(['title', 'bullets', 'chart', 'quote']);
    expect(deck.slides[1].notes).toBe('- Everything after a "Note:" line is talking points.');
    expect(deck.slides[2].chart?.series[0].values).toEqual([1200, 1350]);
    expect(deck.slides[2].sources).toEqual(['port-authority-quarterly-ledger']);
    expect(checkDeck(deck)).toEqual({ errors: [], warnings: [] });
  });
});

describe('Marp decks', () => {
  it('ignores Marp directives in comments (warned at their line) but keeps other comments as notes', () => {
    const { deck, warnings } = imp('# A\n<!-- _class: lead -->\n- x\n<!--\npaginate: true\n-->\n<!-- Remember: slow down -->');
    expect(deck.slides[0].notes).toBe('Remember: slow down');
    expect(warnings).toEqual([
      { line: 2, message: 'the Marp directive "class" has no meaning in Briefing Desk; ignored' },
      { line: 4, message: 'the Marp directive "paginate" has no meaning in Briefing Desk; ignored' },
    ]);
  });
});
