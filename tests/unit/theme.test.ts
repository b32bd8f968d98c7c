/**
 * Themes: WCAG contrast maths against published pairs, the two built-in themes
 * (the high-contrast one must pass what it promises), `resolveTheme`, and the
 * contrast warnings `briefing check` prints for a deck's own colours.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheckCommand } from '../../src-main/cli/check-command';
import { buildChartConfig } from '../../src-shared/chart-config';
import { contrastRatio, formatRatio, parseHex, relativeLuminance } from '../../src-shared/contrast';
import { checkDeck, formatCheckProblem } from '../../src-shared/deck-check';
import { validateDeck } from '../../src-shared/deck-validate';
import { findFieldProblems, problemAt } from '../../src-shared/field-problems';
import { BASE_THEMES, PALETTE, resolveTheme, themeContrastProblems } from '../../src-shared/theme';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
type Obj = Record<string, unknown>;
/** The fixture deck carries an unknown slide field on purpose; only the theme's lines matter here. */
const themeLines = (problems: { path: string; message: string }[]) => problems.filter((p) => p.path.startsWith('theme')).map(formatCheckProblem);
const smallValid = (): Obj => JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/decks/small-valid.briefing.json'), 'utf8'));

describe('contrast maths (WCAG 2.x)', () => {
  it.each([
    // Published or widely quoted pairs: black/white is the maximum, #767676 is the lightest grey passing 4.5:1 on white.
    ['#000000', '#ffffff', 21],
    ['#ffffff', '#ffffff', 1],
    ['#767676', '#ffffff', 4.54],
    ['#777777', '#ffffff', 4.48],
    ['#949494', '#ffffff', 3.03],
    ['#ff0000', '#ffffff', 4.0],
    ['#0000ff', '#ffffff', 8.59],
    ['#008000', '#ffffff', 5.14],
    ['#ffff00', '#000000', 19.56],
  ])('%s on %s is %s:1', (a, b, expected) => {
    expect(contrastRatio(a, b)).toBeCloseTo(expected, 2);
    expect(contrastRatio(b, a)).toBeCloseTo(expected, 2);
  });

  it('relative luminance: 0 for black, 1 for white, 0.2126 for pure red', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#ffffff')).toBe(1);
    expect(relativeLuminance('#ff0000')).toBeCloseTo(0.2126, 4);
  });

  it('reads #rgb and #rrggbb and refuses anything else', () => {
    expect(parseHex('#fff')).toEqual([255, 255, 255]);
    expect(parseHex('#1F4E79')).toEqual([31, 78, 121]);
    expect(parseHex('red')).toBeNull();
    expect(parseHex('#12345')).toBeNull();
  });

  it('never rounds a failing ratio up to a passing one', () => {
    expect(formatRatio(4.4999)).toBe('4.49:1');
    expect(formatRatio(21)).toBe('21.00:1');
  });
});

describe('built-in themes', () => {
  it('the default theme keeps the current look: palette, slide colours', () => {
    const t = resolveTheme(undefined);
    expect(t.base).toBe('default');
    expect(t.palette).toEqual([...PALETTE]);
    expect(t.palette[0]).toBe('#1f4e79');
    // A deck's own palette is checked for 3:1 against the slide: the built-in one passes it too,
    // so a deck that starts its own from it (the theme editor) gets no warning it did not cause.
    for (const colour of t.palette) expect(contrastRatio(colour, t.colors.background), colour).toBeGreaterThanOrEqual(3);
    expect(themeContrastProblems({ palette: [...t.palette] })).toEqual([]);
    expect(t.colors).toMatchObject({ background: '#ffffff', primary: '#14304f', accent: '#1f4e79' });
    expect(t).toMatchObject({ font: 'noto-sans', aspect: '16:9', lineScale: 1 });
    expect(t.ratio).toBeCloseTo(16 / 9);
  });

  it('every text colour of both themes passes AA (4.5:1) on its background', () => {
    for (const [name, base] of Object.entries(BASE_THEMES)) {
      const c = base.colors;
      for (const key of ['text', 'primary', 'accent', 'muted', 'faint', 'chartText', 'chartAxisTitle'] as const) {
        expect(contrastRatio(c[key], c.background), `${name} ${key}`).toBeGreaterThanOrEqual(4.5);
      }
      for (const level of ['high', 'moderate', 'low'] as const) expect(contrastRatio(c.confidence[level], c.background), `${name} ${level}`).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(c.sectionText, c.primary), `${name} section text`).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(c.sectionMuted, c.primary), `${name} section subtitle`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('high contrast: every text at least 7:1 (AAA), no grey text, thick lines, palette at least 3:1 and distinguishable', () => {
    const hc = resolveTheme({ base: 'high-contrast' });
    const c = hc.colors;
    for (const key of ['text', 'primary', 'accent', 'muted', 'faint', 'chartText'] as const) expect(contrastRatio(c[key], c.background), key).toBeGreaterThanOrEqual(7);
    expect(contrastRatio(c.sectionRule, c.primary)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(c.frame, c.background)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(c.chartGrid, c.background)).toBeGreaterThanOrEqual(3);
    expect(hc.lineScale).toBeGreaterThan(1);
    expect(new Set(hc.palette).size).toBe(hc.palette.length);
    for (const colour of hc.palette) expect(contrastRatio(colour, c.background), colour).toBeGreaterThanOrEqual(3);
    // Neighbouring series differ in lightness too (1.4:1 or more), so they stay apart in greyscale and for colour-blind readers.
    for (let i = 1; i < hc.palette.length; i++) {
      expect(contrastRatio(hc.palette[i - 1], hc.palette[i]), `${hc.palette[i - 1]} / ${hc.palette[i]}`).toBeGreaterThanOrEqual(1.4);
    }
  });
});

describe('resolveTheme', () => {
  it('applies a deck\'s overrides on its base', () => {
    const t = resolveTheme({ base: 'high-contrast', primary: '#8B0000', accent: '#004d40', palette: ['#123456', '#654321'], font: 'dejavu-sans', aspect: '4:3' });
    expect(t.base).toBe('high-contrast');
    expect(t.colors.primary).toBe('#8b0000');
    expect(t.colors.accent).toBe('#004d40');
    expect(t.colors.background).toBe('#ffffff');
    expect(t.palette).toEqual(['#123456', '#654321']);
    expect(t.font).toBe('dejavu-sans');
    expect(t.fontFamily).toMatch(/^'Briefing DejaVu'/);
    expect(t.aspect).toBe('4:3');
    expect(t.ratio).toBeCloseTo(4 / 3);
  });

  it('falls back to the base for odd values (a deck being edited) and never shares the base\'s objects', () => {
    const odd = { base: 'neon', primary: 'blue', palette: ['nope'], font: 'comic', aspect: '21:9' } as unknown as Parameters<typeof resolveTheme>[0];
    const t = resolveTheme(odd);
    expect(t).toMatchObject({ base: 'default', font: 'noto-sans', aspect: '16:9' });
    expect(t.colors.primary).toBe('#14304f');
    expect(t.palette).toEqual([...PALETTE]);
    t.colors.confidence.high = '#000000';
    expect(resolveTheme(undefined).colors.confidence.high).toBe('#1d6b3a');
  });

  it('carries the logo', () => {
    const logo = { src: 'data:image/png;base64,iVBORw0KGgo=', alt: 'Acme' };
    expect(resolveTheme({ logo }).logo).toEqual(logo);
    expect(resolveTheme({}).logo).toBeUndefined();
  });

  it('charts take the theme\'s palette, text colour and font', () => {
    const theme = resolveTheme({ base: 'high-contrast', palette: ['#112233', '#445566'], font: 'dejavu-sans' });
    const config = buildChartConfig({ type: 'bar', labels: ['a', 'b'], series: [{ name: 'x', values: [1, 2] }, { name: 'y', values: [3, 4] }] }, { theme }) as unknown as {
      data: { datasets: { backgroundColor: string }[] };
      options: { font: { family: string }; scales: { y: { ticks: { color: string } } } };
    };
    expect(config.data.datasets.map((d) => d.backgroundColor)).toEqual(['#112233', '#445566']);
    expect(config.options.scales.y.ticks.color).toBe('#000000');
    expect(config.options.font.family).toMatch(/Briefing DejaVu/);
  });
});

describe('contrast warnings in briefing check', () => {
  it('names the field, the colour and the ratio of each failing colour; passing colours say nothing', () => {
    const deck = smallValid();
    deck.theme = { base: 'default', primary: '#ffd400', accent: '#1f4e79', palette: ['#1f4e79', '#f5f5f5', '#888888'] };
    expect(validateDeck(deck).ok).toBe(true);
    const { errors, warnings } = checkDeck(deck);
    expect(errors).toEqual([]);
    expect(themeLines(warnings)).toEqual([
      'theme.primary: #ffd400 has a contrast of 1.43:1 against the slide background #ffffff; titles and stat values are text and need at least 4.5:1 (WCAG AA)',
      'theme.palette[1]: chart colour #f5f5f5 has a contrast of 1.09:1 against the slide background #ffffff; chart bars and lines need at least 3:1 (WCAG AA)',
    ]);
  });

  it('an accent of #777777 (4.48:1) fails and #767676 (4.54:1) passes', () => {
    expect(themeContrastProblems({ accent: '#777777' }).map((p) => p.path)).toEqual(['theme.accent']);
    expect(themeContrastProblems({ accent: '#767676' })).toEqual([]);
  });

  it('warns about unknown theme fields with a suggestion, and never throws on junk', () => {
    const deck = smallValid();
    deck.theme = { base: 'high-contrast', pallete: ['#000000'] };
    expect(themeLines(checkDeck(deck).warnings)).toEqual(['theme.pallete: unknown field "pallete": did you mean "palette"? (kept in the file, but not used)']);
    expect(themeContrastProblems('nope')).toEqual([]);
    expect(themeContrastProblems({ primary: 12, palette: 'x' })).toEqual([]);
  });

  it('a logo without alt text is said once, as the image rule’s error (not also a theme warning); with it, nothing', () => {
    const src = 'data:image/png;base64,iVBORw0KGgo=';
    const alt = 'theme.logo.alt: missing alt text: say what the image shows, for people who cannot see it';
    for (const logo of [{ src }, { src, alt: '  ' }]) {
      const deck = smallValid();
      deck.theme = { logo };
      const { errors, warnings } = checkDeck(deck);
      expect(themeLines(errors)).toEqual([alt]);
      expect(themeLines(warnings)).toEqual([]);
      // The edit dialog's alt text field: one message, the same words.
      const problems = findFieldProblems({ meta: { title: 'T' }, theme: { logo } });
      expect(problems.get('theme.logo.alt')).toEqual([alt.replace('theme.logo.alt: ', '')]);
    }
    const deck = smallValid();
    deck.theme = { logo: { src, alt: 'Acme' } };
    expect(themeLines([...checkDeck(deck).errors, ...checkDeck(deck).warnings])).toEqual([]);
    expect(findFieldProblems({ meta: { title: 'T' }, theme: { logo: { src, alt: 'Acme' } } }).has('theme.logo.alt')).toBe(false);
  });

  it('briefing check prints the missing logo alt text on one line, as an error', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'briefing-logo-alt-'));
    try {
      const deck = smallValid();
      deck.theme = { logo: { src: 'data:image/png;base64,iVBORw0KGgo=' } };
      const file = path.join(dir, 'branded.briefing.json');
      writeFileSync(file, JSON.stringify(deck));
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCheckCommand([file], (l) => out.push(l), (l) => err.push(l));
      expect(code).toBe(1);
      expect([...out, ...err].filter((l) => l.includes('theme.'))).toEqual([`${file}: theme.logo.alt: missing alt text: say what the image shows, for people who cannot see it`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the edit dialog gets the same message on the field', () => {
    const problems = findFieldProblems({ meta: { title: 'T' }, theme: { accent: '#aaaaaa' } });
    expect(problemAt(problems, ['theme', 'accent'])).toMatch(/^warning: #aaaaaa has a contrast of 2\.32:1/);
  });
});
