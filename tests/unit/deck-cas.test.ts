/**
 * Compare-and-swap saves (issue 8, cases 2 and 3): a save names the revision it was
 * based on, and the store writes nothing when the file on disk moved on since.
 */
import { existsSync, readdirSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isConflict, type SaveConflict, type SaveResult } from '../../src-shared/api';
import type { Deck } from '../../src-shared/deck-schema';
import type { DeckStore } from '../../src-main/core/contracts';
import { createDeckStore, revisionOf } from '../../src-main/core/deck-store';

function makeDeck(tag: string): Deck {
  return {
    format: 'briefing-deck',
    version: 1,
    meta: { title: 'CAS test' },
    slides: [
      { id: 'a', layout: 'bullets', title: `A ${tag}`, bullets: ['x'] },
      { id: 'b', layout: 'bullets', title: 'B', bullets: ['y'] },
    ],
  };
}
const text = (deck: Deck) => `${JSON.stringify(deck, null, 2)}\n`;

let root: string;
let file: string;
let store: DeckStore;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'deck-cas-'));
  file = path.join(root, 'brief.briefing.json');
  await fs.writeFile(file, text(makeDeck('v0')));
  store = createDeckStore({ bundledDir: path.join(root, 'bundled'), decksDir: path.join(root, 'decks'), defaultDeckPath: file });
});
afterEach(async () => {
  await store.flush();
  await fs.rm(root, { recursive: true, force: true });
});

async function open(): Promise<{ id: string; revision: string }> {
  const result = await store.open(store.idForPath(file));
  if (!result.ok) throw new Error('did not open');
  return { id: result.info.id, revision: result.revision };
}

describe('revisions and compare-and-swap saves', () => {
  it('hands out the hash of the bytes on open, and a new revision with every save', async () => {
    const { id, revision } = await open();
    expect(revision).toBe(revisionOf(await fs.readFile(file)));
    const first = (await store.save(id, makeDeck('v1'), revision)) as SaveResult;
    expect(isConflict(first)).toBe(false);
    expect(first.revision).not.toBe(revision);
    expect(first.revision).toBe(revisionOf(await fs.readFile(file)));
    const second = (await store.save(id, makeDeck('v2'), first.revision)) as SaveResult;
    expect(second.revision).not.toBe(first.revision);
    expect(second.revision).toBe(revisionOf(await fs.readFile(file)));
  });

  it('refuses a save based on a revision the file has moved on from, and writes nothing', async () => {
    const { id, revision } = await open();
    await fs.writeFile(file, text(makeDeck('theirs'))); // another program, in place
    const before = await fs.readFile(file, 'utf8');
    const result = await store.save(id, makeDeck('mine'), revision);
    expect(isConflict(result)).toBe(true);
    const conflict = result as SaveConflict;
    expect(conflict.theirs?.slides[0].title).toBe('A theirs');
    expect(conflict.theirRevision).toBe(revisionOf(before));
    expect(await fs.readFile(file, 'utf8')).toBe(before);
    expect(existsSync(`${file}.bak`)).toBe(false);
    // Saving against their revision is allowed: the person chose to.
    const ok = (await store.save(id, makeDeck('mine'), conflict.theirRevision)) as SaveResult;
    expect(ok.revision).toBe(revisionOf(await fs.readFile(file)));
  });

  it('two clients with the same base: the first save wins, the second is refused (never coalesced)', async () => {
    const { id, revision } = await open();
    const [a, b] = await Promise.all([store.save(id, makeDeck('client A'), revision), store.save(id, makeDeck('client B'), revision)]);
    expect(isConflict(a)).toBe(false);
    expect(isConflict(b)).toBe(true);
    expect((b as SaveConflict).theirs?.slides[0].title).toBe('A client A');
    expect(JSON.parse(await fs.readFile(file, 'utf8')).slides[0].title).toBe('A client A');
  });

  it('a deleted file is a conflict with theirs null; a base of null recreates it', async () => {
    const { id, revision } = await open();
    await fs.rm(file);
    const result = await store.save(id, makeDeck('mine'), revision);
    expect(result).toMatchObject({ conflict: true, theirs: null, theirRevision: null });
    expect(existsSync(file)).toBe(false);
    expect(isConflict(await store.save(id, makeDeck('mine'), null))).toBe(false);
    expect(JSON.parse(await fs.readFile(file, 'utf8')).slides[0].title).toBe('A mine');
  });

  it('keep mine copies theirs aside under a named copy, then saves mine', async () => {
    const { id, revision } = await open();
    await fs.writeFile(file, text(makeDeck('theirs')));
    const conflict = (await store.save(id, makeDeck('mine'), revision)) as SaveConflict;
    const resolved = await store.resolveConflict(id, 'keep-mine', makeDeck('mine'), conflict.theirRevision);
    if (isConflict(resolved)) throw new Error('unexpected conflict');
    expect(resolved.copyName).toMatch(/^brief\.theirs-.+\.briefing\.json$/);
    expect(JSON.parse(await fs.readFile(path.join(root, resolved.copyName), 'utf8')).slides[0].title).toBe('A theirs');
    expect(JSON.parse(await fs.readFile(file, 'utf8')).slides[0].title).toBe('A mine');
    expect(resolved.revision).toBe(revisionOf(await fs.readFile(file)));
  });

  it('keep mine against a revision that moved on again is refused before any copy is made', async () => {
    const { id, revision } = await open();
    await fs.writeFile(file, text(makeDeck('theirs')));
    const conflict = (await store.save(id, makeDeck('mine'), revision)) as SaveConflict;
    await fs.writeFile(file, text(makeDeck('third')));
    const again = await store.resolveConflict(id, 'keep-mine', makeDeck('mine'), conflict.theirRevision);
    expect(isConflict(again)).toBe(true);
    expect(readdirSync(root).filter((f) => f.includes('.theirs-'))).toEqual([]);
    expect(JSON.parse(await fs.readFile(file, 'utf8')).slides[0].title).toBe('A third');
  });

  it('take theirs keeps mine as a named copy and leaves the deck as they wrote it', async () => {
    const { id, revision } = await open();
    await fs.writeFile(file, text(makeDeck('theirs')));
    const before = await fs.readFile(file, 'utf8');
    const conflict = (await store.save(id, makeDeck('mine'), revision)) as SaveConflict;
    const resolved = await store.resolveConflict(id, 'take-theirs', makeDeck('mine'), conflict.theirRevision);
    if (isConflict(resolved)) throw new Error('unexpected conflict');
    expect(resolved.copyName).toMatch(/^brief\.mine-.+\.briefing\.json$/);
    expect(JSON.parse(await fs.readFile(path.join(root, resolved.copyName), 'utf8')).slides[0].title).toBe('A mine');
    expect(await fs.readFile(file, 'utf8')).toBe(before);
    expect(resolved.deck.slides[0].title).toBe('A theirs');
    expect(resolved.revision).toBe(revisionOf(before));
  });

  it('the store knows its own writes: knownRevision follows every save', async () => {
    const { id, revision } = await open();
    expect(store.knownRevision(file)).toBe(revision);
    const saved = (await store.save(id, makeDeck('v1'), revision)) as SaveResult;
    expect(store.knownRevision(file)).toBe(saved.revision);
    expect(await store.revisionNow(id)).toBe(saved.revision);
  });
});

describe('the API checks revisions too', () => {
  it('saveDeck without a revision, or with a malformed one, is refused; a stale one returns the conflict', async () => {
    const { createServices } = await import('../../src-main/core/services');
    const { callApi } = await import('../../src-main/core/api-handlers');
    const services = await createServices({
      transport: 'http',
      decksDir: path.join(root, 'decks'),
      statePath: path.join(root, 'state.json'),
      exportsDir: path.join(root, 'exports'),
      startupPath: file,
    });
    try {
      const opened = (await callApi(services.handlers, 'startupDeck', [])) as { result: { info: { id: string }; revision: string } };
      const id = opened.result.info.id;
      expect(await callApi(services.handlers, 'saveDeck', [id, makeDeck('x')])).toEqual({
        error: 'a save must name the revision it was based on: open the deck again',
      });
      expect(await callApi(services.handlers, 'saveDeck', [id, makeDeck('x'), '../etc'])).toEqual({ error: 'invalid revision: open the deck again' });
      expect(await callApi(services.handlers, 'watchDeck', [id, { not: 'a revision' }])).toEqual({ error: 'invalid revision: open the deck again' });
      expect(await callApi(services.handlers, 'resolveConflict', [id, 'both', makeDeck('x'), null])).toEqual({
        error: 'choice must be one of keep-mine, take-theirs',
      });
      await fs.writeFile(file, text(makeDeck('theirs')));
      const stale = (await callApi(services.handlers, 'saveDeck', [id, makeDeck('mine'), opened.result.revision])) as { result: SaveConflict };
      expect(stale.result.conflict).toBe(true);
      expect(stale.result.theirs?.slides[0].title).toBe('A theirs');
      expect(JSON.parse(await fs.readFile(file, 'utf8')).slides[0].title).toBe('A theirs');
    } finally {
      services.stopWatching();
      await services.flush();
    }
  });
});
