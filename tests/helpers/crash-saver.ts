/**
 * The child process of the crash test (tests/unit/crash-save.test.ts). It waits for
 * one line on stdin, `<deck file> <first version>`, opens the deck through the real
 * DeckStore (which clears temp files an earlier child left), prints `ready`, then
 * saves versions first, first+1, … in a tight loop, printing each number once its
 * save has resolved, until the parent kills it with SIGKILL.
 *
 * Imported (not run) by the test for `versionDeck`, which both sides must agree on.
 */
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Deck } from '../../src-shared/deck-schema';
import { createDeckStore } from '../../src-main/core/deck-store';

const WORDS = ['copper', 'lithium', 'tailings', 'permit', 'royalty', 'smelter', 'offtake', 'corridor', 'tariff', 'grade'];

/**
 * Version `v` of the deck: its number in a marker field (an unknown field, so it also
 * shows that those survive) and notes whose length varies with `v` (5–60 KB in all),
 * so a torn or mixed write could not pass for a whole version.
 */
export function versionDeck(v: number): Deck {
  const deck = {
    format: 'briefing-deck',
    version: 1,
    meta: { title: `Crash test, version ${v}`, date: '2026-01-15' },
    'x-crash-version': v,
    slides: Array.from({ length: 20 }, (_, i) => {
      const words = ((v * 7919 + i * 104729) % 400) + 20;
      return {
        id: `s${i + 1}`,
        layout: 'bullets' as const,
        title: `Slide ${i + 1} of version ${v}`,
        bullets: [`point ${v}.${i}`],
        notes: Array.from({ length: words }, (_, w) => WORDS[(v + i + w) % WORDS.length]).join(' '),
      };
    }),
  };
  return deck as Deck;
}

async function main(): Promise<void> {
  const lines = createInterface({ input: process.stdin });
  const first: string = await new Promise((resolve) => lines.once('line', resolve));
  const [deckFile, startText] = first.split('\t');
  let version = Number(startText);
  const dir = path.dirname(deckFile);
  const store = createDeckStore({ bundledDir: path.join(dir, 'no-bundled-decks'), decksDir: dir, defaultDeckPath: deckFile });
  const id = store.idForPath(deckFile);
  const opened = await store.open(id);
  if (!opened.ok) {
    process.stdout.write(`broken ${JSON.stringify(opened.problems)}\n`);
    process.exit(2);
  }
  process.stdout.write('ready\n');
  for (;;) {
    await store.save(id, versionDeck(version));
    process.stdout.write(`${version}\n`); // synchronous on a pipe (Linux), so printed means saved
    version++;
  }
}

if (process.env.CRASH_SAVER_CHILD === '1') {
  main().catch((err) => {
    process.stdout.write(`error ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(3);
  });
}
