#!/usr/bin/env node
'use strict';
// The `briefing` command. The CLI itself is TypeScript bundled to build/cli.cjs.
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'build', 'cli.cjs');
if (!fs.existsSync(cli)) {
  console.error('briefing: the app is not built yet; run `npm run build` first.');
  process.exit(2);
}
startChartWorkerEarly();
loadCli();

/**
 * An export loads the CLI bundle with a V8 code cache (src-main/core/pdf/code-cache.ts, built to
 * build/code-cache.cjs), as it does pdfmake's: compiled code of the last export is read back
 * instead of compiling ~430 kB again. The cache is made under the export's V8 flags, so they are
 * set first. Other commands, or a build without the loader, load the CLI as usual.
 */
function loadCli() {
  const args = process.argv.slice(2);
  let loader;
  if (args[0] === 'export' && !args.some((a) => a === '--help' || a === '-h')) {
    try {
      loader = require(path.join(__dirname, '..', 'build', 'code-cache.cjs'));
    } catch {
      loader = undefined;
    }
  }
  if (!loader) {
    require(cli);
    return;
  }
  loader.tuneForOneExport();
  loader.requireWithCodeCache(cli);
}

/**
 * `briefing export` to a PDF draws its charts in a worker thread (build/chart-worker.cjs). It is
 * started here, before the CLI loads, so that it loads the canvas and Chart.js meanwhile; the
 * export adopts it (src-main/core/pdf/chart-drawer.ts). Unreferenced until then, so a usage
 * error or --help still exits at once; one that fails to start is not adopted.
 */
function startChartWorkerEarly() {
  const args = process.argv.slice(2);
  if (args[0] !== 'export' || args.some((a) => a === '--help' || a === '-h' || /\.pptx$/i.test(a))) return;
  const file = path.join(__dirname, '..', 'build', 'chart-worker.cjs');
  if (!fs.existsSync(file)) return;
  try {
    const { Worker } = require('node:worker_threads');
    const slot = { worker: new Worker(file, { workerData: { maps: false } }), failed: false };
    slot.worker.unref();
    const fail = () => (slot.failed = true);
    slot.worker.on('error', fail);
    slot.worker.on('exit', fail);
    globalThis[Symbol.for('briefing.earlyChartWorker')] = slot;
  } catch {
    // The export starts its own, or draws on its own thread.
  }
}
