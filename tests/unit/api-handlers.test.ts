/**
 * The API both transports share: every argument is checked in main, errors come back
 * in the envelope, and paths never cross from the renderer.
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeckOpenResult, SaveResult } from '../../src-shared/api';
import { callApi, isApiMethod, methodForChannel } from '../../src-main/core/api-handlers';
import { expectDeck, expectExportOptions, expectFileName, expectId, expectPrefs, expectSlideIndex } from '../../src-main/core/api-args';
import { defaultDeckPath } from '../../src-main/core/paths';
import { createServices, type Services } from '../../src-main/core/services';

let dir: string;
let services: Services;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'briefing-api-'));
  services = await createServices({
    transport: 'http',
    decksDir: path.join(dir, 'decks'),
    statePath: path.join(dir, 'state.json'),
    exportsDir: path.join(dir, 'exports'),
  });
});

afterEach(async () => {
  await services.flush();
  await rm(dir, { recursive: true, force: true });
});

const call = async <T>(method: string, ...args: unknown[]): Promise<T> => {
  const envelope = await callApi(services.handlers, method, args);
  if ('error' in envelope) throw new Error(envelope.error);
  return envelope.result as T;
};

describe('argument guards', () => {
  it('accept ids main issues and refuse anything path-like', () => {
    expect(expectId('a1b2c3d4e5f60718')).toBe('a1b2c3d4e5f60718');
    for (const bad of ['', '../x', 'a/b', 'a b', 'x'.repeat(65), 42, null, {}]) expect(() => expectId(bad)).toThrow(/invalid id/);
  });

  it('accept file names and refuse paths, control characters and dot names', () => {
    expect(expectFileName('My briefing')).toBe('My briefing');
    for (const bad of ['../../etc/passwd', 'a\\b', '/abs', 'tab\tname', '.', '..', '', '   ', 'x'.repeat(201), 7]) {
      expect(() => expectFileName(bad)).toThrow();
    }
  });

  it('accept only valid decks, naming the first problems', () => {
    expect(() => expectDeck({ format: 'briefing-deck', version: 1, meta: {}, slides: [] })).toThrow(/meta\.title/);
    expect(() => expectDeck('a string')).toThrow(/not valid/);
  });

  it('accept slide indexes, preferences and export options within bounds', () => {
    expect(expectSlideIndex(3)).toBe(3);
    for (const bad of [-1, 1.5, Number.NaN, '3', 1e9]) expect(() => expectSlideIndex(bad)).toThrow();
    expect(expectPrefs({ notesFontSize: 30.4 })).toEqual({ notesFontSize: 30 });
    expect(() => expectPrefs({ notesFontSize: 5 })).toThrow(/10–96/);
    expect(() => expectPrefs({ theme: 'dark' })).toThrow(/unknown preference/);
    expect(() => expectPrefs([])).toThrow();
    expect(expectExportOptions({ layout: 'notes', notes: 'talking-points' })).toEqual({ layout: 'notes', notes: 'talking-points', annex: true });
    expect(() => expectExportOptions({ layout: 'poster', notes: 'none' })).toThrow(/layout must be one of/);
    expect(() => expectExportOptions({ layout: 'slides', notes: 'all' })).toThrow(/notes must be one of/);
  });
});

describe('callApi', () => {
  it('knows only its own methods, whatever the name looks like', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'nope', 42]) {
      expect(isApiMethod(name)).toBe(false);
      expect(await callApi(services.handlers, name, [])).toEqual({ error: 'unknown API method' });
    }
    expect(methodForChannel('deck:save')).toBe('saveDeck');
    expect(methodForChannel('deck:nope')).toBeUndefined();
  });

  it('refuses arguments that are not a short list', async () => {
    expect(await callApi(services.handlers, 'startupDeck', 'x')).toEqual({ error: 'invalid arguments' });
    expect(await callApi(services.handlers, 'startupDeck', [1, 2, 3, 4, 5])).toEqual({ error: 'invalid arguments' });
  });

  it('opens the default briefing first, and refuses ids it never issued', async () => {
    const opened = await call<DeckOpenResult>('startupDeck');
    expect(opened.ok).toBe(true);
    await expect(call('openDeck', '0123456789abcdef')).rejects.toThrow(/unknown deck/);
    await expect(call('saveDeck', '0123456789abcdef', {})).rejects.toThrow(/unknown deck/);
  });

  it('saves an edit of the bundled deck to a working copy and never writes the bundled file', async () => {
    const bundled = await readFile(defaultDeckPath(), 'utf8');
    const opened = await call<DeckOpenResult>('startupDeck');
    if (!opened.ok) throw new Error('default deck did not open');
    opened.deck.slides[2].notes = 'Edited in a test.';
    const saved = await call<SaveResult>('saveDeck', opened.info.id, opened.deck, opened.revision);
    expect(saved.workingCopyCreated).toBe(true);
    expect(saved.info.id).not.toBe(opened.info.id);
    expect(saved.info.bundled).toBe(false);
    const copies = await readdir(path.join(dir, 'decks'));
    expect(copies).toContain('central-asia-mining.briefing.json');
    expect(await readFile(defaultDeckPath(), 'utf8')).toBe(bundled);
    // The next start opens the working copy, at the slide last shown.
    await call('setLastSlide', saved.info.id, 2);
    const again = await call<DeckOpenResult>('startupDeck');
    expect(again.ok && again.info.id).toBe(saved.info.id);
    expect(again.ok && again.lastSlide).toBe(2);
  });

  it('refuses to save an invalid deck, naming the problem path', async () => {
    const opened = await call<DeckOpenResult>('startupDeck');
    if (!opened.ok) throw new Error('default deck did not open');
    const broken = structuredClone(opened.deck) as unknown as { slides: Array<{ chart?: { series: Array<{ values: unknown[] }> } }> };
    const chartSlide = broken.slides.findIndex((s) => s.chart);
    broken.slides[chartSlide].chart!.series[0].values[0] = 'lots';
    await expect(call('saveDeck', opened.info.id, broken)).rejects.toThrow(new RegExp(`slides\\[${chartSlide}\\]\\.chart\\.series\\[0\\]\\.values\\[0\\]`));
  });

  it('imports a dropped deck by its text, and reports a bad one without writing it', async () => {
    const text = await readFile(defaultDeckPath(), 'utf8');
    const ok = await call<DeckOpenResult>('importDeck', 'from-a-colleague.briefing.json', text);
    expect(ok.ok).toBe(true);
    const bad = await call<DeckOpenResult>('importDeck', 'broken.briefing.json', '{"format": "briefing-deck"');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.file).toBe('broken.briefing.json');
    expect(await readdir(path.join(dir, 'decks'))).toEqual(['from-a-colleague.briefing.json']);
    await expect(call('importDeck', '../x.json', text)).rejects.toThrow(/file name cannot contain/);
  });

  it('has no native shell in browser mode: no dialog, no revealing files', async () => {
    expect(await call('openDeckDialog')).toBeNull();
    await expect(call('revealExport', 'job1', 'open')).rejects.toThrow(/has not finished|only available/);
  });

  it('stores preferences within bounds', async () => {
    expect(await call('setPrefs', { notesFontSize: 40 })).toEqual({ notesFontSize: 40 });
    await expect(call('setPrefs', { notesFontSize: 400 })).rejects.toThrow();
    const snapshot = await call<{ prefs: { notesFontSize: number } }>('appSnapshot');
    expect(snapshot.prefs.notesFontSize).toBe(40);
  });
});

describe('export file names', () => {
  it('the Electron save dialog proposes a name with the layout and notes kind, and the job writes where the user chose', async () => {
    const proposed: string[] = [];
    const chosen = path.join(dir, 'chosen by the user.pdf');
    const started: { out: string; exclusive: boolean }[] = [];
    const electron = await createServices({
      transport: 'electron',
      decksDir: path.join(dir, 'e-decks'),
      statePath: path.join(dir, 'e-state.json'),
      exportsDir: path.join(dir, 'e-exports'),
      shell: {
        showOpenDeckDialog: async () => null,
        showSaveDeckDialog: async () => null,
        showSavePdfDialog: async (name) => (proposed.push(name), chosen),
        openPath: async () => undefined,
        showItemInFolder: () => undefined,
      },
    });
    // Record where the job would write, without running an export.
    electron.context.exports.start = (_deck, _opts, out, write) => (started.push({ out, exclusive: write?.exclusive === true }), 'job-1');
    const open = (await callApi(electron.handlers, 'startupDeck', [])) as { result: Extract<DeckOpenResult, { ok: true }> };
    for (const notes of ['talking-points', 'handout', 'none'] as const) {
      await callApi(electron.handlers, 'startExport', [open.result.info.id, open.result.deck, { layout: 'handout', notes, annex: true }]);
    }
    expect(proposed).toEqual(['central-asia-mining-handout-talking-points.pdf', 'central-asia-mining-handout-summary.pdf', 'central-asia-mining-handout-no-notes.pdf']);
    expect(started).toEqual(Array.from({ length: 3 }, () => ({ out: chosen, exclusive: false })));
    await electron.flush();
  });
});

describe('the startup deck read ahead', () => {
  const setup = async (deckFile: string) =>
    createServices({
      transport: 'http',
      decksDir: path.join(dir, 'ahead-decks'),
      statePath: path.join(dir, 'ahead-state.json'),
      exportsDir: path.join(dir, 'ahead-exports'),
      startupPath: deckFile,
      prefetchStartupDeck: true,
    });
  const titleOf = async (s: Services) => {
    const envelope = await callApi(s.handlers, 'startupDeck', []);
    if ('error' in envelope) throw new Error(envelope.error);
    const result = envelope.result as DeckOpenResult;
    if (!result.ok) throw new Error(result.problems[0].message);
    return result.deck.meta.title;
  };
  const deckText = async (title: string) => {
    const deck = JSON.parse(await readFile(defaultDeckPath(), 'utf8')) as { meta: { title: string } };
    deck.meta.title = title;
    return JSON.stringify(deck);
  };

  it('is read before a window asks, and served as it was read when the file is unchanged', async () => {
    const file = path.join(dir, 'ahead.briefing.json');
    await writeFile(file, await deckText('Read ahead'));
    const ahead = await setup(file);
    // Opens from here on are counted: the window's request must need none.
    const store = ahead.context.store;
    const open = store.open.bind(store);
    let opens = 0;
    store.open = (id) => (opens++, open(id));
    expect(await titleOf(ahead)).toBe('Read ahead');
    expect(opens).toBe(0);
    // A reload reads the file again.
    expect(await titleOf(ahead)).toBe('Read ahead');
    expect(opens).toBe(1);
    await ahead.flush();
  });

  it('is read again when the file changed after it was read ahead', async () => {
    const file = path.join(dir, 'changed.briefing.json');
    await writeFile(file, await deckText('Before'));
    const ahead = await setup(file);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await writeFile(file, await deckText('After, a longer title'));
    expect(await titleOf(ahead)).toBe('After, a longer title');
    // The second window reads the file as it is now, too.
    expect(await titleOf(ahead)).toBe('After, a longer title');
    await ahead.flush();
  });

  it('is not used when another deck was handed to the app before the first window asked', async () => {
    const first = path.join(dir, 'first.briefing.json');
    const second = path.join(dir, 'second.briefing.json');
    await writeFile(first, await deckText('Named at start'));
    await writeFile(second, await deckText('Opened with the app running'));
    const ahead = await setup(first);
    await new Promise((resolve) => setTimeout(resolve, 200));
    ahead.context.startupPath = second; // what Electron's main does for open-file / a second instance
    expect(await titleOf(ahead)).toBe('Opened with the app running');
    await ahead.flush();
  });
});
