/** `briefing check DECK…`: validates deck files; exit 0 when all are valid, 1 otherwise. */
import { formatProblems } from '../../src-shared/deck-validate';
import { readDeckFile } from '../core/deck-file';

export const CHECK_USAGE = 'usage: briefing check DECK [DECK…]';

export async function runCheckCommand(argv: string[], out = console.log, err = console.error): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    out(`${CHECK_USAGE}\nValidates deck files against deck format v1. Prints one line per problem with its JSON path.`);
    return 0;
  }
  const files = argv.filter((a) => !a.startsWith('-'));
  const unknown = argv.find((a) => a.startsWith('-'));
  if (unknown) {
    err(`briefing check: unknown option ${unknown}\n${CHECK_USAGE}`);
    return 2;
  }
  if (files.length === 0) {
    err(CHECK_USAGE);
    return 2;
  }
  let failed = false;
  for (const file of files) {
    const result = await readDeckFile(file);
    if (result.ok) {
      out(`${file}: valid (${result.deck.slides.length} slides)`);
    } else {
      failed = true;
      for (const line of formatProblems(result.problems)) err(`${file}: ${line}`);
    }
  }
  return failed ? 1 : 0;
}
