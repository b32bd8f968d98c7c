/**
 * Which slides a PDF shows: the range asked for (numbered as in the deck), then
 * without hidden slides (unless asked for) and without section dividers (when asked).
 * Light on purpose: the command line checks a selection before loading pdfmake.
 */
import type { Deck, Slide } from '../../../src-shared/deck-schema';
import type { ResolvedPdfOptions } from '../../../src-shared/export-rules';
import { parseSlideRange } from '../../../src-shared/slide-range';

export class SelectionError extends Error {
  override name = 'SelectionError';
}

export interface SlideSelection {
  slides: Slide[];
  /** Each chosen slide's 1-based number in the whole deck. */
  numbers: number[];
}

/** The slides to draw and their deck numbers; throws a SelectionError with a one-line reason when none are left. */
export function selectSlides(deck: Deck, options: Pick<ResolvedPdfOptions, 'slides' | 'includeHidden' | 'skipSections'>): SlideSelection {
  let wanted: Set<number> | null = null;
  if (options.slides !== undefined) {
    const range = parseSlideRange(options.slides, deck.slides.length);
    if (!range.ok) throw new SelectionError(range.error);
    wanted = new Set(range.numbers);
  }
  const slides: Slide[] = [];
  const numbers: number[] = [];
  deck.slides.forEach((slide, i) => {
    if (wanted && !wanted.has(i + 1)) return;
    // Hidden slides are skipped when presenting, so a handout leaves them out too unless asked.
    if (slide.hidden && !options.includeHidden) return;
    if (slide.layout === 'section' && options.skipSections) return;
    slides.push(slide);
    numbers.push(i + 1);
  });
  // Only a choice made for this export can leave nothing; a deck whose every slide is hidden
  // still gets its cover and annex, as before these options existed.
  if (!slides.length && (options.slides !== undefined || options.skipSections)) {
    const why = [
      options.slides !== undefined ? `slides ${options.slides.trim()}` : 'the deck',
      !options.includeHidden ? 'without hidden slides' : '',
      options.skipSections ? 'without section slides' : '',
    ]
      .filter(Boolean)
      .join(' ');
    throw new SelectionError(`no slides to export: ${why} leaves none`);
  }
  return { slides, numbers };
}
