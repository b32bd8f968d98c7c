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
require(cli);

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
