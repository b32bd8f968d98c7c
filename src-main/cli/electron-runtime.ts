/**
 * Finding the Electron runtime without `require('electron')`, which would try to
 * download it. The runtime is there when `ELECTRON_OVERRIDE_DIST_PATH` names it or
 * npm's electron package already has its `dist/` binary.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The Electron executable, or null with the reason it is missing. */
export function findElectronRuntime(root: string, env: NodeJS.ProcessEnv = process.env): { binary: string } | { missing: string } {
  const pkgDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const binary = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(binary) ? { binary } : { missing: `ELECTRON_OVERRIDE_DIST_PATH has no ${relative || 'electron'}` };
  }
  if (!existsSync(pkgDir)) return { missing: 'the electron package is not installed' };
  const binary = relative ? path.join(pkgDir, 'dist', relative) : '';
  if (binary && existsSync(binary)) return { binary };
  return { missing: 'its runtime has not been downloaded (it comes from the internet on first run)' };
}

/** True where a window can be shown (Linux needs an X or Wayland display). */
export function hasDisplay(env: NodeJS.ProcessEnv = process.env, platform = process.platform): boolean {
  return platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}
