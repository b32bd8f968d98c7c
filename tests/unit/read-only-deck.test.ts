/**
 * A deck the user made read-only (chmod 0444) in a folder they may write: never
 * written, not even by root (whom the OS lets write anything); the first edit makes
 * a working copy in the data folder and says where. Real files, real modes.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeckStore } from '../../src-main/core/deck-store';
import type { Deck } from '../../src-shared/deck-schema';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SMALL = path.join(ROOT, 'tests/fixtures/decks/small-valid.briefing.json');

let work: string;
let decksDir: string;
let shared: string;
beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'read-only-deck-'));
  decksDir = path.join(work, 'data', 'decks');
  shared = path.join(work, 'shared');
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function storeWith(file: string) {
  const store = createDeckStore({ bundledDir: path.join(work, 'bundled'), decksDir, defaultDeckPath: path.join(work, 'bundled', 'x.briefing.json') });
  return { store, id: store.idForPath(file) };
}

describe('a read-only deck file (mode 0444)', () => {
  it('is never written: the first save makes a working copy in the data folder, later saves go there too', async () => {
    mkdirSync(shared);
    const file = path.join(shared, 'board.briefing.json');
    writeFileSync(file, readFileSync(SMALL));
    chmodSync(file, 0o444);
    const before = readFileSync(file);
    const { store, id } = storeWith(file);
    const opened = await store.open(id);
    if (!opened.ok) throw new Error('fixture did not open');
    const deck = structuredClone(opened.deck) as Deck;
    deck.slides[0].title = 'First edit';

    const first = await store.save(id, deck);
    expect(first.workingCopyCreated).toBe(true);
    expect(first.info.location).toBe(decksDir);
    expect(first.info.name).toBe('board.briefing.json');
    const copy = path.join(first.info.location, first.info.name);
    expect((JSON.parse(readFileSync(copy, 'utf8')) as Deck).slides[0].title).toBe('First edit');

    deck.slides[0].title = 'Second edit';
    const second = await store.save(id, deck);
    expect(second.workingCopyCreated).toBe(false);
    expect(second.info.id).toBe(first.info.id);
    expect((JSON.parse(readFileSync(copy, 'utf8')) as Deck).slides[0].title).toBe('Second edit');

    // The read-only original: same bytes, same mode, no .bak or temp file beside it.
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o444);
    expect(readdirSync(shared)).toEqual(['board.briefing.json']);
    await store.flush();
  });

  it('a writable deck beside it is still saved in place (the check looks at the mode, not at who runs the app)', async () => {
    mkdirSync(shared);
    const file = path.join(shared, 'draft.briefing.json');
    writeFileSync(file, readFileSync(SMALL));
    chmodSync(file, 0o644);
    const { store, id } = storeWith(file);
    const opened = await store.open(id);
    if (!opened.ok) throw new Error('fixture did not open');
    const deck = structuredClone(opened.deck) as Deck;
    deck.slides[0].title = 'In place';
    const result = await store.save(id, deck);
    expect(result.workingCopyCreated).toBe(false);
    expect(result.info.id).toBe(id);
    expect((JSON.parse(readFileSync(file, 'utf8')) as Deck).slides[0].title).toBe('In place');
    expect(statSync(file).mode & 0o777).toBe(0o644); // the new file keeps the old one's mode
    await store.flush();
  });
});
