/**
 * Starts the real `briefing serve` (built CLI, real files) for each test with a
 * fresh temp data folder, and gives the test its URL.
 */
import { test as base, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Served {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Runs `briefing serve [deck]` and resolves once it prints its ready line. */
export async function serve(opts: { deck?: string; dataDir?: string } = {}): Promise<Served> {
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'briefing-e2e-')));
  const args = [path.join(ROOT, 'bin', 'briefing.cjs'), 'serve', '--port', '0', '--data-dir', dataDir];
  if (opts.deck) args.push(opts.deck);
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`briefing serve did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Briefing Desk ready at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`briefing serve exited (${code}):\n${output}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token')!,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Fails the test on any page error or CSP violation: both mean something a user would hit. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/favicon/.test(msg.text())) errors.push(`console: ${msg.text()}`);
  });
  return errors;
}

export const test = base.extend<{ app: Served; errors: string[] }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a pattern
  app: async ({}, use) => {
    const served = await serve();
    await use(served);
    await served.stop();
  },
  errors: async ({ page }, use) => {
    await use(watchPageErrors(page));
  },
});

export { expect } from '@playwright/test';
