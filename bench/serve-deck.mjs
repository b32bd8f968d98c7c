// Starts the real `briefing serve` for a benchmark and resolves with its URL.
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Serves `deckPath` with its own data folder; `stop()` waits for the server to exit. */
export async function serveDeck(deckPath, dataDir) {
  const server = spawn(process.execPath, [path.join(ROOT, 'bin/briefing.cjs'), 'serve', deckPath, '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // If the bench dies (an uncaught error), take the server with it: an orphaned server
  // keeps the bench's stderr open, so `npm run bench:… | tee` would wait forever.
  const killOnExit = () => server.kill('SIGTERM');
  process.once('exit', killOnExit);
  const url = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /ready at (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    server.on('exit', (code) => reject(new Error(`briefing serve exited (${code})`)));
  });
  return {
    url,
    async stop() {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      process.off('exit', killOnExit);
      server.kill('SIGTERM');
      await exited;
    },
  };
}
