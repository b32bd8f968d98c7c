/**
 * A save on a full disk: never "saved" for a short write, and the deck and its .bak
 * stay exactly as they were. Once on a real 200 KB tmpfs (where permitted), once with
 * a test double at the fs layer that makes short writes and ENOSPC.
 */
import { readdirSync, readFileSync, statfsSync, writeFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeAll, writeAtomic } from '../../src-main/core/atomic-file';
import { createDeckStore } from '../../src-main/core/deck-store';
import type { Deck } from '../../src-shared/deck-schema';
import { mountTmpfs, type Mounted } from '../helpers/tmpfs';

function makeDeck(notes: string, slides = 3): Deck {
  return {
    format: 'briefing-deck',
    version: 1,
    meta: { title: 'Disk full', date: '2026-01-15' },
    sources: [],
    slides: Array.from({ length: slides }, (_, i) => ({
      id: `s${i + 1}`,
      layout: 'bullets' as const,
      title: `Slide ${i + 1}`,
      bullets: ['one'],
      notes,
    })),
  };
}
const deckText = (deck: Deck): string => `${JSON.stringify(deck, null, 2)}\n`;

describe('on a real 200 KB tmpfs with 8 KB free', () => {
  let mount: Mounted;
  beforeAll(() => {
    mount = mountTmpfs('200k', { prefix: 'disk-full-' });
    if (!mount.ok) console.warn(`disk-full tmpfs tests skipped: ${mount.reason}`);
  });
  afterAll(() => {
    if (mount?.ok) mount.unmount();
  });

  it('refuses the save with "the disk is full"; deck, .bak and folder are untouched; it saves once space is freed', async (ctx) => {
    if (!mount.ok) return ctx.skip(mount.reason);
    const root = mount.dir;
    const bundledDir = path.join(root, 'bundled');
    const decksDir = path.join(root, 'decks');
    await fs.mkdir(bundledDir);
    await fs.mkdir(decksDir);
    const file = path.join(decksDir, 'talk.briefing.json');
    await fs.writeFile(file, deckText(makeDeck('first')));
    const store = createDeckStore({ bundledDir, decksDir, defaultDeckPath: path.join(bundledDir, 'x.briefing.json') });
    const id = store.idForPath(file);
    expect((await store.open(id)).ok).toBe(true);
    await store.save(id, makeDeck('second')); // now talk.briefing.json = second, .bak = first
    const deckBefore = readFileSync(file);
    const bakBefore = readFileSync(`${file}.bak`);
    const namesBefore = readdirSync(decksDir).sort();

    // Leave 8 KB free, then save a deck of ~40 KB: write() takes 8 KB and returns a short count.
    const st = statfsSync(root);
    const filler = path.join(root, 'filler');
    writeFileSync(filler, Buffer.alloc(st.bavail * st.bsize - 8192, 0x61));
    const big = makeDeck('x'.repeat(13_000));
    expect(deckText(big).length).toBeGreaterThan(30_000);

    const failed = await store.save(id, big).then(
      () => null,
      (err: unknown) => err as NodeJS.ErrnoException,
    );
    expect(failed?.message).toMatch(/^Not saved: the disk is full\./);
    expect(failed?.code).toBe('ENOSPC');
    expect(readFileSync(file).equals(deckBefore)).toBe(true);
    expect(readFileSync(`${file}.bak`).equals(bakBefore)).toBe(true);
    expect(readdirSync(decksDir).sort()).toEqual(namesBefore); // the temp file is gone

    // The same save succeeds once there is room, and the .bak then holds the version before it.
    await fs.rm(filler);
    await store.save(id, big);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(big);
    expect(readFileSync(`${file}.bak`).equals(deckBefore)).toBe(true);
    await store.flush();
  });
});

describe('with a test double at the fs layer', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'disk-double-'));
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** Wraps every FileHandle that fs.open returns so its write() misbehaves as `write` says. */
  function doubleWrites(
    write: (real: fs.FileHandle, data: Uint8Array, offset: number, length: number, position: number) => Promise<{ bytesWritten: number }>,
  ): void {
    const realOpen = fs.open.bind(fs);
    vi.spyOn(fs, 'open').mockImplementation(async (...args: Parameters<typeof fs.open>) => {
      const handle = await realOpen(...args);
      return new Proxy(handle, {
        get(target, prop) {
          if (prop === 'write')
            return (data: Uint8Array, offset: number, length: number, position: number) => write(target, data, offset, length, position);
          const value = Reflect.get(target, prop, target) as unknown;
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
    });
  }

  it('short writes of 100 bytes at a time still write the whole file', async () => {
    doubleWrites((real, data, offset, length, position) => real.write(data, offset, Math.min(100, length), position));
    const file = path.join(dir, 'short.json');
    const text = 'é'.repeat(5000);
    await writeAtomic(file, text);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('ENOSPC after the first 4 KB: the old file and its .bak stay, the temp file is removed', async () => {
    const file = path.join(dir, 'enospc.json');
    writeFileSync(file, 'old');
    writeFileSync(`${file}.bak`, 'older');
    doubleWrites(async (real, data, offset, length, position) => {
      if (position >= 4096) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return real.write(data, offset, Math.min(length, 4096 - position), position);
    });
    await expect(writeAtomic(file, 'n'.repeat(10_000), { keepBackup: true })).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe('older');
    expect(readdirSync(dir).filter((n) => n.startsWith('enospc.json'))).toEqual(['enospc.json', 'enospc.json.bak']);
  });

  it('a write that claims more than it wrote is caught by the size check before the rename (EIO)', async () => {
    const file = path.join(dir, 'liar.json');
    writeFileSync(file, 'old');
    doubleWrites(async (real, data, offset, length, position) => {
      await real.write(data, offset, Math.min(length, 10), position);
      return { bytesWritten: length };
    });
    await expect(writeAtomic(file, 'x'.repeat(1000), { keepBackup: true })).rejects.toMatchObject({ code: 'EIO' });
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir).filter((n) => n.startsWith('liar.json'))).toEqual(['liar.json']);
  });

  it('a write that makes no progress is a full disk, not an endless loop', async () => {
    await expect(writeAll({ write: async () => ({ bytesWritten: 0, buffer: new Uint8Array() }) } as never, new Uint8Array(10))).rejects.toMatchObject(
      { code: 'ENOSPC' },
    );
  });

  it('the deck store says "the disk is full" and keeps the deck and .bak when the fs reports ENOSPC', async () => {
    const bundledDir = path.join(dir, 'bundled');
    const decksDir = path.join(dir, 'decks');
    await fs.mkdir(decksDir, { recursive: true });
    const file = path.join(decksDir, 'd.briefing.json');
    writeFileSync(file, deckText(makeDeck('one')));
    const store = createDeckStore({ bundledDir, decksDir, defaultDeckPath: path.join(bundledDir, 'x.json') });
    const id = store.idForPath(file);
    await store.open(id);
    await store.save(id, makeDeck('two'));
    const deckBefore = readFileSync(file);
    const bakBefore = readFileSync(`${file}.bak`);
    doubleWrites(async () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    await expect(store.save(id, makeDeck('three'))).rejects.toThrow(/^Not saved: the disk is full\. Use Save As…/);
    expect(readFileSync(file).equals(deckBefore)).toBe(true);
    expect(readFileSync(`${file}.bak`).equals(bakBefore)).toBe(true);
    vi.restoreAllMocks();
    await store.save(id, makeDeck('three'));
    expect((JSON.parse(readFileSync(file, 'utf8')) as Deck).slides[0].notes).toBe('three');
  });
});
