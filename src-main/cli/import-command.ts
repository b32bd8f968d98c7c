/**
 * `briefing import OUTLINE.md [-o DECK.briefing.json]`: a Markdown outline → a deck.
 * Prints what it could not map as `OUTLINE.md:LINE: warning: …` on stderr (the
 * form editors jump to), one summary line on stdout. Never overwrites. Exit 0 with
 * or without warnings, 1 when nothing could be imported or written, 2 for usage.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_MARKDOWN_BYTES, markdownToDeck } from '../core/markdown-import';
import { exists } from '../core/atomic-file';
import { FileExistsError, writeNewFileAtomic } from '../core/new-file';
import { parseArgs, UsageError } from './args';
import { describeWriteError } from './new-command';

export const IMPORT_USAGE = `usage: briefing import OUTLINE.md [-o OUT.briefing.json]

  -o, --output FILE   the deck to write (default: OUTLINE.briefing.json beside the outline)
Never overwrites an existing file. The outline format is in docs/deck-format.md.`;

const SPEC = { values: ['-o', '--output'], flags: ['--help', '-h'] } as const;

/** Runs `briefing import`; resolves to the exit code. */
export async function runImportCommand(argv: string[], out = console.log, err = console.error): Promise<number> {
  const args = parseArgs(argv, SPEC);
  if (args.flags.has('--help') || args.flags.has('-h')) {
    out(IMPORT_USAGE);
    return 0;
  }
  if (args.positionals.length !== 1) throw new UsageError(args.positionals.length ? 'import takes one outline' : 'import needs a Markdown outline, e.g. briefing import outline.md -o deck.briefing.json');
  const input = args.positionals[0];
  const target = args.values['-o'] ?? args.values['--output'] ?? input.replace(/\.(md|markdown|txt)$/i, '') + '.briefing.json';
  if (!/\.json$/i.test(target)) throw new UsageError(`the output file must end in .briefing.json: ${target}`);
  if (path.resolve(target) === path.resolve(input)) throw new UsageError('the output file is the outline itself');

  // Refuse early, before any warnings; writeNewFileAtomic still refuses one created meanwhile.
  if (await exists(path.resolve(target))) {
    err(`briefing import: ${describeWriteError(new FileExistsError(target), target)}`);
    return 1;
  }
  let text: string;
  try {
    const info = await stat(input);
    if (!info.isFile()) {
      err(`briefing import: ${input} is not a file`);
      return 1;
    }
    if (info.size > MAX_MARKDOWN_BYTES) {
      err(`briefing import: ${input} is larger than ${MAX_MARKDOWN_BYTES / 1024 / 1024} MB, more than an outline may be`);
      return 1;
    }
    text = await readFile(input, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    err(`briefing import: ${code === 'ENOENT' ? `${input}: file not found` : `cannot read ${input} (${code ?? e})`}`);
    return 1;
  }

  let imported: ReturnType<typeof markdownToDeck>;
  try {
    imported = markdownToDeck(text, { fileName: path.basename(input) });
  } catch (e) {
    err(`briefing import: ${input}: ${e instanceof Error ? e.message : String(e)}; nothing was written`);
    return 1;
  }
  for (const w of imported.warnings) err(`${input}:${w.line}: warning: ${w.message}`);
  try {
    await writeNewFileAtomic(path.resolve(target), `${JSON.stringify(imported.deck, null, 2)}\n`);
  } catch (e) {
    err(`briefing import: ${describeWriteError(e, target)}`);
    return 1;
  }
  const n = imported.deck.slides.length;
  const w = imported.warnings.length;
  out(`Imported ${n} slide${n === 1 ? '' : 's'} from ${input} into ${target}${w ? ` (${w} warning${w === 1 ? '' : 's'}: see above)` : ''}.`);
  return 0;
}
