// npm run bench:authoring — slide management on a 500-slide deck (a chart on every slide)
// in headless Chromium against browser mode (issue 9):
//   1. add a slide: Ctrl+M → the layout picker → Enter (keys), or a click on a layout
//      (mouse) → the first frame in which the new slide is the one shown;
//      The same after a pause of 1.0–1.5 s (run after the duplicates), as a person who
//      reads the new slide first: the autosave of the last change (due a second after
//      it) runs around then; and the longest task of that autosave when nothing else runs;
//   2. duplicate: Ctrl+D → the first frame showing the copy;
//   3. drag a thumbnail in the overview with real mouse moves for > 2 s, within the
//      window and then towards the bottom edge so the overview scrolls: frame intervals.
// Prints figures against the budgets; it measures, it does not pass or fail.
// BENCH_PROFILE=1 also says where the time of each add goes: the Long Animation Frames
// that overlap it (what ran: input handlers, timers, rendering) and, from the CDP
// sampling profiler over all the adds, the functions with the most self time.
// BENCH_TRACE=1 instead records a Chromium trace of the adds and says how the renderer's
// main thread spent each add's input-to-frame time: script, style, layout, paint, DOM;
// its main-thread CPU per add, for chart layouts apart (they set the p95), and how often
// a canvas was handed to the compositor in the add's window and in the frame after it.
// BENCH_TRACE_INVALIDATIONS=1 adds the browser's invalidation tracking to the trace (why
// style, layout and paint were redone: see BENCH_TRACE_OUT).
//
// Keys and the mouse are real input (Playwright's keyboard and mouse), so the app's own
// handlers run as they do for a person. An init script, injected before the app's code
// and with no app-specific hook, stamps every animation frame; a timed input is measured
// from its event's timestamp to just after the frame that first shows the result (a
// zero timeout queued in that frame's rAF callback runs just after its paint).
import { chromium } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { generateDeck } from './generate-deck.mjs';
import { serveDeck } from './serve-deck.mjs';

const T0 = Date.now();
/** Progress on stderr, so a stall shows where it is. */
const log = (what) => process.stderr.write(`[${((Date.now() - T0) / 1000).toFixed(1)} s] ${what}\n`);

const SLIDES = Number(process.env.BENCH_SLIDES ?? 500);
const ADDS_BY_KEY = 20;
const ADDS_BY_CLICK = 10;
const ADDS_AFTER_PAUSE = 10;
const DUPLICATES = 10;
const DRAG_MS = 2500;
const SCROLL_DRAG_MS = 1500;
const WAIT = { timeout: 15_000 };
const PROFILE = process.env.BENCH_PROFILE === '1';
const TRACE = process.env.BENCH_TRACE === '1';
const INVALIDATIONS = process.env.BENCH_TRACE_INVALIDATIONS === '1';

// Runs in the page before the app's code: stamps every animation frame, and lets the
// bench arm a one-shot timer on the next event of a kind.
const INIT = () => {
  const frames = [];
  window.__frames = frames;
  const tick = (now) => {
    frames.push(now);
    if (frames.length > 20000) frames.splice(0, 10000);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  // Long Animation Frames (> 50 ms of work before a paint, with the scripts that ran in
  // them): the bench's profile reads the ones that overlap each timed add.
  window.__loaf = [];
  // Every long task (> 50 ms), to find what the autosave costs while nothing else runs.
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long task timing: the figure is left out.
  }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__loaf.push({
          start: e.startTime,
          duration: e.duration,
          renderStart: e.renderStart,
          styleAndLayoutStart: e.styleAndLayoutStart,
          blocking: e.blockingDuration,
          scripts: e.scripts.map((s) => ({
            invoker: s.invoker,
            fn: s.sourceFunctionName,
            start: s.startTime,
            duration: s.duration,
            forcedLayout: s.forcedStyleAndLayoutDuration,
          })),
        });
        if (window.__loaf.length > 5000) window.__loaf.splice(0, 2500);
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // No LoAF in this browser: the profile says so.
  }
  /** Arms a timer: the next `type` event (matching `key`, if given) starts it; it stops just after the first frame in which `shown()` holds. */
  window.__arm = (type, key, shown) => {
    window.__timing = null;
    const on = (event) => {
      if (key && event.key?.toLowerCase() !== key) return;
      window.removeEventListener(type, on, true);
      const t0 = event.timeStamp;
      window.__t0 = t0;
      const check = () => (shown() ? setTimeout(() => (window.__timing = performance.now() - t0), 0) : requestAnimationFrame(check));
      requestAnimationFrame(check);
    };
    window.addEventListener(type, on, true);
  };
};

const dir = mkdtempSync(path.join(tmpdir(), 'briefing-authoring-bench-'));
const deckPath = path.join(dir, 'bench-500.briefing.json');
writeFileSync(deckPath, JSON.stringify(generateDeck(SLIDES)));

log('starting briefing serve');
const server = await serveDeck(deckPath, path.join(dir, 'data'));
let browser;
let results;
try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  results = await run(browser, server.url);
} finally {
  // Always stop the server: left running, it keeps this process's output pipe open and a
  // failed run looks like a hang.
  await browser?.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
report(results);
if (TRACE) {
  traceReport(results);
  // The raw trace and the add windows, for a closer look (e.g. in Chrome DevTools' Performance panel).
  if (process.env.BENCH_TRACE_OUT) writeFileSync(process.env.BENCH_TRACE_OUT, JSON.stringify({ trace: results.trace, traceCalibration: results.traceCalibration, windows: results.windows }));
}
if (PROFILE) {
  profileReport(results);
  // The raw profile, for a closer look (e.g. in Chrome DevTools' Performance panel).
  if (process.env.BENCH_PROFILE_OUT) writeFileSync(process.env.BENCH_PROFILE_OUT, JSON.stringify({ ...results, diskOrder: undefined }));
}

async function run(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on('pageerror', (e) => console.error('pageerror', e.message));
  await page.addInitScript(INIT);
  log(`server at ${url}; loading the deck`);
  await page.goto(url);
  await page.waitForSelector(`.slot.current [role=region][aria-label^="Slide 1 of ${SLIDES}:"]`, WAIT);

  // The current slide is the one in the Stage's `.slot.current` (its neighbours are mounted
  // too, hidden), so its number is read from there, never from the first region in the page.
  const current = () =>
    page.evaluate(() => {
      const label = document.querySelector('.slot.current [role=region]')?.getAttribute('aria-label') ?? '';
      const m = /^Slide (\d+) of (\d+):/.exec(label);
      return m ? { number: Number(m[1]), total: Number(m[2]) } : null;
    });

  /** Arms the in-page timer for the next `type` event, runs `act`, and returns the time to the frame showing `what`. */
  async function timed(type, key, what, act, layout) {
    await page.evaluate(
      ({ type, key, what }) => {
        const shown = () => {
          if (what.kind === 'picker') return !!document.querySelector('[role=dialog][aria-label="Choose a layout"] button');
          const region = document.querySelector('.slot.current [role=region]');
          return !!region && !!region.getAttribute('aria-label')?.startsWith(what.label) && getComputedStyle(region.parentElement).visibility === 'visible';
        };
        window.__arm(type, key, shown);
      },
      { type, key, what },
    );
    await act();
    await page.waitForFunction(() => window.__timing !== null, null, WAIT);
    const { t0, timing } = await page.evaluate(() => ({ t0: window.__t0, timing: window.__timing }));
    windows.push({ what: what.kind === 'picker' ? 'picker' : `${type} ${key ?? ''}`.trim(), t0, timing, layout });
    return timing;
  }
  /** The layout the focused option in the picker adds ("Chart layout" → "Chart"). */
  const focusedLayout = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label')?.replace(/ layout$/, '') ?? null);
  /** Every timed input: its event time and how long to the frame showing the result. */
  const windows = [];
  const next = (at) => ({ kind: 'slide', label: `Slide ${at.number + 1} of ${at.total + 1}:` });

  // 1. Add a slide after the current one: Ctrl+M, arrows to a layout, Enter. Each new
  // slide goes in near the start of the deck, so ~500 slides come after it.
  let calibration = null;
  let traceCalibration = null;
  const cdp = PROFILE ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    // The profile's clock is not the page's: a 20 ms busy loop at a known performance.now()
    // is found in the samples and gives the offset between the two.
    calibration = await page.evaluate(() => {
      const at = performance.now();
      const __benchCalibrate = () => {
        while (performance.now() - at < 20);
      };
      __benchCalibrate();
      return at;
    });
  }
  if (TRACE) {
    const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'];
    if (INVALIDATIONS) categories.push('disabled-by-default-devtools.timeline.invalidationTracking');
    await browser.startTracing(page, { categories });
    traceCalibration = await page.evaluate(() => {
      const at = performance.now();
      console.timeStamp(`bench-calibrate ${at}`);
      return at;
    });
  }
  const picker = [];
  const addsByKey = [];
  for (let i = 0; i < ADDS_BY_KEY; i++) {
    const at = await current();
    picker.push(await timed('keydown', 'm', { kind: 'picker' }, () => page.keyboard.press('Control+m')));
    await page.waitForFunction(() => document.activeElement?.closest('[aria-label="Layouts"]'), null, WAIT);
    for (let k = 0; k < i % 8; k++) await page.keyboard.press('ArrowRight');
    const layout = await focusedLayout();
    addsByKey.push(await timed('keydown', 'enter', next(at), () => page.keyboard.press('Enter'), layout));
  }
  log(`${ADDS_BY_KEY} adds by key done`);

  // The same with the mouse: a click on a layout's thumbnail in the picker.
  const addsByClick = [];
  const layouts = ['Chart', 'Bullets', 'Big numbers', 'Quote', 'Two columns'];
  for (let i = 0; i < ADDS_BY_CLICK; i++) {
    const at = await current();
    await page.keyboard.press('Control+m');
    const option = page.getByRole('dialog', { name: 'Choose a layout' }).getByRole('button', { name: `${layouts[i % layouts.length]} layout` });
    await option.waitFor(WAIT);
    addsByClick.push(await timed('click', null, next(at), () => option.click(), layouts[i % layouts.length]));
  }
  log(`${ADDS_BY_CLICK} adds by click done`);

  // 2. Duplicate the current slide (Ctrl+D) → the copy shown.
  const dups = [];
  for (let i = 0; i < DUPLICATES; i++) {
    const at = await current();
    dups.push(await timed('keydown', 'd', next(at), () => page.keyboard.press('Control+d')));
  }

  // Adds after a pause: the previous add's autosave comes due during the pause, the
  // picker's opening or the Enter, as it does for a person who looks before adding more.
  const addsAfterPause = [];
  for (let i = 0; i < ADDS_AFTER_PAUSE; i++) {
    await page.waitForTimeout(1000 + ((i * 53) % 500));
    const at = await current();
    await page.keyboard.press('Control+m');
    await page.waitForFunction(() => document.activeElement?.closest('[aria-label="Layouts"]'), null, WAIT);
    for (let k = 0; k < (i * 3) % 8; k++) await page.keyboard.press('ArrowRight');
    const layout = await focusedLayout();
    addsAfterPause.push(await timed('keydown', 'enter', next(at), () => page.keyboard.press('Enter'), layout));
  }
  log(`${ADDS_AFTER_PAUSE} adds after a pause done`);
  // The autosave alone: long tasks from 300 ms after the last add (its frame and the
  // Stage's neighbour are done by then) until 3 s after it, with no input meanwhile.
  const lastAdd = windows[windows.length - 1];
  await page.waitForTimeout(3000);
  const saveTasks = await page.evaluate(
    ({ from, to }) => window.__longTasks.filter((t) => t.start >= from && t.start <= to).map((t) => t.duration),
    { from: lastAdd.t0 + lastAdd.timing + 300, to: lastAdd.t0 + 3000 },
  );
  const profile = cdp ? (await cdp.send('Profiler.stop')).profile : null;
  const trace = TRACE ? JSON.parse((await browser.stopTracing()).toString('utf8')) : null;
  const loaf = PROFILE ? await page.evaluate(() => window.__loaf) : [];

  const total = (await current()).total;
  log(`${DUPLICATES} duplicates and ${ADDS_AFTER_PAUSE} adds after a pause done (${total} slides); opening the overview`);

  // 3. Drag a thumbnail back and forth across the overview; then towards the bottom edge.
  await page.keyboard.press('Home');
  await page.keyboard.press('o');
  const overview = page.getByRole('dialog', { name: 'Overview of all slides' });
  await overview.locator('[data-index="0"] .thumb').waitFor(WAIT);
  // Let the visible thumbnails mount and draw first (most of the first ones are the new,
  // chart-less slides, so count mounted slides, not canvases).
  await page.waitForFunction(() => document.querySelectorAll('[role=dialog][aria-label="Overview of all slides"] .box .frame').length >= 10, null, WAIT);
  await page.waitForTimeout(500);
  const thumbsMounted = await overview.locator('.box .frame').count();
  const cells = await overview.locator('[data-index]').count();
  const first = await overview.locator('[data-index="1"] .thumb').boundingBox();
  const far = await overview.locator('[data-index="10"] .thumb').boundingBox();
  const grid = await overview.locator('.grid').boundingBox();
  const mark = () => page.evaluate(() => window.__frames.length);
  const intervals = (from, to) =>
    page.evaluate(
      ({ from, to }) => window.__frames.slice(from, to).map((t, i, a) => (i ? t - a[i - 1] : null)).slice(1),
      { from, to },
    );

  log('dragging within the window');
  await page.mouse.move(first.x + first.width / 2, first.y + first.height / 2);
  await page.mouse.down();
  const dragStart = await mark();
  let moves = 0;
  let dropShown = false;
  let started = Date.now();
  while (Date.now() - started < DRAG_MS) {
    // Back and forth across two rows of thumbnails, crossing a drop target every few moves.
    moves++;
    const t = (moves % 60) / 60;
    const x = first.x + 20 + t * (far.x + far.width - first.x - 40);
    const y = first.y + first.height / 2 + (Math.floor(moves / 60) % 2) * (far.y - first.y);
    await page.mouse.move(x, y);
    if (moves === 30) dropShown = (await overview.locator('.drop-before, .drop-after').count()) > 0;
  }
  const dragEnd = await mark();
  const dragFrames = await intervals(dragStart, dragEnd);

  log('dragging at the bottom edge (the overview scrolls)');
  const scrollStart = await mark();
  const scrollTop0 = await overview.locator('.grid').evaluate((g) => g.scrollTop);
  let scrollMoves = 0;
  started = Date.now();
  while (Date.now() - started < SCROLL_DRAG_MS) {
    scrollMoves++;
    await page.mouse.move(grid.x + grid.width / 2 + (scrollMoves % 20) * 4, grid.y + grid.height - 15);
  }
  const scrollEnd = await mark();
  const scrollFrames = await intervals(scrollStart, scrollEnd);
  const scrolled = (await overview.locator('.grid').evaluate((g) => g.scrollTop)) - scrollTop0;

  // Drop it back in view: the move is one undoable operation, autosaved.
  await page.mouse.move(far.x + far.width - 10, far.y + far.height / 2);
  await overview.locator('.grid').evaluate((g) => (g.scrollTop = 0));
  await page.mouse.move(far.x + far.width - 10, far.y + far.height / 2 + 1);
  const draggedId = await overview.locator('[data-index="1"] .caption').textContent();
  await page.mouse.up();
  log('drag done; waiting for autosave');
  await page.keyboard.press('Escape');

  // The adds, duplicates and the move were autosaved: read the deck file back.
  await page.waitForTimeout(2500);
  const onDisk = JSON.parse(readFileSync(deckPath, 'utf8')).slides;
  return {
    picker,
    addsByKey,
    addsByClick,
    addsAfterPause,
    saveTasks,
    dups,
    total,
    onDisk: onDisk.length,
    movedTitle: draggedId?.replace(/^\d+\.\s*/, ''),
    diskOrder: onDisk.map((s) => s.title),
    dragFrames,
    scrollFrames,
    scrolled,
    moves,
    scrollMoves,
    dropShown,
    thumbsMounted,
    cells,
    profile,
    calibration,
    trace,
    traceCalibration,
    loaf,
    windows,
  };
}

function report(r) {
  const sorted = (a) => [...a].sort((x, y) => x - y);
  const pct = (a, p) => sorted(a)[Math.min(a.length - 1, Math.ceil((p / 100) * a.length) - 1)];
  const ms = (v) => `${v.toFixed(1)} ms`;
  const row = (name, value, budget, ok) =>
    console.log(`${name.padEnd(58)} ${value.padStart(10)}   ${budget ? `budget ${budget.padEnd(9)} ${ok ? 'ok' : 'OVER'}` : ''}`);
  const movedTo = r.diskOrder.indexOf(r.movedTitle);
  console.log(`\nBriefing Desk authoring benchmark — ${SLIDES}-slide deck, chart on every slide, headless Chromium 1280×720`);
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} CPUs`);
  console.log(
    `(${ADDS_BY_KEY} adds by key, ${ADDS_BY_CLICK} by click, ${ADDS_AFTER_PAUSE} after a pause, ${DUPLICATES} duplicates: ${r.total} slides after, ${r.onDisk} in the file; ` +
      `drag: ${r.moves} + ${r.scrollMoves} pointer moves, ${r.dragFrames.length} + ${r.scrollFrames.length} frames, overview scrolled ${r.scrolled}px, ` +
      `drop line shown: ${r.dropShown}, ${r.thumbsMounted} thumbnails mounted of ${r.cells}; ` +
      `dragged "${r.movedTitle}" is slide ${movedTo + 1} in the file)\n`,
  );
  row('Ctrl+M → layout picker shown, median', ms(pct(r.picker, 50)), '', true);
  row('Ctrl+M → layout picker shown, p95', ms(pct(r.picker, 95)), '', true);
  for (const [how, a] of [
    ['Enter in picker', r.addsByKey],
    ['click on a layout', r.addsByClick],
    ['Enter after a 1–1.5 s pause', r.addsAfterPause],
  ]) {
    row(`add slide: ${how} → new slide shown, median`, ms(pct(a, 50)), '≤ 50 ms', pct(a, 50) <= 50);
    row(`add slide: ${how} → new slide shown, p95`, ms(pct(a, 95)), '≤ 50 ms', pct(a, 95) <= 50);
    row(`add slide: ${how} → new slide shown, max`, ms(Math.max(...a)), '', true);
  }
  row('autosave after the last add: longest task (> 50 ms), count', r.saveTasks.length ? `${ms(Math.max(...r.saveTasks))}, ${r.saveTasks.length}` : 'none', '', true);
  row('duplicate: Ctrl+D → copy shown, median', ms(pct(r.dups, 50)), '≤ 50 ms', pct(r.dups, 50) <= 50);
  row('duplicate: Ctrl+D → copy shown, p95', ms(pct(r.dups, 95)), '≤ 50 ms', pct(r.dups, 95) <= 50);
  for (const [how, a] of [
    ['in view', r.dragFrames],
    ['at the edge, scrolling', r.scrollFrames],
  ]) {
    row(`overview drag ${how}: frame interval, median`, ms(pct(a, 50)), '', true);
    row(`overview drag ${how}: frame interval, p95`, ms(pct(a, 95)), '≤ 20 ms', pct(a, 95) <= 20);
    row(`overview drag ${how}: frame interval, max`, ms(Math.max(...a)), '', true);
  }
}

/** Where the adds' time went: the long frames overlapping each slow add, and the hottest functions. */
function profileReport(r) {
  const adds = r.windows.filter((w) => w.what !== 'picker' && w.what !== 'keydown d');
  console.log(`\nProfile: ${r.loaf.length} long animation frames recorded during the adds`);
  const slow = adds.filter((w) => w.timing > 50);
  console.log(`${slow.length} of ${adds.length} adds took > 50 ms; what ran in the long frames overlapping them:`);
  for (const w of slow) {
    console.log(`  ${w.what}: ${w.timing.toFixed(1)} ms`);
    for (const f of r.loaf.filter((f) => f.start < w.t0 + w.timing && f.start + f.duration > w.t0 - 5)) {
      const render = f.renderStart ? f.start + f.duration - f.renderStart : 0;
      console.log(`    frame at ${(f.start - w.t0).toFixed(0)} ms: ${f.duration.toFixed(0)} ms (rendering ${render.toFixed(0)} ms, of which style+layout ${f.styleAndLayoutStart ? (f.start + f.duration - f.styleAndLayoutStart).toFixed(0) : 0} ms)`);
      for (const s of f.scripts) console.log(`      ${s.duration.toFixed(0).padStart(4)} ms  ${s.invoker}${s.fn ? ` → ${s.fn}` : ''}${s.forcedLayout ? ` (forced layout ${s.forcedLayout.toFixed(0)} ms)` : ''}`);
    }
  }
  // Script time by invoker, over the long frames that overlap any add.
  const byInvoker = new Map();
  for (const f of r.loaf) {
    if (!adds.some((w) => f.start < w.t0 + w.timing && f.start + f.duration > w.t0 - 5)) continue;
    for (const s of f.scripts) byInvoker.set(s.invoker, (byInvoker.get(s.invoker) ?? 0) + s.duration);
  }
  console.log('Script time in long frames overlapping an add, by what invoked it:');
  for (const [k, v] of [...byInvoker].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${v.toFixed(0).padStart(6)} ms  ${k}`);
  if (!r.profile) return;
  addWindowProfile(r, adds);
  // Self time per function over the whole add phase (CDP sampling profiler, 0.2 ms).
  const { nodes, samples, timeDeltas } = r.profile;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0;
  for (let i = 0; i < samples.length; i++) {
    const n = byId.get(samples[i]);
    const dt = (timeDeltas[i + 1] ?? 0) / 1000;
    const f = n.callFrame;
    if (f.functionName === '(idle)' || f.functionName === '(program)') continue;
    total += dt;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  }
  console.log(`Busy main-thread time over the ${adds.length} adds and ${r.picker.length} pickers: ${total.toFixed(0)} ms; most self time:`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${v.toFixed(1).padStart(7)} ms  ${k}`);
}

/** The CPU samples inside the add windows (input → frame shown): inclusive time per function. */
function addWindowProfile(r, adds) {
  const { nodes, samples, timeDeltas, startTime } = r.profile;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Sample times in µs of the profiler's clock.
  const times = [];
  let t = startTime;
  for (const d of timeDeltas) times.push((t += d));
  const calIndex = samples.findIndex((id) => byId.get(id).callFrame.functionName === '__benchCalibrate');
  if (calIndex < 0) return console.log('(no calibration sample: cannot place samples in the add windows)');
  const offset = times[calIndex] / 1000 - r.calibration; // profiler ms − page ms
  const inWindow = (ms) => adds.some((w) => ms >= w.t0 && ms <= w.t0 + w.timing);
  const incl = new Map();
  let busy = 0;
  let span = 0;
  for (const w of adds) span += w.timing;
  for (let i = 0; i < samples.length; i++) {
    const ms = times[i] / 1000 - offset;
    if (!inWindow(ms)) continue;
    const dt = (timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(samples[i]).callFrame.functionName;
    if (leaf === '(idle)' || leaf === '(program)') continue;
    busy += dt;
    const seen = new Set();
    for (let id = samples[i]; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id).callFrame;
      if (f.functionName === '(root)') continue;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      incl.set(key, (incl.get(key) ?? 0) + dt);
    }
  }
  console.log(`Inside the ${adds.length} add windows (${span.toFixed(0)} ms in all), JavaScript ran ${busy.toFixed(0)} ms; inclusive time by function:`);
  for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log(`  ${v.toFixed(1).padStart(7)} ms  ${k}`);
}

/**
 * How the renderer's main thread spent the add windows, from the trace: the time of each
 * top-level task's kind of work (nested events are charged to the innermost one).
 */
function traceReport(r) {
  const events = (r.trace.traceEvents ?? r.trace).filter((e) => e.ph === 'X' || e.ph === 'I' || e.ph === 'R' || e.ph === 'n');
  const stamp = events.find((e) => e.name === 'TimeStamp' && String(e.args?.data?.message ?? '').startsWith('bench-calibrate'));
  if (!stamp) return console.log('(no calibration stamp in the trace)');
  const offset = stamp.ts / 1000 - r.traceCalibration;
  const main = { pid: stamp.pid, tid: stamp.tid };
  const adds = r.windows.filter((w) => w.what !== 'picker' && w.what !== 'keydown d');
  // Complete events on the main thread, nested: charge each one's own time (minus children).
  const xs = events.filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.dur > 0).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const stack = [];
  const charge = (e, from, to) => {
    // Only the part inside an add window counts.
    let t = 0;
    for (const w of adds) {
      const a = Math.max(from, (w.t0 + offset) * 1000);
      const b = Math.min(to, (w.t0 + w.timing + offset) * 1000);
      if (b > a) t += b - a;
    }
    if (t > 0) self.set(e.name, (self.get(e.name) ?? 0) + t / 1000);
  };
  // Walk the intervals: each event's own time is its span minus its children's spans.
  const own = (e, children) => {
    let at = e.ts;
    for (const c of children) {
      if (c.ts > at) charge(e, at, c.ts);
      at = Math.max(at, c.ts + c.dur);
    }
    if (e.ts + e.dur > at) charge(e, at, e.ts + e.dur);
  };
  const kids = new Map();
  const tops = [];
  for (const e of xs) {
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) kids.get(parent).push(e);
    else tops.push(e);
    kids.set(e, []);
    stack.push(e);
  }
  for (const e of xs) own(e, kids.get(e));
  const span = adds.reduce((a, w) => a + w.timing, 0);
  const busy = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`\nTrace: ${adds.length} add windows, ${span.toFixed(0)} ms from input to frame; main thread busy ${busy.toFixed(0)} ms. Per add, by kind of work:`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${(v / adds.length).toFixed(1).padStart(6)} ms  ${k}`);
  // CPU time, which a shared machine's load inflates far less than wall time: the thread
  // time (tdur) of the main thread's top-level tasks that start inside each add window.

  const cpu = adds.map((w) => {
    const from = (w.t0 + offset) * 1000;
    const to = (w.t0 + w.timing + offset) * 1000;
    return tops.filter((e) => e.ts + e.dur > from && e.ts < to).reduce((sum, e) => sum + (e.tdur ?? e.dur), 0) / 1000;
  });
  const sorted = [...cpu].sort((x, y) => x - y);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  console.log(`Main-thread CPU time of the tasks in each add window (thread time): median ${q(50).toFixed(1)} ms, p95 ${q(95).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`);
  // Chart adds build a Chart.js chart and hand a full-size canvas to the compositor: apart.
  const median = (a) => [...a].sort((x, y) => x - y)[Math.floor((a.length - 1) / 2)];
  for (const [name, pick] of [
    ['chart layout', (w) => w.layout === 'Chart'],
    ['other layouts', (w) => w.layout !== 'Chart'],
  ]) {
    const mine = cpu.filter((_, i) => pick(adds[i]));
    if (mine.length) console.log(`  ${name} (${mine.length} adds): median ${median(mine).toFixed(1)} ms, max ${Math.max(...mine).toFixed(1)} ms`);
  }
  // A canvas handed to the compositor again after the add's frame, with nothing drawn on it,
  // is work the add caused (a compositor animation started with it does that): counted in
  // the add's window and in the 50 ms after it.
  const produce = events.filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.name === 'Canvas2DResourceProvider::ProduceCanvasResource');
  const count = (from, to) => produce.filter((e) => e.ts >= from && e.ts < to);
  let inside = 0;
  let after = 0;
  let afterMs = 0;
  for (const w of adds) {
    const from = (w.t0 + offset) * 1000;
    const to = (w.t0 + w.timing + offset) * 1000;
    inside += count(from, to).length;
    const later = count(to, to + 50_000);
    after += later.length;
    afterMs += later.reduce((a, e) => a + e.dur, 0) / 1000;
  }
  console.log(`Canvases handed to the compositor: ${inside} in the ${adds.length} add windows, ${after} in the 50 ms after them (${afterMs.toFixed(0)} ms)`);
}
