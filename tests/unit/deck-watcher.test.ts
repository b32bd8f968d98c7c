/**
 * The watcher with real files: another process writing the deck is reported; the
 * store's own save is not. The long poll answers when the file differs from the
 * client's revision and otherwise after its timeout.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Deck } from '../../src-shared/deck-schema';
import type { DeckStore } from '../../src-main/core/contracts';
import { createDeckStore, revisionOf } from '../../src-main/core/deck-store';
import { createDeckPoller, createDeckWatcher, type DeckWatcher } from '../../src-main/core/deck-watcher';

const run = promisify(execFile);
const deck = (title: string): Deck => ({ format: 'briefing-deck', version: 1, meta: { title }, slides: [{ id: 'a', layout: 'title', title }] });
const text = (d: Deck) => `${JSON.stringify(d, null, 2)}\n`;

let root: string;
let file: string;
let store: DeckStore;
let watcher: DeckWatcher;

/** Resolves with the events seen once `ms` have passed with none more coming. */
function collect(listen: (cb: (r: string | null) => void) => () => void, untilCount: number, maxMs: number): Promise<Array<string | null>> {
  return new Promise((resolve) => {
    const seen: Array<string | null> = [];
    let stop = () => {};
    const done = () => {
      clearTimeout(timer);
      stop();
      resolve(seen);
    };
    const timer = setTimeout(done, maxMs);
    stop = listen((r) => {
      seen.push(r);
      if (seen.length >= untilCount) done();
    });
  });
}

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'deck-watch-'));
  file = path.join(root, 'w.briefing.json');
  await fs.writeFile(file, text(deck('v0')));
  store = createDeckStore({ bundledDir: path.join(root, 'bundled'), decksDir: path.join(root, 'decks'), defaultDeckPath: file });
  watcher = createDeckWatcher({ store, settleMs: 30, idleMs: 50 });
});
afterEach(async () => {
  watcher.close();
  await store.flush();
  await fs.rm(root, { recursive: true, force: true });
});

describe('deck watcher', () => {
  it('reports a write by another process, with the new revision', async () => {
    const opened = await store.open(store.idForPath(file));
    expect(opened.ok).toBe(true);
    const events = collect((cb) => watcher.watch(file, cb), 1, 10_000);
    await new Promise((r) => setTimeout(r, 100));
    const theirs = text(deck('from another process'));
    await run(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(file)}, ${JSON.stringify(theirs)})`]);
    expect(await events).toEqual([revisionOf(theirs)]);
  });

  it('does not report the store’s own save', async () => {
    const opened = await store.open(store.idForPath(file));
    if (!opened.ok) throw new Error('did not open');
    const events = collect((cb) => watcher.watch(file, cb), 1, 1500);
    await new Promise((r) => setTimeout(r, 100));
    await store.save(opened.info.id, deck('our own save'), opened.revision);
    expect(await events).toEqual([]);
  });

  it('stops watching a file nobody listens to', async () => {
    const stop = watcher.watch(file, () => {});
    expect(watcher.watching()).toEqual([file]);
    stop();
    await new Promise((r) => setTimeout(r, 150));
    expect(watcher.watching()).toEqual([]);
  });
});

describe('watchDeck long poll', () => {
  it('answers at once when the file differs from the client’s revision', async () => {
    const opened = await store.open(store.idForPath(file));
    if (!opened.ok) throw new Error('did not open');
    const poller = createDeckPoller({ store, watcher, timeoutMs: 5000 });
    const change = await poller.wait(opened.info.id, file, 'ffffffffffffffffffff');
    expect(change).toMatchObject({ revision: opened.revision, deck: { meta: { title: 'v0' } } });
  });

  it('answers when another process writes, and null after the timeout when nothing changes', async () => {
    const opened = await store.open(store.idForPath(file));
    if (!opened.ok) throw new Error('did not open');
    const poller = createDeckPoller({ store, watcher, timeoutMs: 300 });
    expect(await poller.wait(opened.info.id, file, opened.revision)).toBeNull();
    const waiting = createDeckPoller({ store, watcher, timeoutMs: 10_000 }).wait(opened.info.id, file, opened.revision);
    await new Promise((r) => setTimeout(r, 100));
    await fs.writeFile(file, text(deck('edited elsewhere')));
    expect(await waiting).toMatchObject({ deck: { meta: { title: 'edited elsewhere' } } });
  });

  it('another client’s save through the store wakes the poll (case 3)', async () => {
    const opened = await store.open(store.idForPath(file));
    if (!opened.ok) throw new Error('did not open');
    const waiting = createDeckPoller({ store, watcher, timeoutMs: 10_000 }).wait(opened.info.id, file, opened.revision);
    await store.save(opened.info.id, deck('saved by the other profile'), opened.revision);
    expect(await waiting).toMatchObject({ deck: { meta: { title: 'saved by the other profile' } } });
  });

  it('close() answers waiting polls with null at once (shutdown)', async () => {
    const opened = await store.open(store.idForPath(file));
    if (!opened.ok) throw new Error('did not open');
    const poller = createDeckPoller({ store, watcher, timeoutMs: 60_000 });
    const waiting = poller.wait(opened.info.id, file, opened.revision);
    await new Promise((r) => setTimeout(r, 50));
    poller.close();
    expect(await waiting).toBeNull();
  });
});
