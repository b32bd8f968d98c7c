/**
 * Opens browser mode in a Chromium-family browser's app mode (a window without
 * tabs or address bar), with its own profile and its background networking off,
 * so presenting stays offline.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/microsoft-edge',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
];

/** The first installed Chromium-family browser (`CHROMIUM_PATH` wins), or null. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHROMIUM_PATH && existsSync(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
  return CANDIDATES.find((file) => existsSync(file)) ?? null;
}

/** Arguments for an offline app-mode window on `url`. */
export function chromiumAppArgs(url: string, profileDir: string): string[] {
  const args = [
    `--app=${url}`,
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-features=Translate,MediaRouter,OptimizationHints',
    '--window-size=1280,800',
  ];
  // Chromium refuses to start as root without this; a root session is a kiosk or CI box.
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
  return args;
}

/** Launches the browser detached; returns false when none is installed. */
export function openInBrowser(url: string, dataDir: string): boolean {
  const browser = findChromium();
  if (!browser) return false;
  const child = spawn(browser, chromiumAppArgs(url, path.join(dataDir, 'browser-profile')), { detached: true, stdio: 'ignore' });
  child.on('error', (err) => console.error(`Could not start ${browser}: ${err.message}`));
  child.unref();
  return true;
}
