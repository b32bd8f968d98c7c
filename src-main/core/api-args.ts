/**
 * Small type guards for API arguments. Everything that crosses IPC or HTTP is
 * `unknown` until one of these accepts it; a refusal is a clear Error that the
 * transport returns in its `{ error }` envelope.
 */
import { EXPORT_FORMATS, PDF_LAYOUTS, PDF_NOTES, PDF_PAPERS, PDF_PER_PAGE, type ExportFormat, type ExportOptions, type Prefs } from '../../src-shared/api';
import { parseSlideRange } from '../../src-shared/slide-range';
import { LIMITS, type Deck } from '../../src-shared/deck-schema';
import { formatProblems, validateDeck } from '../../src-shared/deck-validate';

export class ArgumentError extends Error {
  override name = 'ArgumentError';
}

/** A deck id or job id as main issues them: short, URL-safe, no path characters. */
export function expectId(value: unknown, what = 'id'): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(value)) throw new ArgumentError(`invalid ${what}`);
  return value;
}

/** A file name the user chose (never a path): no separators, no control characters. */
export function expectFileName(value: unknown): string {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > 200) throw new ArgumentError('a file name needs 1 to 200 characters');
  if (/[/\\\u0000-\u001f]/.test(value) || value === '.' || value === '..') {
    throw new ArgumentError('a file name cannot contain "/", "\\" or control characters');
  }
  return value;
}

/** Deck text from a picked or dropped file; size is checked again by the parser. */
export function expectDeckText(value: unknown, maxChars: number): string {
  if (typeof value !== 'string') throw new ArgumentError('invalid deck text');
  if (value.length > maxChars) throw new ArgumentError(`the file is larger than ${Math.round(maxChars / 1024 / 1024)} MB, the most a deck may be`);
  return value;
}

/** A whole deck sent for saving or export: it must pass full validation. */
export function expectDeck(value: unknown): Deck {
  const result = validateDeck(value);
  if (!result.ok) {
    const lines = formatProblems(result.problems);
    throw new ArgumentError(`the deck is not valid: ${lines.slice(0, 3).join('; ')}${lines.length > 3 ? ` (and ${lines.length - 3} more)` : ''}`);
  }
  return result.deck;
}

export function expectSlideIndex(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100_000) throw new ArgumentError('invalid slide index');
  return value;
}

export function expectPrefs(value: unknown): Partial<Prefs> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ArgumentError('invalid preferences');
  const out: Partial<Prefs> = {};
  for (const [key, val] of Object.entries(value)) {
    if (key === 'notesFontSize') {
      if (typeof val !== 'number' || !Number.isFinite(val) || val < 10 || val > 96) throw new ArgumentError('notesFontSize must be 10–96');
      out.notesFontSize = Math.round(val);
    } else throw new ArgumentError(`unknown preference "${key.slice(0, 40)}"`);
  }
  return out;
}

const optionalFlag = (value: unknown, name: string): boolean => {
  if (value !== undefined && typeof value !== 'boolean') throw new ArgumentError(`${name} must be true or false`);
  return value === true;
};

/**
 * Export options from the renderer: every field checked, a slide range parsed for its
 * syntax (the deck's length is checked by the export), unknown fields dropped. Which
 * option applies to which layout is `export-rules.ts`'s business, applied by the export.
 */
export function expectExportOptions(value: unknown): ExportOptions {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ArgumentError('invalid export options');
  const { format, layout, notes, annex, includeHidden, perPage, paper, slides, skipSections, noCover } = value as Record<string, unknown>;
  if (format !== undefined && !EXPORT_FORMATS.includes(format as never)) throw new ArgumentError(`format must be one of ${EXPORT_FORMATS.join(', ')}`);
  if (!PDF_LAYOUTS.includes(layout as never)) throw new ArgumentError(`layout must be one of ${PDF_LAYOUTS.join(', ')}`);
  if (!PDF_NOTES.includes(notes as never)) throw new ArgumentError(`notes must be one of ${PDF_NOTES.join(', ')}`);
  if (annex !== undefined && typeof annex !== 'boolean') throw new ArgumentError('annex must be true or false');
  if (perPage !== undefined && !PDF_PER_PAGE.includes(perPage as never)) throw new ArgumentError(`perPage must be one of ${PDF_PER_PAGE.join(', ')}`);
  if (paper !== undefined && !PDF_PAPERS.includes(paper as never)) throw new ArgumentError(`paper must be one of ${PDF_PAPERS.join(', ')}`);
  let range: string | undefined;
  if (slides !== undefined) {
    if (typeof slides !== 'string') throw new ArgumentError('slides must be a range such as 2-5,8');
    if (slides.trim() !== '') {
      const parsed = parseSlideRange(slides, Infinity);
      if (!parsed.ok) throw new ArgumentError(`slides: ${parsed.error}`);
      range = slides.trim();
    }
  }
  return {
    ...(format !== undefined ? { format: format as ExportOptions['format'] } : {}),
    layout: layout as ExportOptions['layout'],
    notes: notes as ExportOptions['notes'],
    annex: annex !== false,
    ...(optionalFlag(includeHidden, 'includeHidden') ? { includeHidden: true } : {}),
    ...(perPage !== undefined ? { perPage: perPage as ExportOptions['perPage'] } : {}),
    ...(paper !== undefined ? { paper: paper as ExportOptions['paper'] } : {}),
    ...(range !== undefined ? { slides: range } : {}),
    ...(optionalFlag(skipSections, 'skipSections') ? { skipSections: true } : {}),
    ...(optionalFlag(noCover, 'noCover') ? { noCover: true } : {}),
  };
}

export function expectOneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  if (!allowed.includes(value as T)) throw new ArgumentError(`${what} must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** A deck revision as the store issues them (hex content hash), or null for "no file". */
export function expectRevision(value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== 'string' || !/^[0-9a-f]{8,64}$/.test(value)) throw new ArgumentError('invalid revision: open the deck again');
  return value;
}

/** A deck image's `src` as the deck holds it (a data URL or a relative path); where it may point is checked by image-files. */
export function expectImageSrc(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > LIMITS.maxImageSrc) {
    throw new ArgumentError(`an image is a data URL or a path of at most ${LIMITS.maxImageBytes / 1024 / 1024} MB`);
  }
  return value;
}

/** The `format` of export options: absent means PDF; anything else must be a known format. */
export function expectExportFormat(options: unknown): ExportFormat {
  const format = options !== null && typeof options === 'object' && !Array.isArray(options) ? (options as Record<string, unknown>).format : undefined;
  if (format === undefined) return 'pdf';
  return expectOneOf(format, EXPORT_FORMATS, 'format');
}
