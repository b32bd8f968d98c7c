/**
 * Finding the deck a launch was asked to open: `briefing-desk talk.briefing.json`,
 * a double-clicked file (Linux and Windows pass it on the command line), or the
 * arguments a second instance forwards. Plain data, so it is tested without Electron.
 */
import path from 'node:path';

/**
 * The deck path in `argv`, resolved against `cwd`, or undefined. `argv[0]` is the
 * executable; flags (`--inspect`, `--no-sandbox`, …) are skipped, and of the remaining
 * arguments the last one naming a `.json` file wins (in development `argv[1]` is the
 * app's own script, which is never a `.json`).
 */
export function deckPathFromArgv(argv: readonly string[], cwd: string): string | undefined {
  const candidates = argv.slice(1).filter((arg) => typeof arg === 'string' && !arg.startsWith('-') && /\.json$/i.test(arg) && !arg.includes('\0'));
  const last = candidates.at(-1);
  return last ? path.resolve(cwd, last) : undefined;
}
