/**
 * Writing a file that must not replace anything: `briefing new` and `briefing
 * import` create decks and refuse to overwrite. A check-then-write would race
 * with another writer, so the complete text is first written atomically to a temp
 * name beside the target, then hard-linked into place — link() fails with EEXIST
 * when the name is taken, so an existing file is never replaced, not even in a race.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { exists, writeAtomic } from './atomic-file';

/** Thrown when the target already exists; `code` is 'EEXIST' as for fs errors. */
export class FileExistsError extends Error {
  override name = 'FileExistsError';
  readonly code = 'EEXIST';
  constructor(readonly filePath: string) {
    super(`${filePath} already exists; it was left untouched (choose another name, or delete it first)`);
  }
}

/** Creates `filePath` with `data`, durably and all at once; refuses (FileExistsError) if anything is there. */
export async function writeNewFileAtomic(filePath: string, data: string): Promise<void> {
  if (await exists(filePath)) throw new FileExistsError(filePath);
  // Named like write-file-atomic's own temp files (`<file>.<uint32>`), so a crash here
  // leaves a temp the deck store already knows to clean up.
  const tmp = `${filePath}.${randomBytes(4).readUInt32BE(0)}`;
  await writeAtomic(tmp, data);
  try {
    try {
      await fs.link(tmp, filePath);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new FileExistsError(filePath);
      // File systems without hard links (FAT, some shares): the best left is check, then rename.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
      if (await exists(filePath)) throw new FileExistsError(filePath);
      await fs.rename(tmp, filePath);
    }
  } finally {
    await fs.rm(tmp, { force: true });
  }
  await syncDir(path.dirname(filePath));
}

async function syncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r').catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close().catch(() => undefined);
}
