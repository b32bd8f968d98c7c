/**
 * The bundled deck's working copy on disk, as e2e tests read it: the first edit of the
 * bundled deck makes it in the test's data folder, and autosave writes it about a second
 * after a change.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Deck } from '../../src-shared/deck-schema';
import { expect, type Served } from './fixtures';

/** The working copy as on disk now (null before the first save). */
export async function onDisk(app: Served): Promise<Deck | null> {
  try {
    return JSON.parse(await readFile(path.join(app.dataDir, 'decks', 'central-asia-mining.briefing.json'), 'utf8')) as Deck;
  } catch {
    return null;
  }
}

/** Waits until the working copy on disk satisfies `check`, and returns it. */
export async function expectOnDisk(app: Served, check: (deck: Deck) => unknown): Promise<Deck> {
  let last: Deck | null = null;
  await expect
    .poll(
      async () => {
        last = await onDisk(app);
        return last !== null && Boolean(check(last));
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  return last!;
}
