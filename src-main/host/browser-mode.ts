/**
 * `briefing serve`: browser mode. Builds the same services Electron uses, serves
 * them on 127.0.0.1, prints the one "ready" line, and waits for pending saves
 * before it exits on Ctrl+C.
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { createServices } from '../core/services';
import { rendererDir } from '../core/paths';
import { startHost, type RunningHost } from './host-server';
import { openInBrowser } from './open-browser';

export interface BrowserModeOptions {
  deckPath?: string;
  port: number;
  dataDir: string;
  open: boolean;
}

const DATA_DIR_ADVICE = 'Start briefing serve with --data-dir DIR to keep edits in a folder you can write to.';

/**
 * One line for a data folder the app cannot write (a read-only mount, a missing parent):
 * which folder, what it means, and the fix. Null when it is writable.
 */
async function dataDirProblem(dataDir: string, unwritable: { dir: string; code: string }[]): Promise<string | null> {
  if (unwritable.length === 0) {
    try {
      await access(dataDir, constants.W_OK);
      return null;
    } catch {
      // told below
    }
  }
  // mkdir on a read-only mount says ENOENT for the missing folder: name the folder that refuses instead.
  for (let dir = dataDir; ; dir = path.dirname(dir)) {
    try {
      await access(dir, constants.W_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'EACCES';
      if (code === 'ENOENT' && path.dirname(dir) !== dir) continue;
      const where = dir === dataDir ? '' : ` (${dir} is not writable)`;
      return `the data folder ${dataDir} cannot be written${where}, ${code}: decks open read-only, and edits, working copies and exports cannot be saved. ${DATA_DIR_ADVICE}`;
    }
    if (dir === dataDir) return null;
    return `the data folder ${dataDir} cannot be created in ${dir}: decks open read-only, and edits, working copies and exports cannot be saved. ${DATA_DIR_ADVICE}`;
  }
}

/** Starts browser mode and resolves once it is serving. */
export async function startBrowserMode(opts: BrowserModeOptions): Promise<RunningHost & { flush(): Promise<void>; stopWatching(): void }> {
  // The download link carries this launch's token, known only once the host starts.
  let linkFor: (jobId: string, ext: 'pdf' | 'pptx') => string = () => '';
  const services = await createServices({
    transport: 'http',
    decksDir: path.join(opts.dataDir, 'decks'),
    statePath: path.join(opts.dataDir, 'state.json'),
    exportsDir: path.join(opts.dataDir, 'exports'),
    startupPath: opts.deckPath,
    downloadUrl: (jobId, ext) => linkFor(jobId, ext),
    readOnlyDataAdvice: DATA_DIR_ADVICE,
    // Read while the browser starts: the first page finds its deck ready.
    prefetchStartupDeck: true,
    // The export worker warms up once the first slide is up (core/services.ts).
    warmExports: true,
  });
  const problem = await dataDirProblem(opts.dataDir, services.unwritable);
  if (problem) console.error(`briefing: ${problem}`);
  const host = await startHost({
    port: opts.port,
    rendererDir: rendererDir(),
    handlers: (_origin, token) => {
      linkFor = (jobId, ext) => `/api/exports/${jobId}.${ext}?token=${encodeURIComponent(token)}`;
      return services.handlers;
    },
    exportFile: (jobId) => services.context.exports.filePath(jobId),
  });
  console.log(`Briefing Desk ready at ${host.url}`);
  if (opts.open && !openInBrowser(host.url, opts.dataDir)) {
    console.log('No Chromium or Chrome found: open the address above in your browser.');
  }
  return { ...host, flush: services.flush, stopWatching: services.stopWatching };
}

/** Runs until SIGINT/SIGTERM, then waits for pending writes and closes. */
export async function serveUntilStopped(opts: BrowserModeOptions): Promise<void> {
  const host = await startBrowserMode(opts);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  host.stopWatching(); // waiting watchDeck polls answer now rather than hold the exit
  await flushWithin(host.flush, FLUSH_LIMIT_MS);
  await host.close();
}

/** How long a stop waits for pending saves (a hung network share must not hold the process forever). */
export const FLUSH_LIMIT_MS = 5000;

/**
 * Waits for `flush`, or at most `ms`. The timer is cleared (and unref'd) once the
 * flush is done: a timer left running kept an idle server alive for the full 5 s.
 */
export async function flushWithin(flush: () => Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      flush().catch((err: unknown) => console.error(`[briefing] pending saves failed while stopping: ${err instanceof Error ? err.message : String(err)}`)),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
        timer.unref?.();
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
