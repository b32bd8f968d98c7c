/**
 * Which PDF export options apply to which layout, in one table: the command line
 * refuses an option that does not apply with the reason below, the Export dialog
 * disables its control and shows the same reason, and main drops it. Also the
 * defaults each layout takes. Pure TypeScript.
 */
import type { ExportOptions, PdfLayout, PdfNotes, PdfPaper, PdfPerPage } from './api';

/** Options that only some layouts take. Annex, hidden slides, range and sections apply to all. */
export type RuledOption = 'perPage' | 'notes' | 'paper' | 'noCover';

/** Slides per page that a layout offers; the first is its default. */
export const PER_PAGE_CHOICES: Record<PdfLayout, readonly PdfPerPage[]> = {
  slides: [1],
  // Two a page by default: one slide with short notes left most of an A4 page blank.
  handout: [2, 1, 3, 4, 6],
  'three-up': [3],
  notes: [1],
};

/** The command-line spelling of each ruled option, for messages. */
export const OPTION_FLAGS: Record<RuledOption, string> = { perPage: '--per-page', notes: '--notes', paper: '--paper', noCover: '--no-cover' };

interface RuleInput {
  layout: PdfLayout;
  perPage?: PdfPerPage;
}

/** The layout's slides per page, given what was asked (an unoffered count falls back to the default). */
export function effectivePerPage(layout: PdfLayout, perPage?: PdfPerPage): PdfPerPage {
  const choices = PER_PAGE_CHOICES[layout];
  return perPage !== undefined && choices.includes(perPage) ? perPage : choices[0];
}

/** Whether 4 or 6 a page: a grid of numbered slides without notes. */
export const isGrid = (perPage: PdfPerPage): boolean => perPage === 4 || perPage === 6;

/** Why `option` does not apply to this layout (one line, no full stop), or null when it does. */
export function whyNotApplicable(option: RuledOption, input: RuleInput): string | null {
  const { layout } = input;
  switch (option) {
    case 'perPage':
      if (layout === 'slides') return 'the slides layout puts one slide on each page, sized to the slide';
      if (layout === 'three-up') return 'the three-up layout always has three slides a page (choose the handout layout for other counts)';
      if (layout === 'notes') return 'the speaker-notes layout has one slide and its notes on each page';
      return null;
    case 'notes':
      if (layout === 'slides') return 'the slides layout shows no notes';
      if (layout === 'handout' && isGrid(effectivePerPage(layout, input.perPage)))
        return `${effectivePerPage(layout, input.perPage)} slides a page is a grid of slides without notes`;
      return null;
    case 'paper':
      return layout === 'slides' ? 'the slides layout has pages sized to the slide (16:9), not to paper' : null;
    case 'noCover':
      return layout === 'slides' ? 'the slides layout has no cover' : null;
  }
}

/** The notes kind a layout starts with: the speaker-notes layout is for the presenter. */
export function defaultNotes(layout: PdfLayout): PdfNotes {
  if (layout === 'notes') return 'talking-points';
  if (layout === 'slides') return 'none';
  return 'handout';
}

/**
 * The first option given that does not apply, as a one-line refusal for the command
 * line ("--notes does not apply to the slides layout: it shows no notes"), or null.
 */
export function refusedOption(given: Partial<Record<RuledOption, boolean>>, input: RuleInput): string | null {
  for (const option of Object.keys(OPTION_FLAGS) as RuledOption[]) {
    if (!given[option]) continue;
    const why = whyNotApplicable(option, input);
    if (why) return `${OPTION_FLAGS[option]} does not apply here: ${why}`;
  }
  return null;
}

/** Export options with every layout rule applied: what the PDF code draws. */
export interface ResolvedPdfOptions {
  layout: PdfLayout;
  notes: PdfNotes;
  annex: boolean;
  includeHidden: boolean;
  perPage: PdfPerPage;
  paper: PdfPaper;
  slides?: string;
  skipSections: boolean;
  cover: boolean;
}

/** Applies the table: options that do not apply are dropped, absent ones take the layout's default. */
export function resolvePdfOptions(options: ExportOptions): ResolvedPdfOptions {
  const { layout } = options;
  const perPage = effectivePerPage(layout, options.perPage);
  const input = { layout, perPage };
  return {
    layout,
    notes: whyNotApplicable('notes', input) ? 'none' : options.notes,
    annex: options.annex !== false,
    includeHidden: options.includeHidden === true,
    perPage,
    paper: whyNotApplicable('paper', input) || !options.paper ? 'a4' : options.paper,
    ...(options.slides !== undefined && options.slides.trim() !== '' ? { slides: options.slides } : {}),
    skipSections: options.skipSections === true,
    cover: layout !== 'slides' && options.noCover !== true,
  };
}

/** Regions where US Letter is the usual paper (the rest of the world uses A4). */
const LETTER_REGIONS = new Set(['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'VE', 'PR', 'GT', 'CR', 'PA', 'DO', 'SV', 'NI', 'HN', 'BZ', 'BO']);

/** The paper a locale such as navigator.language ("en-US", "es-MX", "de-DE") expects. */
export function paperForLocale(locale: string | undefined): PdfPaper {
  const region = /^[a-z]{2,3}(?:-[A-Za-z]{4})?-([A-Za-z]{2}|\d{3})\b/i.exec(locale ?? '')?.[1]?.toUpperCase();
  return region && LETTER_REGIONS.has(region) ? 'letter' : 'a4';
}
