// npm run bench:scale — issue 12's "Scale" requirement: a 1,000-slide deck opens with its
// first slide within the same budget as 200, steps with the same latency, and holds the
// heap flat. Generated decks (a chart on every slide) served by the real `briefing serve`,
// measured with the shared method (bench/step-method.mjs) in headless Chromium; then the
// 1,000-slide deck is stepped through with real key presses and, after a forced GC at
// slides 1, 200, 600 and 1,000 (and after Home and 200 slides again), the JS heap, DOM
// nodes, listeners and canvases are read through CDP. It measures, it does not pass or
// fail. HEAP_SNAPSHOT=1 also writes a heap snapshot at every reading after the first (for
// a diff in DevTools) and keeps them in the temp folder it prints.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateDeck } from './generate-deck.mjs';
import { serveDeck } from './serve-deck.mjs';
import { briefingTarget, launchChromium } from './slides-bench.mjs';
import { instrument, measureTarget, pct } from './step-method.mjs';

const SIZES = [200, 1000];
const PRESSES = 100;
const CHECKPOINTS = [1, 200, 600, 1000];
const SNAPSHOTS = process.env.HEAP_SNAPSHOT === '1';

/**
 * Writes a generated deck of `slides` slides to `dir` and serves it with a fresh data folder
 * `run` (the app remembers the slide a deck was left on, so each run starts on slide 1).
 */
export async function serveGenerated(dir, slides, run) {
  const deckPath = path.join(dir, `scale-${slides}.briefing.json`);
  writeFileSync(deckPath, JSON.stringify(generateDeck(slides)));
  return serveDeck(deckPath, path.join(dir, `data-${slides}-${run}`));
}

/** Live objects in the page's heap whose prototype chain holds `prototypeExpression` (after the GC queryObjects forces). */
async function countObjects(cdp, prototypeExpression) {
  const { result: proto } = await cdp.send('Runtime.evaluate', { expression: prototypeExpression });
  const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.objectId });
  const { result } = await cdp.send('Runtime.callFunctionOn', {
    objectId: objects.objectId,
    functionDeclaration: 'function () { return this.length; }',
    returnByValue: true,
  });
  await cdp.send('Runtime.releaseObject', { objectId: objects.objectId });
  await cdp.send('Runtime.releaseObject', { objectId: proto.objectId });
  return result.value;
}

/** Writes a heap snapshot of the page to `file`. */
async function heapSnapshot(cdp, file) {
  const chunks = [];
  const onChunk = ({ chunk }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  writeFileSync(file, chunks.join(''));
}

/** Memory of the page on slide `slide`, after a forced GC. */
async function readMemory(page, cdp, slide) {
  // The instrumentation's own records hold every canvas drawn on since they were last
  // cleared, destroyed slides' canvases included: empty them so they measure nothing of ours.
  await page.evaluate(() => {
    window.__draws.length = 0;
    window.__inputDelay.length = 0;
  });
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const counters = await cdp.send('Memory.getDOMCounters');
  const inDocument = await page.evaluate(() => ({
    elements: document.getElementsByTagName('*').length,
    canvases: document.querySelectorAll('canvas').length,
    // Chart.js marks a canvas it has taken ('$chartjs') and removes the mark on destroy().
    chartCanvases: [...document.querySelectorAll('canvas')].filter((c) => '$chartjs' in c).length,
    slides: document.querySelectorAll('[role=region][aria-label^="Slide "]').length,
  }));
  const liveCanvases = await countObjects(cdp, 'HTMLCanvasElement.prototype');
  return {
    slide,
    heapMB: heap.usedSize / 1048576,
    nodes: counters.nodes,
    listeners: counters.jsEventListeners,
    documents: counters.documents,
    ...inDocument,
    liveCanvases,
  };
}

/** Presses ArrowRight and waits until slide `n` is painted with its chart. */
async function stepTo(page, n) {
  await page.keyboard.press('ArrowRight');
  await page
    .waitForFunction((k) => window.__ready(k), n, { timeout: 10000 })
    .catch(async (error) => {
      const shown = await page.evaluate(() =>
        [...document.querySelectorAll('[role=region][aria-label^="Slide "]')].map(
          (r) => `${r.getAttribute('aria-label')} ${getComputedStyle(r).visibility}`,
        ),
      );
      throw new Error(`slide ${n} not painted after a key press (regions: ${shown.join('; ')})`, { cause: error });
    });
}

/**
 * Steps through the whole deck with real key presses, waiting for each slide to be painted,
 * and reads memory at the checkpoints; then Home and through the first 200 slides again, to
 * tell growth per slide visited from growth per slide seen for the first time.
 */
export async function walkDeck(browser, url, slides, snapshotDir) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.addInitScript(instrument);
  const target = briefingTarget(url, slides);
  const readings = [];
  try {
    await page.goto(url);
    await page.evaluate(`window.__ready = ${target.ready};`);
    await page.waitForFunction((n) => window.__ready(n), 1);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    const read = async (n, label = String(n)) => {
      // Let the neighbours mount and draw, and idle work finish, before reading.
      await page.waitForTimeout(1000);
      readings.push({ ...(await readMemory(page, cdp, n)), label });
      if (snapshotDir && readings.length > 1) await heapSnapshot(cdp, path.join(snapshotDir, `${readings.length}-slide-${n}.heapsnapshot`));
    };
    for (let n = 1; n <= slides; n++) {
      if (n > 1) await stepTo(page, n);
      if (CHECKPOINTS.includes(n)) await read(n);
    }
    await page.keyboard.press('Home');
    await page.waitForFunction(() => window.__ready(1));
    for (let n = 2; n <= 200; n++) await stepTo(page, n);
    await read(200, '200 again');
    await cdp.detach();
  } finally {
    await page.close();
  }
  return readings;
}

/** The shared method on one deck size: first slide and key → next slide painted. */
async function measureSize(browser, url, slides) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.addInitScript(instrument);
  try {
    return await measureTarget(page, briefingTarget(url, slides), { presses: PRESSES, completePresses: 0, realPresses: 0 });
  } finally {
    await page.close();
  }
}

const ms = (v) => `${v.toFixed(1)} ms`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = mkdtempSync(path.join(tmpdir(), 'briefing-scale-'));
  const browser = await launchChromium();
  const results = {};
  let readings;
  try {
    for (const slides of SIZES) {
      const server = await serveGenerated(dir, slides, 'steps');
      try {
        results[slides] = await measureSize(browser, server.url, slides);
      } finally {
        await server.stop();
      }
    }
    const server = await serveGenerated(dir, 1000, 'walk');
    try {
      readings = await walkDeck(browser, server.url, 1000, SNAPSHOTS ? dir : undefined);
    } finally {
      await server.stop();
    }
  } finally {
    await browser.close();
    if (!SNAPSHOTS) rmSync(dir, { recursive: true, force: true });
  }

  const [small, large] = SIZES.map((n) => results[n]);
  console.log(`\nBriefing Desk scale benchmark — generated decks, chart on every slide, headless Chromium 1280×720\n`);
  console.log(`${''.padEnd(46)} ${'200 slides'.padStart(12)} ${'1,000 slides'.padStart(14)} ${'1000 / 200'.padStart(11)}`);
  const line = (name, a, b, fmt = ms) =>
    console.log(`${name.padEnd(46)} ${fmt(a).padStart(12)} ${fmt(b).padStart(14)} ${(b / a).toFixed(2).padStart(11)}`);
  line('first slide painted with chart (median of 5)', pct(small.firstPaint, 50), pct(large.firstPaint, 50));
  line(`key → next slide painted, median (${PRESSES})`, pct(small.steps, 50), pct(large.steps, 50));
  line(`key → next slide painted, p95 (${PRESSES})`, pct(small.steps, 95), pct(large.steps, 95));
  line('JS heap after the last slide (forced GC)', small.heapMB, large.heapMB, (v) => `${v.toFixed(2)} MB`);
  console.log(
    `first slide, all 5 runs: 200: ${small.firstPaint.map((v) => v.toFixed(0)).join(', ')} ms; 1,000: ${large.firstPaint.map((v) => v.toFixed(0)).join(', ')} ms`,
  );

  console.log(`\nStepping through the 1,000-slide deck with real key presses, after a forced GC:\n`);
  console.log(
    ['slide', 'JS heap', 'DOM nodes', 'elements', 'listeners', 'canvases', 'Chart.js', 'live canvases', 'slides in DOM']
      .map((h) => h.padStart(15))
      .join(''),
  );
  for (const r of readings) {
    console.log(
      [r.label, `${r.heapMB.toFixed(2)} MB`, r.nodes, r.elements, r.listeners, r.canvases, r.chartCanvases, r.liveCanvases, r.slides]
        .map((v) => String(v).padStart(15))
        .join(''),
    );
  }
  const at = (n) => readings.find((r) => r.label === String(n));
  const per100 = (key) => ((at(1000)[key] - at(200)[key]) / 8).toFixed(key === 'heapMB' ? 3 : 1);
  console.log(
    `\ngrowth per 100 slides visited, 200 → 1,000: heap ${per100('heapMB')} MB (${(((at(1000).heapMB - at(200).heapMB) / 8) * 1024).toFixed(1)} kB), DOM nodes ${per100('nodes')}, listeners ${per100('listeners')}, live canvases ${per100('liveCanvases')}`,
  );
  console.log(`back to slide 1 and through 200 slides again: heap ${(at('200 again').heapMB - at(1000).heapMB).toFixed(2)} MB against slide 1,000`);
  if (SNAPSHOTS) console.log(`heap snapshots in ${dir}`);
}
