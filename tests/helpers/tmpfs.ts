/**
 * Real small or read-only file systems for fault tests: a tmpfs mounted for the test.
 * Mounting needs root (or CAP_SYS_ADMIN); where it is refused the caller skips the
 * test and prints `reason`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type Mounted = { ok: true; dir: string; unmount(): void } | { ok: false; reason: string };

/** Mounts a tmpfs of `size` (e.g. `200k`) on a fresh temp folder; `readOnly` mounts it `ro`. */
export function mountTmpfs(size: string, opts: { readOnly?: boolean; prefix?: string } = {}): Mounted {
  const dir = mkdtempSync(path.join(tmpdir(), opts.prefix ?? 'briefing-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}${opts.readOnly ? ',ro' : ''}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
    return { ok: false, reason: `cannot mount a tmpfs here (${stderr || (err instanceof Error ? err.message : String(err))})` };
  }
  return {
    ok: true,
    dir,
    unmount() {
      try {
        execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Remounts a mounted tmpfs read-only or read-write (its files stay). */
export function remount(dir: string, readOnly: boolean): void {
  execFileSync('mount', ['-o', `remount,${readOnly ? 'ro' : 'rw'}`, dir], { stdio: 'pipe' });
}
