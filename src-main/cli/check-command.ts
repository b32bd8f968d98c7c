/**
 * `briefing check DECK… [--strict]`: every problem of every deck in one pass, one
 * line each, naming the slide (`slide 5 'Title' (id s5)`) and the JSON path.
 * Exit 0 when all are valid (warnings allowed), 1 on any error — or, with
 * --strict, any warning — and 2 for a usage mistake.
 */
import { checkDeckText, describeWhere, formatCheckProblem, type DeckCheck } from '../../src-shared/deck-check';
import { parseDeckText } from '../../src-shared/deck-validate';
import { readDeckFileText } from '../core/deck-file';
import { checkImageFiles } from '../core/image-files';

/** Reads and checks a deck file: errors and warnings, never throws. */
export async function checkDeckFile(file: string): Promise<DeckCheck & { slides?: number }> {
  const read = await readDeckFileText(file);
  if (!read.ok) return { errors: read.problems, warnings: [] };
  const checked = checkDeckText(read.text);
  // A file refused as a whole (too deep, not JSON) is not parsed again; a deck without images has no files to check.
  const whole = checked.errors.some((p) => p.path === '' && !/images come to/.test(p.message));
  const files = whole || !read.text.includes('"image"') ? [] : await imageFileProblems(read.text, file);
  const result = { ...checked, errors: [...checked.errors, ...files] };
  if (result.errors.length) return result;
  const parsed = parseDeckText(read.text);
  return { ...result, slides: parsed.ok ? parsed.deck.slides.length : undefined };
}

/** Images named by path: missing, outside the deck's folder (symlinks too), not an image, too large. */
async function imageFileProblems(text: string, file: string): Promise<DeckCheck['errors']> {
  let deck: unknown;
  try {
    deck = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return [];
  }
  const problems = await checkImageFiles(deck, file);
  return problems.map((p) => {
    const where = describeWhere(deck, p.path);
    return where ? { ...p, where } : p;
  });
}

export const CHECK_USAGE = 'usage: briefing check DECK [DECK…] [--strict]';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Runs `briefing check`; resolves to the exit code. */
export async function runCheckCommand(argv: string[], out = console.log, err = console.error): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    out(
      `${CHECK_USAGE}\nValidates deck files against deck format v1. Prints every problem in one pass, one line each, with the slide and its JSON path.\n` +
        '  warnings (unknown fields, data slides with no source) do not fail the check\n  --strict   fail on warnings too',
    );
    return 0;
  }
  const strict = argv.includes('--strict');
  const files = argv.filter((a) => !a.startsWith('-'));
  const unknown = argv.find((a) => a.startsWith('-') && a !== '--strict');
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
    const result = await checkDeckFile(file);
    for (const problem of result.errors) err(`${file}: ${formatCheckProblem(problem)}`);
    for (const problem of result.warnings) err(`${file}: ${strict ? 'error (--strict)' : 'warning'}: ${formatCheckProblem(problem)}`);
    // One line per problem and nothing else on stderr: scripts count and grep them.
    if (result.errors.length > 0 || (strict && result.warnings.length > 0)) failed = true;
    else {
      const warned = result.warnings.length ? `, ${plural(result.warnings.length, 'warning')}` : '';
      out(`${file}: valid (${plural(result.slides ?? 0, 'slide')}${warned})`);
    }
  }
  return failed ? 1 : 0;
}
