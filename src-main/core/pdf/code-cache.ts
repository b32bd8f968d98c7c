/**
 * Loads a CommonJS bundle of ours with a V8 code cache, as Node 22's
 * `module.enableCompileCache()` would (Node 20 has none): the bytecode of the
 * functions a previous run compiled is read back instead of parsing and compiling
 * them again. For pdfmake's 2.9 MB bundle that is ~60 ms of a cold export.
 *
 * The cache sits next to the build (`build/.code-cache/`), is named after the bundle's
 * size and modification time and the Node version, and is only ever an optimisation:
 * V8 checks it (its version, flags and the source) and a rejected or unreadable cache is
 * ignored and replaced. It holds bytecode of our own bundle, never anything from a deck.
 * Nothing is read or written inside a packaged app (app.asar), whose Electron has its own V8.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

interface Loaded {
  file: string;
  script: Script;
  cacheFile: string | null;
  /** Whether the run started from an accepted cache (then there is nothing to save). */
  accepted: boolean;
}

/**
 * The bundles loaded with a cache, kept on the global object: bin/briefing.cjs loads the CLI
 * bundle through build/code-cache.cjs (its own copy of this module), and the CLI's copy saves
 * every cache at the end of an export.
 */
const REGISTRY = Symbol.for('briefing.codeCache.loaded');
const loaded: Map<string, Loaded> = ((globalThis as { [REGISTRY]?: Map<string, Loaded> })[REGISTRY] ??= new Map());

/** How much a function must run before V8 optimises it (V8's default is 67,584). */
const INTERRUPT_BUDGET = 250_000;

/**
 * An export is one short burst of work: V8's optimising compiler (TurboFan) spent ~1.2 s
 * of CPU on its background threads compiling pdfmake, fontkit and Chart.js code that the
 * process then barely used, on a machine with two cores and the chart worker to run. A
 * larger budget optimises only what stays hot: measured (docs/benchmarks.md, session 4)
 * total CPU fell ~0.5 s with the layout thread's own time unchanged. V8's flags are
 * per process; the CLI process only exports and exits. V8 rejects a code cache made under
 * other flags, so bin/briefing.cjs sets this before it loads the CLI for an export.
 */
export function tuneForOneExport(): void {
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}

/**
 * The bundle `name` beside the bundle that `moduleUrl` (an `import.meta.url`) was built into
 * (build/*.cjs), or null when running from source (vitest, tsx) or when it is not built.
 */
export function builtBeside(moduleUrl: string, name: string): string | null {
  try {
    const here = fileURLToPath(moduleUrl);
    if (!here.endsWith('.cjs')) return null;
    const file = path.join(path.dirname(here), name);
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/** Where the cache of `file` lives, or null when none is kept (a packaged app). */
function cacheFileFor(file: string): string | null {
  if (file.includes('app.asar')) return null;
  const { size, mtimeMs } = statSync(file);
  const name = `${path.basename(file)}-${size}-${Math.round(mtimeMs)}-${process.version}-${process.arch}.v8cache`;
  return path.join(path.dirname(file), '.code-cache', name);
}

/** Requires the bundle `file` (an absolute path), compiled with its code cache when one is there and V8 accepts it. */
export function requireWithCodeCache(file: string): unknown {
  const cacheFile = cacheFileFor(file);
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // No cache yet: compiled from source, and the cache is written by saveCodeCaches().
    }
  }
  const source = readFileSync(file, 'utf8');
  const script = new Script(Module.wrap(source), { filename: file, cachedData });
  const accepted = cachedData !== undefined && !script.cachedDataRejected;
  loaded.set(file, { file, script, cacheFile, accepted });
  // For tests and diagnosis: whether V8 took the cache (the cache is never anything but an optimisation).
  if (process.env.BRIEFING_CODE_CACHE_REPORT === '1') process.stderr.write(`code cache ${path.basename(file)}: ${cachedData === undefined ? 'none' : accepted ? 'accepted' : 'rejected'}\n`);
  const module = { exports: {} as unknown, filename: file, id: file, loaded: false };
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  return module.exports;
}

/**
 * Writes the code cache of every bundle loaded without an accepted one. Called once the
 * work is done, so the cache also holds the functions the run compiled on the way
 * (most of them: V8 compiles a function when it first runs). Failures are ignored: a
 * read-only build simply runs without a cache. Returns the files written.
 */
export function saveCodeCaches(): string[] {
  const written: string[] = [];
  for (const entry of loaded.values()) {
    // One attempt per load: a bundle that could not be saved is not tried again.
    loaded.delete(entry.file);
    if (entry.accepted || !entry.cacheFile) continue;
    try {
      const data = entry.script.createCachedData();
      mkdirSync(path.dirname(entry.cacheFile), { recursive: true });
      // Written whole under a temporary name, then renamed: a concurrent run never reads half a cache.
      const temp = `${entry.cacheFile}.${process.pid}.tmp`;
      writeFileSync(temp, data);
      renameSync(temp, entry.cacheFile);
      // Caches of earlier builds of this bundle are of no further use.
      const dir = path.dirname(entry.cacheFile);
      const prefix = `${path.basename(entry.file)}-`;
      for (const name of readdirSync(dir)) {
        if (name.startsWith(prefix) && name.endsWith('.v8cache') && name !== path.basename(entry.cacheFile)) rmSync(path.join(dir, name), { force: true });
      }
      written.push(entry.cacheFile);
    } catch {
      // Not writable (or the disk is full): the next run compiles from source, as this one did.
    }
  }
  return written;
}
