/**
 * Where the app's own files are (bundled decks, fonts, built renderer) and where
 * the user's files go. Works from source (vitest, tsx), from the esbuild bundles in
 * `build/`, and from a packaged app, by walking up to our package.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/** The folder holding the app's package.json (the repo root, or the packaged app). */
export function appRoot(): string {
  if (cachedRoot) return cachedRoot;
  const override = process.env.BRIEFING_APP_ROOT;
  if (override) return (cachedRoot = path.resolve(override));
  // esbuild's CommonJS bundles have __dirname; ESM sources (vitest, tsx) have import.meta.
  let dir = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, 'utf8')).name === 'briefing-desk') return (cachedRoot = dir);
      } catch {
        // not ours; keep walking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Briefing Desk cannot find its own files (package.json not found)');
    dir = parent;
  }
}

/** The app version from package.json. */
export function appVersion(): string {
  return JSON.parse(readFileSync(path.join(appRoot(), 'package.json'), 'utf8')).version as string;
}

export const bundledDecksDir = (): string => path.join(appRoot(), 'assets', 'decks');
/** Fonts are read by native code (canvas) that cannot see inside app.asar: use the unpacked copy. */
export const fontsDir = (): string => path.join(appRoot().replace(/app\.asar$/, 'app.asar.unpacked'), 'assets', 'fonts');
export const rendererDir = (): string => path.join(appRoot(), 'dist', 'renderer');
export const DEFAULT_DECK_FILE = 'central-asia-mining.briefing.json';
export const defaultDeckPath = (): string => path.join(bundledDecksDir(), DEFAULT_DECK_FILE);

/** Browser mode's default data folder: `$XDG_DATA_HOME/briefing-desk`, else `~/.local/share/briefing-desk`. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(homedir(), '.local', 'share');
  return path.join(base, 'briefing-desk');
}
