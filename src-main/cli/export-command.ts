/**
 * `briefing export DECK -o OUT.pdf [--layout …] [--notes …] [--per-page N] [--paper …]
 * [--slides RANGE] [--skip-sections] [--no-cover] [--no-annex] [--include-hidden]`:
 * writes a PDF handout; `-o OUT.pptx` writes PowerPoint instead (the format follows the
 * extension, see pptx-export.ts). Exit 0 with one line (path, pages, time); 2 for a usage
 * mistake (an option that does not apply to the layout is refused with the reason
 * from `src-shared/export-rules.ts`); 1 for a bad deck, an unwritable path or a
 * failed export. The file is written atomically, so a failure never leaves half a PDF behind.
 */
import { constants } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { PDF_LAYOUTS, PDF_NOTES, PDF_PAPERS, PDF_PER_PAGE, type ExportOptions, type PdfLayout, type PdfNotes, type PdfPaper, type PdfPerPage } from '../../src-shared/api';
import { formatProblems } from '../../src-shared/deck-validate';
import { defaultNotes, refusedOption, resolvePdfOptions } from '../../src-shared/export-rules';
import { parseSlideRange } from '../../src-shared/slide-range';
import type { ChartDrawer } from '../core/pdf/chart-image';
import { saveCodeCaches, tuneForOneExport } from '../core/pdf/code-cache';
import { selectSlides } from '../core/pdf/slide-selection';
import { parseArgs, UsageError } from './args';
import { readDeckFile } from '../core/deck-file';
import { formatOf, makePptx, pdfOnlyProblem } from './pptx-export';

export const EXPORT_USAGE = `usage: briefing export DECK [-o OUT.pdf] [--layout ${PDF_LAYOUTS.join('|')}]
                       [--notes ${PDF_NOTES.join('|')}] [--per-page ${PDF_PER_PAGE.join('|')}]
                       [--paper ${PDF_PAPERS.join('|')}] [--slides 2-5,8] [--skip-sections]
                       [--no-cover] [--no-annex] [--include-hidden]

  -o, --output FILE   where to write the PDF (default: DECK-LAYOUT.pdf in the current folder);
                      a name ending in .pptx writes PowerPoint (native charts, talking
                      points in the speaker notes; only --include-hidden applies)
  --layout NAME       slides    one slide per page, sized to the slide (16:9), no cover
                      handout   slides with their notes (default)
                      three-up  three slides per page with lines for notes
                      notes     presenter's script: small slide, full notes
  --notes KIND        handout         the audience-safe summary (default)
                      talking-points  the presenter's private talking points
                                      (the default of the notes layout)
                      none            no notes
  --per-page N        handout only: 1 (notes beneath), 2 (default, notes below),
                      3 (notes beside), 4 or 6 (a grid of numbered slides, no notes)
  --paper SIZE        a4 (default) or letter; not for the slides layout
  --slides RANGE      only these slides, numbered as in the deck: 2-5,8 or 10-
  --skip-sections     leave out section divider slides
  --no-cover          leave out the cover page (the slides layout has none)
  --no-annex          leave out the sources and chart-data annex
  --include-hidden    include slides marked hidden (left out by default)`;

const SPEC = {
  values: ['-o', '--output', '--layout', '--notes', '--per-page', '--paper', '--slides'],
  flags: ['--no-annex', '--include-hidden', '--skip-sections', '--no-cover', '--help', '-h'],
} as const;

/** A refusal that is not a typo: one line, no usage text after it. */
class OptionRefused extends Error {
  override name = 'OptionRefused';
}

/** The PDF options from the command line, checked against the layout rules. */
function optionsFromArgs(values: Record<string, string>, flags: ReadonlySet<string>): ExportOptions {
  const layout = pick<PdfLayout>(values['--layout'], PDF_LAYOUTS, 'handout', 'layout');
  const notes = pick<PdfNotes>(values['--notes'], PDF_NOTES, defaultNotes(layout), 'notes kind');
  const perPageText = values['--per-page'];
  let perPage: PdfPerPage | undefined;
  if (perPageText !== undefined) {
    perPage = PDF_PER_PAGE.find((n) => String(n) === perPageText);
    if (perPage === undefined) throw new UsageError(`unknown --per-page "${perPageText}" (expected one of: ${PDF_PER_PAGE.join(', ')})`);
  }
  const paper = values['--paper'] === undefined ? undefined : pick<PdfPaper>(values['--paper'], PDF_PAPERS, 'a4', 'paper');
  const slides = values['--slides'];
  if (slides !== undefined) {
    const syntax = parseSlideRange(slides, Infinity);
    if (!syntax.ok) throw new OptionRefused(`--slides: ${syntax.error}`);
  }
  const refused = refusedOption(
    { perPage: perPage !== undefined, notes: values['--notes'] !== undefined && values['--notes'] !== 'none', paper: paper !== undefined, noCover: flags.has('--no-cover') },
    { layout, perPage },
  );
  if (refused) throw new OptionRefused(refused);
  return {
    layout,
    notes,
    annex: !flags.has('--no-annex'),
    ...(flags.has('--include-hidden') ? { includeHidden: true } : {}),
    ...(perPage !== undefined ? { perPage } : {}),
    ...(paper !== undefined ? { paper } : {}),
    ...(slides !== undefined ? { slides } : {}),
    ...(flags.has('--skip-sections') ? { skipSections: true } : {}),
    ...(flags.has('--no-cover') ? { noCover: true } : {}),
  };
}

function pick<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, name: string): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`unknown ${name} "${value}" (expected one of: ${allowed.join(', ')})`);
}

/** Checks the output path before any work: a .pdf file in an existing folder we may write. */
async function checkOutput(out: string, deckPath: string): Promise<string | null> {
  if (!/\.(pdf|pptx)$/i.test(out)) return `the output file must end in .pdf or .pptx: ${out}`;
  if (await sameFile(out, deckPath)) {
    return `refusing to write ${out}: it is the deck itself${path.resolve(out) === path.resolve(deckPath) ? '' : ' (through a link)'}, and the PDF would replace it`;
  }
  const dir = path.dirname(out);
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) return `cannot write ${out}: ${dir} is not a folder`;
    await access(dir, constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `cannot write ${out}: the folder ${dir} does not exist` : `cannot write ${out}: the folder ${dir} is not writable (${code})`;
  }
  try {
    const existing = await stat(out);
    if (existing.isDirectory()) return `cannot write ${out}: it is a folder`;
  } catch {
    // Not there yet: good.
  }
  return null;
}

/**
 * Whether two paths are one file: the same path, a symlink to it (realpath), or a hard
 * link (device and inode). A missing output is never the same file.
 */
async function sameFile(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const [ra, rb] = await Promise.all([realpath(a), realpath(b)]);
    if (ra === rb) return true;
    const [sa, sb] = await Promise.all([stat(ra), stat(rb)]);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Runs `briefing export` with the arguments after `export`; resolves to the exit code. */
export async function runExportCommand(argv: string[], out = console.log, err = console.error): Promise<number> {
  const started = performance.now();
  tuneForOneExport();
  let options: ExportOptions;
  let deckPath: string;
  let outPath: string;
  try {
    const args = parseArgs(argv, SPEC);
    if (args.flags.has('--help') || args.flags.has('-h')) {
      out(EXPORT_USAGE);
      return 0;
    }
    if (args.positionals.length !== 1) throw new UsageError(args.positionals.length ? 'export takes exactly one deck' : 'which deck? (briefing export DECK -o OUT.pdf)');
    if (args.values['-o'] !== undefined && args.values['--output'] !== undefined) throw new UsageError('give -o or --output, not both');
    options = optionsFromArgs(args.values, args.flags);
    const { layout } = options;
    deckPath = args.positionals[0];
    const given = args.values['-o'] ?? args.values['--output'];
    if (given === '') throw new UsageError('-o needs a file name');
    const base = path.basename(deckPath).replace(/\.briefing\.json$|\.json$/i, '');
    outPath = path.resolve(given ?? `${base}-${layout}.pdf`);
    if (formatOf(outPath) === 'pptx') {
      const problem = pdfOnlyProblem(args);
      if (problem) {
        err(`briefing export: ${problem}`);
        return 2;
      }
      options = { ...options, format: 'pptx' };
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`briefing export: ${e.message}\n\n${EXPORT_USAGE}`);
      return 2;
    }
    if (e instanceof OptionRefused) {
      err(`briefing export: ${e.message}`);
      return 2;
    }
    throw e;
  }

  // A PDF's charts are drawn in a worker thread: started now, it loads the canvas and Chart.js
  // while this thread reads and checks the deck. Every way out below closes it.
  const drawer = options.format === 'pptx' ? undefined : (await import('../core/pdf/chart-drawer')).startChartDrawer();
  try {
    return await exportDeck(deckPath, outPath, options, drawer, started, out, err);
  } finally {
    drawer?.close();
  }
}

async function exportDeck(
  deckPath: string,
  outPath: string,
  options: ExportOptions,
  drawer: ChartDrawer | undefined,
  started: number,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  const result = await readDeckFile(deckPath);
  if (!result.ok) {
    for (const line of formatProblems(result.problems)) err(`${deckPath}: ${line}`);
    return 1;
  }
  // A map's support (boundaries, geo controllers) loads in the worker while images are read.
  drawer?.prepare(result.deck.slides.some((slide) => slide.chart?.type === 'map'));
  try {
    // A range past the deck's end, or a choice that leaves no slide, is told before any work.
    selectSlides(result.deck, resolvePdfOptions(options));
  } catch (e) {
    err(`briefing export: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  const outputProblem = await checkOutput(outPath, deckPath);
  if (outputProblem) {
    err(`briefing export: ${outputProblem}`);
    return 1;
  }

  // The heavy parts (canvas, Chart.js, pdfmake) load only now, so usage errors answer at once.
  const { writeAtomic } = await import('../core/atomic-file');
  let pdf: { buffer: Buffer; pages: number; summary?: string };
  try {
    // Images named by path are read from the deck's folder only, and SVG is sanitised, before the export sees them.
    const { resolveDeckImages } = await import('../core/image-files');
    const images = await resolveDeckImages(result.deck, path.resolve(deckPath));
    for (const p of images.problems) err(`${deckPath}: ${p.path ? `${p.path}: ` : ''}${p.message} (the image is left out)`);
    if (options.format === 'pptx') {
      const pptx = await makePptx(images.deck, options.includeHidden === true);
      pdf = { buffer: pptx.buffer, pages: 0, summary: pptx.summary };
    } else {
      const deck = images.deck;
      if (drawer && !deck.slides.some((slide) => slide.chart)) drawer.close();
      pdf = await (await import('../core/pdf/export-pdf')).exportHandoutPdf(deck, options, drawer ? { chartDrawer: drawer } : {});
    }
  } catch (e) {
    err(`briefing export: the export failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  try {
    // Checked again just before writing: the deck must not have become the output meanwhile.
    if (await sameFile(outPath, deckPath)) throw new Error('the output is now the deck itself');
    // An output the user named as a link is written through it, as before (it is not the deck: checked above).
    await writeAtomic(outPath, pdf.buffer, { followSymlink: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    err(`briefing export: cannot write ${outPath}${code ? ` (${code})` : ''}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (options.format === 'pptx') {
    out(`${outPath}: ${pdf.summary ?? `${pdf.pages} pages`}, ${describeSize(pdf.buffer.length)}, PowerPoint, in ${seconds} s`);
    return 0;
  }
  const r = resolvePdfOptions(options);
  const shape = r.layout === 'slides' ? '16:9 pages' : `${r.layout === 'handout' ? `${r.perPage} per page, ` : ''}${r.paper === 'letter' ? 'Letter' : 'A4'}`;
  out(`${outPath}: ${pdf.pages} pages, ${describeSize(pdf.buffer.length)}, ${options.layout} layout (${shape}), in ${seconds} s`);
  // The first export after a build leaves pdfmake's compiled code for the next (code-cache.ts).
  saveCodeCaches();
  return 0;
}
