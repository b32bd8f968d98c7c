/**
 * Assembles the pdfmake document: cover, the layout's slide pages, the annex,
 * the footer ("deck title … N / M"), and the document's metadata.
 */
import type { Deck } from '../../../src-shared/deck-schema';
import type { ResolvedPdfOptions } from '../../../src-shared/export-rules';
import { annex } from './annex';
import { coverPage } from './cover';
import { mainFont } from './fonts';
import { contentHeight, pageSetup, slidePages } from './layouts';
import type { Content, DocDefinition } from './pdf-types';
import type { SlidePlan } from './slide-frame';
import type { TextMeasurer } from './text-measure';
import { COLORS, currentPdfTheme, fitLogo, LOGO_IMAGE } from './theme';
import { cleanText, textRuns } from './text-runs';

export interface BuildInput {
  /** The slides to draw (see slide-selection.ts). */
  deck: Deck;
  /** Each drawn slide's number in the whole deck, and the whole deck's count (default: the slides as given). */
  numbers?: readonly number[];
  deckCount?: number;
  options: ResolvedPdfOptions;
  plans: readonly SlidePlan[];
  measurer: TextMeasurer;
  images: Record<string, string>;
  /** Called with the page count pdfmake reports while drawing footers. */
  onPageCount?: (pages: number) => void;
  now?: Date;
}

/** Keywords for the PDF's metadata: what a search for the handout would use — its sections and its sources. */
function keywords(deck: Deck): string {
  const sections = deck.slides.filter((s) => s.layout === 'section').map((s) => s.title);
  const sources = (deck.sources ?? []).map((s) => s.publisher ?? s.title);
  const words = ['briefing', 'handout', ...(deck.meta.asOf ? [deck.meta.asOf] : []), ...sections, ...sources].slice(0, 40);
  return [...new Set(words)].join(', ');
}

/** Builds the complete pdfmake document definition. */
export function buildDocument(input: BuildInput): DocDefinition {
  const { deck, options } = input;
  const numbers = input.numbers ?? deck.slides.map((_, i) => i + 1);
  const deckCount = input.deckCount ?? deck.slides.length;
  const setup = pageSetup(options);
  const [left, , right] = setup.margins;
  const title = textRuns(deck.meta.title);
  // pdfmake draws footers after this function returns: take the theme's colours and logo now.
  const faint = COLORS.faint;
  const muted = COLORS.muted;
  const logo = currentPdfTheme().logo;
  const logoBox = logo ? fitLogo(logo, 60, 14) : undefined;
  const footer = (page: number, pages: number): Content | null => {
    input.onPageCount?.(pages);
    if (!setup.footer || (page === 1 && options.cover)) return null;
    return {
      columns: [
        ...(logoBox ? [{ image: LOGO_IMAGE, width: logoBox.width, height: logoBox.height, margin: [0, -3, 0, 0] } satisfies Content] : []),
        { text: title, width: '*', maxHeight: 12, fontSize: 8, color: faint },
        { text: `${page} / ${pages}`, width: 60, alignment: 'right', fontSize: 8, color: muted },
      ],
      columnGap: 8,
      margin: [left, 14, right, 0],
    };
  };
  const now = input.now ?? new Date();
  const content: Content[] = [
    ...(options.cover ? [coverPage(deck, options, contentHeight(setup), now, deckCount)] : []),
    ...slidePages({ deck, numbers, deckCount, plans: input.plans, measurer: input.measurer, options, setup }),
    ...(options.annex ? annex(deck, numbers, (i) => input.plans[i]?.tableRows !== undefined) : []),
  ];
  const meta = deck.meta;
  return {
    pageSize: setup.size,
    pageOrientation: setup.orientation,
    pageMargins: setup.margins,
    info: {
      title: cleanText(meta.title),
      author: meta.author ? cleanText(meta.author) : undefined,
      subject: cleanText(meta.subtitle ?? `Briefing handout${meta.asOf ? `, as of ${meta.asOf}` : ''}`),
      keywords: cleanText(keywords(deck)),
      creator: 'Briefing Desk',
      producer: 'Briefing Desk (pdfmake)',
      creationDate: now,
    },
    content,
    images: input.images,
    defaultStyle: { font: mainFont().pdf, fontSize: 10, color: COLORS.ink },
    footer,
    language: 'en',
    compress: true,
  };
}
