/** `briefing check DECK…`: validates deck files; exit 0 when all are valid, 1 otherwise. */
import { readFile, stat } from 'node:fs/promises';
import { LIMITS } from '../../src-shared/deck-schema';
import { formatProblems, parseDeckText, type DeckResult } from '../../src-shared/deck-validate';

/** Reads a deck file with the size limit checked before reading. */
export async function readDeckFile(file: string): Promise<DeckResult> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) return { ok: false, problems: [{ path: '', message: 'not a file' }] };
    size = info.size;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, problems: [{ path: '', message: code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? err})` }] };
  }
  if (size > LIMITS.maxBytes) {
    return { ok: false, problems: [{ path: '', message: `the file is larger than ${LIMITS.maxBytes / 1024 / 1024} MB, the most a deck may be` }] };
  }
  return parseDeckText(await readFile(file, 'utf8'));
}

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
