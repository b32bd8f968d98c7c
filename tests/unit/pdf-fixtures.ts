/**
 * Decks for the PDF tests and benchmark: the bundled default briefing, a
 * generated deck of any size with a chart on every slide, and a hostile deck.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Deck, Slide } from '../../src-shared/deck-schema';
import { parseDeckText } from '../../src-shared/deck-validate';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_DECK_PATH = path.join(ROOT, 'assets', 'decks', 'central-asia-mining.briefing.json');

/** The bundled default briefing, validated. */
export function loadDefaultDeck(): Deck {
  const result = parseDeckText(readFileSync(DEFAULT_DECK_PATH, 'utf8'));
  if (!result.ok) throw new Error(`default deck is invalid: ${JSON.stringify(result.problems)}`);
  return result.deck;
}

const CHART_TYPES = ['bar', 'horizontal-bar', 'stacked-bar', 'line', 'doughnut', 'pie'] as const;
const COUNTRIES = ['Kazakhstan', 'Kyrgyzstan', 'Tajikistan', 'Turkmenistan', 'Uzbekistan', 'Mongolia'];

/** A deck of `slides` chart slides, each with different data (so no two charts can share an image). */
export function generatedDeck(slides: number): Deck {
  const list: Slide[] = [];
  for (let i = 0; i < slides; i++) {
    const type = CHART_TYPES[i % CHART_TYPES.length];
    const labels = COUNTRIES.slice(0, 3 + (i % 4));
    const seriesCount = type === 'doughnut' || type === 'pie' ? 1 : 1 + (i % 3);
    list.push({
      id: `chart-${i + 1}`,
      layout: 'chart',
      title: `Investment by country, scenario ${i + 1}`,
      confidence: (['high', 'moderate', 'low'] as const)[i % 3],
      bullets: i % 5 === 0 ? ['Kazakhstan leads the region', 'Copper and aluminium dominate'] : undefined,
      chart: {
        type,
        labels,
        series: Array.from({ length: seriesCount }, (_, s) => ({
          name: s === 2 ? 'Other (derived)' : `Series ${s + 1}`,
          values: labels.map((_, j) => 1 + ((i * 31 + j * 17 + s * 11) % 97)),
        })),
        unit: 'USD bn',
        caption: `Generated data for slide ${i + 1}.`,
        derived: seriesCount === 3 ? 'Other = total − named series.' : undefined,
      },
      notes: `- Talking point A for slide ${i + 1}\n- Talking point B for slide ${i + 1}`,
      handout: `Summary for slide ${i + 1}: the figures are illustrative.`,
      sources: ['gen'],
    });
  }
  return {
    format: 'briefing-deck',
    version: 1,
    meta: { title: `Generated briefing with ${slides} charts`, author: 'Bench', date: '2025-07-15', asOf: 'H1 2025' },
    sources: [{ id: 'gen', title: 'Generated test data', publisher: 'Briefing Desk tests' }],
    slides: list,
  };
}

export const UNICODE_RUN =
  'Қазақстан Республикасы — Қытай инвестициялары өсіп келеді; Кыргызстан, Тоҷикистон. 中国对中亚矿业的投资大幅增长，哈萨克斯坦居首。' +
  'Ёлка, щука, объём. 铝和铜是重点。Ғылым, ұлт, үміт, һәм, іскер, өнер, ңғ. ';

/**
 * A deck whose text fields hold URLs, local paths and long non-Latin runs; and unknown "image" fields.
 * Its chart slide's `image: { src: "file:///etc/passwd" }` is a real image field now: `check` refuses that
 * src and the PDF leaves the image out without reading anything (tests/unit/images.test.ts, image-pdf.test.ts).
 */
export function hostileDeck(): Deck {
  const sneaky = ['https://example.com/tracker.png', 'file:///etc/passwd', '../../x', '/etc/passwd', 'http://127.0.0.1:9/x.png'];
  const long = UNICODE_RUN.repeat(12);
  const deck = {
    format: 'briefing-deck',
    version: 1,
    meta: { title: `file:///etc/passwd ${UNICODE_RUN.slice(0, 40)}`, subtitle: 'https://example.com/logo.png', author: '../../x', asOf: '中国 2025' },
    sources: [
      { id: 'web', title: 'https://example.com/a.png', url: 'https://example.com/a.png', publisher: 'file:///etc/passwd' },
      { id: 'file', title: 'A local file', url: 'file:///etc/passwd', note: '../../x' },
      { id: 'js', title: 'Script link', url: 'javascript:alert(1)' },
    ],
    slides: [
      {
        id: 'paths',
        layout: 'bullets',
        title: 'file:///etc/passwd',
        subtitle: '../../x',
        bullets: [...sneaky, long.slice(0, 1900)],
        notes: `- ${sneaky.join('\n- ')}\n${long}`,
        handout: long,
        sources: ['web', 'file', 'js'],
        picture: 'file:///etc/passwd',
        background: 'https://example.com/bg.png',
      },
      {
        id: 'chart',
        layout: 'chart',
        title: `${UNICODE_RUN.slice(0, 60)}`,
        chart: {
          type: 'bar',
          labels: ['file:///etc/passwd', 'https://example.com/x.png', '../../x', 'Қазақстан', '中国'],
          series: [{ name: '<image href="file:///etc/passwd"/>', values: [1, 2, 3, 4, 5] }],
          unit: '中国',
          caption: long.slice(0, 300),
          image: '/etc/passwd',
        },
        image: { src: 'file:///etc/passwd' },
        sources: ['file'],
      },
      { id: 'quote', layout: 'quote', title: 'Quote', quote: { text: long, attribution: 'https://example.com' } },
      {
        id: 'stats',
        layout: 'stats',
        title: 'Stats',
        stats: [
          { value: 1e15, unit: 'USD bn', label: long.slice(0, 400), derived: 'file:///etc/passwd' },
          { value: -3.14159, unit: '中国', label: '../../x', decimals: 3 },
        ],
      },
      {
        id: 'cols',
        layout: 'two-column',
        title: 'Columns',
        columns: [
          { heading: 'file:///etc/passwd', bullets: [long.slice(0, 1900)] },
          { heading: '中国', bullets: sneaky },
        ],
      },
      { id: 'section', layout: 'section', title: long.slice(0, 200), subtitle: 'https://example.com' },
      { id: 'sources', layout: 'sources', title: 'Sources' },
    ],
  };
  const result = parseDeckText(JSON.stringify(deck));
  if (!result.ok) throw new Error(`hostile deck must still be a valid deck: ${JSON.stringify(result.problems)}`);
  return result.deck;
}
