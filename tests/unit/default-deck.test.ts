/**
 * The default briefing is the app's first impression: it must validate, say only
 * what the seed article says (numbers included), label every number we computed,
 * cover every finding, and leave the article's advertisement out.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COUNTRIES, resolveCountry } from '../../src-shared/countries';
import type { Deck, Slide, TableCell } from '../../src-shared/deck-schema';
import { formatProblems, parseDeckText } from '../../src-shared/deck-validate';
import {
  ADVERTISEMENT_MARKERS,
  ARITHMETIC_CONSTANTS,
  CENTRAL_ASIA,
  DERIVED_FIGURES,
  HEADLINE_TABLE_FIGURES,
  SEED_COUNTRY_FIGURES,
  SEED_FIGURES,
  SEED_RELATIVE_PATH,
  SEED_YEARS,
} from '../fixtures/seed-facts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DECK_PATH = resolve(ROOT, 'assets/decks/central-asia-mining.briefing.json');
const SEED_PATH = resolve(ROOT, SEED_RELATIVE_PATH);
const HAS_SEED = existsSync(SEED_PATH);

function loadDeck(): Deck {
  const result = parseDeckText(readFileSync(DECK_PATH, 'utf8'));
  if (!result.ok) throw new Error(`default deck is invalid:\n${formatProblems(result.problems).join('\n')}`);
  return result.deck;
}

const deck = loadDeck();

/** Every string in a value, with a path and whether it sits in a `derived` explanation. */
interface Found {
  path: string;
  text: string;
  derived: boolean;
}
function strings(value: unknown, path: string, out: Found[] = []): Found[] {
  if (typeof value === 'string') out.push({ path, text: value, derived: /\.derived$/.test(path) });
  else if (Array.isArray(value)) value.forEach((item, i) => strings(item, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) strings(item, path ? `${path}.${key}` : key, out);
  }
  return out;
}

/** Numbers written in text. "H1" is a period name, not a number. */
function numbersIn(text: string): number[] {
  return [...text.replace(/\bH1\b/gi, '').matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
}

const SEED_NUMBERS = new Set<number>([...Object.values(SEED_FIGURES), ...SEED_YEARS]);
const DERIVED_VALUES = new Set(DERIVED_FIGURES.map((d) => d.value));
const round = (n: number, decimals: number) => Math.round(n * 10 ** decimals) / 10 ** decimals;

/** A table cell's number and its derivation note, if it has them. */
function cellNumber(cell: TableCell): { value: number; derived?: string } | null {
  if (typeof cell === 'number') return { value: cell };
  if (cell !== null && typeof cell === 'object' && typeof cell.value === 'number') return { value: cell.value, derived: cell.derived };
  return null;
}

/** Every number cell of the slide's table, with where it is. */
function tableNumbers(slide: Slide): Array<{ row: number; column: number; value: number; derived?: string; rowText: string }> {
  const table = slide.table;
  if (!table) return [];
  return table.rows.flatMap((row, r) =>
    row.flatMap((cell, c) => {
      const n = cellNumber(cell);
      const rowText = row.filter((x): x is string => typeof x === 'string').join(' ');
      return n ? [{ row: r, column: c, rowText, ...n }] : [];
    }),
  );
}

/** All `derived` explanations on a slide (stats, chart and table cells). */
function derivedTexts(slide: Slide): string[] {
  return [
    ...(slide.stats ?? []).map((s) => s.derived),
    slide.chart?.derived,
    slide.table?.derived,
    ...tableNumbers(slide).map((n) => n.derived),
  ].filter((d): d is string => !!d);
}

function slideText(slide: Slide): string {
  return strings(slide, '')
    .map((s) => s.text)
    .join('\n');
}

describe('default deck: structure', () => {
  it('validates as deck format v1', () => {
    expect(deck.format).toBe('briefing-deck');
    expect(deck.version).toBe(1);
  });

  it('has between 18 and 26 slides with unique kebab-case ids', () => {
    expect(deck.slides.length).toBeGreaterThanOrEqual(18);
    // 24 until issue 10 added a map and a table of the headline figures.
    expect(deck.slides.length).toBeLessThanOrEqual(26);
    const ids = deck.slides.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('carries meta for the title slide and handout', () => {
    expect(deck.meta.title).toMatch(/Central Asia/);
    expect(deck.meta.author).toBeTruthy();
    expect(deck.meta.asOf).toBe('H1 2025');
  });

  it('opens with a title slide, then a bottom-line-up-front slide of judgments with confidence', () => {
    expect(deck.slides[0].layout).toBe('title');
    const bluf = deck.slides[1];
    expect(bluf.title).toMatch(/bottom line/i);
    expect(bluf.confidence).toBeDefined();
    expect(bluf.bullets?.length).toBeGreaterThanOrEqual(3);
    for (const bullet of bluf.bullets ?? []) expect(bullet).toMatch(/^(High|Moderate|Low) confidence: /);
  });

  it('uses every layout the format offers', () => {
    const used = new Set(deck.slides.map((s) => s.layout));
    for (const layout of ['title', 'section', 'bullets', 'stats', 'chart', 'two-column', 'quote', 'sources', 'table']) {
      expect(used, layout).toContain(layout);
    }
  });

  it('gives every slide talking points, a handout summary and a duration', () => {
    for (const slide of deck.slides) {
      const lines = (slide.notes ?? '').split('\n').filter((l) => l.trim());
      expect(lines.length, `${slide.id} notes`).toBeGreaterThanOrEqual(2);
      expect(lines.some((l) => l.startsWith('- ')), `${slide.id} notes have bullets`).toBe(true);
      expect(slide.handout?.trim(), `${slide.id} handout`).toBeTruthy();
      expect(slide.durationSec, `${slide.id} duration`).toBeGreaterThan(0);
    }
  });

  it('cites a source on every slide that shows data', () => {
    for (const slide of deck.slides.filter((s) => s.stats || s.chart || s.table)) {
      expect(slide.sources?.length, slide.id).toBeGreaterThan(0);
      for (const stat of slide.stats ?? []) {
        expect(stat.unit, `${slide.id} ${stat.label}`).toBeTruthy();
        expect(stat.source, `${slide.id} ${stat.label}`).toBeTruthy();
      }
    }
  });

  it('quotes the article only with the article as attribution', () => {
    const quotes = deck.slides.filter((s) => s.quote);
    expect(quotes.length).toBeGreaterThan(0);
    for (const slide of quotes) {
      expect(slide.quote?.attribution).toContain("China's Growing Footprint: Strategic Mining Investments in Central Asia");
      expect(slide.quote?.attribution).not.toMatch(/China-Global South|Griffith|Morning Post/);
    }
  });

  it('closes with a sources slide naming the three organisations the article credits', () => {
    const last = deck.slides[deck.slides.length - 1];
    expect(last.layout).toBe('sources');
    const cited = (last.sources ?? []).map((id) => deck.sources?.find((s) => s.id === id));
    const names = cited.map((s) => `${s?.publisher ?? ''} ${s?.title ?? ''} ${s?.note ?? ''}`).join('\n');
    expect(names).toMatch(/China-Global South Project/);
    expect(names).toMatch(/research organi[sz]ation/i);
    expect(names).toMatch(/Griffith Asia Institute \(Australia\)/);
    expect(names).toMatch(/South China Morning Post/);
    expect(cited.map((s) => s?.title)).toContain("China's Growing Footprint: Strategic Mining Investments in Central Asia");
  });

  it('invents no URLs for its sources', () => {
    for (const source of deck.sources ?? []) expect(source.url, source.id).toBeUndefined();
  });
});

describe('default deck: numbers come from the seed or are derived from it', () => {
  it('recomputes every derived figure from the seed figures', () => {
    for (const d of DERIVED_FIGURES) expect(round(d.compute(), d.decimals), `derived ${d.value}`).toBe(d.value);
  });

  it('shows each derived figure somewhere, so the list stays honest', () => {
    const all = strings(deck, '').flatMap((s) => numbersIn(s.text));
    const shown = new Set([
      ...all,
      ...deck.slides.flatMap((s) => [...(s.stats ?? []).map((x) => x.value), ...(s.chart?.series ?? []).flatMap((x) => x.values), ...tableNumbers(s).map((x) => x.value)]),
    ]);
    for (const d of DERIVED_FIGURES) expect(shown, `derived ${d.value}`).toContain(d.value);
  });

  it('labels each stat that is not a seed figure as derived, with a correct computation', () => {
    for (const slide of deck.slides) {
      for (const stat of slide.stats ?? []) {
        if (SEED_NUMBERS.has(stat.value) && !stat.derived) continue;
        expect(stat.derived, `${slide.id}: ${stat.value} needs a derived note`).toBeTruthy();
        const figure = DERIVED_FIGURES.find((d) => d.value === stat.value);
        expect(figure, `${slide.id}: ${stat.value} is not a known derived figure`).toBeDefined();
        if (figure) for (const operand of figure.operands) expect(numbersIn(stat.derived ?? '')).toContain(operand);
        expect(stat.label, `${slide.id}: derived stat says so in its label`).toMatch(/derived/i);
      }
    }
  });

  it('plots only seed figures, or derived ones the chart explains', () => {
    for (const slide of deck.slides) {
      const chart = slide.chart;
      if (!chart) continue;
      for (const value of chart.series.flatMap((s) => s.values)) {
        // A map's null is "no figure reported" (checked against the seed below); a chart has no gaps.
        if (chart.type !== 'map') expect(value, `${slide.id}: no gaps in the default deck`).not.toBeNull();
        if (value === null || SEED_NUMBERS.has(value)) continue;
        expect(DERIVED_VALUES, `${slide.id}: ${value} is neither a seed figure nor derived`).toContain(value);
        expect(numbersIn(chart.derived ?? ''), `${slide.id}: chart.derived explains ${value}`).toContain(value);
      }
    }
  });

  it('tabulates only seed figures, or derived cells that say how they were computed', () => {
    const cells = deck.slides.flatMap((slide) => tableNumbers(slide).map((cell) => ({ slide, ...cell })));
    expect(cells.length, 'the default deck has a table of figures').toBeGreaterThan(0);
    for (const { slide, row, column, value, derived, rowText } of cells) {
      const at = `${slide.id} rows[${row}][${column}]`;
      if (SEED_NUMBERS.has(value) && !derived) continue;
      expect(derived, `${at}: ${value} is not a seed figure, so it needs a derived note`).toBeTruthy();
      const figure = DERIVED_FIGURES.find((d) => d.value === value);
      expect(figure, `${at}: ${value} is not a known derived figure`).toBeDefined();
      if (figure) for (const operand of figure.operands) expect(numbersIn(derived ?? ''), `${at} derived note names ${operand}`).toContain(operand);
      expect(rowText, `${at}: a derived row says so in its words`).toMatch(/derived/i);
    }
  });

  it('has a table of the headline figures right after the key figures on Kazakhstan, each row naming its source', () => {
    const i = deck.slides.findIndex((s) => s.id === 'kazakhstan-figures');
    const table = deck.slides[i + 1];
    expect(table.layout).toBe('table');
    expect(table.title).toMatch(/headline figures/i);
    const t = table.table!;
    const sourceColumn = t.columns.findIndex((c) => /source/i.test(c.heading));
    expect(sourceColumn).toBeGreaterThanOrEqual(0);
    for (const row of t.rows) {
      expect(row.length).toBe(t.columns.length);
      expect(String(row[sourceColumn] ?? '')).toMatch(/China-Global South Project|source article/);
    }
    const shown = tableNumbers(table).map((n) => n.value);
    for (const figure of HEADLINE_TABLE_FIGURES) expect(shown).toContain(figure);
  });

  it('writes in its text only seed figures, or derived ones explained on the same slide', () => {
    const bad: string[] = [];
    for (const found of strings(deck, '')) {
      const slideIndex = /^slides\[(\d+)\]/.exec(found.path)?.[1];
      const slide = slideIndex === undefined ? undefined : deck.slides[Number(slideIndex)];
      for (const n of numbersIn(found.text)) {
        if (SEED_NUMBERS.has(n)) continue;
        if (found.derived) {
          if (DERIVED_VALUES.has(n) || (ARITHMETIC_CONSTANTS as readonly number[]).includes(n)) continue;
        } else if (DERIVED_VALUES.has(n) && slide && derivedTexts(slide).some((d) => numbersIn(d).includes(n))) continue;
        bad.push(`${found.path}: ${n} in "${found.text.slice(0, 60)}…"`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("shades on its maps only the seed's country figures, and marks every other country as having none", () => {
    const maps = deck.slides.filter((s) => s.chart?.type === 'map');
    expect(maps.length, 'the default deck has a map').toBeGreaterThanOrEqual(1);
    for (const slide of maps) {
      const chart = slide.chart!;
      chart.labels.forEach((label, i) => {
        const country = resolveCountry(label);
        expect(country, `${slide.id}: "${label}" names a country`).toBeDefined();
        const expected = SEED_COUNTRY_FIGURES[country!.alpha3] ?? null;
        expect(chart.series[0].values[i], `${slide.id}: ${label}`).toBe(expected);
      });
    }
    const central = maps.find((s) => CENTRAL_ASIA.every((code) => s.chart!.labels.some((l) => resolveCountry(l)?.alpha3 === code)));
    expect(central, 'a map names all five Central Asian states').toBeDefined();
    expect(central!.sources, 'the map cites the article').toContain('article');
    expect(central!.chart!.unit).toBe('USD bn');
    expect(central!.chart!.series[0].name).toMatch(/January–June 2025/);
  });

  it.skipIf(!HAS_SEED)('gives no country figure in the seed that a map leaves blank (needs the seed next to the repository)', () => {
    const sentences = readFileSync(SEED_PATH, 'utf8').split(/(?<=[.!?])\s+/);
    for (const code of CENTRAL_ASIA.filter((c) => !(c in SEED_COUNTRY_FIGURES))) {
      const country = COUNTRIES.find((c) => c.alpha3 === code)!;
      const withFigure = sentences.filter((s) => s.includes(country.name) && /\$\d/.test(s));
      expect(withFigure, country.name).toEqual([]);
    }
    // And the one it shades is there, with its period.
    expect(sentences.some((s) => s.includes('Kazakhstan') && s.includes('$23 billion') && /January and June 2025/.test(s))).toBe(true);
  });

  it('has at least four charts, including the four comparisons the brief asks for', () => {
    const charts = deck.slides.filter((s) => s.chart).map((s) => s.chart!);
    expect(charts.length).toBeGreaterThanOrEqual(4);
    const plotted = charts.map((c) => c.series.flatMap((s) => s.values));
    const has = (...values: number[]) => plotted.some((vals) => values.every((v) => vals.includes(v)));
    const f = SEED_FIGURES;
    expect(has(f.briH1_2025, f.bri2024), 'H1 2025 vs 2024').toBe(true);
    expect(has(f.briH1_2025, f.bri2024 / 2), 'H1 2025 vs 2024 half-year average').toBe(true);
    expect(has(f.kazakhstanH1_2025, f.briH1_2025 - f.kazakhstanH1_2025), "Kazakhstan's share of H1").toBe(true);
    expect(has(f.eastHopeComplex, f.kazakhstanH1_2025 - f.eastHopeComplex), "East Hope's share of Kazakhstan").toBe(true);
  });
});

describe('default deck: covers every finding of the seed', () => {
  const FINDINGS: Array<[string, RegExp[]]> = [
    ['$124bn in H1 2025 vs $122bn in all of 2024', [/\$124bn/, /\$122bn/, /2024/, /2025/]],
    ['Kazakhstan $23bn, January–June 2025, main recipient', [/Kazakhstan/, /\$23bn/, /January–June 2025/, /largest recipient/]],
    ["East Hope Group's $12bn aluminium complex as flagship", [/East Hope Group/, /\$12bn/, /aluminium complex/, /flagship/, /(largest|biggest) single/]],
    ['shift away from Europe, East Asia and the Middle East', [/Europe/, /East Asia/, /Middle East/, /Central Asia/]],
    ['focus on metals and mining, aluminium and copper', [/metals and mining/i, /aluminium/, /copper/]],
    ['motive: critical minerals, energy security, hedge against US trade restrictions', [/critical minerals/, /energy/, /US trade restrictions/, /Trump administration/, /hedge/]],
    ['BRI evolution over 12 years from infrastructure to resource acquisition', [/12/, /airports/, /seaports/, /roads/, /power plants/, /Chinese (companies|firms|contractors)/, /South China Morning Post/, /resource acquisition/i]],
    ['150 participating countries', [/150 participating countries/]],
    ['infrastructure integration: transport, energy, digital', [/transport corridors/i, /energy/i, /digital/i]],
    ['effects on mineral prices and supply chains', [/pric/, /supply chains/i]],
    ['geopolitics: Russia, Western responses, resource nationalism', [/Russia/, /West/, /resource-nationalis|resource nationalism/]],
    ["host nations' benefits and concerns", [/jobs/i, /technology transfer/i, /sovereignty/i, /environment/i]],
    ['host nations hedge between powers', [/Chinese, Russian and Western/, /terms/, /independence/]],
    ['outlook: technology drivers and regulation', [/renewable/i, /rare earths/i, /digital mining/i, /regulat|rules/i, /local-content/]],
    ["Zijin Mining's expansion in Central Asia", [/Zijin Mining/, /Central Asia/]],
  ];

  for (const [finding, patterns] of FINDINGS) {
    it(`covers: ${finding}`, () => {
      const covering = deck.slides.filter((slide) => {
        const text = slideText(slide);
        return patterns.every((p) => p.test(text));
      });
      expect(covering.map((s) => s.id), `no slide covers "${finding}"`).not.toEqual([]);
    });
  }

  it("leaves out the article's closing advertisement", () => {
    const text = strings(deck, '')
      .map((s) => s.text)
      .join('\n');
    for (const marker of ADVERTISEMENT_MARKERS) expect(text).not.toContain(marker);
  });
});

describe('default deck: written in its own words (needs the seed next to the repository)', () => {
  if (!HAS_SEED) {
    console.warn(`default-deck: skipping the verbatim-copy checks: the seed ${SEED_PATH} is not present (it lives outside the repository).`);
  }
  const seed = HAS_SEED ? readFileSync(SEED_PATH, 'utf8') : '';
  const words = (s: string) =>
    s
      .toLowerCase()
      .replace(/[‘’]/g, "'")
      .replace(/[^a-z0-9$' ]+/g, ' ')
      .split(/\s+/)
      .filter(Boolean);

  it.skipIf(!HAS_SEED)('copies no run of 12 words from the seed outside the attributed quotation', () => {
    const run = 12;
    const seedRuns = new Set<string>();
    const seedWords = words(seed);
    for (let i = 0; i + run <= seedWords.length; i++) seedRuns.add(seedWords.slice(i, i + run).join(' '));
    const copied: string[] = [];
    for (const found of strings(deck, '')) {
      if (/\.quote\.text$/.test(found.path)) continue;
      const w = words(found.text);
      for (let i = 0; i + run <= w.length; i++) {
        const phrase = w.slice(i, i + run).join(' ');
        if (seedRuns.has(phrase)) copied.push(`${found.path}: "${phrase}"`);
      }
    }
    expect(copied).toEqual([]);
  });

  it.skipIf(!HAS_SEED)('quotes the seed word for word where it quotes it', () => {
    for (const slide of deck.slides.filter((s) => s.quote)) expect(seed).toContain(slide.quote?.text);
  });

  it.skipIf(!HAS_SEED)('shares no phrase with the advertisement and no figure the seed lacks', () => {
    const adStart = seed.indexOf('Want to Profit');
    expect(adStart).toBeGreaterThan(0);
    const adWords = words(seed.slice(adStart));
    const deckText = words(strings(deck, '').map((s) => s.text).join(' \n ')).join(' ');
    for (let i = 0; i + 5 <= adWords.length; i++) expect(deckText).not.toContain(adWords.slice(i, i + 5).join(' '));
    const seedBody = seed.slice(0, adStart);
    for (const n of SEED_NUMBERS) expect(seedBody, `seed-facts lists ${n}`).toContain(String(n));
  });
});
