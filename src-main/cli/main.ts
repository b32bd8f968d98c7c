/**
 * The `briefing` command line: `start` (the app), `serve` (browser mode),
 * `new` (a deck from a template), `import` (a deck from a Markdown outline),
 * `check` (validate decks) and `export` (PDF handouts). A bare `briefing` prints
 * the help: starting a server is never a surprise.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { appRoot, appVersion, defaultDataDir } from '../core/paths';
import { parseArgs, UsageError } from './args';
import { runCheckCommand } from './check-command';
import { runNewCommand } from './new-command';
import { findElectronRuntime, hasDisplay } from './electron-runtime';

const USAGE = `Briefing Desk — present research briefings offline.

usage:
  briefing start [DECK]                 open the app (Electron, or browser mode where its runtime is missing)
  briefing serve [DECK] [--port N] [--data-dir DIR] [--open]
                                        browser mode on 127.0.0.1; --open opens a Chromium/Chrome window
  briefing new OUT.briefing.json [--template blank|situation|data-update] [--title TEXT]
                                        start a deck from a template (never overwrites)
  briefing import OUTLINE.md [-o OUT.briefing.json]
                                        make a deck from a Markdown outline (never overwrites)
  briefing check DECK [DECK…] [--strict]
                                        validate deck files: every problem, one per line (exit 1);
                                        --strict fails on warnings too
  briefing export DECK -o OUT.pdf [--layout slides|handout|three-up|notes]
                                        [--notes talking-points|handout|none]
  briefing --version | --help`;

const SERVE_SPEC = { values: ['--port', '--data-dir'], flags: ['--open', '--help', '-h'] } as const;

async function serve(argv: string[], openByDefault: boolean): Promise<number> {
  const args = parseArgs(argv, SERVE_SPEC);
  if (args.flags.has('--help') || args.flags.has('-h')) {
    console.log(USAGE);
    return 0;
  }
  if (args.positionals.length > 1) throw new UsageError('serve takes at most one deck');
  const portText = args.values['--port'] ?? '0';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${portText}"`);
  const dataDir = path.resolve(args.values['--data-dir'] ?? defaultDataDir());
  const deckPath = args.positionals[0] ? path.resolve(args.positionals[0]) : undefined;
  const { serveUntilStopped } = await import('../host/browser-mode');
  await serveUntilStopped({ deckPath, port, dataDir, open: openByDefault || args.flags.has('--open') });
  return 0;
}

async function start(argv: string[]): Promise<number> {
  const root = appRoot();
  const runtime = findElectronRuntime(root);
  if ('binary' in runtime && hasDisplay()) {
    const child = spawn(runtime.binary, [root, ...argv], { stdio: 'inherit' });
    return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
  }
  const why = 'binary' in runtime ? 'there is no display to open a window on' : `Electron is unavailable: ${runtime.missing}`;
  console.log(`${why}; starting browser mode instead.`);
  return serve(argv, true);
}

/** Runs one command; resolves to the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
        console.log(USAGE);
        return 0;
      case 'start':
        return await start(rest);
      case 'serve':
        return await serve(rest, false);
      case 'check':
        return await runCheckCommand(rest);
      case 'new':
        return await runNewCommand(rest);
      case 'import': {
        const { runImportCommand } = await import('./import-command');
        return await runImportCommand(rest);
      }
      case 'export': {
        const { runExportCommand } = await import('./export-command');
        return await runExportCommand(rest);
      }
      case '--version':
      case '-v':
        console.log(appVersion());
        return 0;
      case '--help':
      case '-h':
      case 'help':
        console.log(USAGE);
        return 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`briefing: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    console.error(`briefing: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err);
    process.exitCode = 1;
  },
);
