/**
 * `briefing new OUT.briefing.json [--template NAME] [--title TEXT] [--author TEXT]`:
 * starts a deck from a template. Never overwrites (exit 1 and says so), writes
 * atomically, prints one line. Exit 2 for a usage mistake.
 */
import path from 'node:path';
import { formatProblems, validateDeck } from '../../src-shared/deck-validate';
import { createDeckFromTemplate, DECK_TEMPLATES, isDeckTemplateId, localDateString } from '../../src-shared/templates';
import { FileExistsError, writeNewFileAtomic } from '../core/new-file';
import { parseArgs, UsageError } from './args';

export const NEW_USAGE = `usage: briefing new OUT.briefing.json [--template ${DECK_TEMPLATES.map((t) => t.id).join('|')}] [--title TEXT] [--author TEXT]

  --template NAME   ${DECK_TEMPLATES.map((t) => `${t.id.padEnd(12)}${t.description}`).join('\n                    ')}
                    (default: blank)
  --title TEXT      the deck's title (also on its title slide)
  --author TEXT     who prepared it
Never overwrites an existing file.`;

const SPEC = { values: ['--template', '-t', '--title', '--author'], flags: ['--help', '-h'] } as const;

/** Runs `briefing new`; resolves to the exit code. */
export async function runNewCommand(argv: string[], out = console.log, err = console.error): Promise<number> {
  const args = parseArgs(argv, SPEC);
  if (args.flags.has('--help') || args.flags.has('-h')) {
    out(NEW_USAGE);
    return 0;
  }
  if (args.positionals.length !== 1) throw new UsageError(args.positionals.length ? 'new takes one output file' : 'new needs an output file, e.g. briefing new my-briefing.briefing.json');
  const target = args.positionals[0];
  if (!/\.json$/i.test(target)) throw new UsageError(`the output file must end in .briefing.json: ${target}`);
  const templateId = args.values['--template'] ?? args.values['-t'] ?? 'blank';
  if (!isDeckTemplateId(templateId)) {
    throw new UsageError(`unknown template "${templateId}" (expected one of: ${DECK_TEMPLATES.map((t) => t.id).join(', ')})`);
  }
  const template = DECK_TEMPLATES.find((t) => t.id === templateId)!;
  const deck = createDeckFromTemplate(templateId, { title: args.values['--title'], author: args.values['--author'], date: localDateString() });
  const check = validateDeck(deck);
  if (!check.ok) {
    // A template that fails validation is a bug here, not the user's mistake; never write it.
    err(`briefing new: the "${template.name}" template did not pass validation: ${formatProblems(check.problems).join('; ')}`);
    return 1;
  }
  try {
    await writeNewFileAtomic(path.resolve(target), `${JSON.stringify(deck, null, 2)}\n`);
  } catch (e) {
    err(`briefing new: ${describeWriteError(e, target)}`);
    return 1;
  }
  out(`Created ${target} from the "${template.name}" template: ${deck.slides.length} slide${deck.slides.length === 1 ? '' : 's'}, "${deck.meta.title}".`);
  return 0;
}

/** Turns a write error into what a person can do about it. */
export function describeWriteError(e: unknown, target: string): string {
  if (e instanceof FileExistsError) return `${target} already exists; it was left untouched (choose another name, or delete it first)`;
  const code = (e as NodeJS.ErrnoException).code;
  const dir = path.dirname(target);
  if (code === 'ENOENT') return `cannot write ${target}: the folder ${dir} does not exist`;
  if (code === 'ENOTDIR') return `cannot write ${target}: ${dir} is not a folder`;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return `cannot write ${target}: the folder ${dir} is not writable (${code})`;
  if (code === 'ENOSPC') return `cannot write ${target}: the disk is full`;
  if (code === 'EISDIR') return `cannot write ${target}: it is a folder`;
  return `cannot write ${target}: ${e instanceof Error ? e.message : String(e)}`;
}
