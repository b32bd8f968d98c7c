/**
 * `briefing serve`: browser mode. Builds the same services Electron uses, serves
 * them on 127.0.0.1, prints the one "ready" line, and waits for pending saves
 * before it exits on Ctrl+C.
 */
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

/** Starts browser mode and resolves once it is serving. */
export async function startBrowserMode(opts: BrowserModeOptions): Promise<RunningHost & { flush(): Promise<void>; stopWatching(): void }> {
  // The download link carries this launch's token, known only once the host starts.
  let linkFor: (jobId: string) => string = () => '';
  const services = await createServices({
    transport: 'http',
    decksDir: path.join(opts.dataDir, 'decks'),
    statePath: path.join(opts.dataDir, 'state.json'),
    exportsDir: path.join(opts.dataDir, 'exports'),
    startupPath: opts.deckPath,
    downloadUrl: (jobId) => linkFor(jobId),
  });
  const host = await startHost({
    port: opts.port,
    rendererDir: rendererDir(),
    handlers: (_origin, token) => {
      linkFor = (jobId) => `/api/exports/${jobId}.pdf?token=${encodeURIComponent(token)}`;
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
  await Promise.race([host.flush(), new Promise((r) => setTimeout(r, 5000).unref())]);
  await host.close();
}
