/**
 * The one reader of deck files, used by the deck store (`serve`, the app), `check`
 * and `export`: size and file kind checked from `stat` before a byte is read,
 * strict UTF-8 (a BOM is dropped, bad bytes are an error naming their offset, never
 * U+FFFD), CRLF line endings accepted (JSON treats them as whitespace), then the
 * depth-checked parse and full validation of `parseDeckText`.
 */
import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import { LIMITS, type Deck } from '../../src-shared/deck-schema';
import { parseDeckText, type DeckProblem } from '../../src-shared/deck-validate';
import { decodeUtf8Strict } from '../../src-shared/utf8';

const MB = 1024 * 1024;

export type DeckFileResult = { ok: true; deck: Deck; text: string; stats: Stats } | { ok: false; problems: DeckProblem[] };

const problem = (message: string): { ok: false; problems: DeckProblem[] } => ({ ok: false, problems: [{ path: '', message }] });

/** A read failure as a person would put it. */
export function describeReadError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'file not found';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied: the app may not read this file';
  if (code === 'EISDIR') return 'this is a folder, not a deck file';
  return `the file cannot be read (${code ?? (err instanceof Error ? err.message : String(err))})`;
}

/** Turns a deck file's bytes into a deck: strict UTF-8 without BOM, then parse and validate. */
export function parseDeckBytes(bytes: Uint8Array): { ok: true; deck: Deck; text: string } | { ok: false; problems: DeckProblem[] } {
  const decoded = decodeUtf8Strict(bytes);
  if (!decoded.ok) return problem(decoded.message);
  const parsed = parseDeckText(decoded.text);
  return parsed.ok ? { ok: true, deck: parsed.deck, text: decoded.text } : parsed;
}

/**
 * Reads a deck file's bytes: stat first (kind and size limit), so a huge file or a FIFO
 * is refused without reading. Never throws.
 */
export async function readDeckFileBytes(file: string): Promise<{ ok: true; bytes: Buffer; stats: Stats } | { ok: false; problems: DeckProblem[] }> {
  let st: Stats;
  try {
    st = await fs.stat(file);
  } catch (err) {
    return problem(describeReadError(err));
  }
  // Refusing anything but a regular file also keeps open() from blocking on a FIFO.
  if (!st.isFile())
    return problem(
      st.isDirectory()
        ? 'this is a folder, not a deck file'
        : 'this is not a regular file (not a file a deck can be in: a device, a pipe or a socket)',
    );
  if (st.size > LIMITS.maxBytes) {
    return problem(`the file is ${(st.size / MB).toFixed(1)} MB, larger than the ${LIMITS.maxBytes / MB} MB a deck may be`);
  }
  try {
    return { ok: true, bytes: await fs.readFile(file), stats: st };
  } catch (err) {
    return problem(describeReadError(err));
  }
}

/** Reads a deck file's text: strict UTF-8 without a BOM. Never throws. `check` parses it itself to report every problem. */
export async function readDeckFileText(file: string): Promise<{ ok: true; text: string; stats: Stats } | { ok: false; problems: DeckProblem[] }> {
  const read = await readDeckFileBytes(file);
  if (!read.ok) return read;
  const decoded = decodeUtf8Strict(read.bytes);
  return decoded.ok ? { ok: true, text: decoded.text, stats: read.stats } : problem(decoded.message);
}

/** Reads and validates a deck file; never throws for a bad or missing file. */
export async function readDeckFile(file: string): Promise<DeckFileResult> {
  const read = await readDeckFileBytes(file);
  if (!read.ok) return read;
  const parsed = parseDeckBytes(read.bytes);
  return parsed.ok ? { ...parsed, stats: read.stats } : parsed;
}
