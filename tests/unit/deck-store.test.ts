import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Deck } from '../../src-shared/deck-schema';
import { createDeckStore, sanitizeDeckFileName } from '../../src-main/core/deck-store';
import type { DeckStore } from '../../src-main/core/contracts';

/** Simulated write failures (the tests run as root, so chmod cannot make a folder read-only). */
const failWrites = vi.hoisted(() => ({ under: '', code: '' }));
vi.mock('../../src-main/core/atomic-file', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src-main/core/atomic-file')>();
  return {
    ...real,
    writeAtomic: async (file: string, ...rest: Parameters<typeof real.writeAtomic> extends [string, ...infer R] ? R : never) => {
      if (failWrites.under && file.startsWith(failWrites.under)) throw Object.assign(new Error(`${failWrites.code}: simulated`), { code: failWrites.code });
      return real.writeAtomic(file, ...rest);
    },
  };
});

/** A small valid deck; `version` lands in the notes so versions are told apart on disk. */
function makeDeck(version = 0, slides = 3): Deck {
  return {
    format: 'briefing-deck',
    version: 1,
    meta: { title: 'Test briefing', date: '2026-01-15' },
    sources: [{ id: 'src1', title: 'A source' }],
    slides: Array.from({ length: slides }, (_, i) => ({
      id: `s${i + 1}`,
      layout: 'bullets' as const,
      title: `Slide ${i + 1}`,
      bullets: ['one', 'two'],
      notes: `notes v${version} slide ${i + 1}`,
      sources: ['src1'],
    })),
  };
}
const deckText = (deck: unknown): string => `${JSON.stringify(deck, null, 2)}\n`;

let root: string;
let bundledDir: string;
let decksDir: string;
let defaultDeckPath: string;
let store: DeckStore;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'deck-store-'));
  bundledDir = path.join(root, 'app', 'assets', 'decks');
  decksDir = path.join(root, 'user', 'Briefing Desk');
  await fs.mkdir(bundledDir, { recursive: true });
  defaultDeckPath = path.join(bundledDir, 'central-asia-mining.briefing.json');
  await fs.writeFile(defaultDeckPath, deckText(makeDeck(0)));
  store = createDeckStore({ bundledDir, decksDir, defaultDeckPath });
});

afterEach(async () => {
  failWrites.under = '';
  await store.flush();
  await fs.rm(root, { recursive: true, force: true });
});

/** Writes a deck file in the user's folder and returns its id in `store`. */
async function userDeck(name: string, content: string | Deck = makeDeck(0)): Promise<{ id: string; file: string }> {
  await fs.mkdir(decksDir, { recursive: true });
  const file = path.join(decksDir, name);
  await fs.writeFile(file, typeof content === 'string' ? content : deckText(content));
  return { id: store.idForPath(file), file };
}

const notesOf = (file: string): string => (JSON.parse(readFileSync(file, 'utf8')) as Deck).slides[0].notes ?? '';

describe('ids and info', () => {
  it('gives the same file the same id in a fresh store (after a restart)', async () => {
    const { id, file } = await userDeck('a.briefing.json');
    const again = createDeckStore({ bundledDir, decksDir, defaultDeckPath });
    expect(again.idForPath(path.join(decksDir, '.', 'a.briefing.json'))).toBe(id);
    expect(again.pathForId(id)).toBe(await fs.realpath(file));
  });

  it('knows only the ids it issued', async () => {
    await userDeck('a.briefing.json');
    expect(store.pathForId('0123456789abcdef')).toBeUndefined();
    expect(() => store.info('0123456789abcdef')).toThrow(/unknown deck/);
    const result = await store.open('0123456789abcdef');
    expect(result.ok).toBe(false);
  });

  it('names the file, its folder, and whether it is bundled', async () => {
    const { id } = await userDeck('mine.briefing.json');
    expect(store.info(id)).toMatchObject({ id, name: 'mine.briefing.json', location: await fs.realpath(decksDir), bundled: false });
    expect(store.info(store.idForPath(defaultDeckPath)).bundled).toBe(true);
  });
});

describe('open', () => {
  it('opens a valid deck', async () => {
    const { id } = await userDeck('a.briefing.json');
    const result = await store.open(id);
    expect(result.ok && result.deck.slides.length).toBe(3);
  });

  it('says "file not found" for a missing file, and offers a .bak left beside it', async () => {
    const file = path.join(decksDir, 'gone.briefing.json');
    const id = store.idForPath(file);
    const result = await store.open(id);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0].message).toBe('file not found');
    expect(result.file).toBe('gone.briefing.json');
    expect(result.backupAvailable).toBe(false);
    await fs.mkdir(decksDir, { recursive: true });
    await fs.writeFile(`${file}.bak`, deckText(makeDeck(1)));
    const again = await store.open(id);
    expect(!again.ok && again.backupAvailable).toBe(true);
  });

  it('refuses a 21 MB file in well under a second without reading it', async () => {
    await fs.mkdir(decksDir, { recursive: true });
    const file = path.join(decksDir, 'huge.briefing.json');
    await fs.writeFile(file, '');
    await fs.truncate(file, 21 * 1024 * 1024); // sparse: costs no disk
    const started = performance.now();
    const result = await store.open(store.idForPath(file));
    const ms = performance.now() - started;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0].message).toMatch(/21\.0 MB, larger than the 20 MB/);
    expect(ms).toBeLessThan(1000);
  });

  it('refuses an array nested a million deep in well under a second', async () => {
    const { id } = await userDeck('deep.briefing.json', `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`);
    const started = performance.now();
    const result = await store.open(id);
    const ms = performance.now() - started;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0].message).toMatch(/nested deeper than/);
    expect(ms).toBeLessThan(1000);
  });

  it('removes temp files a killed save left behind, and nothing else', async () => {
    const { id, file } = await userDeck('a.briefing.json');
    const leftovers = [`${file}.1234567`, `${file}.4294967295`, `${file}.bak.tmp`];
    const keep = [`${file}.bak`, `${file}.corrupt-2026-01-01T00-00-00-000Z`, `${file}.notes`, path.join(decksDir, 'b.briefing.json.1234')];
    for (const f of [...leftovers, ...keep]) await fs.writeFile(f, 'x');
    await store.open(id);
    for (const f of leftovers) expect(existsSync(f), f).toBe(false);
    for (const f of keep) expect(existsSync(f), f).toBe(true);
  });
});

describe('save', () => {
  it('replaces the file atomically and keeps the previous version as .bak', async () => {
    const { id, file } = await userDeck('a.briefing.json');
    const original = readFileSync(file);
    await store.open(id);
    const result = await store.save(id, makeDeck(1));
    expect(result).toMatchObject({ info: { id, bundled: false }, workingCopyCreated: false });
    expect(notesOf(file)).toBe('notes v1 slide 1');
    expect(readFileSync(`${file}.bak`).equals(original)).toBe(true);
    await store.save(id, makeDeck(2));
    expect(notesOf(file)).toBe('notes v2 slide 1');
    expect(notesOf(`${file}.bak`)).toBe('notes v1 slide 1');
    expect(readdirSync(decksDir).sort()).toEqual(['a.briefing.json', 'a.briefing.json.bak']);
  });

  it('keeps fields this version does not know, as 2-space JSON with a final newline', async () => {
    const deck = {
      ...makeDeck(1),
      'x-future': { nested: [1, 'two', { three: true }] },
      meta: { title: 'T', reviewer: 'Ana' },
    } as Deck;
    (deck.slides[0] as Record<string, unknown>).speakerCues = ['pause', 'look up'];
    const { id, file } = await userDeck('a.briefing.json');
    await store.save(id, deck);
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(deckText(deck));
    const reopened = await store.open(id);
    expect(reopened.ok).toBe(true);
    if (!reopened.ok) return;
    const again = reopened.deck as Record<string, unknown>;
    expect(again['x-future']).toEqual({ nested: [1, 'two', { three: true }] });
    expect((again.meta as Record<string, unknown>).reviewer).toBe('Ana');
    expect((reopened.deck.slides[0] as Record<string, unknown>).speakerCues).toEqual(['pause', 'look up']);
  });

  it('refuses an invalid deck, naming the problem, and writes nothing', async () => {
    const { id, file } = await userDeck('a.briefing.json');
    const before = readFileSync(file);
    const bad = makeDeck(1) as unknown as { slides: Array<Record<string, unknown>> };
    bad.slides[1].title = 42;
    await expect(store.save(id, bad as unknown as Deck)).rejects.toThrow(/not valid: slides\[1\]\.title: expected text/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(`${file}.bak`)).toBe(false);
  });

  it('refuses unknown fields nested deeper than the format allows (the file could not be reopened)', async () => {
    const { id } = await userDeck('a.briefing.json');
    let deep: unknown = 'bottom';
    for (let i = 0; i < 40; i++) deep = [deep];
    await expect(store.save(id, { ...makeDeck(1), extra: deep } as Deck)).rejects.toThrow(/nested deeper/);
  });

  it('never writes a bundled deck: the first save makes a working copy, later saves go there too', async () => {
    const bundledBefore = readFileSync(defaultDeckPath);
    const bundledId = store.idForPath(defaultDeckPath);
    const first = await store.save(bundledId, makeDeck(1));
    expect(first.workingCopyCreated).toBe(true);
    expect(first.info).toMatchObject({ name: 'central-asia-mining.briefing.json', location: await fs.realpath(decksDir), bundled: false });
    expect(first.info.id).not.toBe(bundledId);
    const copy = store.pathForId(first.info.id)!;
    expect(notesOf(copy)).toBe('notes v1 slide 1');

    const second = await store.save(bundledId, makeDeck(2));
    expect(second).toMatchObject({ info: { id: first.info.id }, workingCopyCreated: false });
    await store.save(first.info.id, makeDeck(3));
    expect(notesOf(copy)).toBe('notes v3 slide 1');
    expect(readFileSync(defaultDeckPath).equals(bundledBefore)).toBe(true);
    expect(readdirSync(bundledDir)).toEqual(['central-asia-mining.briefing.json']);
  });

  it('gives the working copy a free name when the plain one is taken', async () => {
    await userDeck('central-asia-mining.briefing.json', makeDeck(9));
    const result = await store.save(store.idForPath(defaultDeckPath), makeDeck(1));
    expect(result.info.name).toBe('central-asia-mining-2.briefing.json');
    expect(notesOf(path.join(decksDir, 'central-asia-mining.briefing.json'))).toBe('notes v9 slide 1');
  });

  it('coalesces saves that arrive during a write: the last edit wins, no edit in between is written', async () => {
    const { id, file } = await userDeck('a.briefing.json');
    await store.open(id);
    const seenAtResolve: string[] = [];
    const track = (p: Promise<unknown>) => p.then(() => seenAtResolve.push(notesOf(file)));
    const first = track(store.save(id, makeDeck(1)));
    await new Promise((resolve) => setImmediate(resolve)); // the first write is under way
    const rest = Array.from({ length: 19 }, (_, i) => track(store.save(id, makeDeck(i + 2))));
    await Promise.all([first, ...rest]);
    expect(notesOf(file)).toBe('notes v20 slide 1');
    // Two writes at most (v1 and v20), so the backup is the original or v1, never v2…v19.
    expect(['notes v0 slide 1', 'notes v1 slide 1']).toContain(notesOf(`${file}.bak`));
    // Every caller resolved only once its edit (or a newer one) was on disk.
    expect(seenAtResolve.slice(1).every((n) => n === 'notes v20 slide 1')).toBe(true);
  });

  it('saves a deck in a folder it may not write to as a working copy instead', async () => {
    const readOnly = path.join(root, 'share');
    await fs.mkdir(readOnly);
    const file = path.join(readOnly, 'shared.briefing.json');
    await fs.writeFile(file, deckText(makeDeck(0)));
    const before = readFileSync(file);
    const id = store.idForPath(file);
    Object.assign(failWrites, { under: await fs.realpath(readOnly), code: 'EROFS' });
    const first = await store.save(id, makeDeck(1));
    expect(first).toMatchObject({ workingCopyCreated: true, info: { name: 'shared.briefing.json', location: await fs.realpath(decksDir) } });
    const second = await store.save(id, makeDeck(2));
    expect(second).toMatchObject({ workingCopyCreated: false, info: { id: first.info.id } });
    expect(notesOf(store.pathForId(first.info.id)!)).toBe('notes v2 slide 1');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('says the disk is full, and leaves the file as it was', async () => {
    const { id, file } = await userDeck('a.briefing.json');
    const before = readFileSync(file);
    Object.assign(failWrites, { under: await fs.realpath(decksDir), code: 'ENOSPC' });
    const saves = [store.save(id, makeDeck(1)), store.save(id, makeDeck(2))];
    for (const save of saves) await expect(save).rejects.toThrow(/Not saved: the disk is full\. Use Save As/);
    expect(readFileSync(file).equals(before)).toBe(true);
    failWrites.under = '';
    await store.save(id, makeDeck(3));
    expect(notesOf(file)).toBe('notes v3 slide 1');
  });

  it('flush() waits for pending writes', async () => {
    const { id, file } = await userDeck('a.briefing.json');
    void store.save(id, makeDeck(5));
    await store.flush();
    expect(notesOf(file)).toBe('notes v5 slide 1');
  });
});

describe('a corrupt or invalid deck on disk is never overwritten', () => {
  const cases: Array<[string, string]> = [
    ['corrupt', '{"format": "briefing-deck", "version": 1, "meta": {'],
    ['truncated', deckText(makeDeck(0)).slice(0, 200)],
    ['schema-invalid', deckText({ ...makeDeck(0), version: 7 })],
    ['empty', ''],
  ];
  for (const [kind, content] of cases) {
    it(`${kind}: open reports it, save refuses, the bytes stay the same`, async () => {
      const { id, file } = await userDeck(`${kind}.briefing.json`, content);
      const before = readFileSync(file);
      const result = await store.open(id);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.file).toBe(`${kind}.briefing.json`);
        expect(result.problems.length).toBeGreaterThan(0);
      }
      await expect(store.save(id, makeDeck(1))).rejects.toThrow(/left untouched.*Save As/);
      expect(readFileSync(file).equals(before)).toBe(true);
      expect(readdirSync(decksDir)).toEqual([`${kind}.briefing.json`]);
    });
  }

  it('also when the file went bad after it was opened', async () => {
    const { id, file } = await userDeck('a.briefing.json');
    await store.open(id);
    await fs.writeFile(file, '{ broken');
    await expect(store.save(id, makeDeck(1))).rejects.toThrow(/not a valid deck/);
    expect(readFileSync(file, 'utf8')).toBe('{ broken');
  });

  it('restores from the .bak: the next save replaces the corrupt file, which is kept aside', async () => {
    const { id, file } = await userDeck('a.briefing.json', '{ broken');
    await fs.writeFile(`${file}.bak`, deckText(makeDeck(4)));
    const opened = await store.open(id);
    expect(!opened.ok && opened.backupAvailable).toBe(true);
    const backup = await store.openBackup(id);
    expect(backup.ok && backup.info.id).toBe(id);
    if (!backup.ok) return;
    expect(backup.deck.slides[0].notes).toBe('notes v4 slide 1');
    await store.save(id, backup.deck);
    expect(notesOf(file)).toBe('notes v4 slide 1');
    expect(notesOf(`${file}.bak`)).toBe('notes v4 slide 1'); // the good backup stays
    const aside = readdirSync(decksDir).filter((f) => f.startsWith('a.briefing.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(decksDir, aside[0]), 'utf8')).toBe('{ broken');
  });

  it('reports a bad .bak instead of opening it', async () => {
    const { id, file } = await userDeck('a.briefing.json', '{ broken');
    await fs.writeFile(`${file}.bak`, 'also broken');
    const backup = await store.openBackup(id);
    expect(backup.ok).toBe(false);
    if (!backup.ok) expect(backup.file).toBe('a.briefing.json.bak');
    await expect(store.save(id, makeDeck(1))).rejects.toThrow(/left untouched/);
  });
});

describe('save as, import and new', () => {
  it('sanitises names into safe file names', () => {
    expect(sanitizeDeckFileName('../../etc/passwd')).toBe('etc-passwd.briefing.json');
    expect(sanitizeDeckFileName('..\\..\\win.ini')).toBe('win.ini.briefing.json');
    expect(sanitizeDeckFileName('Q3 review.json')).toBe('Q3 review.briefing.json');
    expect(sanitizeDeckFileName('Q3 review.BRIEFING.JSON')).toBe('Q3 review.briefing.json');
    expect(sanitizeDeckFileName('bell\u0007\u0000tab\t.json')).toBe('belltab.briefing.json');
    expect(sanitizeDeckFileName('evil\u202Egnp.json')).toBe('evilgnp.briefing.json');
    expect(sanitizeDeckFileName('CON')).toBe('_CON.briefing.json');
    expect(sanitizeDeckFileName('...')).toBe('untitled-briefing.briefing.json');
    expect(sanitizeDeckFileName('')).toBe('untitled-briefing.briefing.json');
    const long = sanitizeDeckFileName('x'.repeat(500));
    expect(long.length).toBe(100);
    expect(long.endsWith('.briefing.json')).toBe(true);
    const wide = sanitizeDeckFileName('報告'.repeat(100));
    expect(Buffer.byteLength(wide)).toBeLessThanOrEqual(200);
  });

  it('Save As with a name stays inside the decks folder and never overwrites another deck', async () => {
    const { id, file } = await userDeck('a.briefing.json');
    const first = await store.saveAs(id, makeDeck(1), '../../etc/passwd');
    expect(first.info).toMatchObject({ name: 'etc-passwd.briefing.json', location: await fs.realpath(decksDir) });
    const second = await store.saveAs(id, makeDeck(2), '../../etc/passwd');
    expect(second.info.name).toBe('etc-passwd-2.briefing.json');
    expect(notesOf(path.join(decksDir, 'etc-passwd.briefing.json'))).toBe('notes v1 slide 1');
    expect(notesOf(file)).toBe('notes v0 slide 1');
    expect(readdirSync(root).sort()).toEqual(['app', 'user']);
  });

  it('Save As to a path from a dialog checks the path', async () => {
    const { id } = await userDeck('a.briefing.json');
    await expect(store.saveAs(id, makeDeck(1), 'x', 'relative/x.briefing.json')).rejects.toThrow(/full path/);
    await expect(store.saveAs(id, makeDeck(1), 'x', path.join(root, 'x.txt'))).rejects.toThrow(/\.json/);
    await expect(store.saveAs(id, makeDeck(1), 'x', path.join(bundledDir, 'x.briefing.json'))).rejects.toThrow(/read-only/);
    const target = path.join(root, 'elsewhere', 'picked.json');
    const result = await store.saveAs(id, makeDeck(1), 'ignored', target);
    expect(result.info.name).toBe('picked.json');
    expect(notesOf(target)).toBe('notes v1 slide 1');
  });

  it('imports valid text under a safe, unique name', async () => {
    const text = deckText(makeDeck(7));
    const a = await store.importText('../../dropped.json', text);
    const b = await store.importText('dropped.json', text);
    expect(a.ok && a.info.name).toBe('dropped.briefing.json');
    expect(b.ok && b.info.name).toBe('dropped-2.briefing.json');
    expect(readFileSync(path.join(decksDir, 'dropped.briefing.json'), 'utf8')).toBe(text);
    expect(readdirSync(root).sort()).toEqual(['app', 'user']);
  });

  it('writes nothing for invalid text and names the file in the problems', async () => {
    const result = await store.importText('notes.json', '{"format":"briefing-deck"}');
    expect(result).toMatchObject({ ok: false, info: null, file: 'notes.json', backupAvailable: false });
    expect(existsSync(decksDir) ? readdirSync(decksDir) : []).toEqual([]);
  });

  it('New from default makes an editable copy and leaves the bundled deck alone', async () => {
    const before = readFileSync(defaultDeckPath);
    const a = await store.newFromDefault();
    const b = await store.newFromDefault();
    expect(a.ok && a.info).toMatchObject({ name: 'untitled-briefing.briefing.json', bundled: false });
    expect(b.ok && b.info.name).toBe('untitled-briefing-2.briefing.json');
    if (!a.ok) return;
    await store.save(a.info.id, makeDeck(3));
    expect(notesOf(store.pathForId(a.info.id)!)).toBe('notes v3 slide 1');
    expect(readFileSync(defaultDeckPath).equals(before)).toBe(true);
  });
});
