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
if (existsSync('src-main/electron/preload.ts')) {
  // The sandboxed preload has no __filename and needs no import.meta: no banner there.
  await build({ ...common, define: {}, banner: {}, entryPoints: ['src-main/electron/preload.ts'], outfile: 'build/electron/preload.cjs', external: ['electron'] });
}
