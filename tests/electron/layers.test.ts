// Static checks of the layers: only the Electron shell imports `electron`; the
// shell's logic modules import it for types only (so plain Node runs them); the
// sandboxed preload bundles to a file that requires nothing but `electron`.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  const abs = path.join(root, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) return sourceFiles(rel);
    return /\.(ts|mts|cts|js|mjs|cjs|svelte)$/.test(name) ? [rel] : [];
  });
}

/** Runtime imports of electron (type-only imports are erased and do not count). */
const RUNTIME_ELECTRON = /(?:^|[\s;])import\s+(?!type\s)[^;]*?from\s+['"]electron(?:\/[^'"]*)?['"]|require\(\s*['"]electron(?:\/[^'"]*)?['"]\s*\)|import\(\s*['"]electron(?:\/[^'"]*)?['"]\s*\)|^\s*import\s+['"]electron['"]/m;
/** Any import of electron, type-only included (other layers need not even its types). */
const ANY_ELECTRON = /(?:import|export)\s[^;]*?from\s+['"]electron(?:\/[^'"]*)?['"]|require\(\s*['"]electron(?:\/[^'"]*)?['"]\s*\)|import\(\s*['"]electron(?:\/[^'"]*)?['"]\s*\)|^\s*import\s+['"]electron['"]/m;

describe('layers', () => {
  it('the pattern sees real imports and ignores type-only ones', () => {
    expect(RUNTIME_ELECTRON.test("import { app } from 'electron';")).toBe(true);
    expect(RUNTIME_ELECTRON.test("const { app } = require('electron');")).toBe(true);
    expect(RUNTIME_ELECTRON.test("await import('electron')")).toBe(true);
    expect(RUNTIME_ELECTRON.test("import type { Session } from 'electron';")).toBe(false);
    expect(ANY_ELECTRON.test("import type { Session } from 'electron';")).toBe(true);
    expect(ANY_ELECTRON.test("transport: 'electron' | 'http';")).toBe(false);
  });

  it('nothing outside src-main/electron mentions electron as a module', () => {
    const dirs = ['src-main/core', 'src-main/host', 'src-main/cli', 'src-shared', 'src-renderer'];
    const files = dirs.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(5);
    const offenders = files.filter((f) => ANY_ELECTRON.test(readFileSync(path.join(root, f), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')));
    expect(offenders).toEqual([]);
  });

  it("the shell's logic modules import electron for types only", () => {
    const pure = [
      'security.ts',
      'protocol-handler.ts',
      'window-options.ts',
      'displays.ts',
      'ipc-guard.ts',
      'preload-client.ts',
      'menu-template.ts',
      'launch-args.ts',
      'shutdown.ts',
    ];
    for (const name of pure) {
      const text = readFileSync(path.join(root, 'src-main/electron', name), 'utf8');
      expect(RUNTIME_ELECTRON.test(text), name).toBe(false);
    }
  });

  it('the sandboxed preload bundles to code that requires only electron', async () => {
    const result = await build({
      entryPoints: [path.join(root, 'src-main/electron/preload.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0].text;
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((i) => i.includes('node_modules'))).toBe(false);
  });

  // `npm test` builds before it runs vitest, so this reads what the app will load.
  const built = path.join(root, 'build/electron/preload.cjs');
  if (!existsSync(built)) console.log('layers.test: build/electron/preload.cjs is not built, so its check is skipped (npm test builds first)');
  it.skipIf(!existsSync(built))('the built preload (build/electron/preload.cjs) requires only electron and no file paths', () => {
    const code = readFileSync(built, 'utf8');
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    // A sandboxed preload has no Node modules and no __filename/__dirname: either would throw on load.
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/\b__filename\b|\b__dirname\b/);
  });
});
