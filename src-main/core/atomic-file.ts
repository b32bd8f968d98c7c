/**
 * Crash-safe file replacement, shared by the deck store, the app state and PDF exports.
 *
 * A save is: write the new content to a temp file beside the target (every byte, in
 * a loop, then fsync, then check the temp file's size), only then keep the current
 * file as `<file>.bak` (hard link or copy to `<file>.bak.tmp`, then rename), then
 * rename the temp file over the target and fsync the folder so the rename itself is
 * on disk. At every instant `<file>` is a complete old or new version, and
 * `<file>.bak` a complete older one; a full disk fails the write before either moves.
 *
 * Why not `write-file-atomic` any more: it makes a single `write()` call and ignores
 * how many bytes it wrote. On a nearly full disk that call writes part of the data
 * and returns success, so a truncated deck was renamed into place and reported saved.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

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

export interface WriteAtomicOptions {
  /** Keep the current file as `<file>.bak`, once the new content is safely in its temp file. */
  keepBackup?: boolean;
  /**
   * Write through a symlink at `filePath` to the file it points to (the app state, which
   * a user may link elsewhere). Otherwise a link there is replaced, never followed.
   */
  followSymlink?: boolean;
  /**
   * Never replace anything at `filePath`: the temp file is hard-linked into place, which
   * fails with EEXIST if any entry (file or planted symlink) is already there.
   */
  exclusive?: boolean;
}

/** A write the disk did not take in full, as the errno a person can be told about. */
function shortWrite(message: string, code: 'ENOSPC' | 'EIO'): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/**
 * Writes all of `data` at the start of `handle`. `write()` may write fewer bytes than
 * asked (a nearly full disk does exactly that); loop until done, and treat a write
 * that makes no progress as a full disk rather than spinning.
 */
export async function writeAll(handle: Pick<fs.FileHandle, 'write'>, data: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    const { bytesWritten } = await handle.write(data, offset, data.length - offset, offset);
    if (!(bytesWritten > 0)) throw shortWrite(`no space to write the last ${data.length - offset} bytes`, 'ENOSPC');
    offset += bytesWritten;
  }
}

/** Permission bits (and, as root, owner) for the new file: those of the file it replaces. */
async function modeFor(target: string): Promise<{ mode: number; uid?: number; gid?: number }> {
  try {
    const st = await fs.stat(target);
    return { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
  } catch {
    return { mode: 0o666 };
  }
}

/**
 * Writes `data` to `filePath` atomically: temp file written in full, fsynced and
 * size-checked; then (optionally) the `.bak` kept; then rename (or hard link, when
 * `exclusive`) over the target; then the folder fsynced. Any failure removes the
 * temp file and leaves the target and its `.bak` as they were.
 */
export async function writeAtomic(filePath: string, data: string | Uint8Array, options: WriteAtomicOptions = {}): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const target = options.followSymlink ? await fs.realpath(filePath).catch(() => filePath) : filePath;
  // The temp name keeps write-file-atomic's pattern, so removeStaleTemps still knows it.
  const tmp = `${target}.${randomInt(0, 0xffffffff)}`;
  const { mode, uid, gid } = await modeFor(target);
  let handle: fs.FileHandle | undefined;
  let placed = false;
  try {
    // O_EXCL: never write into something planted at the temp name (a symlink, a FIFO).
    handle = await fs.open(tmp, 'wx', mode);
    await writeAll(handle, bytes);
    await handle.sync();
    // Read the size back from the file system itself: what is renamed into place is what was asked for.
    const written = (await handle.stat()).size;
    if (written !== bytes.length) throw shortWrite(`the temp file holds ${written} of ${bytes.length} bytes`, 'EIO');
    if (uid !== undefined && gid !== undefined && process.getuid?.() === 0) await handle.chown(uid, gid).catch(() => undefined);
    await handle.close();
    handle = undefined;
    if (options.keepBackup) await keepBackup(target);
    if (options.exclusive) await placeExclusive(tmp, target);
    else await fs.rename(tmp, target);
    placed = true;
  } finally {
    await handle?.close().catch(() => undefined);
    if (!placed) await fs.rm(tmp, { force: true }).catch(() => undefined);
  }
  await syncDir(path.dirname(target));
}

/** Puts `tmp` at `target` only if nothing is there: link() never replaces and never follows a link. */
async function placeExclusive(tmp: string, target: string): Promise<void> {
  try {
    await fs.link(tmp, target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw err;
    // No hard links here (FAT, some shares): check, then rename; a race is the only gap.
    if (await exists(target)) throw Object.assign(new Error(`EEXIST: ${target} already exists`), { code: 'EEXIST' });
    await fs.rename(tmp, target);
    return;
  }
  await fs.rm(tmp, { force: true });
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
