// Bundles the Node side (CLI, browser-mode host, Electron main + preload, PDF and chart workers)
// into build/*.cjs with esbuild. Dependencies stay external (node_modules), except in
// the sandboxed preload, which may only require 'electron'.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

// Sources are ESM (import.meta.url); in a CommonJS bundle it is the bundle's own file URL.
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  define: { 'import.meta.url': '__bundleFileUrl' },
  banner: { js: "const __bundleFileUrl = require('node:url').pathToFileURL(__filename).href;" },
};
const entries = [
  { in: 'src-main/cli/main.ts', out: 'build/cli.cjs' },
  { in: 'src-main/core/pdf/export-worker.ts', out: 'build/pdf-worker.cjs' },
  // Draws a PDF's charts beside the thread that lays it out (src-main/core/pdf/chart-drawer.ts).
  { in: 'src-main/core/pdf/chart-worker.ts', out: 'build/chart-worker.cjs' },
  { in: 'src-main/electron/main.ts', out: 'build/electron/main.cjs' },
];
await Promise.all(
  entries
    .filter((e) => existsSync(e.in))
    .map((e) => build({ ...common, entryPoints: [e.in], outfile: e.out, packages: 'external' })),
);
// pdfmake and its pure-JS dependencies in one file, loaded with a V8 code cache by the export
// (src-main/core/pdf/code-cache.ts): ~70 modules resolved and compiled one by one cost ~110 ms more.
// pdfkit's encryption code (AES tables computed at load, SHA-2) runs only for password-protected
// PDFs, which we never make: it is loaded when first touched instead of at start (~25 ms).
const LAZY = /^@noble\/(ciphers\/aes|hashes\/sha2|hashes\/utils)(\.js)?$/;
const lazyModules = {
  name: 'lazy-modules',
  setup(b) {
    b.onResolve({ filter: LAZY }, (args) => (args.pluginData === 'real' ? undefined : { path: args.path, namespace: 'lazy', pluginData: args.resolveDir }));
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
      resolveDir: args.pluginData,
      pluginData: 'real',
      contents: `let real; const load = () => (real ??= require(${JSON.stringify(args.path)}));
module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => { const d = Object.getOwnPropertyDescriptor(load(), key); return d && { ...d, configurable: true }; },
});`,
    }));
  },
};
/**
 * pdfkit opens every font anew for every document (`fontkit.create` on the file's bytes), so
 * fontkit decodes the same tables again for each export (~60 ms a warm export). This plugin
 * gives pdfkit a `fontkit` whose `create` keeps the parsed fonts, by their bytes (compared in
 * full), for the next document. A fontkit font is read-only data: pdfkit keeps each
 * document's subset, widths and layout cache in its own EmbeddedFont, and fontkit's subsets
 * copy the tables they change, so the PDF is byte-for-byte the same (tests/unit/pdf-parsed-fonts.test.ts).
 */
function parsedFontsPlugin() {
  // pdfkit's own require, and the entry's (which exports the cache's counters).
  const FROM_PDFKIT = /[\\/]node_modules[\\/]pdfkit[\\/]|pdf-engine-entry\.cjs$/;
  return {
    name: 'parsed-fonts',
    setup(b) {
      b.onResolve({ filter: /^fontkit$/ }, (args) =>
        args.pluginData === 'real' || !FROM_PDFKIT.test(args.importer) ? undefined : { path: 'fontkit', namespace: 'parsed-fonts', pluginData: args.resolveDir },
      );
      b.onLoad({ filter: /.*/, namespace: 'parsed-fonts' }, (args) => ({
        resolveDir: args.pluginData,
        pluginData: 'real',
        contents: `const fontkit = require('fontkit');
// Parsed fonts, most recently used last; a font is found by its bytes and name, compared in full.
const parsed = [];
const LIMIT = 16;
const stats = { hits: 0, misses: 0 };
const same = (a, b) => a === b || (a.byteLength === b.byteLength && Buffer.compare(a, b) === 0);
function create(buffer, postscriptName) {
  const at = parsed.findIndex((e) => e.postscriptName === postscriptName && same(e.bytes, buffer));
  if (at >= 0) {
    const [entry] = parsed.splice(at, 1);
    parsed.push(entry);
    stats.hits++;
    return entry.font;
  }
  stats.misses++;
  const font = fontkit.create(buffer, postscriptName);
  // The font reads its tables from these bytes: kept as they are (pdfkit never writes to them).
  parsed.push({ bytes: buffer, postscriptName, font });
  if (parsed.length > LIMIT) parsed.shift();
  return font;
}
module.exports = {
  create,
  parsedFonts: {
    get hits() { return stats.hits; },
    get misses() { return stats.misses; },
    get size() { return parsed.length; },
    clear() { parsed.length = 0; stats.hits = stats.misses = 0; },
  },
};`,
      }));
    },
  };
}
if (existsSync('src-main/core/pdf/pdf-engine-entry.cjs')) {
  await build({ ...common, define: {}, banner: {}, sourcemap: false, entryPoints: ['src-main/core/pdf/pdf-engine-entry.cjs'], outfile: 'build/pdf-engine.cjs', logLevel: 'error', plugins: [lazyModules, parsedFontsPlugin()] });
}
if (existsSync('src-main/electron/preload.ts')) {
  // The sandboxed preload has no __filename and needs no import.meta: no banner there.
  await build({ ...common, define: {}, banner: {}, entryPoints: ['src-main/electron/preload.ts'], outfile: 'build/electron/preload.cjs', external: ['electron'] });
}
