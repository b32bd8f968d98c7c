/**
 * Crash-safe file replacement, shared by the deck store and the app state.
 *
 * A save is: keep the current file as `<file>.bak` (hard link or copy to
 * `<file>.bak.tmp`, then rename), then `write-file-atomic` (temp file, fsync,
 * rename), then fsync the folder so the rename itself is on disk. At every instant
 * `<file>` is a complete old or new version, and `<file>.bak` a complete older one.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/** The backup kept beside a file. */
export const backupPathOf = (filePath: string): string => `${filePath}.bak`;

/** A file-name-safe timestamp, e.g. `2026-05-01T09-30-00-123Z`. */
export function fileTimestamp(date: Date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/** True when the error is "no such file". */
export function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as NodeJS.ErrnoException).code === 'ENOENT';
}

/** Whether a path exists (any kind of entry). */
export async function exists(filePath: string): Promise<boolean> {
  try {
    await fs.lstat(filePath);
    return true;
  } catch {
    return false;
  }
}

/**
 * Flushes a folder's entries (the renames in it) to disk. Without this a power cut
 * right after a save could bring back the old name. Not possible on Windows, where
 * a folder cannot be opened; NTFS journals renames anyway.
 */
async function syncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // best effort: some platforms and file systems refuse to fsync a folder
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Writes `data` to `filePath` atomically (temp file, fsync, rename, folder fsync). */
export async function writeAtomic(filePath: string, data: string): Promise<void> {
  await writeFileAtomic(filePath, data, { encoding: 'utf8', fsync: true });
  await syncDir(path.dirname(filePath));
}

/**
 * Keeps the current `filePath` as `<file>.bak`, replacing any older backup only once
 * the new one is complete. A hard link costs nothing however big the deck is; file
 * systems without links (FAT, some network shares) get a copy, fsynced. Returns false
 * when there was no file to keep.
 */
export async function keepBackup(filePath: string): Promise<boolean> {
  const bak = backupPathOf(filePath);
  const tmp = `${bak}.tmp`;
  await fs.rm(tmp, { force: true });
  // link() does not follow symlinks: link the real file so the backup holds content, not a pointer.
  const real = await fs.realpath(filePath).catch(() => filePath);
  try {
    await fs.link(real, tmp);
  } catch (err) {
    if (isNotFound(err)) return false;
    await copyDurably(real, tmp);
  }
  await fs.rename(tmp, bak);
  return true;
}

/** Copies a file and fsyncs the copy (used to set a corrupt file aside, and when links fail). */
export async function copyDurably(from: string, to: string): Promise<void> {
  await fs.copyFile(from, to, fsConstants.COPYFILE_EXCL);
  const handle = await fs.open(to, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * A free name for setting a file aside: `<file>.corrupt-<timestamp>` (plus a random
 * tail in the unlikely case two land in the same millisecond).
 */
export async function asidePathFor(filePath: string, label = 'corrupt'): Promise<string> {
  const base = `${filePath}.${label}-${fileTimestamp()}`;
  return (await exists(base)) ? `${base}-${randomBytes(3).toString('hex')}` : base;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Temp files a killed writer can leave beside `filePath`: write-file-atomic names
 * them `<file>.<uint32 in decimal>`, and `keepBackup` uses `<file>.bak.tmp`.
 */
export function isTempFileOf(fileName: string, candidate: string): boolean {
  if (candidate === `${fileName}.bak.tmp`) return true;
  const m = new RegExp(`^${escapeRegExp(fileName)}\\.(\\d{1,10})$`).exec(candidate);
  return m !== null && Number(m[1]) <= 0xffffffff;
}

/**
 * Removes temp files left beside `filePath` by a writer that was killed mid-save.
 * Call only while no write to that file is in flight in this process. Returns the
 * names removed.
 */
export async function removeStaleTemps(filePath: string): Promise<string[]> {
  const dir = path.dirname(filePath);
  const name = path.basename(filePath);
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch {
    return [];
  }
  const stale = entries.filter((entry) => isTempFileOf(name, entry));
  await Promise.all(stale.map((entry) => fs.rm(path.join(dir, entry), { force: true }).catch(() => undefined)));
  return stale;
}
