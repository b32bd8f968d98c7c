/**
 * The PowerPoint side of `briefing export`: the format follows the output's
 * extension, and options that only shape a PDF are refused with one line rather
 * than silently ignored.
 */
import type { ExportFormat } from '../../src-shared/api';
import type { ParsedArgs } from './args';

/** Options of `briefing export` that only a PDF has (those not given in this build are simply absent). */
export const PDF_ONLY_OPTIONS = ['--layout', '--notes', '--no-annex', '--per-page', '--paper', '--slides', '--skip-sections', '--no-cover'] as const;

/** `pptx` for an output ending in .pptx, else `pdf`. */
export function formatOf(outPath: string): ExportFormat {
  return /\.pptx$/i.test(outPath) ? 'pptx' : 'pdf';
}

/** The one-line reason to refuse PDF-only options given for a .pptx, or null when there are none. */
export function pdfOnlyProblem(args: ParsedArgs): string | null {
  const given = PDF_ONLY_OPTIONS.filter((name) => args.flags.has(name) || args.values[name] !== undefined);
  if (!given.length) return null;
  return `${given.join(', ')} ${given.length === 1 ? 'applies' : 'apply'} only to a PDF; a PowerPoint file keeps every slide as a slide with its talking points in the speaker notes (only --include-hidden applies)`;
}

/** Writes the deck as PowerPoint; resolves to the bytes and a summary for the one output line. */
export async function makePptx(deck: Parameters<typeof import('../core/pptx/export-pptx').exportPptx>[0], includeHidden: boolean): Promise<{ buffer: Buffer; summary: string }> {
  const { exportPptx } = await import('../core/pptx/export-pptx');
  const { buffer, slides } = await exportPptx(deck, includeHidden ? { includeHidden: true } : {});
  return { buffer, summary: `${slides} slides` };
}
