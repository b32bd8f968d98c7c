// Bundles the Node side (CLI, browser-mode host, Electron main + preload, PDF worker)
// into build/*.cjs with esbuild. Dependencies stay external (node_modules), except in
// the sandboxed preload, which may only require 'electron'.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };
const entries = [
  { in: 'src-main/cli/main.ts', out: 'build/cli.cjs' },
  { in: 'src-main/core/pdf/export-worker.ts', out: 'build/pdf-worker.cjs' },
  { in: 'src-main/electron/main.ts', out: 'build/electron/main.cjs' },
];
await Promise.all(
  entries
    .filter((e) => existsSync(e.in))
    .map((e) => build({ ...common, entryPoints: [e.in], outfile: e.out, packages: 'external' })),
);
if (existsSync('src-main/electron/preload.ts')) {
  await build({ ...common, entryPoints: ['src-main/electron/preload.ts'], outfile: 'build/electron/preload.cjs', external: ['electron'] });
}
