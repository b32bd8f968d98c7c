/**
 * Whether the Electron end-to-end suite can run here, and if not, why (printed by
 * name, never a silent skip).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { findElectronRuntime, hasDisplay } from '../../src-main/cli/electron-runtime';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
export const mainBundle = path.join(repoRoot, 'build', 'electron', 'main.cjs');

/** The Electron executable to launch, or null. */
export function electronBinary(): string | null {
  const runtime = findElectronRuntime(repoRoot);
  return 'binary' in runtime ? runtime.binary : null;
}

/** Null when the suite can run; otherwise the reason it cannot. */
export function electronSuiteSkipReason(): string | null {
  const runtime = findElectronRuntime(repoRoot);
  if ('missing' in runtime) return `no Electron runtime: ${runtime.missing} (set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron 45 to run it)`;
  if (!hasDisplay()) return 'no display (run it under xvfb-run on Linux)';
  if (!existsSync(mainBundle)) return `the app is not built (${path.relative(repoRoot, mainBundle)} missing; run npm run build)`;
  if (!existsSync(path.join(repoRoot, 'dist', 'renderer', 'index.html'))) return 'the renderer is not built (dist/renderer/index.html missing; run npm run build)';
  return null;
}
