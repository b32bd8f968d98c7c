import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppStateStore, defaultAppState, STATE_WRITE_DELAY_MS } from '../../src-main/core/app-state';

let dir: string;
let statePath: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'app-state-'));
  statePath = path.join(dir, 'config', 'state.json');
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const deckPath = (n: number): string => path.join(dir, 'decks', `deck-${n}.briefing.json`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('app state', () => {
  it('starts from defaults when there is no file', async () => {
    const store = await createAppStateStore(statePath);
    expect(store.get()).toEqual({ recent: [], lastSlide: {}, exportOptions: {}, prefs: { notesFontSize: 28 }, windows: {}, swapDisplays: false });
  });

  it('survives a restart', async () => {
    const store = await createAppStateStore(statePath);
    store.update((s) => {
      s.recent = [deckPath(1), deckPath(2)];
      s.lastSlide[deckPath(1)] = 7;
      s.prefs.notesFontSize = 40;
      s.windows.presenter = { x: 10, y: 20, width: 1280, height: 800, maximized: false, displayId: 2 };
      s.swapDisplays = true;
    });
    await store.flush();
    const reloaded = await createAppStateStore(statePath);
    expect(reloaded.get()).toEqual(store.get());
    expect(reloaded.get().lastSlide[deckPath(1)]).toBe(7);
  });

  it('batches a burst of changes into one write, made 150 ms later', async () => {
    const store = await createAppStateStore(statePath);
    for (let i = 0; i < 20; i++) store.update((s) => void (s.lastSlide[deckPath(1)] = i));
    expect(existsSync(statePath)).toBe(false); // not written on every change
    await sleep(STATE_WRITE_DELAY_MS + 300);
    expect(JSON.parse(readFileSync(statePath, 'utf8')).lastSlide[deckPath(1)]).toBe(19);
    expect(readdirSync(path.dirname(statePath))).toEqual(['state.json']); // no temp files, no backup yet
    store.update((s) => void (s.swapDisplays = true));
    await store.flush();
    expect(readdirSync(path.dirname(statePath)).sort()).toEqual(['state.json', 'state.json.bak']);
  });

  it('keeps at most 10 recent decks, newest first, without duplicates', async () => {
    const store = await createAppStateStore(statePath);
    for (let i = 0; i < 15; i++) store.update((s) => void (s.recent = [deckPath(i), ...s.recent, deckPath(i)]));
    expect(store.get().recent).toEqual(Array.from({ length: 10 }, (_, i) => deckPath(14 - i)));
  });

  it('hands out copies: changing what get() returns changes nothing', async () => {
    const store = await createAppStateStore(statePath);
    store.get().recent.push(deckPath(1));
    expect(store.get().recent).toEqual([]);
  });

  it('drops junk it loads and keeps what is well-formed', async () => {
    await fs.mkdir(path.dirname(statePath), { recursive: true });
    const junk = {
      recent: [deckPath(1), 42, 'relative/path.json', deckPath(1), null, deckPath(2), ...Array.from({ length: 20 }, (_, i) => deckPath(i + 10))],
      lastSlide: { [deckPath(1)]: 3, [deckPath(2)]: -1, [deckPath(3)]: 2.5, 'not/absolute': 1, [deckPath(4)]: '5' },
      prefs: { notesFontSize: 'huge', theme: 'dark' },
      windows: { audience: { width: 'wide', height: 600 }, presenter: { x: 'left', y: 0, width: 1000, height: 700, maximized: 'yes' } },
      swapDisplays: 'yes',
      somethingElse: { a: 1 },
    };
    await fs.writeFile(statePath, JSON.stringify(junk));
    const state = (await createAppStateStore(statePath)).get();
    expect(state.recent).toHaveLength(10);
    expect(state.recent.slice(0, 3)).toEqual([deckPath(1), deckPath(2), deckPath(10)]);
    expect(state.lastSlide).toEqual({ [deckPath(1)]: 3 });
    expect(state.prefs).toEqual({ notesFontSize: 28 });
    expect(state.windows).toEqual({ presenter: { width: 1000, height: 700 } });
    expect(state.swapDisplays).toBe(false);
    expect(Object.keys(state).sort()).toEqual(Object.keys(defaultAppState()).sort());
    expect(readdirSync(path.dirname(statePath))).toEqual(['state.json']); // junk inside valid JSON is not "corrupt"
  });

  it('a change that puts junk in is cleaned before it is kept', async () => {
    const store = await createAppStateStore(statePath);
    store.update((s) => {
      s.prefs.notesFontSize = Number.NaN;
      (s.recent as unknown[]).push(7, deckPath(1));
    });
    expect(store.get().prefs.notesFontSize).toBe(28);
    expect(store.get().recent).toEqual([deckPath(1)]);
  });

  for (const [kind, content] of [
    ['not JSON', '{"recent": ['],
    ['a JSON array', '[1, 2, 3]'],
    ['binary', '\u0000\u0001\u0002'],
  ] as const) {
    it(`a corrupt state file (${kind}) gives defaults and is kept aside, not lost`, async () => {
      await fs.mkdir(path.dirname(statePath), { recursive: true });
      await fs.writeFile(statePath, content);
      const store = await createAppStateStore(statePath);
      expect(store.get()).toEqual(defaultAppState());
      const aside = readdirSync(path.dirname(statePath)).filter((f) => /^state\.json\.corrupt-\d{4}-\d\d-\d\dT[\d-]+Z$/.test(f));
      expect(aside).toHaveLength(1);
      expect(readFileSync(path.join(path.dirname(statePath), aside[0]), 'utf8')).toBe(content);
      store.update((s) => void (s.swapDisplays = true));
      await store.flush();
      expect((await createAppStateStore(statePath)).get().swapDisplays).toBe(true);
    });
  }

  it('falls back to the .bak when the state file is corrupt', async () => {
    const store = await createAppStateStore(statePath);
    store.update((s) => void (s.recent = [deckPath(1)]));
    await store.flush();
    store.update((s) => void (s.recent = [deckPath(2)]));
    await store.flush();
    await fs.writeFile(statePath, '{ broken');
    expect((await createAppStateStore(statePath)).get().recent).toEqual([deckPath(1)]);
  });
});
