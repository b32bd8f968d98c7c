// Bundles the Node side (CLI, browser-mode host, Electron main + preload, PDF and chart workers)
// into build/*.cjs with esbuild. Dependencies stay external (node_modules), except valibot
// (tree-shaken into each bundle, below), pdfmake's whole engine (build/pdf-engine.cjs), the
// charts' engine (build/chart-engine.cjs), and in the sandboxed preload, which may only
// require 'electron'.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

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
  // bin/briefing.cjs loads the CLI bundle for an export through this (a V8 code cache).
  { in: 'src-main/core/pdf/code-cache.ts', out: 'build/code-cache.cjs' },
];
// Packages stay in node_modules, except valibot: our deck schema uses a small part of it, and
// bundled (tree-shaken) that part compiles with our code instead of loading its whole 213 kB
// build first (~20 ms of every CLI start).
const BUNDLED_PACKAGES = new Set(['valibot']);
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind === 'entry-point' || path.isAbsolute(args.path)) return undefined;
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      return BUNDLED_PACKAGES.has(name) || args.path.startsWith('node:') ? undefined : { path: args.path, external: true };
    });
  },
};
await Promise.all(
  entries
    .filter((e) => existsSync(e.in))
    .map((e) => build({ ...common, entryPoints: [e.in], outfile: e.out, plugins: [externalPackages] })),
);
// pdfmake and its pure-JS dependencies in one file, loaded with a V8 code cache by the export
// (src-main/core/pdf/code-cache.ts): ~70 modules resolved and compiled one by one cost ~110 ms more.
const FONTKIT = /[\\/]fontkit[\\/]dist[\\/]main\.cjs$/;
const PDFKIT = /[\\/]pdfkit[\\/]js[\\/]pdfkit\.js$/;
/**
 * Modules loaded only when first used: the import resolves to a stand-in that requires the
 * real module then (`exports`: a proxy of its exports object; `function`: a function that
 * calls it).
 */
function lazyPlugin(name, filter, kind) {
  const load = (id) => `let real; const load = () => (real ??= require(${JSON.stringify(id)}));\n`;
  const standIns = {
    exports: (id) => `${load(id)}module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => { const d = Object.getOwnPropertyDescriptor(load(), key); return d && { ...d, configurable: true }; },
});`,
    function: (id) => `${load(id)}module.exports = function lazy(...args) { return load().apply(this, args); };`,
  };
  return {
    name,
    setup(b) {
      b.onResolve({ filter }, (args) => (args.pluginData === 'real' ? undefined : { path: args.path, namespace: name, pluginData: args.resolveDir }));
      b.onLoad({ filter: /.*/, namespace: name }, (args) => ({ resolveDir: args.pluginData, pluginData: 'real', contents: standIns[kind](args.path) }));
    },
  };
}
// pdfkit's encryption code (AES tables computed at load, SHA-2) runs only for password-protected
// PDFs, which we never make: it is loaded when first touched instead of at start (~25 ms).
const lazyModules = lazyPlugin('lazy-modules', /^@noble\/(ciphers\/aes|hashes\/sha2|hashes\/utils)(\.js)?$/, 'exports');
// fontkit's WOFF2 decoder: brotli decodes its 120 kB dictionary at load (~11 ms); our fonts are TTF.
const lazyFunctions = lazyPlugin('lazy-functions', /^brotli\/decompress(\.js)?$/, 'function');
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
// unicode-trie inflates each of its tables (twice-deflated, in base64 in the sources of
// unicode-properties, fontkit and linebreak) when those modules load: ~70 ms of every cold
// export. The tables are constants of the bundle, so the build inflates them once
// (recordUnicodeTries below) and the bundle reads them back (src-main/core/pdf/unicode-tries.cjs).
const TRIES = JSON.stringify(path.resolve('src-main/core/pdf/unicode-tries.cjs'));
const TRIE_CONSTRUCTOR = 'constructor(data) {';
const TRIE_STORED = /swap32LE\(data\);\s*this\.data = new Uint32Array\(data\.buffer\);/;
const unicodeTries = (source) => {
  if (!TRIE_STORED.test(source)) throw new Error('unicode-trie changed: update the unicode-tries edit');
  return source
    .replace(TRIE_CONSTRUCTOR, `${TRIE_CONSTRUCTOR}
    const known = require(${TRIES}).lookup(data);
    if (known) { this.highStart = known.highStart; this.errorValue = known.errorValue; this.data = known.data; return; }
    const original = data;`)
    .replace(TRIE_STORED, (m) => `${m}
      require(${TRIES}).record(original, this);`);
};
// The base64 decoders in JS of base64-js (two versions) and fontkit turn the bundle's embedded
// tables into bytes at load (~30 ms); Node's own decoder does the same in a fraction of that.
const NATIVE_BASE64 = [
  { file: /[\\/]base64-js[\\/]index\.js$/, head: 'function toByteArray (b64) {', arg: 'b64' },
  { file: /[\\/]base64-js[\\/]lib[\\/]b64\.js$/, head: 'function b64ToByteArray (b64) {', arg: 'b64' },
  { file: FONTKIT, head: 'function $66a5b9fb5318558a$export$94fdf11bafc8de6b(base64) {', arg: 'base64' },
];
const nativeBase64 = (head, arg) => (source) => source.replace(head, `${head} if (typeof ${arg} === 'string') return new Uint8Array(Buffer.from(${arg}, 'base64'));`);
// pdfkit reads a font's \`post\` table for one flag (isFixedPitch) when it embeds the font, and
// fontkit then decodes every glyph name in it (~20 ms for the five faces of the default handout).
// The names (the last field of a version 2 table) are decoded when first read instead.
const POST_NAMES = 'names: new $elh9A$restructure.Array(new $elh9A$restructure.String($elh9A$restructure.uint8))';
const LAZY_FIELD = `const $briefingLazyField = (type) => ({
  decode(stream, parent) {
    const start = stream.pos;
    let value, decoded = false;
    return new $elh9A$restructure.PropertyDescriptor({ get() {
      if (!decoded) { const pos = stream.pos; stream.pos = start; value = type.decode(stream, parent); stream.pos = pos; decoded = true; }
      return value;
    } });
  },
  size: (value, ctx) => type.size(value, ctx),
  encode: (stream, value, parent) => type.encode(stream, value, parent),
});
`;
const lazyPostNames = (source) => {
  const head = 'var $elh9A$restructure = require("restructure");\n';
  if (!source.startsWith(head)) throw new Error('fontkit changed: update lazyPostNames');
  return head + LAZY_FIELD + source.slice(head.length).replace(POST_NAMES, `names: $briefingLazyField(${POST_NAMES.slice('names: '.length)})`);
};
// pdfmake asks pdfkit for the width of every word it lays out (~7,900 in the default handout),
// and pdfkit scans each one character by character for spaces to find its cached runs. The
// width of a string without font features is the same every time (pdfkit's own layout cache
// already holds its runs), so it is kept per string, per font of the document.
const WIDTH_OF_STRING = 'widthOfString(string, size, features) {\n    const width = this.layout(string, features, true).advanceWidth;';
const memoWidths = (source) =>
  source.replace(
    WIDTH_OF_STRING,
    `widthOfString(string, size, features) {
    let width;
    if (!features && this.layoutCache) {
      const widths = (this.$briefingWidths ??= new Map());
      width = widths.get(string);
      if (width === undefined) widths.set(string, (width = this.layout(string, features, true).advanceWidth));
    } else width = this.layout(string, features, true).advanceWidth;`,
  );
// fontkit lays out every word pdfmake measures (~1,400 distinct words in the default handout, ~160 ms
// of the layout thread): it detects the script, maps each character through the cmap, builds
// a glyph run and runs the mark and default-ignorable passes. For a font it lays out glyph by
// glyph (no morx, GSUB, GPOS or kern table: our stripped copies of the theme's font, fonts.ts)
// and a word of characters that need none of those passes (no mark, no variation selector, no
// default-ignorable, no surrogate), the run is each character's glyph advanced by its width,
// which pdfkit's run holds as the same numbers. Any other word or font takes fontkit's path.
const LAYOUT_RUN = 'layoutRun(text, features) {\n    const run = this.font.layout(text, features);';
const SIMPLE_RUN = `function $briefingSimpleRun(embedded, text) {
  const font = embedded.font;
  let glyphOf = font.$briefingSimpleGlyphs;
  if (glyphOf === undefined) {
    const tables = font.directory.tables;
    // fontkit's layout engine shapes with these tables; without any of them it only places glyphs.
    glyphOf = font.$briefingSimpleGlyphs = tables.morx || tables.GSUB || tables.GPOS || tables.kern ? null : new Map();
  }
  if (glyphOf === null) return null;
  const glyphs = [];
  const positions = [];
  let advanceWidth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let glyph = glyphOf.get(code);
    if (glyph === undefined) {
      glyph = null;
      const engine = font._layoutEngine;
      const plain = (code < 0xd800 || code > 0xdfff) && !(code >= 0xfe00 && code <= 0xfe0f) && !engine.isDefaultIgnorable(code);
      if (plain) {
        const found = font.glyphForCodePoint(code);
        // fontkit keeps a glyph with the characters it was first made for, and judges marks and
        // default-ignorables by those: a mark is positioned over its base, an ignorable hidden.
        if (found && !found.isMark && !(found.codePoints.length > 0 && engine.isDefaultIgnorable(found.codePoints[0]))) glyph = found;
      }
      glyphOf.set(code, glyph);
    }
    if (glyph === null) return null;
    const advance = glyph.advanceWidth * embedded.scale;
    glyphs.push(glyph);
    positions.push({ xAdvance: advance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: advance });
    advanceWidth += advance;
  }
  // fontkit looks the space up after every run it lays out (to hide default-ignorables with it):
  // the first time makes the space's glyph with U+0020, which pdfkit then maps it back to.
  if (glyphs.length > 0 && font.$briefingSpaceMade === undefined) {
    font.glyphForCodePoint(0x20);
    font.$briefingSpaceMade = true;
  }
  return { glyphs, positions, advanceWidth };
}
`;
const simpleRuns = (source) => {
  const at = source.indexOf('class EmbeddedFont extends PDFFont {');
  if (at < 0) throw new Error('pdfkit changed: update simpleRuns');
  const withHelper = source.slice(0, at) + SIMPLE_RUN + source.slice(at);
  return withHelper.replace(
    LAYOUT_RUN,
    `layoutRun(text, features) {
    if (features === undefined) {
      const simple = $briefingSimpleRun(this, text);
      if (simple) return simple;
    }
    const run = this.font.layout(text, features);`,
  );
};
// pdfkit's layout of a line (every line drawn, and every width not yet kept) looks for spaces
// with a fresh two-element array per character, and joins the words' glyphs by copying the
// whole line so far for each word. The same scan by character code, and the same glyphs
// appended in place: the same run.
const LAYOUT_SCAN = `    while (index <= text.length) {
      var needle;
      if (index === text.length && last < index || (needle = text.charAt(index), [' ', '\\t'].includes(needle))) {
        const run = this.layoutCached(text.slice(last, ++index));
        if (!onlyWidth) {
          glyphs = glyphs.concat(run.glyphs);
          positions = positions.concat(run.positions);
        }`;
const fasterScan = (source) =>
  source.replace(
    LAYOUT_SCAN,
    `    while (index <= text.length) {
      const code = text.charCodeAt(index);
      if (index === text.length && last < index || code === 32 || code === 9) {
        const run = this.layoutCached(text.slice(last, ++index));
        if (!onlyWidth) {
          for (let i = 0; i < run.glyphs.length; i++) glyphs.push(run.glyphs[i]);
          for (let i = 0; i < run.positions.length; i++) positions.push(run.positions[i]);
        }`,
  );
// restructure (fontkit's table decoder) reads every number of a font table (loca, hmtx, a glyph's
// points) by a method name it builds anew for each value ('read' + 'UInt16BE') and then looks
// up: ~30 ms of the layout thread. Each number type keeps its two method names once built.
const RESTRUCTURE = /[\\/]restructure[\\/]dist[\\/]main\.cjs$/;
const NUMBER_IO = `    decode(stream) {
        return stream[\`read\${this.fn}\`]();
    }
    encode(stream, val) {
        return stream[\`write\${this.fn}\`](val);
    }`;
const namedNumberIo = (source) =>
  source.replace(
    NUMBER_IO,
    `    decode(stream) {
        return stream[this.$briefingRead ??= \`read\${this.fn}\`]();
    }
    encode(stream, val) {
        return stream[this.$briefingWrite ??= \`write\${this.fn}\`](val);
    }`,
  );
/** Source edits of the PDF engine's dependencies, each checked to apply exactly where expected. */
const EDITS = [
  { file: PDFKIT, head: WIDTH_OF_STRING, edit: memoWidths },
  { file: PDFKIT, head: LAYOUT_RUN, edit: simpleRuns },
  { file: PDFKIT, head: LAYOUT_SCAN, edit: fasterScan },
  { file: RESTRUCTURE, head: NUMBER_IO, edit: namedNumberIo },
  ...NATIVE_BASE64.map(({ file, head, arg }) => ({ file, head, edit: nativeBase64(head, arg) })),
  { file: FONTKIT, head: POST_NAMES, edit: lazyPostNames },
  { file: /[\\/]unicode-trie[\\/]index\.js$/, head: TRIE_CONSTRUCTOR, edit: unicodeTries },
];
const sourceEdits = {
  name: 'source-edits',
  setup(b) {
    const files = [...new Set(EDITS.map((e) => e.file))];
    for (const file of files) {
      b.onLoad({ filter: file }, async (args) => {
        let contents = await readFile(args.path, 'utf8');
        for (const { head, edit } of EDITS.filter((e) => e.file === file)) {
          if (contents.split(head).length !== 2) throw new Error(`${args.path} changed: update the source edits in build-main.mjs`);
          contents = edit(contents);
        }
        return { contents, loader: 'js' };
      });
    }
  },
};
if (existsSync('src-main/core/pdf/pdf-engine-entry.cjs')) {
  await build({ ...common, define: {}, banner: {}, sourcemap: false, entryPoints: ['src-main/core/pdf/pdf-engine-entry.cjs'], outfile: 'build/pdf-engine.cjs', logLevel: 'error', plugins: [lazyModules, lazyFunctions, sourceEdits, parsedFontsPlugin()] });
  recordUnicodeTries('build/pdf-engine.cjs', 'build/pdf-engine-tries.bin');
}

// Chart.js, chartjs-chart-geo and the map geography in one file for the thread that draws a
// PDF's charts, loaded with a V8 code cache (src-main/core/pdf/chart-engine.ts): resolved and
// compiled module by module they cost that thread ~60–130 ms before its first chart.
if (existsSync('src-main/core/pdf/chart-engine-entry.cjs')) {
  await build({ ...common, define: {}, banner: {}, sourcemap: false, entryPoints: ['src-main/core/pdf/chart-engine-entry.cjs'], outfile: 'build/chart-engine.cjs', logLevel: 'error' });
}

// The world's boundaries as the chart thread reads them (src-main/core/pdf/map-runtime.ts):
// `atlasForRenderer` from map-geo.ts, as the renderer gets them (vite.config.ts): each arc
// one flat list (JSON.parse 7 against 27 ms in the chart worker) and the table of
// neighbouring countries worked out here. map-geo.ts is bundled in memory to run it.
if (existsSync('src-shared/map-geo.ts')) {
  const { outputFiles } = await build({ entryPoints: ['src-shared/map-geo.ts'], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'error' });
  const { atlasForRenderer } = await import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`);
  const world = JSON.parse(await readFile(createRequire(import.meta.url).resolve('world-atlas/countries-50m.json'), 'utf8'));
  await writeFile('build/world-atlas-50m.json', JSON.stringify(atlasForRenderer(world)));
}

/** Loads the fresh bundle in a child process that records every table it inflates, and writes them beside it. */
function recordUnicodeTries(bundle, out) {
  rmSync(out, { force: true });
  const run = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(path.resolve(bundle))});`], {
    env: { ...process.env, BRIEFING_RECORD_TRIES: path.resolve(out) },
    stdio: 'inherit',
  });
  if (run.status !== 0 || !existsSync(out)) throw new Error('recording the unicode tables of the PDF engine failed');
}
if (existsSync('src-main/electron/preload.ts')) {
  // The sandboxed preload has no __filename and needs no import.meta: no banner there.
  await build({ ...common, define: {}, banner: {}, entryPoints: ['src-main/electron/preload.ts'], outfile: 'build/electron/preload.cjs', external: ['electron'] });
}
