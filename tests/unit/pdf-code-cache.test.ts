/**
 * The V8 code cache the export loads pdfmake's bundle with (code-cache.ts): written after
 * a run without one, used by the next, and never more than an optimisation: a damaged
 * cache or one of an earlier build is ignored and replaced, and a packaged app keeps none.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requireWithCodeCache, saveCodeCaches } from '../../src-main/core/pdf/code-cache';
import { tempDir } from './pdf-tools';

let work: ReturnType<typeof tempDir>;

beforeEach(() => {
  work = tempDir('briefing-code-cache-');
});
afterEach(() => work.cleanup());

/** A small CommonJS bundle that uses require, module and __dirname as a real one does. */
function writeBundle(dir: string, answer: number): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'engine.cjs');
  writeFileSync(
    file,
    `const path = require('node:path');\nfunction work(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }\n` +
      `module.exports = { answer: ${answer}, dir: path.basename(__dirname), sum: work(10), self: typeof exports === 'object' && exports === module.exports };\n`,
  );
  return file;
}

const cacheDir = (file: string) => path.join(path.dirname(file), '.code-cache');

describe('code cache for our bundles', () => {
  it('loads the bundle, writes its cache once, and the next load uses it', () => {
    const file = writeBundle(path.join(work.dir, 'build'), 42);
    expect(requireWithCodeCache(file)).toEqual({ answer: 42, dir: 'build', sum: 45, self: true });
    const written = saveCodeCaches();
    expect(written).toHaveLength(1);
    expect(path.dirname(written[0])).toBe(cacheDir(file));
    expect(readFileSync(written[0]).length).toBeGreaterThan(0);
    // Loaded again (a new process would do the same): V8 accepts the cache, so there is nothing to write.
    expect(requireWithCodeCache(file)).toEqual({ answer: 42, dir: 'build', sum: 45, self: true });
    expect(saveCodeCaches()).toEqual([]);
  });

  it('ignores a damaged cache, runs the bundle from source and replaces the cache', () => {
    const file = writeBundle(path.join(work.dir, 'build'), 7);
    requireWithCodeCache(file);
    const [cache] = saveCodeCaches();
    writeFileSync(cache, Buffer.from('not a V8 code cache at all'));
    // Another source of the same size and time (V8 would otherwise reuse the script it compiled in this process).
    const { mtime } = statSync(file);
    writeBundle(path.join(work.dir, 'build'), 8);
    utimesSync(file, mtime, mtime);
    expect(requireWithCodeCache(file)).toMatchObject({ answer: 8 });
    expect(saveCodeCaches()).toEqual([cache]);
    expect(readFileSync(cache).toString()).not.toBe('not a V8 code cache at all');
  });

  it('keeps one cache per bundle: a rebuilt bundle gets a new one and the old one goes', () => {
    const file = writeBundle(path.join(work.dir, 'build'), 1);
    requireWithCodeCache(file);
    const [first] = saveCodeCaches();
    writeBundle(path.join(work.dir, 'build'), 2);
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(requireWithCodeCache(file)).toMatchObject({ answer: 2 });
    const [second] = saveCodeCaches();
    expect(second).not.toBe(first);
    expect(readdirSync(cacheDir(file))).toEqual([path.basename(second)]);
  });

  it('keeps no cache inside a packaged app, and a read-only build still loads', () => {
    const packed = writeBundle(path.join(work.dir, 'app.asar', 'build'), 3);
    expect(requireWithCodeCache(packed)).toMatchObject({ answer: 3 });
    expect(saveCodeCaches()).toEqual([]);
    expect(existsSync(cacheDir(packed))).toBe(false);
    // A cache folder that cannot be made (a file is in the way): the load works, nothing is written.
    const blocked = writeBundle(path.join(work.dir, 'blocked'), 4);
    writeFileSync(cacheDir(blocked), 'a file, not a folder');
    expect(requireWithCodeCache(blocked)).toMatchObject({ answer: 4 });
    expect(saveCodeCaches()).toEqual([]);
  });
});
